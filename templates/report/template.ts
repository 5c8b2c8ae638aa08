// Report → document model. An exempt report publishes only its title and a notice. Closing
// sections are numbered and worded as the council prints them; a record of decision prints the
// council's labels, its extra questions where they belong, blocks in answers, blank answers blank.
import type { Block } from '../../src/model/domain.ts';
import type { PathKey } from '../../src/parse/problems.ts';
import { Mapper, buildRegistries, type Located } from '../common/blocks.ts';
import { EXEMPT_NOTICE, checkDecision, checkDecisionNumber, decisionFacts, decisionOf, field, labelsOf, para, txt, typedPageRanges, type CommitteeLabels } from '../common/committee.ts';
import { committeeMeta, type CommitteeContext } from '../agenda/template.ts';
import { ANSWER_KEYS, type AnswerInput, type AnswerKey, type ParagraphInput, type ReportInput } from './schema.ts';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

type RecordInput = NonNullable<ReportInput['appendices'][number]['recordOfDecision']>;

/** The standard questions' labels; the council's own wording comes from the record's `labels`. */
const ANSWER_LABELS: Record<AnswerKey, string> = {
  decision: 'Decision',
  reasons: 'Reasons for decision',
  financial: 'Financial implications',
  legal: 'Legal implications',
  equality: 'Equality implications',
  consultation: 'Cabinet Committee recommendations and other consultation',
  alternatives: 'Any alternatives considered',
  interests: 'Any interest declared when the decision was taken and any dispensation granted by the Proper Officer',
};

/** Front-matter lines of a decision: "Label: value" fields, or a label alone in bold ("Non-key decision"). */
const factBlocks = (facts: { label: string; value?: string }[]): Block[] => facts.map((f) => (f.value ? field(f.label, f.value) : para(txt(f.label, true))));

