// Word draft → content file: reads the .docx (read-docx.ts), walks it into a draft (draft.ts),
// makes the kind's content of it (to-content.ts), writes that as YAML with the editor's schema
// line, and checks the result with the pipeline's own validation, so the to-do list also says
// what would stop it being published.
import { Document, isScalar, isSeq, visit } from 'yaml';
import { readDocx } from './read-docx.ts';
import { walkDraft } from './draft.ts';
import { pictureFiles } from './pictures.ts';
import { IMPORT_KINDS, linksInside, toContent, type ImportOptions } from './to-content.ts';
import { TodoList } from './todo.ts';
import { loadContent } from '../pipeline/validate.ts';
import { bytesImageLoader } from '../storage/images.ts';
import { defaultAssets } from '../storage/assets.ts';

export { NotDocxError } from './read-docx.ts';
export { IMPORT_KINDS } from './to-content.ts';

export interface ImportDocxOptions extends ImportOptions {
  /** The schema line's path to schema/<kind>.schema.json, relative to where the YAML is written. */
  schemaPath?: string;
  /** The name the content file will have, for the validation's messages. */
  file?: string;
}

export interface ImportResult {
  yaml: string;
  /** The pictures to write beside the content file, by the names it uses. */
  pictures: { name: string; bytes: Uint8Array }[];
  todo: string[];
}

export const importKinds = (): string[] => Object.keys(IMPORT_KINDS);

export async function importDocx(bytes: Uint8Array, opts: ImportDocxOptions): Promise<ImportResult> {
  if (!Object.hasOwn(IMPORT_KINDS, opts.kind)) throw new Error(`cannot import as "${opts.kind}"; choose ${importKinds().join(', ')}`);
  const todo = new TodoList();
  const { html, pictures, properties } = await readDocx(bytes);
  const draft = { ...walkDraft(html, todo, linksInside(opts.kind)), properties };
  const files = pictureFiles(pictures, todo);
  const content = toContent(draft, files, opts, todo);

  const doc = new Document(content);
  doc.commentBefore = ` yaml-language-server: $schema=${opts.schemaPath ?? `schema/${opts.kind}.schema.json`}\n Imported from a Word draft by docgen import. Lines that start "TO DO:" are placeholders to replace.`;
  // A table's header and rows read best one row a line, as the project's own content writes them.
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || !isSeq(pair.value)) return;
      if (pair.key.value === 'columns') pair.value.flow = true;
      if (pair.key.value === 'rows') for (const row of pair.value.items) if (isSeq(row)) row.flow = true;
    },
  });
  // Text stays as written: long lines are not folded, and paragraphs are literal blocks.
  const yaml = doc.toString({ lineWidth: 0, blockQuote: 'literal' });

  const written = [...files.values()].map((p) => ({ name: p.name, bytes: p.bytes }));
  const loader = bytesImageLoader(new Map(written.map((p) => [p.name, p.bytes])));
  const checked = loadContent(opts.file ?? `${opts.kind}.yaml`, yaml, loader, { symbols: new Set(defaultAssets().symbols.keys()) });
  const problems = checked.ok ? checked.warnings : checked.problems;
  for (const p of problems) todo.add(`${p.severity === 'error' ? 'Must fix before it can be published' : 'Check'}: line ${p.line}, ${p.path || 'the file'}: ${p.message}.`.replace(/\.\.$/, '.'), p.severity === 'error' ? undefined : `checks: ${p.rule ?? 'warnings'}`);
  return { yaml, pictures: written, todo: todo.list() };
}
