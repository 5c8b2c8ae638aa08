// Parses a YAML or JSON content file and keeps source positions, so that every
// problem can be reported as file:line:col.
import { Composer, LineCounter, Parser, isMap, isScalar, isSeq, visit, type CST, type Node, type Document, Scalar } from 'yaml';
import { parse as parseJson, type ParseError } from 'jsonc-parser';
import { LIMITS } from '../limits.ts';
import { decodeContent } from './decode.ts';
import { checkCharacters } from './characters.ts';
import { plainJsonError, plainYamlError } from './yaml-errors.ts';
import { formatPath, type PathKey, type Problem } from './problems.ts';

export interface SourceFile {
  file: string;
  data: unknown;
  /** Position of the value at `path`, or of its nearest existing parent. */
  locate(path: readonly PathKey[], offsetLines?: number): { line: number; col: number };
  /** Position of the key `key` in the map at `path` (for unknown fields). */
  locateKey(path: readonly PathKey[], key: string): { line: number; col: number };
  /** Where the text of a Markdown scalar starts: block scalars start on the next line. */
  textStart(path: readonly PathKey[]): { line: number; col: number; block: boolean };
}

/**
 * Parses a content file: bytes are decoded strictly (see decode.ts); text is taken as it is.
 * Every bound (size, nesting, aliases) is checked before the YAML composer, which recurses, runs.
 */
export function parseSource(file: string, input: string | Uint8Array, limits = LIMITS): { source?: SourceFile; problems: Problem[] } {
  let text: string;
  if (typeof input === 'string') text = input.replace(/^\uFEFF/, '');
  else {
    const decoded = decodeContent(file, input, limits);
    if (!decoded.ok) return { problems: [decoded.problem] };
    text = decoded.text;
  }
  const lc = new LineCounter();
  const problemAt = (offset: number, message: string): Problem => ({ file, ...lc.linePos(offset), path: '', message, severity: 'error' });
  const tokens = [...new Parser(lc.addNewLine).parse(text)];
  const bound = checkBounds(tokens, limits);
  if (bound) return { problems: [problemAt(bound.offset, bound.message)] };
  if (/\.json$/i.test(file)) {
    const errors: ParseError[] = [];
    parseJson(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
    if (errors.length) {
      const e = errors[0];
      return { problems: [problemAt(e.offset, plainJsonError(e.error, text.slice(e.offset), text.slice(0, e.offset).trimEnd().slice(-1)))] };
    }
  }

  const options = { prettyErrors: false, uniqueKeys: true, strict: true };
  const docs = [...new Composer(options).compose(tokens, true, text.length)];
  const doc = docs[0];
  // Warnings too: an unknown tag or directive is silently dropped by the parser, and must not be.
  const issues = [...doc.errors, ...doc.warnings].map((e) => ({ offset: e.pos[0], code: e.code as string, message: e.message }));
  if (docs.length > 1) issues.push({ offset: docs[1].range[0], code: 'MULTIPLE_DOCS', message: '' });
  visit(doc, {
    Alias(_, alias, path) {
      const target = alias.resolve(doc);
      if (!target) issues.push({ offset: alias.range?.[0] ?? 0, code: 'UNDEFINED_ALIAS', message: alias.source });
      // An alias inside the part it names makes the content endless (`x: &a [*a]`).
      else if (path.includes(target as never)) issues.push({ offset: alias.range?.[0] ?? 0, code: 'RECURSIVE_ALIAS', message: alias.source });
    },
    Pair(_, pair) {
      // A list or set of fields as a field name (`? [a, b]`): no content field is named so.
      if (pair.key && !isScalar(pair.key)) issues.push({ offset: (pair.key as Node).range?.[0] ?? 0, code: 'NON_STRING_KEY', message: '' });
    },
  });
  if (issues.length) {
    const first = issues.sort((a, b) => a.offset - b.offset)[0];
    const lineOf = (o: number) => text.slice(text.lastIndexOf('\n', o - 1) + 1).split('\n')[0];
    const message =
      first.code === 'UNDEFINED_ALIAS'
        ? `"*${first.message}" repeats a part marked "&${first.message}", but there is no such mark above it; put the value in quotes if it is text`
        : first.code === 'RECURSIVE_ALIAS'
          ? `"*${first.message}" repeats the part marked "&${first.message}" inside itself, which never ends; write the content out instead`
          : plainYamlError(first.code, first.message, lineOf(first.offset));
    return { problems: [problemAt(first.code === 'MISSING_CHAR' && /quote/i.test(first.message) ? openingQuote(text, first.offset) : first.offset, message)] };
  }
  let data: unknown;
  try {
    // Each anchor may be expanded into at most this many nodes: a real repeat is a few, a bomb billions.
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch {
    let firstAlias = 0;
    visit(doc, { Alias: (_, a) => ((firstAlias ||= a.range?.[0] ?? 0), visit.BREAK) });
    return { problems: [problemAt(firstAlias, 'the file repeats marked parts ("&name" and "*name") so many times that it would grow without bound; write the content out in full')] };
  }
  const nodeAt = (path: readonly PathKey[]): Node | null => findNode(doc, path);
  const pos = (offset: number) => lc.linePos(offset);
  const locateValue = (path: readonly PathKey[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = nodeAt(path.slice(0, n));
      if (node?.range) return pos(node.range[0]);
    }
    return { line: 1, col: 1 };
  };
  const characters = checkCharacters(data).map((c): Problem => ({ file, ...locateValue(c.path), path: formatPath(c.path), message: c.message, severity: 'error' }));
  if (characters.length) return { problems: characters.sort((a, b) => a.line - b.line || a.col - b.col) };
  const problems: Problem[] = [];
  const source: SourceFile = {
    file,
    data,
    locate: locateValue,
    locateKey(path, key) {
      const map = nodeAt(path);
      if (isMap(map)) {
        const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
        const k = pair?.key as Node | undefined;
        if (k?.range) return pos(k.range[0]);
      }
      return this.locate(path);
    },
    textStart(path) {
      const node = nodeAt(path);
      if (isScalar(node) && node.range) {
        const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
        const p = pos(node.range[0]);
        return block ? { line: p.line + 1, col: 1, block } : { ...p, block };
      }
      return { ...this.locate(path), block: false };
    },
  };
  return { source, problems };
}

function findNode(doc: Document, path: readonly PathKey[]): Node | null {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isMap(node)) node = node.items.find((p) => isScalar(p.key) && p.key.value === key)?.value;
    else if (isSeq(node) && typeof key === 'number') node = node.items[key];
    else return null;
    if (node == null) return null;
  }
  return node as Node;
}

