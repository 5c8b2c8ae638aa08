// Report → document model. An exempt report publishes only its title and a notice.
import type { Block } from '../../src/model/domain.ts';
import type { PathKey } from '../../src/parse/problems.ts';
import { Mapper, buildRegistries, rec, str, arr, type ImageLoader, type Located } from '../common/blocks.ts';
import { EXEMPT_NOTICE, field, para, txt, typedPageRanges } from '../common/committee.ts';
import { committeeMeta } from '../agenda/template.ts';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export function reportToModel(raw: unknown, loadImage: ImageLoader) {
  const d = rec(raw);
  const problems: Located[] = typedPageRanges(raw);
  const meta = committeeMeta(d, 'report', ['committee report']);
  if (d.exempt) {
    return { model: { meta, blocks: [para(txt(EXEMPT_NOTICE(str(rec(d.exempt).reason) ?? '')))] }, problems };
  }
  const m = new Mapper(buildRegistries(d, loadImage, problems, new Map()));
  const names = (xs: unknown) => arr(xs).map(rec).map((p) => `${str(p.name)}${p.role ? `, ${str(p.role)}` : ''}`);
  const blocks: Block[] = [field('From', names(d.from).join('; ')), field('To', str(d.to) ?? ''), field('Subject', str(d.subject) ?? '')];
  if (d.decision) blocks.push(field('Decision number', str(d.decision) ?? ''));
  blocks.push(field('Classification', str(d.classification) ?? ''));
  blocks.push(field('Past pathway of paper', arr(d.pastPathway).map(String).join('; ') || 'None'));
  blocks.push(field('Future pathway of paper', arr(d.futurePathway).map(String).join('; ') || 'None'));
  if (d.divisions) blocks.push(field('Electoral division', str(d.divisions) ?? ''));

  blocks.push({ type: 'heading', level: 1, id: `${meta.id}-summary`, text: 'Summary' });
  blocks.push(...m.markdown(d.summaryText, ['summaryText']));
  const rec0 = rec(d.recommendations);
  if (d.recommendations) {
    blocks.push({ type: 'heading', level: 1, id: `${meta.id}-recommendations`, text: 'Recommendations' });
    if (rec0.leadIn) blocks.push(para(txt(str(rec0.leadIn) ?? '')));
    if (rec0.text) blocks.push(...m.markdown(rec0.text, ['recommendations', 'text']));
    const items = arr(rec0.items).map(rec);
    if (items.length) blocks.push({ type: 'list', style: 'ordered', labels: items.map((x) => str(x.label) ?? ''), items: items.map((x, i) => m.markdown(x.text, ['recommendations', 'items', i, 'text'])) });
  }

  const paragraphs = (list: unknown, path: PathKey[], level: 2 | 3): Block[] =>
    arr(list).flatMap((pRaw, i) => {
      const p = rec(pRaw);
      const pp = [...path, i];
      const out: Block[] = [];
      const num = str(p.number);
      if (p.title) out.push({ type: 'heading', level, id: `${meta.id}-${slug(`${num ?? ''}-${str(p.title)}`)}-${i}`, text: `${num ? `${num} ` : ''}${str(p.title)}` });
      if (p.text) {
        const body = m.markdown(p.text, [...pp, 'text']);
        // The printed number leads the paragraph's first line, as in the council's papers.
        if (num && !p.title && body[0]?.type === 'paragraph') body[0] = { ...body[0], inlines: [txt(`${num} `, true), ...body[0].inlines] };
        else if (num && !p.title) out.push(para(txt(num, true)));
        out.push(...body);
      }
      if (p.table) out.push(...m.block({ table: p.table }, [...pp]));
      out.push(...paragraphs(p.paragraphs, [...pp, 'paragraphs'], 3));
      return out;
    });
  arr(d.sections).forEach((sRaw, i) => {
    const s = rec(sRaw);
    blocks.push({ type: 'heading', level: 1, id: `${meta.id}-section-${i + 1}`, text: `${str(s.number) ? `${str(s.number)} ` : ''}${str(s.title)}` });
    blocks.push(...paragraphs(s.paragraphs, ['sections', i, 'paragraphs'], 2));
  });

  blocks.push({ type: 'heading', level: 1, id: `${meta.id}-background-documents`, text: 'Background documents' });
  const docs = arr(d.backgroundDocuments).map(rec);
  blocks.push(
    docs.length
      ? { type: 'list', style: 'bullet', items: docs.map((x) => [para(txt(str(x.title) ?? ''), ...(x.url ? [txt(': '), { type: 'link' as const, href: str(x.url)!, children: [txt(str(x.url)!)] }] : []))]) }
      : para(txt('None')),
  );
  const contacts = arr(d.contactDetails).map(rec);
  if (contacts.length) {
    blocks.push({ type: 'heading', level: 1, id: `${meta.id}-contact-details`, text: 'Contact details' });
    for (const c of contacts) {
      blocks.push(para(txt(`${str(c.role)}: `, true), txt([str(c.name), str(c.title)].filter(Boolean).join(', ')),
        ...(c.phone ? [{ type: 'break' as const }, txt(`Telephone: ${str(c.phone)!.replace(/ /g, '\u00a0')}`)] : []),
        ...(c.email ? [{ type: 'break' as const }, txt('Email: '), { type: 'link' as const, href: `mailto:${str(c.email)}`, children: [txt(str(c.email)!)] }] : [])));
    }
  }

  arr(d.appendices).forEach((aRaw, i) => {
    const a = rec(aRaw);
    const path = ['appendices', i];
    blocks.push({ type: 'heading', level: 1, id: `${meta.id}-${slug(str(a.label) ?? `appendix-${i}`)}`, text: `${str(a.label)}: ${str(a.title)}` });
    if (a.lost) blocks.push({ type: 'note', inlines: [txt(str(a.lost) ?? '')] });
    if (a.blocks) blocks.push(...m.blocks(a.blocks, [...path, 'blocks']));
    const r = rec(a.recordOfDecision);
    if (a.recordOfDecision) {
      const dm = rec(r.decisionMaker);
      blocks.push(para(txt(`${str(d.organisation)}: proposed record of decision`, true)));
      blocks.push(field('Decision to be taken by', [str(dm.name), str(dm.role)].filter(Boolean).join(', ')));
      blocks.push(field('Decision number', str(r.number) ?? ''));
      if (r.number && d.decision && r.number !== d.decision) problems.push({ path: [...path, 'recordOfDecision', 'number'], message: `the record of decision says ${String(r.number)} but the report's decision number is ${String(d.decision)}` });
      if (r.publication) blocks.push(para(txt(str(r.publication) ?? '')));
      if (r.keyDecision) blocks.push(field('Key decision', str(r.keyDecision) ?? ''));
      blocks.push(field('Subject', str(r.subject) ?? ''));
      const mdField = (label: string, key: string) => {
        if (r[key] === undefined) return;
        blocks.push(para(txt(`${label}:`, true)));
        blocks.push(...m.markdown(r[key], [...path, 'recordOfDecision', key]));
      };
      mdField('Decision', 'decision');
      mdField('Reasons for decision', 'reasons');
      mdField('Financial implications', 'financial');
      mdField('Legal implications', 'legal');
      mdField('Equality implications', 'equality');
      mdField('Cabinet Committee recommendations and other consultation', 'consultation');
      mdField('Any alternatives considered', 'alternatives');
      const interestsLabel = 'Any interest declared when the decision was taken and any dispensation granted by the Proper Officer';
      if (r.interests === undefined) blocks.push(para(txt(`${interestsLabel}: `, true), txt('to be completed when the decision is taken.')));
      else mdField(interestsLabel, 'interests');
      blocks.push(para(txt('Signed: ', true), txt('.......................   '), txt('Date: ', true), txt('.......................')));
    }
  });
  problems.push(...m.problems);
  return { model: { meta, blocks }, problems };
}
