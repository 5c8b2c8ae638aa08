// The docgen command as communications officers run it: the bundled bin (dist/cli/docgen.mjs,
// built here by the same script npm's prepare runs), as a child process. Results on stdout,
// problems and warnings on stderr; exit 0 published, 1 content problems, 2 a wrong command;
// never a stack trace.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { KINDS } from '../templates/index.ts';
import { OUTPUT_KEYS } from '../src/pipeline/formats.ts';
import { FORMAT_KEYS } from '../src/cli/commands/build.ts';

const ROOT = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string>; scripts: Record<string, string> };
const BIN = join(ROOT, pkg.bin.docgen);

beforeAll(() => {
  // The bundle the bin names, built as `npm install` builds it.
  expect(pkg.scripts.prepare).toBe('node scripts/build-cli.mjs');
  execFileSync('node', ['scripts/build-cli.mjs'], { cwd: ROOT, stdio: 'pipe' });
});

function docgen(args: string[], cwd = ROOT) {
  // Not a terminal, and no DOCGEN_DEBUG: what a script calling docgen sees.
  const { DOCGEN_DEBUG: _debug, ...env } = process.env;
  const r = spawnSync('node', [BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stderr.split('\n').filter(Boolean) };
}

const temp = (name: string) => mkdtempSync(join(tmpdir(), `docgen-cli-${name}-`));
const STACK_FRAME = /^\s+at /m;

describe('asking docgen about itself', () => {
  it('--version prints the version in package.json', () => {
    const r = docgen(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it.each(['build', 'new', 'schema', 'preview', 'import', 'rerender'])('%s has its own --help, on stdout', (command) => {
    const r = docgen([command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: docgen ${command} `));
    expect(r.stderr).toBe('');
  });

  it('build --help lists the outputs the pipeline has', () => {
    expect(FORMAT_KEYS).toEqual(OUTPUT_KEYS);
    expect(docgen(['build', '--help']).stdout.replace(/\s+/g, ' ')).toContain(`comma-separated: ${OUTPUT_KEYS.join(', ')}`);
  });

  it('--help lists every subcommand', () => {
    const r = docgen(['--help']);
    expect(r.status).toBe(0);
    for (const command of ['build', 'new', 'schema', 'preview', 'import', 'rerender']) expect(r.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });
});

describe('a wrong command: one line on stderr, exit 2, no stack trace', () => {
  it.each([
    ['an unknown option', ['build', 'content/easy-read/osborne-court-easy-read.yaml', '--bogus'], /^docgen: error: unknown option '--bogus' \(see docgen build --help\)$/],
    ['an unknown option before any command', ['--bogus'], /^docgen: error: unknown option '--bogus'/],
    ['an unknown command', ['publish', 'x.yaml'], /^docgen: error: unknown command 'publish'/],
    ['a misspelt command', ['biuld', 'x.yaml'], /^docgen: error: unknown command 'biuld' \(Did you mean build\?\) \(see docgen --help\)$/],
    ['a missing file', ['build'], /^docgen: error: missing required argument 'file'/],
    ['a missing kind', ['new'], /^docgen: error: missing required argument 'kind'/],
    ['a kind there is not', ['new', 'leaflet'], /^docgen: error: .*'leaflet' is invalid.*easy-read/],
    ['an unknown format', ['build', 'content/easy-read/osborne-court-easy-read.yaml', '--formats', 'pdf,mobi'], /^docgen: error: unknown format "mobi"; choose from html, pdf/],
  ])('%s', (_what, args, message) => {
    const r = docgen(args);
    expect(r.status).toBe(2);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stdout).toBe('');
  });
});

describe('a folder that cannot be written', () => {
  it('is one line on stderr as the system says it, exit 1, no stack trace', () => {
    const dir = temp('unwritable');
    writeFileSync(join(dir, 'a-file'), '');
    const r = docgen(['build', 'test/fixtures/valid/minimal.yaml', '--formats', 'txt', '--out', join(dir, 'a-file', 'out')]);
    expect(r.status).toBe(1);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^docgen: error: ENOTDIR: not a directory, /);
    expect(r.stdout).toBe('');
  });
});

describe('docgen build', () => {
  const EASY_READ = 'content/easy-read/osborne-court-easy-read.yaml';

  it('publishes a content file: the files made on stdout, exit 0', () => {
    const out = temp('build');
    const r = docgen(['build', EASY_READ, '--out', out]);
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}made osborne-court-easy-read\.pdf +\d+ pages/m);
    expect(r.stdout).toMatch(/^osborne-court-easy-read: \d+ file\(s\), .* → /m);
    expect(readdirSync(join(out, 'osborne-court-easy-read'))).toContain('manifest.json');
  });

  it('--json prints one JSON object on stdout with every file made', () => {
    const out = temp('json');
    const r = docgen(['build', EASY_READ, '--out', out, '--formats', 'pdf,txt', '--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: true, id: 'osborne-court-easy-read', problems: [] });
    expect(report.files.map((f: { name: string }) => f.name)).toEqual(['osborne-court-easy-read.pdf', 'osborne-court-easy-read.txt']);
    for (const f of report.files) expect(f).toEqual({ name: expect.any(String), bytes: expect.any(Number), ms: expect.any(Number), ...(f.name.endsWith('.pdf') ? { pages: expect.any(Number) } : {}) });
    expect(report.files[0].pages).toBeGreaterThan(0);
  });

  it('refuses content with a typo: each problem on stderr as file:line:col: error:, exit 1, nothing written', () => {
    const dir = temp('typo');
    const out = join(dir, 'out');
    const file = join(dir, 'typo.yaml');
    writeFileSync(file, readFileSync(join(ROOT, 'test/fixtures/invalid/unknown-field.yaml')));
    const r = docgen(['build', file, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.lines[0]).toBe(`${file}: 1 problem(s); nothing was published:`);
    expect(r.lines[1]).toBe(`${file}:13:5: error: sections[0].blokcs: unknown field "blokcs"; did you mean "blocks"?`);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(existsSync(out)).toBe(false);
  });

  it('--json on refused content gives ok false and each problem located', () => {
    const r = docgen(['build', 'test/fixtures/invalid/unknown-field.yaml', '--out', temp('json-typo'), '--json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.files).toEqual([]);
    expect(report.problems).toEqual([{ file: 'test/fixtures/invalid/unknown-field.yaml', line: 13, col: 5, path: 'sections[0].blokcs', message: 'unknown field "blokcs"; did you mean "blocks"?' }]);
  });

  it('shows warnings on stderr, with --json too, and keeps stdout for the JSON', () => {
    const dir = temp('warn');
    docgen(['new', 'easy-read', 'warned.yaml'], dir);
    const file = join(dir, 'warned.yaml');
    // Bold marks a hard word; one not in the word list is a warning, not an error (ER-T04).
    writeFileSync(file, readFileSync(file, 'utf8').replace('our **plan**', 'our **plan** and **budget**'));
    const r = docgen(['build', 'warned.yaml', '--out', 'out', '--formats', 'txt', '--json'], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^warned\.yaml:\d+:\d+: warning: sections\[0\]\.rows\[0\]\.text: "budget" is bold but not in the word list/m);
    expect(JSON.parse(r.stdout).warnings).toEqual([expect.objectContaining({ file: 'warned.yaml', path: 'sections[0].rows[0].text', message: expect.stringMatching(/"budget" is bold/) })]);
  });

  it('says what it is doing on stderr with --progress, and not otherwise when stderr is not a terminal', () => {
    const quiet = docgen(['build', 'test/fixtures/valid/minimal.yaml', '--out', temp('quiet'), '--formats', 'txt']);
    expect(quiet.stderr).toBe('');
    const told = docgen(['build', 'test/fixtures/valid/minimal.yaml', '--out', temp('progress'), '--formats', 'txt', '--progress']);
    expect(told.status).toBe(0);
    expect(told.lines).toContain('docgen: checking and rendering txt…');
    expect(told.stdout).not.toMatch(/checking/);
  });
});

describe('docgen new', () => {
  // An agenda pack names its agenda and paper: the starters of those kinds are made beside it first.
  const BESIDE: Record<string, [kind: string, file: string][]> = { 'agenda-pack': [['agenda', 'agenda.yaml'], ['report', 'report.yaml']] };

  it.each(Object.keys(KINDS))('the %s starter publishes as it is', (kind) => {
    const dir = temp(`new-${kind}`);
    for (const [k, f] of BESIDE[kind] ?? []) expect(docgen(['new', k, f], dir).status).toBe(0);
    const made = docgen(['new', kind, `my-${kind}.yaml`], dir);
    expect(made.status).toBe(0);
    expect(made.stdout).toBe(`wrote my-${kind}.yaml\n`);
    const text = readFileSync(join(dir, `my-${kind}.yaml`), 'utf8');
    const schema = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1];
    expect(schema).toMatch(new RegExp(`/schema/${kind}\\.schema\\.json$`));
    expect(existsSync(resolve(dir, schema!))).toBe(true);
    // Every field the kind requires is there, each after a comment saying what it is.
    const required = (JSON.parse(readFileSync(resolve(dir, schema!), 'utf8')) as { required: string[] }).required;
    for (const field of required) expect(text, field).toMatch(new RegExp(`^# .+\\n${field}:`, 'm'));
    const built = docgen(['build', `my-${kind}.yaml`, '--out', 'out'], dir);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    expect(readdirSync(join(dir, 'out', `my-${kind}`))).toContain('manifest.json');
  });

  it('names the file <kind>.yaml when no file is given', () => {
    const dir = temp('default-name');
    expect(docgen(['new', 'report'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'report.yaml'), 'utf8')).toMatch(/^kind: report$/m);
  });

  it('refuses to overwrite a file that is there: exit 1, the file unchanged', () => {
    const dir = temp('overwrite');
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, 'kind: report\n# my own work\n');
    const r = docgen(['new', 'report', file], dirname(file));
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([`docgen: error: ${file} is already there; nothing was written. Give another file name, or move the file away first.`]);
    expect(r.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe('kind: report\n# my own work\n');
  });
});
