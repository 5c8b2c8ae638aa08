// Parses a YAML or JSON content file and keeps source positions, so that every
// problem can be reported as file:line:col.
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node, type Document, Scalar } from 'yaml';
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

export function parseSource(file: string, text: string): { source?: SourceFile; problems: Problem[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, strict: true });
  const problems: Problem[] = doc.errors.map((e) => {
    const pos = lc.linePos(e.pos[0]);
    return {
      file,
      line: pos.line,
      col: pos.col,
      path: '',
      message: plainYamlError(e.code, e.message),
      severity: 'error' as const,
    };
  });
  if (problems.length) return { problems };
  const pos = (offset: number) => lc.linePos(offset);
  const nodeAt = (path: readonly PathKey[]): Node | null => findNode(doc, path);
  const source: SourceFile = {
    file,
    data: doc.toJS({ maxAliasCount: 50 }),
    locate(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = nodeAt(path.slice(0, n));
        if (node?.range) return pos(node.range[0]);
      }
      return { line: 1, col: 1 };
    },
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

function plainYamlError(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'this field is given twice; keep one';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return `the file is not valid YAML here (${first}); check the indentation and punctuation`;
    default:
      return `the file is not valid YAML here: ${first}`;
  }
}

export { formatPath };
