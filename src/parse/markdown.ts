// Markdown (the text fields of content) to document-model blocks.
// Raw HTML never passes through, and links may only be http(s), mailto or tel,
// a glossary term (glossary:id) or a section (#id).
import { Lexer, type Token, type Tokens } from 'marked';
import type { Block, Inline } from '../model/domain.ts';

export interface MarkdownContext {
  glossary: ReadonlyMap<string, string>; // id -> term
  sections: ReadonlyMap<string, string>; // id -> title
  /** What a kind's author should do instead of a heading, table or picture in text (Easy Read has no table blocks). */
  advice?: Partial<Record<'heading' | 'table' | 'image', string>>;
}

export interface MarkdownProblem {
  /** Character offset in the Markdown text, for locating the problem. */
  offset: number;
  message: string;
  rule?: string;
}

const SAFE_SCHEME = /^(https?:\/\/|mailto:|tel:)/i;

export function parseMarkdown(md: string, ctx: MarkdownContext): { blocks: Block[]; problems: MarkdownProblem[] } {
  const problems: MarkdownProblem[] = [];
  const at = (needle: string) => Math.max(0, md.indexOf(needle));
  const problem = (needle: string, message: string, rule?: string) => problems.push({ offset: at(needle), message, rule });

  const inlines = (tokens: Token[] | undefined): Inline[] => {
    const out: Inline[] = [];
    for (const t of tokens ?? []) {
      switch (t.type) {
        case 'text':
        case 'escape': {
          const tt = t as Tokens.Text;
          if (tt.tokens && tt.tokens.length) out.push(...inlines(tt.tokens));
          else out.push({ type: 'text', text: decodeEntities(tt.text) });
          break;
        }
        case 'strong':
          for (const i of inlines((t as Tokens.Strong).tokens)) out.push(i.type === 'text' ? { ...i, bold: true } : i);
          break;
        case 'em':
        case 'del':
          // CP-03: no italics. The words stay; the styling does not.
          out.push(...inlines((t as Tokens.Em).tokens));
          break;
        case 'codespan':
          out.push({ type: 'text', text: decodeEntities((t as Tokens.Codespan).text) });
          break;
        case 'br':
          out.push({ type: 'break' });
          break;
        case 'link': {
          const l = t as Tokens.Link;
          out.push(...link(l));
          break;
        }
        case 'image':
          problem(t.raw, ctx.advice?.image ?? 'pictures cannot go inside text; use a figure block with alt text');
          break;
        case 'html':
          problem(t.raw, `raw HTML is not allowed in text (found ${JSON.stringify(t.raw.trim().slice(0, 40))}); write plain Markdown`);
          break;
        default:
          out.push({ type: 'text', text: decodeEntities(t.raw) });
      }
    }
    return out;
  };

  const link = (l: Tokens.Link): Inline[] => {
    const href = l.href.trim();
    const children = inlines(l.tokens);
    if (href.startsWith('glossary:')) {
      const id = href.slice('glossary:'.length);
      if (!ctx.glossary.has(id)) {
        problem(l.raw, `the glossary has no term "${id}"; add it to glossary: or remove the link`);
        return children;
      }
      return [{ type: 'term', id, children }];
    }
    if (href.startsWith('lang:')) {
      // A passage in another language: [Croeso](lang:cy). Screen readers switch voice (PDF-10, DX-02).
      const lang = href.slice('lang:'.length);
      if (!/^[a-z]{2,3}(-[A-Z]{2})?$/.test(lang)) {
        problem(l.raw, `"${lang}" is not a language tag; write one like "cy" or "fr-FR"`);
        return children;
      }
      return children.map((c) => (c.type === 'text' ? { ...c, lang } : c));
    }
    if (href.startsWith('#')) {
      const id = href.slice(1);
      const title = ctx.sections.get(id);
      if (title === undefined) {
        problem(l.raw, `there is no section with id "${id}" to refer to`);
        return children;
      }
      return [{ type: 'xref', target: id, title }];
    }
    if (!SAFE_SCHEME.test(href)) {
      problem(l.raw, `links may only start with https://, http://, mailto: or tel: (found "${href.slice(0, 40)}")`);
      return children;
    }
    return [{ type: 'link', href, children: children.length ? children : [{ type: 'text', text: href }] }];
  };

  const blocks = (tokens: Token[]): Block[] => {
    const out: Block[] = [];
    for (const t of tokens) {
      switch (t.type) {
        case 'space':
        case 'hr':
          break;
        case 'paragraph':
          out.push({ type: 'paragraph', inlines: trimInlines(inlines((t as Tokens.Paragraph).tokens)) });
          break;
        case 'text': {
          const tt = t as Tokens.Text;
          out.push({ type: 'paragraph', inlines: trimInlines(tt.tokens ? inlines(tt.tokens) : [{ type: 'text', text: tt.text }]) });
          break;
        }
        case 'list': {
          const l = t as Tokens.List;
          const check = l.items.some((i) => i.task);
          if (check && !l.items.every((i) => i.task && i.checked)) {
            problem(t.raw, 'a check list holds achievements: mark every item "- [x]"');
          }
          out.push({
            type: 'list',
            style: check ? 'check' : l.ordered ? 'ordered' : 'bullet',
            ...(l.ordered && typeof l.start === 'number' && l.start !== 1 ? { start: l.start } : {}),
            items: l.items.map((i) => blocks(i.tokens.filter((x) => x.type !== 'checkbox'))),
          });
          break;
        }
        case 'blockquote':
          out.push({ type: 'quote', blocks: blocks((t as Tokens.Blockquote).tokens) });
          break;
        case 'heading':
          problem(t.raw, ctx.advice?.heading ?? 'headings cannot go inside text; start a sub-section with its own title instead');
          break;
        case 'html':
          problem(t.raw, `raw HTML is not allowed in text (found ${JSON.stringify(t.raw.trim().slice(0, 40))}); write plain Markdown`);
          break;
        case 'table':
          problem(t.raw, ctx.advice?.table ?? 'tables cannot go inside text; use a table block with a caption');
          break;
        case 'code':
          out.push({ type: 'paragraph', inlines: [{ type: 'text', text: (t as Tokens.Code).text }] });
          break;
        default:
          out.push({ type: 'paragraph', inlines: [{ type: 'text', text: t.raw.trim() }] });
      }
    }
    return out;
  };

  const lexed = new Lexer({ gfm: true }).lex(md);
  return { blocks: blocks(lexed), problems };
}

/**
 * A plain-text field (a key fact's label or figure) as it is printed. Authors type Markdown's
 * backslash escapes there too, as they do in the Markdown around it ("discount them\*", the
 * asterisk of a footnote): as in Markdown, a backslash before ASCII punctuation is an escape and
 * is dropped, so the page says "them*"; any other backslash is kept.
 */
export function plainText(s: string): string {
  return s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Parses Markdown that must be a single paragraph of inline text (labels, captions, notes). */
export function parseInline(md: string, ctx: MarkdownContext): { inlines: Inline[]; problems: MarkdownProblem[] } {
  const { blocks, problems } = parseMarkdown(md, ctx);
  const inl: Inline[] = [];
  blocks.forEach((b, i) => {
    if (i > 0) inl.push({ type: 'break' });
    if (b.type === 'paragraph') inl.push(...b.inlines);
  });
  return { inlines: inl, problems };
}

function trimInlines(inl: Inline[]): Inline[] {
  // Soft line breaks inside a paragraph are spaces: a paragraph is one logical line (PT-04).
  return inl.map((i) => (i.type === 'text' ? { ...i, text: i.text.replace(/\s*\n\s*/g, ' ') } : i));
}

function decodeEntities(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
