// Word's runs (the hast of mammoth's HTML) as the Markdown content fields hold: bold, links the
// pipeline accepts (http(s), mailto, tel), glossary terms and cross-references, line breaks.
// Everything else keeps its words and loses its styling (italics: docs/content-format.md), and
// text is escaped so a "*" or "[" typed in Word stays a character, not Markdown.
import type { Element, ElementContent, RootContent } from 'hast';

export interface InlineContext {
  /** A link inside the document ("#anchor") as Markdown, or undefined when it goes nowhere we know. */
  internal(anchor: string, text: string): string | undefined;
  /** Records something a person must do (a link made plain text, italics dropped). */
  todo(line: string): void;
  /** Where we are, for the to-do lines ("in “Foreword”"). */
  where(): string;
}

const SAFE_LINK = /^(https?:\/\/|mailto:|tel:)/i;

/** Backslash-escapes what Markdown would read as markup inside a line of text. */
export function escapeText(s: string): string {
  return s.replace(/([\\`*_[\]<>~|])/g, '\\$1').replace(/&(?=#?\w+;)/g, '&amp;');
}

/** Escapes what would start a block at the start of a line (a heading, a list, a quote). */
function escapeLineStarts(s: string): string {
  return s.replace(/^(\s*)([#>+-]|\d+[.)])(?=\s|$)/gm, (_m, sp: string, mark: string) => `${sp}${mark.replace(/^(\d+)([.)])$/, '$1\\$2').replace(/^([#>+-])$/, '\\$1')}`);
}

export const isElement = (n: RootContent | ElementContent | undefined, ...tags: string[]): n is Element => n?.type === 'element' && (tags.length === 0 || tags.includes(n.tagName));

/** The plain text of a node, as a reader sees it (line breaks as spaces). */
export function plainText(n: RootContent | ElementContent): string {
  if (n.type === 'text') return n.value;
  if (n.type !== 'element') return '';
  if (n.tagName === 'br') return ' ';
  return n.children.map(plainText).join('');
}

export const squash = (s: string) => s.replace(/[ \t\u00a0]+/g, ' ').trim();

/** Bold that keeps its spaces outside, so "**Note:** text" is bold in every Markdown reader. */
function bold(inner: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner)!;
  return m[2] ? `${m[1]}**${m[2]}**${m[3]}` : inner;
}

/** Inline content as Markdown. `inBold` stops bold inside bold from doubling its stars. */
export function inlineMarkdown(nodes: ElementContent[], ctx: InlineContext, inBold = false): string {
  let out = '';
  for (const n of joinBold(nodes)) {
    if (n.type === 'text') {
      out += escapeText(n.value.replace(/\t/g, ' '));
      continue;
    }
    if (n.type !== 'element') continue;
    switch (n.tagName) {
      case 'strong':
      case 'b': {
        const inner = inlineMarkdown(n.children, ctx, true);
        out += inBold ? inner : bold(inner);
        break;
      }
      case 'em':
      case 'i':
        if (squash(plainText(n))) ctx.todo(`Italics were made plain text (${ctx.where()}): italics are hard to read; use bold for emphasis where it matters.`);
        out += inlineMarkdown(n.children, ctx, inBold);
        break;
      case 'br':
        out += '\\\n';
        break;
      case 'a':
        out += link(n, ctx, inBold);
        break;
      case 'img':
        // Pictures are blocks of their own; the walk takes them out before this.
        break;
      default:
        out += inlineMarkdown(n.children, ctx, inBold);
    }
  }
  return out;
}

/** Word splits bold into runs ("**Ke**" "**y**"): runs side by side are one bold, or "****" breaks it. */
function joinBold(nodes: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const n of nodes) {
    const last = out[out.length - 1];
    if (isElement(n, 'strong', 'b') && isElement(last, 'strong', 'b')) out[out.length - 1] = { ...last, children: [...last.children, ...n.children] };
    else out.push(n);
  }
  return out;
}

function link(a: Element, ctx: InlineContext, inBold: boolean): string {
  const text = inlineMarkdown(a.children, ctx, inBold);
  const plain = squash(plainText(a));
  const href = typeof a.properties.href === 'string' ? a.properties.href.trim() : '';
  // A bookmark (<a id>) with no href is only a place; its text, if any, is the text.
  if (!href) return text;
  if (!plain) return '';
  // mammoth's footnote marks ("[1]", linked to the note) keep their number; the note's link back goes.
  if (/^#(foot|end)note-ref-\d+$/.test(href)) return '';
  if (/^#(foot|end)note-\d+$/.test(href)) return escapeText(plain);
  if (href.startsWith('#')) {
    const md = ctx.internal(href.slice(1), plain);
    if (md !== undefined) return md;
    ctx.todo(`The link "${plain}" (${ctx.where()}) went to a place in the Word document that is not a heading; it is plain text now. Link it to a section with [](#section-id) if it should be.`);
    return text;
  }
  if (!SAFE_LINK.test(href)) {
    ctx.todo(`The link "${plain}" to "${href.slice(0, 80)}" (${ctx.where()}) is plain text now: links may only be https://, http://, mailto: or tel:. Give the web address of the page or document instead.`);
    return text;
  }
  const dest = /[\s()<>]/.test(href) ? `<${href.replace(/[<>]/g, encodeURIComponent)}>` : href;
  return `[${text.trim() || escapeText(plain)}](${dest})`;
}

/** A paragraph's Markdown: inline Markdown, spaces tidied, block markers at line starts escaped. */
export function paragraphMarkdown(nodes: ElementContent[], ctx: InlineContext): string {
  const md = inlineMarkdown(nodes, ctx)
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').replace(/^ /, ''))
    .join('\n')
    // Word's page reference after a cross-reference ("(page 12)", empty until Word updates it):
    // the pipeline prints the page itself.
    .replace(/(\[\]\(#[a-z0-9-]+\))\s*\(page\s*\d*\)/g, '$1')
    .trim();
  return escapeLineStarts(md);
}

/** A paragraph whose every word is bold (a glossary term, a contact's name, a row header). */
export function allBold(e: Element): boolean {
  const text = squash(plainText(e));
  if (!text) return false;
  const boldText = (n: ElementContent): string => (n.type !== 'element' ? '' : n.tagName === 'strong' || n.tagName === 'b' ? plainText(n) : n.children.map(boldText).join(''));
  return squash(e.children.map(boldText).join('')) === text;
}
