// Reads an organisation.yaml (or .json) into the Organisation contract, or into every located
// problem at once: the same parser (positions, bounds) and the same wording of schema problems
// as content files, so staff read one kind of error whichever file is wrong.
import { parseSource } from '../parse/source.ts';
import { byPosition, formatPath, type Problem } from '../parse/problems.ts';
import { schemaProblems } from '../pipeline/schema-problems.ts';
import { OrganisationSchema } from './schema.ts';
import type { Organisation } from './types.ts';

export type OrganisationResult = { ok: true; organisation: Organisation; locate: (path: (string | number)[]) => { line: number; col: number } } | { ok: false; problems: Problem[] };

export function loadOrganisation(file: string, text: string | Uint8Array): OrganisationResult {
  const parsed = parseSource(file, text);
  if (!parsed.source) return { ok: false, problems: parsed.problems };
  const src = parsed.source;
  const data = src.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problems: [{ file, ...src.locate([]), path: formatPath([]), severity: 'error', message: 'an organisation profile must be a set of fields (id, name, identity, formats, …), not a list or a single value' }] };
  }
  const result = OrganisationSchema.safeParse(data);
  if (!result.success) return { ok: false, problems: schemaProblems(result.error.issues, src, data, OrganisationSchema).sort(byPosition) };
  return { ok: true, organisation: result.data, locate: (path) => src.locate(path) };
}
