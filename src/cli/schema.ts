// npm run schema: writes each document kind's JSON Schema to schema/, for editors to validate and autocomplete.
import { mkdirSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { KINDS } from '../../templates/index.ts';

mkdirSync('schema', { recursive: true });
for (const k of Object.values(KINDS)) {
  const schema = z.toJSONSchema(k.schema, { io: 'input', unrepresentable: 'any' });
  const file = `schema/${k.kind}.schema.json`;
  writeFileSync(file, JSON.stringify({ ...schema, title: k.label, $id: `${k.kind}.schema.json` }, null, 2) + '\n');
  console.log(`wrote ${file}`);
}
