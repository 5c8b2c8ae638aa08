// `docgen schema` (and `npm run schema`): writes each document kind's JSON Schema to schema/, and
// the organisation profile's (organisation.yaml), for editors to validate and autocomplete.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { out } from '../streams.ts';

/** Writes every schema into `dir`; gives the files written. */
export async function writeSchemas(dir = 'schema'): Promise<string[]> {
  // Loaded here, not at the top: the kinds bring the whole renderer, which the other commands' start-up need not pay for.
  const [{ z }, { KINDS }, { OrganisationSchema }] = await Promise.all([import('zod'), import('../../../templates/index.ts'), import('../../organisation/schema.ts')]);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const write = (name: string, schema: object) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(schema, null, 2) + '\n');
    written.push(file);
  };
  for (const k of Object.values(KINDS)) {
    const schema = z.toJSONSchema(k.schema, { io: 'input', unrepresentable: 'any' });
    write(`${k.kind}.schema.json`, { ...schema, title: k.label, $id: `${k.kind}.schema.json` });
  }
  // The profile's contrast and template checks are code, not JSON Schema: the editor checks the shape, the pipeline the rest.
  const profile = z.toJSONSchema(OrganisationSchema, { io: 'input', unrepresentable: 'any' });
  write('organisation.schema.json', { ...profile, title: 'Organisation profile', $id: 'organisation.schema.json' });
  return written;
}

export function schemaCommand(): Command {
  return new Command('schema')
    .description('write each document kind\'s JSON Schema (and the organisation profile\'s) for editors')
    .option('--dir <dir>', 'the folder to write them to', 'schema')
    .action(async (o: { dir: string }) => {
      for (const file of await writeSchemas(o.dir)) out(`wrote ${file}`);
    });
}
