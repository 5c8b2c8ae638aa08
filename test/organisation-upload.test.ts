// The organisation profile in the upload pipeline (the real handler on the embedded S3): an
// uploaded organisation.yaml is checked, governs the content below it, is an input of each
// version, and a changed profile republishes what it governs; a wrong one is reported, located.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { INPUT_BUCKET, OUTPUT_BUCKET } from '../src/local/embedded-s3.ts';
import { useEmbeddedS3 } from './support/embedded.ts';

const embedded = useEmbeddedS3();
const { text } = embedded;
const PROFILE = readFileSync('test/fixtures/organisations/northmoor/organisation.yaml', 'utf8');
const REPORT = readFileSync('test/fixtures/organisations/northmoor/northmoor-annual-report.yaml', 'utf8');
const put = async (key: string, body: string) => {
  await embedded.s3().storage.put(INPUT_BUCKET, key, body, 'application/yaml');
  await embedded.s3().idle();
};
const latest = async (id: string) => JSON.parse((await text(OUTPUT_BUCKET, `published/${id}/latest.json`))!);
const manifestOf = async (id: string) => JSON.parse((await text(OUTPUT_BUCKET, (await latest(id)).manifest))!);

describe('organisation.yaml among the uploads', () => {
  it('governs the content below it: its contact, its words, and it is one of the inputs', async () => {
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/northmoor/northmoor-logo.png', readFileSync('test/fixtures/organisations/northmoor/northmoor-logo.png'), 'image/png');
    await put('incoming/northmoor/organisation.yaml', PROFILE);
    expect(embedded.s3().outcomes.at(-1)).toEqual({ status: 'organisation', key: 'incoming/northmoor/organisation.yaml', id: 'northmoor' });
    await put('incoming/northmoor/2024/northmoor-annual-report.yaml', REPORT);
    const m = await manifestOf('northmoor-annual-report');
    expect(m.organisation).toEqual({ id: 'northmoor', name: 'Northmoor District Council' });
    expect(m.inputs.map((i: { name: string }) => i.name)).toEqual(expect.arrayContaining(['incoming/northmoor/organisation.yaml', 'incoming/northmoor/northmoor-logo.png']));
    const page = (await text(OUTPUT_BUCKET, 'published/northmoor-annual-report/index.html'))!;
    expect(page).toContain('contact Northmoor Customer Access Team');
    const l = await latest('northmoor-annual-report');
    expect(await text(OUTPUT_BUCKET, `${l.manifest.replace('manifest.json', '')}northmoor-annual-report.txt`)).toContain('Spotlight: Ann');
  }, 300_000);

  it('a changed profile republishes what it governs, as a new version', async () => {
    const before = (await latest('northmoor-annual-report')).version;
    await put('incoming/northmoor/organisation.yaml', PROFILE.replace('caseStudy: Spotlight', 'caseStudy: In focus'));
    const after = await latest('northmoor-annual-report');
    expect(after.version).not.toBe(before);
    expect(await text(OUTPUT_BUCKET, `${after.manifest.replace('manifest.json', '')}northmoor-annual-report.txt`)).toContain('In focus: Ann');
  }, 300_000);

  it('a wrong profile is reported at its line, and content it governs is refused with its problems', async () => {
    const wrong = PROFILE.replace('panel: "#f1f7ee"', 'panel: "#555555"');
    await put('incoming/moor/organisation.yaml', wrong);
    const report = JSON.parse((await text(INPUT_BUCKET, 'reports/incoming/moor/organisation.yaml.json'))!);
    const line = wrong.split('\n').findIndex((l) => l.includes('#555555')) + 1;
    expect(report.problems[0]).toMatchObject({ file: 'incoming/moor/organisation.yaml', line, path: 'identity.panel' });
    await put('incoming/moor/northmoor-annual-report.yaml', REPORT.replace('id: northmoor-annual-report', 'id: moor-annual-report'));
    const refused = JSON.parse((await text(INPUT_BUCKET, 'reports/incoming/moor/northmoor-annual-report.yaml.json'))!);
    expect(refused.problems[0]).toMatchObject({ file: 'incoming/moor/organisation.yaml', path: 'identity.panel' });
    expect(await text(OUTPUT_BUCKET, 'published/moor-annual-report/latest.json')).toBeUndefined();
  }, 300_000);
});
