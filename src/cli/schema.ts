// npm run schema: writes each document kind's JSON Schema to schema/, and the organisation profile's
// (organisation.yaml), for editors to validate and autocomplete.
import { mkdirSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { KINDS } from '../../templates/index.ts';
import { OrganisationSchema } from '../organisation/schema.ts';

mkdirSync('schema', { recursive: true });
for (const k of Object.values(KINDS)) {
  const schema = z.toJSONSchema(k.schema, { io: 'input', unrepresentable: 'any' });
  const file = `schema/${k.kind}.schema.json`;
  writeFileSync(file, JSON.stringify({ ...schema, title: k.label, $id: `${k.kind}.schema.json` }, null, 2) + '\n');
  console.log(`wrote ${file}`);
}

// The profile's contrast and template checks are code, not JSON Schema: the editor checks the shape, the pipeline the rest.
const profile = z.toJSONSchema(OrganisationSchema, { io: 'input', unrepresentable: 'any' });
writeFileSync('schema/organisation.schema.json', JSON.stringify({ ...profile, title: 'Organisation profile', $id: 'organisation.schema.json' }, null, 2) + '\n');
console.log('wrote schema/organisation.schema.json');
