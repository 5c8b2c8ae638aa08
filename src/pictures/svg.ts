// An author's own drawing (an SVG file beside the content, as Easy Read writers make them): read
// with an HTML parser in its SVG space, refused with one plain sentence when it would run code,
// reach outside itself, or hold words a screen reader cannot read, and otherwise rebuilt from an
// allowlist of drawing elements and attributes (hast-util-sanitize), so whatever an editor adds
// (Inkscape's and Illustrator's metadata, comments, unknown attributes) never reaches a reader.
// What comes out is plain SVG every writer draws the way it draws the bundled symbols.
import { fromHtml } from 'hast-util-from-html';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { Element, Root, RootContent } from 'hast';
import type { ImageData } from '../model/types.ts';

/** A bound on the drawing's elements, as the other limits bound what one upload may cost. */
export const MAX_DRAWING_ELEMENTS = 20_000;

const SHAPES = ['svg', 'g', 'defs', 'symbol', 'use', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'pattern', 'title', 'desc', 'style'];
// hast property names (hast-util-from-html's names for SVG attributes).
const PAINT = ['fill', 'fillOpacity', 'fillRule', 'stroke', 'strokeWidth', 'strokeLinecap', 'strokeLinejoin', 'strokeMiterLimit', 'strokeDashArray', 'strokeDashOffset', 'strokeOpacity', 'opacity', 'color', 'display', 'visibility', 'clipPath', 'clipRule', 'mask', 'style', 'className', 'transform', 'id', 'vectorEffect', 'paintOrder'];
const GEOMETRY = ['viewBox', 'preserveAspectRatio', 'width', 'height', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'd', 'points', 'pathLength'];
const PAINT_SERVERS = ['offset', 'stopColor', 'stopOpacity', 'gradientUnits', 'gradientTransform', 'spreadMethod', 'patternUnits', 'patternContentUnits', 'patternTransform', 'clipPathUnits', 'maskUnits', 'maskContentUnits'];

const SCHEMA: Schema = {
  tagNames: SHAPES,
  attributes: { '*': [...PAINT, ...GEOMETRY, ...PAINT_SERVERS], svg: ['xmlns', 'xmlnsXLink', 'version'], use: ['href', 'xLinkHref'] },
  // Ids and references stay as the drawing has them: its gradients and clip paths refer to them.
  clobber: [],
  clobberPrefix: '',
  protocols: {},
  strip: ['script'],
  ancestors: {},
  required: {},
};

const REDRAW = 'open it in your drawing program and save it again, or export it as PNG';

/** Checks and cleans one SVG drawing; `name` is as the content names it. Never throws. */
export function checkSvg(name: string, bytes: Uint8Array): { ok: true; image: ImageData } | { ok: false; problem: string } {
  const q = `"${name}"`;
  const no = (why: string) => ({ ok: false as const, problem: `the drawing ${q} ${why}` });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return no(`is not a text SVG file (it is not UTF-8); ${REDRAW}`);
  }
  // Entities are how a small file grows to gigabytes (and how files outside it are read): refused whole.
  if (/<!DOCTYPE[^>]*\[|<!ENTITY/i.test(text)) return no(`declares its own entities (a DOCTYPE with [ … ]), which this service never expands; ${REDRAW}`);
  const tree = fromHtml(text, { fragment: true, space: 'svg' });
  const roots = tree.children.filter((c): c is Element => c.type === 'element');
  if (roots.length !== 1 || roots[0].tagName !== 'svg') return no(`is not an SVG drawing (it should have one <svg> element around everything); ${REDRAW}`);
  const svg = roots[0];

  let elements = 0;
  let refusal: string | undefined;
  const visit = (e: Element) => {
    elements++;
    refusal ??= elementProblem(e);
    for (const c of e.children) if (c.type === 'element') visit(c);
  };
  visit(svg);
  if (elements > MAX_DRAWING_ELEMENTS) return no(`has ${elements.toLocaleString('en-GB')} parts, more than the ${MAX_DRAWING_ELEMENTS.toLocaleString('en-GB')} a drawing may have; simplify it or export it as PNG`);
  if (refusal) return no(refusal);

  const size = drawingSize(svg);
  if (!size) return no(`has no size: give its <svg> a viewBox (for example viewBox="0 0 100 100") or a width and height in pixels`);
  const clean = sanitize({ type: 'root', children: [svg] } satisfies Root, SCHEMA) as Root;
  const out = clean.children.find((c): c is Element => c.type === 'element');
  if (!out) return no(`has nothing left to draw; ${REDRAW}`);
  const usesXLink = JSON.stringify(out).includes('"xLinkHref"');
  out.properties = {
    ...out.properties,
    xmlns: 'http://www.w3.org/2000/svg',
    ...(usesXLink ? { xmlnsXLink: 'http://www.w3.org/1999/xlink' } : {}),
    viewBox: out.properties.viewBox ?? `0 0 ${size.width} ${size.height}`,
    width: size.width,
    height: size.height,
  };
  const markup = toHtml(out, { space: 'svg', allowDangerousCharacters: false });
  return { ok: true, image: { data: new TextEncoder().encode(markup), mime: 'image/svg+xml', width: size.width, height: size.height } };
}

