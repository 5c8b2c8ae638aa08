// npm run schema (and `docgen schema`): each document kind's JSON Schema, and the organisation
// profile's (organisation.yaml), for editors to validate and autocomplete as people type.
// schemaFiles() makes them without writing anything, so a test can tell when schema/ is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { KINDS } from '../../templates/index.ts';
import { OrganisationSchema } from '../organisation/schema.ts';

/** Every JSON Schema file the editors use: its name in schema/ and its text as written there. */
export function schemaFiles(): { file: string; json: string }[] {
  const text = (schema: object) => JSON.stringify(schema, null, 2) + '\n';
  const out = Object.values(KINDS).map((k) => ({
    file: `${k.kind}.schema.json`,
    json: text({ ...z.toJSONSchema(k.schema, { io: 'input', unrepresentable: 'any' }), title: k.label, $id: `${k.kind}.schema.json` }),
  }));
  // The profile's contrast and template checks are code, not JSON Schema: the editor checks the shape, the pipeline the rest.
  const profile = z.toJSONSchema(OrganisationSchema, { io: 'input', unrepresentable: 'any' });
  out.push({ file: 'organisation.schema.json', json: text({ ...profile, title: 'Organisation profile', $id: 'organisation.schema.json' }) });
  return out;
}

/** Writes every schema into `dir`; gives the files written. */
export function writeSchemas(dir = 'schema'): string[] {
  mkdirSync(dir, { recursive: true });
  return schemaFiles().map(({ file, json }) => {
    writeFileSync(join(dir, file), json);
    return join(dir, file);
  });
}

// Run as a script (npm run schema); importing it (docgen schema, a test) writes nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const file of writeSchemas()) console.log(`wrote ${file}`);
}