export function reportToModel(d: ReportInput, c: CommitteeContext) {
  const loadImage = c.loadImage;
  const problems: Located[] = typedPageRanges(d);
  const labels = labelsOf(c.organisation, d.labels);
  checkDecision(d.decision, c.organisation, ['decision'], problems);
  const meta = committeeMeta(d, 'report', ['committee report'], c.organisation);
  if (d.exempt) {
    return { model: { meta, blocks: [para(txt(EXEMPT_NOTICE(d.exempt.reason)))], coverPage: false }, problems };
  }
  // Committee papers store no facts, contacts, glossary, charts or pictures by id: the registries are empty.
  const m = new Mapper(buildRegistries({}, loadImage, problems, new Map(), c.symbols));
  const names = (xs: { name: string; role?: string }[]) => xs.map((p) => `${p.name}${p.role ? `, ${p.role}` : ''}`);
  const blocks: Block[] = [field('From', names(d.from).join('; ')), field('To', d.to), field('Subject', d.subject), ...factBlocks(decisionFacts(d.decision, labels, d.subject))];
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

  // The closing sections, numbered and titled as the council prints them: those with numbers in
  // the order of their numbers ("8. Background documents", "9. Contact details"), then the rest.
  const closing = d.closingSections ?? {};
  const closingParts: { key: 'backgroundDocuments' | 'appendices' | 'contactDetails'; title: string; body: () => Block[] }[] = [
    {
      key: 'backgroundDocuments',
      title: 'Background documents',
      body: () => {
        const docs = d.backgroundDocuments;
        return [
          docs.length
            ? { type: 'list', style: 'bullet', items: docs.map((x) => [para(txt(x.title), ...(x.url ? [txt(': '), { type: 'link' as const, href: x.url, children: [txt(x.url)] }] : []))]) }
            : para(txt('None')),
        ];
      },
    },
    {
      key: 'contactDetails',
      title: 'Contact details',
      body: () =>
        d.contactDetails.map((ct) =>
          para(txt(`${ct.role}: `, true), txt([ct.name, ct.title].filter(Boolean).join(', ')),
            ...(ct.phone ? [{ type: 'break' as const }, txt(`Telephone: ${ct.phone.replace(/ /g, '\u00a0')}`)] : []),
            ...(ct.email ? [{ type: 'break' as const }, txt('Email: '), { type: 'link' as const, href: `mailto:${ct.email}`, children: [txt(ct.email)] }] : [])),
        ),
    },
    {
      key: 'appendices',
      title: 'Appendices',
      body: () => [d.appendices.length ? { type: 'list', style: 'bullet', items: d.appendices.map((a) => [para(txt(`${a.label}: ${a.title}`))]) } : para(txt('None'))],
    },
  ];
  const shown = closingParts.filter((p) => (p.key === 'contactDetails' ? d.contactDetails.length > 0 : p.key === 'appendices' ? closing.appendices !== undefined : true));
  const order = (n: string | undefined) => {
    const v = n === undefined ? NaN : Number.parseFloat(n);
    return Number.isNaN(v) ? Infinity : v;
  };
  shown.sort((x, y) => order(closing[x.key]?.number) - order(closing[y.key]?.number));
  for (const p of shown) {
    const own = closing[p.key];
    const slugKey = p.key.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`);
    blocks.push({ type: 'heading', level: 1, id: `${meta.id}-${slugKey}`, text: `${own?.number ? `${own.number} ` : ''}${own?.title ?? p.title}` });
    blocks.push(...p.body());
  }

  d.appendices.forEach((a, i) => {
    const path = ['appendices', i];
    blocks.push({ type: 'heading', level: 1, id: `${meta.id}-${slug(a.label)}`, text: `${a.label}: ${a.title}` });
    if (a.lost) blocks.push({ type: 'note', inlines: [txt(a.lost)] });
    if (a.blocks) blocks.push(...m.blocks(a.blocks, [...path, 'blocks']));
    const r = a.recordOfDecision;
    if (r) blocks.push(...recordOfDecision(r, [...path, 'recordOfDecision'], d, labels, m, c, problems));
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

/**
 * A record of decision: its heading, the decision maker, number and type in the council's labels,
 * the subject, then each question and its answer (blocks allowed; a blank answer printed blank,
 * an absent question not printed), the record's extra questions after the ones they follow.
 */
function recordOfDecision(r: RecordInput, path: PathKey[], d: ReportInput, labels: CommitteeLabels, m: Mapper, c: CommitteeContext, problems: Located[]): Block[] {
  const own = r.labels ?? {};
  const out: Block[] = [];
  const dm = r.decisionMaker;
  out.push(para(txt(own.heading ?? `${d.organisation}: proposed record of decision`, true)));
  out.push(field(own.decisionMaker ?? 'Decision to be taken by', [dm.name, dm.role].filter(Boolean).join(', ')));
  const keyLabel = own.keyDecision ?? labels.keyDecision;
  const numberLabel = own.number ?? labels.decisionNumber;
  if (r.keyDecision && r.decisionType && r.decisionType !== 'key') problems.push({ path: [...path, 'keyDecision'], message: `keyDecision says why this is a key decision, but decisionType is "${r.decisionType}"; remove one of them` });
  if (r.decisionType === 'none' && r.number) problems.push({ path: [...path, 'number'], message: 'a decision of type "none" has no number; remove the number, or give decisionType key or non-key' });
  const type = r.keyDecision ? 'key' : r.decisionType;
  const reportType = decisionOf(d.decision)?.type;
  if (type && reportType && type !== reportType) problems.push({ path: [...path, r.keyDecision ? 'keyDecision' : 'decisionType'], message: `the record of decision makes this a ${type} decision, but the report's decision is ${reportType}; make them agree` });
  if (r.number) {
    checkDecisionNumber(r.number, c.organisation, [...path, 'number'], problems);
    const reportNumber = decisionOf(d.decision)?.number;
    if (reportNumber && r.number !== reportNumber) problems.push({ path: [...path, 'number'], message: `the record of decision says ${r.number} but the report's decision number is ${reportNumber}` });
    // A key decision's number goes under the key-decision label ("Key decision no: …"), unless
    // the record says why it is key: then that reason is under it, and the number under its own.
    out.push(field(type === 'key' && !r.keyDecision ? keyLabel : numberLabel, r.number));
  }
  if (r.publication) out.push(para(txt(r.publication)));
  if (r.keyDecision) out.push(field(keyLabel, r.keyDecision));
  else if (type === 'key' && !r.number) out.push(para(txt(keyLabel, true)));
  if (type === 'non-key') out.push(para(txt(own.nonKeyDecision ?? labels.nonKeyDecision, true)));
  out.push(field(own.subject ?? labels.decisionTitle, r.subject));

  const answer = (label: string, value: AnswerInput | undefined, at: PathKey[]) => {
    if (value === undefined) return;
    out.push(para(txt(`${label}:`, true)));
    if (value === null || value === '') return; // left blank by the council: the question, and no words of ours
    out.push(...(typeof value === 'string' ? m.markdown(value, at) : m.blocks(value, at)));
  };
  const extras = r.otherSections ?? [];
  for (const key of ANSWER_KEYS) {
    answer(own[key] ?? ANSWER_LABELS[key], r[key], [...path, key]);
    extras.forEach((x, k) => {
      if ((x.after ?? 'equality') === key) answer(x.label, x.text, [...path, 'otherSections', k, 'text']);
    });
  }
  out.push(para(txt('Signed: ', true), txt('.......................   '), txt('Date: ', true), txt('.......................')));
  return out;
}
