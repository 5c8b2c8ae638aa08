// Local Account content → document model: cover facts as metadata, a contents list,
// an "other formats" notice, then the sections in reading order.
import type { DomainDocument, Block } from '../../src/model/domain.ts';
import { Mapper, buildRegistries, collectSections, type ImageLoader, type Located } from '../common/blocks.ts';
import type { LocalAccountInput } from './schema.ts';

const pick = (c: { name: string; phone?: string; email?: string }) => ({ name: c.name, phone: c.phone, email: c.email });

/** A Local Account, or a publication laid out as one (a strategy). */
export type LocalAccountLike = Omit<LocalAccountInput, 'kind'>;

export function localAccountToModel(data: LocalAccountLike, loadImage: ImageLoader): { model: DomainDocument; problems: Located[] } {
  const problems: Located[] = [];
  const sectionIds = collectSections(data.sections, ['sections'], problems);
  const reg = buildRegistries(data, loadImage, problems, sectionIds);
  const m = new Mapper(reg);

  const blocks: Block[] = [{ type: 'contents', title: 'Contents' }];
  const contact = reg.contacts.get(data.alternativeFormats);
  if (!contact) problems.push({ path: ['alternativeFormats'], message: `there is no contact with id "${data.alternativeFormats}"; add it to contacts: or correct the id` });
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
  const body = m.sections(data.sections, ['sections']);
  if (data.signatories.length) {
    // Signatories close the first section (the foreword): typed once, shown where they belong.
    const next = body.findIndex((b, i) => i > 0 && b.type === 'heading' && b.level === 1);
    const names = data.signatories.map((s) => `${s.name}, ${s.role}`).join(', and ');
    body.splice(next < 0 ? body.length : next, 0, { type: 'paragraph', inlines: [{ type: 'text', text: `Signed by ${names}.` }] });
  }
  blocks.push(...body);
  problems.push(...m.problems);

  return {
    model: {
      meta: {
        id: data.id,
        kind: 'local-account',
        title: data.title,
        subtitle: data.subtitle,
        author: [data.organisation, data.department].filter(Boolean).join(', '),
        subject: data.summary,
        language: data.language,
        published: data.published,
        keywords: ['Local Account', 'adult social care', data.period],
        reference: data.reference,
        alternativeFormats: contact ? pick(contact) : undefined,
      },
      blocks,
    },
    problems,
  };
}
