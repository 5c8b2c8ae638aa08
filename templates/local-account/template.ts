// Local Account content → document model: cover facts as metadata, a contents list,
// an "other formats" notice, then the sections in reading order.
import type { DomainDocument, Block } from '../../src/model/domain.ts';
import { Mapper, buildRegistries, collectSections, rec, str, arr, type ImageLoader, type Located } from '../common/blocks.ts';

const pick = (c: { name: string; phone?: string; email?: string }) => ({ name: c.name, phone: c.phone, email: c.email });

export function localAccountToModel(raw: unknown, loadImage: ImageLoader): { model: DomainDocument; problems: Located[] } {
  const data = rec(raw);
  const problems: Located[] = [];
  const sectionIds = collectSections(data.sections, ['sections'], problems);
  const reg = buildRegistries(data, loadImage, problems, sectionIds);
  const m = new Mapper(reg);

  const blocks: Block[] = [{ type: 'contents', title: 'Contents' }];
  const alt = str(data.alternativeFormats);
  if (alt) {
    const contact = reg.contacts.get(alt);
    if (!contact) problems.push({ path: ['alternativeFormats'], message: `there is no contact with id "${alt}"; add it to contacts: or correct the id` });
    else
      blocks.push({
        type: 'box',
        kind: 'box',
        title: 'Other formats',
        blocks: [
          {
            type: 'paragraph',
            inlines: [{ type: 'text', text: 'You can ask for this document in another format or language, such as large print, Easy Read, plain text, audio or Braille.', bold: true }],
          },
          { type: 'contact', contact },
        ],
      });
  }
  const body = m.sections(data.sections, ['sections']);
  const signers = arr(data.signatories).map(rec);
  if (signers.length) {
    // Signatories close the first section (the foreword): typed once, shown where they belong.
    const next = body.findIndex((b, i) => i > 0 && b.type === 'heading' && b.level === 1);
    const names = signers.map((s) => `${str(s.name)}, ${str(s.role)}`).join(', and ');
    body.splice(next < 0 ? body.length : next, 0, { type: 'paragraph', inlines: [{ type: 'text', text: `Signed by ${names}.` }] });
  }
  blocks.push(...body);
  problems.push(...m.problems);

  const title = str(data.title) ?? '';
  return {
    model: {
      meta: {
        id: str(data.id) ?? '',
        kind: 'local-account',
        title,
        subtitle: str(data.subtitle),
        author: [str(data.organisation), str(data.department)].filter(Boolean).join(', '),
        subject: str(data.summary) ?? '',
        language: str(data.language) ?? 'en-GB',
        published: str(data.published) ?? '1970-01-01',
        keywords: ['Local Account', 'adult social care', str(data.period) ?? ''].filter(Boolean),
        reference: str(data.reference),
        alternativeFormats: alt && reg.contacts.get(alt) ? pick(reg.contacts.get(alt)!) : undefined,
      },
      blocks,
    },
    problems,
  };
}
