// A walked draft as the content of one kind: the fields every publication has (common.ts), then
// the kind's own shape (kinds/): sections of blocks (Local Account, strategy), sections of picture
// rows with a word list and a contact (Easy Read), or a report to committee's cover, numbered
// sections and appendices.
import type { Draft } from './draft.ts';
import type { PictureFile } from './pictures.ts';
import type { TodoList } from './todo.ts';
import { common, type Common, type ImportOptions } from './common.ts';
import { sectionsContent } from './kinds/sections.ts';
import { easyReadContent } from './kinds/easy-read.ts';
import { reportContent } from './kinds/report.ts';

export { TODO_PREFIX, type ImportOptions } from './common.ts';

type MakeContent = (c: Common, draft: Draft, pictures: Map<number, PictureFile>, todo: TodoList) => Record<string, unknown>;

/** The kinds a Word draft can become, each with what it makes of the draft. */
export const IMPORT_KINDS: Record<string, MakeContent> = {
  'local-account': (c, d, p, t) => sectionsContent('local-account', c, d, p, t),
  strategy: (c, d, p, t) => sectionsContent('strategy', c, d, p, t),
  'easy-read': easyReadContent,
  report: reportContent,
};

/** The kinds whose sections and glossary terms have ids that text can link to ([](#id), glossary:). */
export const linksInside = (kind: string) => kind === 'local-account' || kind === 'strategy';

export function toContent(draft: Draft, pictures: Map<number, PictureFile>, opts: ImportOptions, todo: TodoList): Record<string, unknown> {
  const make = IMPORT_KINDS[opts.kind];
  if (!make) throw new Error(`cannot import as "${opts.kind}"`);
  return make(common(draft, opts, todo), draft, pictures, todo);
}
