// Report → document model. An exempt report publishes only its title and a notice.
import type { Block } from '../../src/model/domain.ts';
import type { PathKey } from '../../src/parse/problems.ts';
import { Mapper, buildRegistries, type ImageLoader, type Located } from '../common/blocks.ts';
import { EXEMPT_NOTICE, field, para, txt, typedPageRanges } from '../common/committee.ts';
import { committeeMeta } from '../agenda/template.ts';
import type { ParagraphInput, ReportInput } from './schema.ts';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The record of decision's Markdown fields, printed under their labels. */
type DecisionText = 'decision' | 'reasons' | 'financial' | 'legal' | 'equality' | 'consultation' | 'alternatives' | 'interests';

export function reportToModel(d: ReportInput, loadImage: ImageLoader) {
  const problems: Located[] = typedPageRanges(d);
  const meta = committeeMeta(d, 'report', ['committee report']);
  if (d.exempt) {
    return { model: { meta, blocks: [para(txt(EXEMPT_NOTICE(d.exempt.reason)))], coverPage: false }, problems };
  }
  // Committee papers store no facts, contacts, glossary, charts or pictures by id: the registries are empty.
  const m = new Mapper(buildRegistries({}, loadImage, problems, new Map()));
  const names = (xs: { name: string; role?: string }[]) => xs.map((p) => `${p.name}${p.role ? `, ${p.role}` : ''}`);
  const blocks: Block[] = [field('From', names(d.from).join('; ')), field('To', d.to), field('Subject', d.subject)];
  if (d.decision) blocks.push(field('Decision number', d.decision));
  blocks.push(field('Classification', d.classification));
  blocks.push(field('Past pathway of paper', d.pastPathway.join('; ') || 'None'));
  blocks.push(field('Future pathway of paper', d.futurePathway.join('; ') || 'None'));
  if (d.divisions) blocks.push(field('Electoral division', d.divisions));

  blocks.push({ type: 'heading', level: 1, id: `${meta.id}-summary`, text: 'Summary' });
  blocks.push(...m.markdown(d.summaryText, ['summaryText']));
  const recs = d.recommendations;
  if (recs) {
    blocks.push({ type: 'heading', level: 1, id: `${meta.id}-recommendations`, text: 'Recommendations' });
    if (recs.leadIn) blocks.push(para(txt(recs.leadIn)));
    if (recs.text) blocks.push(...m.markdown(recs.text, ['recommendations', 'text']));
    if (recs.items.length) blocks.push({ type: 'list', style: 'ordered', labels: recs.items.map((x) => x.label), items: recs.items.map((x, i) => m.markdown(x.text, ['recommendations', 'items', i, 'text'])) });
  }

  const paragraphs = (list: ParagraphInput[], path: PathKey[], level: 2 | 3): Block[] =>
    joinNumbered(list.flatMap((p, i) => {
      const pp = [...path, i];
      const out: Block[] = [];
      const num = p.number;
      if (p.title) out.push({ type: 'heading', level, id: `${meta.id}-${slug(`${num ?? ''}-${p.title}`)}-${i}`, text: `${num ? `${num} ` : ''}${p.title}` });
      if (p.text) {
        const body = m.markdown(p.text, [...pp, 'text']);
        // A numbered paragraph is set with its printed number hanging in the margin, as in the
        // council's papers: a list item labelled with that number (neighbours join one list).
        if (num && !p.title) out.push({ type: 'list', style: 'ordered', labels: [num], items: [body], at: [...pp, 'text'] });
        else out.push(...body);
      }
      if (p.table) out.push(...m.block({ table: p.table }, [...pp]));
      out.push(...paragraphs(p.paragraphs ?? [], [...pp, 'paragraphs'], 3));
      return out;
    }));
  d.sections.forEach((s, i) => {
    blocks.push({ type: 'heading', level: 1, id: `${meta.id}-section-${i + 1}`, text: `${s.number ? `${s.number} ` : ''}${s.title}` });
    blocks.push(...paragraphs(s.paragraphs, ['sections', i, 'paragraphs'], 2));
  });

  blocks.push({ type: 'heading', level: 1, id: `${meta.id}-background-documents`, text: 'Background documents' });
  const docs = d.backgroundDocuments;
  blocks.push(
    docs.length
      ? { type: 'list', style: 'bullet', items: docs.map((x) => [para(txt(x.title), ...(x.url ? [txt(': '), { type: 'link' as const, href: x.url, children: [txt(x.url)] }] : []))]) }
      : para(txt('None')),
  );
  const contacts = d.contactDetails;
  if (contacts.length) {
    blocks.push({ type: 'heading', level: 1, id: `${meta.id}-contact-details`, text: 'Contact details' });
    for (const c of contacts) {
      blocks.push(para(txt(`${c.role}: `, true), txt([c.name, c.title].filter(Boolean).join(', ')),
        ...(c.phone ? [{ type: 'break' as const }, txt(`Telephone: ${c.phone.replace(/ /g, '\u00a0')}`)] : []),
        ...(c.email ? [{ type: 'break' as const }, txt('Email: '), { type: 'link' as const, href: `mailto:${c.email}`, children: [txt(c.email)] }] : [])));
    }
  }

  d.appendices.forEach((a, i) => {
    const path = ['appendices', i];
    blocks.push({ type: 'heading', level: 1, id: `${meta.id}-${slug(a.label)}`, text: `${a.label}: ${a.title}` });
    if (a.lost) blocks.push({ type: 'note', inlines: [txt(a.lost)] });
    if (a.blocks) blocks.push(...m.blocks(a.blocks, [...path, 'blocks']));
    const r = a.recordOfDecision;
    if (r) {
      const dm = r.decisionMaker;
      blocks.push(para(txt(`${d.organisation}: proposed record of decision`, true)));
      blocks.push(field('Decision to be taken by', [dm.name, dm.role].filter(Boolean).join(', ')));
      blocks.push(field('Decision number', r.number));
      if (d.decision && r.number !== d.decision) problems.push({ path: [...path, 'recordOfDecision', 'number'], message: `the record of decision says ${r.number} but the report's decision number is ${d.decision}` });
      if (r.publication) blocks.push(para(txt(r.publication)));
      if (r.keyDecision) blocks.push(field('Key decision', r.keyDecision));
      blocks.push(field('Subject', r.subject));
      const mdField = (label: string, key: DecisionText) => {
        const text = r[key];
        if (text === undefined) return;
        blocks.push(para(txt(`${label}:`, true)));
        blocks.push(...m.markdown(text, [...path, 'recordOfDecision', key]));
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
  return { model: { meta, blocks, coverPage: false }, problems };
}

/** Neighbouring numbered paragraphs are one list, each item labelled with its printed number. */
function joinNumbered(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (b.type === 'list' && b.labels && prev?.type === 'list' && prev.labels && prev.style === b.style) out[out.length - 1] = { ...prev, labels: [...prev.labels, ...b.labels], items: [...prev.items, ...b.items] };
    else out.push(b);
  }
  return out;
}
