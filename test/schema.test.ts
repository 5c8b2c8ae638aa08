// The JSON Schemas editors validate content with while people type (schema/, npm run schema):
// every field says what it is, the committed files are the ones the code makes, and every content
// file names the schema of its kind, on its first line and in the VS Code settings.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { schemaFiles } from '../src/cli/schema.ts';
import { KINDS } from '../templates/index.ts';

type Json = { [key: string]: unknown };

/** Every property of every object schema anywhere in a JSON Schema, by its path. */
function properties(schema: unknown, path: string, out: { path: string; schema: Json }[] = []): { path: string; schema: Json }[] {
  if (!schema || typeof schema !== 'object') return out;
  if (Array.isArray(schema)) {
    schema.forEach((s, i) => properties(s, `${path}[${i}]`, out));
    return out;
  }
  const s = schema as Json;
  for (const [name, p] of Object.entries((s.properties as Json | undefined) ?? {})) {
    out.push({ path: `${path}.${name}`, schema: p as Json });
    properties(p, `${path}.${name}`, out);
  }
  for (const [name, d] of Object.entries((s.$defs as Json | undefined) ?? {})) properties(d, `$defs.${name}`, out);
  for (const key of ['items', 'prefixItems', 'additionalProperties', 'anyOf', 'oneOf', 'allOf', 'not']) properties(s[key], `${path}.${key}`, out);
  return out;
}

const files = schemaFiles();
const contentFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? contentFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
const content = contentFiles('content').sort();

/** The kind a content file is: its `kind:`, or "organisation" for the profile. */
const kindOfFile = (file: string): string => (basename(file) === 'organisation.yaml' ? 'organisation' : String((parseYaml(readFileSync(file, 'utf8')) as Json).kind));

/** The schema a kind's content is held to: its file in schema/. */
const schemaOf = (kind: string) => `schema/${kind}.schema.json`;

describe('the JSON Schemas for editors', () => {
  it('are made for every kind and the organisation profile', () => {
    expect(files.map((f) => f.file).sort()).toEqual([...Object.keys(KINDS), 'organisation'].map((k) => `${k}.schema.json`).sort());
  });

  it.each(files.map((f) => [f.file, f.json] as const))('%s: every field has a description', (_file, json) => {
    const props = properties(JSON.parse(json), '');
    expect(props.length).toBeGreaterThan(0);
    expect(props.filter((p) => typeof p.schema.description !== 'string' || !p.schema.description.trim()).map((p) => p.path)).toEqual([]);
  });

  it.each(files.map((f) => [f.file, f.json] as const))('%s is committed as the code makes it (run npm run schema when it is not)', (file, json) => {
    const committed = join('schema', file);
    expect(existsSync(committed), `${committed} is missing`).toBe(true);
    expect(readFileSync(committed, 'utf8')).toBe(json);
  });

  it('schema/ holds no schema the code no longer makes', () => {
    expect(readdirSync('schema').filter((f) => f.endsWith('.json')).sort()).toEqual(files.map((f) => f.file).sort());
  });
});

describe('content files name their schema', () => {
  it('there is content to check', () => {
    expect(content.length).toBeGreaterThan(0);
    expect(content).toContain(join('content', 'organisation.yaml'));
  });

  it.each(content)('%s starts with the yaml-language-server line for its kind', (file) => {
    const first = readFileSync(file, 'utf8').split('\n')[0];
    const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(m, `first line is ${JSON.stringify(first)}`).not.toBeNull();
    const target = resolve(dirname(file), m![1]);
    expect(existsSync(target), `${m![1]} does not exist`).toBe(true);
    expect(relative('.', target)).toBe(join(schemaOf(kindOfFile(file))));
  });

  // What the editor checks, read back from the committed JSON Schema (zod reads JSON Schema too):
  // good content is not underlined, and a mistyped field is.
  it.each(content)('%s passes its JSON Schema, and would not with a mistyped field', (file) => {
    const check = z.fromJSONSchema(JSON.parse(readFileSync(schemaOf(kindOfFile(file)), 'utf8')));
    const data = parseYaml(readFileSync(file, 'utf8')) as Json;
    expect(check.safeParse(data).error?.issues ?? []).toEqual([]);
    expect(check.safeParse({ ...data, titel: data.title ?? data.name }).success).toBe(false);
  });
});

describe('VS Code validates content as people type', () => {
  const settings = parseJsonc(readFileSync('.vscode/settings.json', 'utf8')) as { 'yaml.schemas': Record<string, string[]> };
  const mapping = Object.entries(settings['yaml.schemas']);
  /** A glob of the YAML extension's kind (**, *) as a regular expression over a path from the workspace. */
  const globRe = (glob: string) =>
    new RegExp(`^${glob.split(/(\*\*\/|\*)/).map((t) => (t === '**/' ? '(?:[^/]+/)*' : t === '*' ? '[^/]*' : t.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`);

  it('recommends the YAML extension', () => {
    expect((parseJsonc(readFileSync('.vscode/extensions.json', 'utf8')) as { recommendations: string[] }).recommendations).toContain('redhat.vscode-yaml');
  });

  it('maps to schemas that exist', () => {
    for (const [schema] of mapping) expect(existsSync(schema), schema).toBe(true);
  });

  it.each(content)('%s is mapped to its kind’s schema, and to no other', (file) => {
    const path = file.split('\\').join('/');
    const matched = mapping.filter(([, globs]) => globs.some((g) => globRe(g).test(path))).map(([schema]) => relative('.', schema));
    expect(matched).toEqual([schemaOf(kindOfFile(file))]);
  });
});
