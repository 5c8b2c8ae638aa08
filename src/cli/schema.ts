// npm run schema: writes schema/<kind>.schema.json and schema/organisation.schema.json, as
// `docgen schema` does (src/cli/commands/schema.ts holds the work).
import { writeSchemas } from './commands/schema.ts';

for (const file of writeSchemas('schema')) console.log(`wrote ${file}`);
