// What every kind imported from Word has: the title, id, organisation, summary, date and
// reference the draft (or its document properties) says, with placeholders that start "TO DO:"
// and still validate where it says nothing, each named in the to-do list; and the front matter
// (what comes before the first heading) the kind may still read or place.
import type { Draft, DraftBlock } from './draft.ts';
import { frontField, type FrontFields } from './front.ts';
import { slug } from './ids.ts';
import type { TodoList } from './todo.ts';

export interface ImportOptions {
  kind: string;
  /** The organisation's name (from the organisation profile), else a placeholder. */
  organisation?: string;
  /** The publication's id; by default made from the title. */
  id?: string;
}

export const TODO_PREFIX = 'TO DO:';

/** The fields every kind has, and the front matter left over as blocks. */
export interface Common {
  head: Record<string, unknown>;
  front: DraftBlock[];
}

export function common(draft: Draft, opts: ImportOptions, todo: TodoList): Common {
  const front = [...draft.front];
  let title = draft.title;
  if (!title && draft.properties?.title) {
    title = draft.properties.title;
    todo.add(`title: taken from the document's properties (File → Info → Title), “${title}”, as no paragraph is in Word's Title style; check it.`);
  }
  if (!title) {
    // No paragraph in Word's Title style: a short first paragraph is most likely the title.
    const first = front[0];
    if (first?.type === 'text' && first.plain && first.plain.split(' ').length <= 15) {
      title = first.plain;
      front.shift();
      todo.add(`title: taken from the first line, “${title}” (the draft has no paragraph in Word's Title style); check it.`);
    } else {
      title = `${TODO_PREFIX} the publication's title`;
      todo.add(`title: the draft has no title (a paragraph in Word's Title style); write it in title:.`);
    }
  }
  // Without a profile, a line all in bold under the title ("Kent County Council, Adult Social
  // Care") is the organisation and its department, as the project's own Word files print them.
  let organisationName = opts.organisation;
  if (!organisationName) {
    const i = front.findIndex((b) => b.type === 'text' && b.plain && /^\*\*[^*]+\*\*$/.test(b.md) && b.plain.split(' ').length <= 12);
    if (i >= 0) {
      organisationName = (front[i] as { plain: string }).plain.split(', ')[0];
      todo.add(`organisation: “${organisationName}” was taken from the line in bold under the title; check it (the nearest organisation.yaml, when there is one, names it instead).`);
    }
  }
  const fields: FrontFields = {};
  const kept = front.filter((b) => {
    if (b.type !== 'text' || !b.plain) return true;
    const f = frontField(b.plain, organisationName);
    if (!f) return true;
    Object.assign(fields, f);
    return false;
  });
  for (const line of draft.frontLines) Object.assign(fields, frontField(line, organisationName) ?? {});
  const organisation = organisationName ?? `${TODO_PREFIX} the organisation's name`;
  if (!organisationName) todo.add(`organisation: write the organisation's name (it is printed on the cover), or import into a folder whose organisation.yaml names it.`);
  const summary = draft.properties?.description;
  if (summary) todo.add(`summary: taken from the document's properties (File → Info → Comments): check it says in one or two plain sentences what the publication is.`);
  else todo.add(`summary: write one or two plain sentences that say what the publication is (it is the publication's description on the download page and in search results).`);
  if (!fields.published && opts.kind !== 'report') todo.add(`published: the draft does not say when it is published. Add the date (YYYY-MM-DD) when it is, or leave it out; never guess it.`);
  const id = opts.id ?? (slug(title.startsWith(TODO_PREFIX) ? '' : title) || 'imported-publication');
  if (!opts.id) todo.add(`id: "${id}" was made from the title; it names the publication's folder and web address, so change it now if it should be another (lower-case words joined by "-"), not after it is published.`);
  return {
    head: {
      id,
      title,
      ...(draft.subtitle ? { subtitle: draft.subtitle } : {}),
      organisation,
      ...(fields.department ? { department: fields.department } : {}),
      language: 'en-GB',
      ...(fields.published ? { published: fields.published } : {}),
      ...(fields.reference ? { reference: fields.reference } : {}),
      summary: summary ?? `${TODO_PREFIX} one or two plain sentences that say what this publication is.`,
    },
    front: kept,
  };
}