/** The parser reports an unclosed quote where the file ends; point at the quote that opens it. */
function openingQuote(text: string, errorOffset: number): number {
  let offset = 0;
  for (const line of text.slice(0, errorOffset).split('\n')) {
    const m = /^(\s*(?:- )?[^:#'"]+:\s+|\s*- )(["'])/.exec(line);
    if (m && !line.trimEnd().slice(m[0].length).endsWith(m[2])) return offset + m[1].length;
    offset += line.length + 1;
  }
  return errorOffset;
}

/** Nesting depth and alias count, read from the parser's tokens without recursion. */
function checkBounds(tokens: CST.Token[], limits: typeof LIMITS): { offset: number; message: string } | undefined {
  let aliases = 0;
  let deepest: number | undefined;
  const stack: [CST.Token | undefined, number][] = tokens.map((t) => [t, 0]);
  while (stack.length) {
    const [tok, depth] = stack.pop()!;
    if (!tok) continue;
    if (tok.type === 'alias' && ++aliases > limits.yamlAliases) {
      return { offset: tok.offset, message: `the file repeats marked parts ("*name") more than ${limits.yamlAliases} times; write the content out in full` };
    }
    const tag = [tok, ...('items' in tok ? (tok.items as object[]) : [])]
      .flatMap((t) => ['start', 'sep', 'props'].flatMap((k) => ((t as Record<string, unknown>)[k] as CST.SourceToken[] | undefined) ?? []))
      .find((p) => p?.type === 'tag');
    if (tag) return { offset: tag.offset, message: `"${tag.source}" is a YAML tag, which this format does not use; remove it, or put the value in quotes if it is text` };
    const d = depth + (tok.type === 'block-map' || tok.type === 'block-seq' || tok.type === 'flow-collection' ? 1 : 0);
    if (d > limits.nestingDepth) {
      deepest = Math.min(deepest ?? tok.offset, tok.offset);
      continue;
    }
    if ('value' in tok && tok.value) stack.push([tok.value, d]);
    if ('items' in tok) for (const it of tok.items as { key?: CST.Token | null; value?: CST.Token }[]) stack.push([it.key ?? undefined, d], [it.value, d]);
  }
  if (deepest === undefined) return undefined;
  return { offset: deepest, message: `the content is nested more than ${limits.nestingDepth} levels deep here; no publication needs this many lists inside lists: check the brackets and indentation` };
}

export { formatPath };
