// Faster style lookups for pdfmake, with the same answers.
// pdfmake resolves about 24 style properties for every word it measures, each time pushing the
// word onto the style stack and walking the whole stack (12% of a PDF's time). A word without a
// `style` of its own that does not set a property gets that property from the stack alone, and
// the stack is the same for every word of a paragraph, so the answer is cached until the stack
// next changes.
import * as StyleContextStackModule from 'pdfmake/js/StyleContextStack.js';
import { cjsClass } from './tagging.ts';

interface Stack {
  push(x: unknown): void;
  pop(n?: number): void;
  getProperty(property: string): unknown;
  resolved?: Map<string, unknown>;
}
type Item = Record<string, unknown> | string;

const isValue = (v: unknown) => v !== undefined && v !== null;
let installed = false;

export function installStyleCache(): void {
  if (installed) return;
  installed = true;
  const StyleContextStack = cjsClass(StyleContextStackModule) as {
    prototype: Stack;
    getStyleProperty(item: Item, stack: Stack | undefined, property: string, defaultValue: unknown): unknown;
  };
  const { push, pop } = StyleContextStack.prototype;
  StyleContextStack.prototype.push = function (this: Stack, x: unknown) {
    this.resolved = undefined;
    push.call(this, x);
  };
  StyleContextStack.prototype.pop = function (this: Stack, n?: number) {
    this.resolved = undefined;
    pop.call(this, n);
  };
  const getStyleProperty = StyleContextStack.getStyleProperty;
  StyleContextStack.getStyleProperty = function (item, stack, property, defaultValue) {
    // Strings, sections and items with named styles take pdfmake's own path.
    if (!stack || typeof item !== 'object' || item === null || item.style !== undefined || item.section !== undefined) return getStyleProperty.call(this, item, stack, property, defaultValue);
    if (isValue(item[property])) return item[property];
    const resolved = (stack.resolved ??= new Map());
    let value = resolved.get(property);
    if (value === undefined && !resolved.has(property)) resolved.set(property, (value = stack.getProperty(property)));
    return isValue(value) ? value : defaultValue;
  };
}