/** Why this element makes the drawing unsafe or unreadable, or undefined. */
function elementProblem(e: Element): string | undefined {
  const tag = e.tagName.toLowerCase();
  if (tag === 'script') return 'has a script in it, and a picture may not run code; remove the script in your drawing program, or export the drawing as PNG';
  if (tag === 'foreignobject' || tag === 'iframe') return `has a web page inside it (<${e.tagName}>), which a picture may not have; ${REDRAW}`;
  if (tag === 'image') return 'has another picture inside it (<image>); use that picture as a PNG or JPEG file of its own, or export the whole drawing as PNG';
  if (tag === 'text' || tag === 'tspan' || tag === 'textpath') return 'has words in it (<text>), which a screen reader cannot read and a reader cannot enlarge; put the words in the row\'s text, or convert the text to outlines (paths) in your drawing program';
  for (const [k, v] of Object.entries(e.properties)) {
    if (/^on/i.test(k)) return `runs code when it is ${k.slice(2).toLowerCase()}ed (${k}), and a picture may not run code; remove it in your drawing program, or export the drawing as PNG`;
    const value = Array.isArray(v) ? v.join(' ') : String(v);
    if (/href$/i.test(k) && !value.trim().startsWith('#')) return `refers to something outside itself (${value.slice(0, 60)}); a drawing must hold everything it shows: ${REDRAW}`;
    const outside = outsideReference(value);
    if (outside) return `refers to something outside itself (${outside}); a drawing must hold everything it shows: ${REDRAW}`;
  }
  if (tag === 'style') {
    const css = e.children.map((c: RootContent) => ('value' in c ? String(c.value) : '')).join('');
    const outside = outsideReference(css) ?? (/@import/i.test(css) ? '@import' : undefined);
    if (outside) return `refers to something outside itself (${outside}); a drawing must hold everything it shows: ${REDRAW}`;
  }
  return undefined;
}

/** A url(…) that is not one of the drawing's own #ids, or a script address. */
function outsideReference(value: string): string | undefined {
  for (const m of value.matchAll(/url\(\s*['"]?([^'")]*)/gi)) if (!m[1].trim().startsWith('#')) return `url(${m[1].slice(0, 60)})`;
  const script = /\b(javascript|vbscript|data):/i.exec(value);
  return script ? script[0] : undefined;
}

/** The drawing's size in CSS pixels: its width and height, else its viewBox's. */
function drawingSize(svg: Element): { width: number; height: number } | undefined {
  const px = (v: unknown) => {
    const m = /^\s*([\d.]+)\s*(px)?\s*$/.exec(String(v ?? ''));
    const n = m ? Number(m[1]) : NaN;
    return Number.isFinite(n) && n > 0 ? n : undefined;
  };
  const box = String(svg.properties.viewBox ?? '').trim().split(/[\s,]+/).map(Number);
  const fromBox = box.length === 4 && box.every(Number.isFinite) && box[2] > 0 && box[3] > 0 ? { width: box[2], height: box[3] } : undefined;
  const width = px(svg.properties.width);
  const height = px(svg.properties.height);
  if (width && height) return { width, height };
  if (fromBox && width) return { width, height: (width * fromBox.height) / fromBox.width };
  if (fromBox && height) return { width: (height * fromBox.width) / fromBox.height, height };
  return fromBox;
}
