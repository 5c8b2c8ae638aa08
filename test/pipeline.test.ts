// The real render handler against the embedded S3 (s3rver): what staff and residents see.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { INPUT_BUCKET, OUTPUT_BUCKET } from '../src/local/embedded-s3.ts';
import { minimal, pixel, useEmbeddedS3 } from './support/embedded.ts';
import { LOCAL_ACCOUNT } from './support/build.ts';

const embedded = useEmbeddedS3();
const { text } = embedded;

describe('upload pipeline on the embedded S3', () => {
  it('publishes every output, index.html and manifest.json, then latest.json', async () => {
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/la/local-account-2016-17.yaml', readFileSync(LOCAL_ACCOUNT), 'application/yaml');
    await embedded.s3().idle();
    const latest = JSON.parse((await text(OUTPUT_BUCKET, 'published/local-account-2016-17/latest.json'))!);
    const manifest = JSON.parse((await text(OUTPUT_BUCKET, latest.manifest))!);
    expect(manifest.id).toBe('local-account-2016-17');
    expect(manifest.generator.template).toBe('local');
    expect(manifest.outputs.map((o: { format: string; profile: string }) => `${o.profile}.${o.format}`).sort()).toEqual(['large-print.docx', 'large-print.pdf', 'standard.brf', 'standard.docx', 'standard.epub', 'standard.html', 'standard.pdf', 'standard.txt']);
    const keys = await embedded.s3().storage.list(OUTPUT_BUCKET, `published/local-account-2016-17/${latest.version}/`);
    expect(keys).toHaveLength(10); // 8 outputs, index.html, manifest.json
    for (const o of manifest.outputs) {
      const body = await embedded.s3().storage.get(OUTPUT_BUCKET, `published/local-account-2016-17/${latest.version}/${o.file}`);
      expect(body?.byteLength, o.file).toBe(o.bytes);
    }
    const index = (await text(OUTPUT_BUCKET, latest.index))!;
    expect(index).toMatch(/<html lang="en-GB">/);
    expect(index).toMatch(/Large print PDF \(18 point\)<\/a> <span class="facts-line">PDF, \d+ KB, \d+ pages<\/span>/);
    expect(index).toContain('Ask for another format');
  });

  it('writes a report with every located error for bad content, and nothing else', async () => {
    const before = await embedded.s3().storage.list(OUTPUT_BUCKET, '');
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/bad/dangling.yaml', readFileSync('test/fixtures/invalid/dangling-references.yaml'), 'application/yaml');
    await embedded.s3().idle();
    const report = JSON.parse((await text(INPUT_BUCKET, 'reports/incoming/bad/dangling.yaml.json'))!);
    expect(report.problems).toHaveLength(5);
    expect(report.problems[0]).toMatchObject({ file: 'incoming/bad/dangling.yaml', line: 15, path: 'sections[0].blocks[0].text' });
    expect(await embedded.s3().storage.list(OUTPUT_BUCKET, '')).toEqual(before);
    expect(await embedded.s3().storage.get(INPUT_BUCKET, 'incoming/bad/dangling.yaml')).toBeDefined(); // the upload is untouched
  });

  it('changes nothing when the same event is delivered again', async () => {
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/min/pixel.png', pixel, 'image/png');
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/min/minimal.yaml', minimal, 'application/yaml');
    await embedded.s3().idle();
    const snapshot = async () => {
      const keys = await embedded.s3().storage.list(OUTPUT_BUCKET, 'published/minimal-account/');
      return Object.fromEntries(await Promise.all(keys.map(async (k) => [k, Buffer.from((await embedded.s3().storage.get(OUTPUT_BUCKET, k))!).toString('base64')])));
    };
    const first = await snapshot();
    expect(Object.keys(first).length).toBe(13); // a version (8 outputs, index.html, manifest.json), latest.json and the stable index.html and HTML
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/min/minimal.yaml', minimal, 'application/yaml'); // S3 redelivers: same object
    await embedded.s3().idle();
    expect(await snapshot()).toEqual(first);
    expect(embedded.s3().outcomes.filter((o) => o.status === 'unchanged')).toHaveLength(1);
  });

  it('handles keys with spaces and non-ASCII characters', async () => {
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/Café reports/pixel.png', pixel, 'image/png');
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/Café reports/Annual report 2017 – draft.yaml', minimal.replace('id: minimal-account', 'id: cafe-report'), 'application/yaml');
    await embedded.s3().idle();
    expect(await text(OUTPUT_BUCKET, 'published/cafe-report/latest.json')).toBeDefined();
  });

  it('publishes 20 uploads at once with nothing lost', async () => {
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await embedded.s3().storage.put(INPUT_BUCKET, `incoming/many/${i}/pixel.png`, pixel, 'image/png');
        await embedded.s3().storage.put(INPUT_BUCKET, `incoming/many/${i}/doc.yaml`, minimal.replace('id: minimal-account', `id: many-${i}`), 'application/yaml');
      }),
    );
    await embedded.s3().idle();
    for (let i = 0; i < 20; i++) {
      const latest = JSON.parse((await text(OUTPUT_BUCKET, `published/many-${i}/latest.json`))!);
      const manifest = JSON.parse((await text(OUTPUT_BUCKET, latest.manifest))!);
      expect(manifest.outputs).toHaveLength(8);
      expect(await embedded.s3().storage.list(OUTPUT_BUCKET, `published/many-${i}/${latest.version}/`)).toHaveLength(10); // 8 outputs, index.html, manifest.json
    }
  });
});
