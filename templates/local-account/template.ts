// Local Account content → document model: cover facts as metadata, a contents list,
// an "other formats" notice, then the sections in reading order.
import type { DomainDocument, Block } from '../../src/model/domain.ts';
import { Mapper, buildRegistries, collectSections, type ImageLoader, type Located } from '../common/blocks.ts';
import type { LocalAccountInput } from './schema.ts';
import type { Organisation } from '../../src/organisation/types.ts';
import { DEFAULT_ORGANISATION } from '../../src/organisation/kent.ts';
import { formatsSentence } from '../../src/organisation/publication.ts';
import { publishedMeta } from '../common/schema.ts';

const pick = (c: { name: string; phone?: string; email?: string }) => ({ name: c.name, phone: c.phone, email: c.email });

/** A Local Account, or a publication laid out as one (a strategy). */
export type LocalAccountLike = Omit<LocalAccountInput, 'kind'>;

export function localAccountToModel(data: LocalAccountLike, loadImage: ImageLoader, symbols?: ReadonlySet<string>, organisation: Organisation = DEFAULT_ORGANISATION): { model: DomainDocument; problems: Located[] } {
  const problems: Located[] = [];
  const sectionIds = collectSections(data.sections, ['sections'], problems);
  const reg = buildRegistries(data, loadImage, problems, sectionIds, symbols);
  const m = new Mapper(reg);

  const blocks: Block[] = [{ type: 'contents', title: 'Contents' }];
  // Whom to ask for another format: the publication's own contact (alternativeFormats, checked in
  // src/organisation/publication.ts), else its organisation's; and the formats it really offers.
  const formats = organisation.formats;
  const contact = (data.alternativeFormats ? reg.contacts.get(data.alternativeFormats) : undefined) ?? { id: 'other-formats', ...formats.contact };
  blocks.push({
    type: 'box',
    kind: 'box',
    title: 'Other formats',
    blocks: [
      {
        type: 'paragraph',
        inlines: [{ type: 'text', text: `You can ask for this document in ${formatsSentence(formats.offered)}.`, bold: true }],
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
        ...publishedMeta(data.published),
        ...(data.period ? { period: data.period } : {}),
        keywords: ['Local Account', 'adult social care', ...(data.period ? [data.period] : [])],
        reference: data.reference,
        alternativeFormats: pick(contact),
      },
      blocks,
    },
    problems,
  };
}
