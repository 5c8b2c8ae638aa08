// Minutes → document model. Minute numbers must rise by one; agenda references follow the
// numbering scheme and, when the meeting's agenda is beside the minutes, must be items on it;
// resolutions open with the minute's own wording or the council's; declarations are printed
// as structured ("Mr X: interest") or as the minutes' own sentence.
import type { z } from 'zod';
import type { Block, Inline } from '../../src/model/domain.ts';
import type { PathKey } from '../../src/parse/problems.ts';
import { suggestion } from '../../src/pipeline/field-names.ts';
import { Mapper, buildRegistries, type Located } from '../common/blocks.ts';
import { checkDecision, committeeName, decisionPhrases, field, itemNumber, itemReference, joinNames, labelsOf, meetingPlace, meetingProblems, meetingWhen, para, txt, typedPageRanges, type Person } from '../common/committee.ts';
import { agendaItemNumbers, committeeMeta, type CommitteeContext } from '../agenda/template.ts';
import type { AgendaInput } from '../agenda/schema.ts';
import type { Beside } from '../kind.ts';
import type { MinutesInput } from './schema.ts';

const person = (p: z.infer<typeof Person> & { substituteFor?: string }) =>
  `${p.name}${p.role ? ` (${p.role})` : ''}${p.substituteFor ? ` (Substitute for ${p.substituteFor})` : ''}`;

/** Punctuation that goes on straight after the wording (":-", ",") takes no space before it. */
const joinsWithoutSpace = (s: string) => /^[:;,.)]/.test(s);

export interface MinutesContext extends CommitteeContext {
  /** Reads a content file beside the minutes (their meeting's agenda), when there is one. */
  loadBeside?: (name: string) => Beside;
}

/** The agenda items these minutes may cite, read from the agenda beside them; undefined when they cannot be checked (and why is a problem). */
function agendaBeside(d: MinutesInput, c: MinutesContext, problems: Located[]): { refs: string[]; file: string } | undefined {
  const file = d.agenda;
  if (!file || !c.loadBeside) return undefined;
  const r = c.loadBeside(file);
  const path = ['agenda'];
  if (r.status === 'missing') {
    problems.push({ path, severity: 'warning', message: `the agenda "${file}" is not beside these minutes, so their agenda references were not checked; upload it to the same folder` });
  } else if (r.status === 'names-files') {
    problems.push({ path, message: `"${file}" is an agenda pack; name the agenda itself` });
  } else if (!r.result.ok) {
    problems.push({ path, severity: 'warning', message: `the agenda "${file}" has problems of its own (publish it to see them), so these minutes' agenda references were not checked` });
  } else if (r.result.kind !== 'agenda') {
    problems.push({ path, message: `"${file}" is not an agenda (its kind is "${r.result.kind}"); name this meeting's agenda` });
  } else {
    // A file beside this one comes back untyped; its kind is "agenda", so the Agenda schema accepted it.
    const agenda = r.result.data as AgendaInput;
    if (agenda.meeting.date !== d.meeting.date) problems.push({ path, message: `the agenda "${file}" is for the meeting of ${agenda.meeting.date}, but these minutes are of the meeting of ${d.meeting.date}; name that meeting's agenda` });
    // At the agenda line: the minutes' numbering may be the default, written nowhere.
    if (agenda.numbering !== d.numbering) problems.push({ path, message: `the agenda "${file}" numbers its items with numbering: ${agenda.numbering}, these minutes with numbering: ${d.numbering}; write numbering: ${agenda.numbering} in the minutes too` });
    return { refs: agendaItemNumbers(agenda).map((x) => x.ref), file };
  }
  return undefined;
}

export function minutesToModel(d: MinutesInput, c: MinutesContext) {
  const problems: Located[] = typedPageRanges(d);
  // Committee papers store no facts, contacts, glossary, charts or pictures by id: the registries are empty.
  const m = new Mapper(buildRegistries({}, c.loadImage, problems, new Map(), c.symbols));
  const labels = labelsOf(c.organisation, d.labels);
  const { meeting, attendance: att, declarations } = d;
  problems.push(...meetingProblems(meeting, false));
  const blocks: Block[] = [para(txt(`Minutes of a meeting of the ${committeeName(c.organisation, d.committee)} held ${meetingPlace(meeting)} on ${meetingWhen(meeting)}.`))];
  if (meeting.link) blocks.push(field('Online', [{ type: 'link', href: meeting.link, children: [txt(meeting.link)] }]));
  blocks.push(para(txt('Present: ', true), txt(joinNames(att.present.map(person)))));
  if (att.alsoPresent.length) blocks.push(para(txt('Also present: ', true), txt(joinNames(att.alsoPresent.map(person)))));
  if (att.inAttendance.length) blocks.push(para(txt('In attendance: ', true), txt(joinNames(att.inAttendance.map(person)))));
  const agenda = agendaBeside(d, c, problems);

  // With part headings the minutes sit one level below them; the first item must then be a part.
  const parted = d.items.some((it) => 'part' in it);
  if (parted && !('part' in d.items[0])) problems.push({ path: ['items', 0], message: 'these minutes have part headings, so they start with one (part: …) before the first minute' });
  const level = parted ? 2 : 1;
  const numbers = new Set<number>();
  let last: number | undefined;
  const declarationText = (dec: (typeof declarations)[number], k: number): Inline[] =>
    'text' in dec ? m.inline(dec.text, ['declarations', k, 'text']) : [txt(`${dec.member}: `), ...m.inline(dec.interest, ['declarations', k, 'interest'])];
  d.items.forEach((it, i) => {
    const path: PathKey[] = ['items', i];
    if ('part' in it) {
      blocks.push({ type: 'heading', level: 1, id: `${d.id}-part-${i + 1}`, text: it.part });
      if (it.note) blocks.push(para(txt(it.note)));
      return;
    }
    if ('note' in it) {
      blocks.push(para(txt(it.note)));
      return;
    }
    const n = it.number;
    if (last !== undefined && n !== last + 1) problems.push({ path: [...path, 'number'], message: `minute ${n} follows minute ${last}; minute numbers continue one by one through the year` });
    last = n;
    numbers.add(n);
    checkDecision(it.decision, c.organisation, [...path, 'decision'], problems);
    blocks.push({ type: 'heading', level, id: `${d.id}-minute-${n}`, text: `${n}. ${it.title}` });
    const refs: string[] = [];
    if (it.agendaItem !== undefined) {
      const ref = itemNumber(d.numbering, it.agendaItem);
      if (!ref.ok) problems.push({ path: [...path, 'agendaItem'], message: ref.message });
      else {
        refs.push(itemReference(d.itemLabel, ref.text));
        if (agenda && !agenda.refs.includes(ref.text)) {
          // Plain numbers are all near one another: name the range instead of guessing one.
          const near = d.numbering === 'number' ? undefined : suggestion(ref.text, agenda.refs);
          const known = d.numbering === 'number' && agenda.refs.length ? `${agenda.refs[0]} to ${agenda.refs[agenda.refs.length - 1]}` : agenda.refs.join(', ');
          problems.push({ path: [...path, 'agendaItem'], message: `the agenda "${agenda.file}" has no item ${ref.text}${near ? `; did you mean ${near}?` : `; its items are ${known}`}` });
        }
      }
    }
    refs.push(...decisionPhrases(it.decision, labels, it.title));
    if (refs.length) blocks.push(para(txt(`(${refs.join('; ')})`)));
    if (it.attendance) blocks.push(...m.markdown(it.attendance, [...path, 'attendance']));
    declarations.forEach((dec, k) => {
      if (dec.minute !== n) return;
      blocks.push('text' in dec ? para(...declarationText(dec, k)) : para(txt('Declaration of interest: ', true), ...declarationText(dec, k)));
    });
    if (it.text) blocks.push(...m.markdown(it.text, [...path, 'text']));
    const paras = it.paragraphs ?? [];
    if (paras.length) {
      blocks.push({
        type: 'list',
        style: 'ordered',
        labels: paras.map((p) => p.label),
        items: paras.map((p, pi) => {
          const body = m.markdown(p.text, [...path, 'paragraphs', pi, 'text']);
          const subs = p.items ?? [];
          if (subs.length) body.push({ type: 'list', style: 'ordered', labels: subs.map((s) => s.label), items: subs.map((s, si) => m.markdown(s.text, [...path, 'paragraphs', pi, 'items', si, 'text'])) });
          return body;
        }),
      });
    }
    const ri = it.resolvedItems ?? [];
    if (it.resolved !== undefined || ri.length) {
      const wording = it.resolvedWording ?? labels.resolved;
      const rest = it.resolved !== undefined ? m.inline(it.resolved, [...path, 'resolved']) : [];
      const first = rest[0];
      const tight = first?.type === 'text' && joinsWithoutSpace(first.text);
      blocks.push(para(txt(`${it.resolvedLabel ? `${it.resolvedLabel} ` : ''}${wording}${rest.length && !tight ? ' ' : ''}`, true), ...rest));
    } else if (it.resolvedWording) {
      problems.push({ path: [...path, 'resolvedWording'], message: 'this minute has a resolution wording but no resolution; add resolved: (the words after it) or resolvedItems, or remove resolvedWording' });
    }
    if (ri.length) blocks.push({ type: 'list', style: 'ordered', labels: ri.map((r) => r.label), items: ri.map((r, k) => m.markdown(r.text, [...path, 'resolvedItems', k, 'text'])) });
  });
  if (declarations.length) {
    blocks.push({ type: 'heading', level: 1, id: `${d.id}-declarations`, text: 'Declarations of interest' });
    blocks.push({
      type: 'list',
      style: 'bullet',
      items: declarations.map((dec, k) => {
        const n = dec.minute;
        if (n === undefined) return [para(...declarationText(dec, k))];
        if (!numbers.has(n)) problems.push({ path: ['declarations', k, 'minute'], message: `there is no minute ${n} in these minutes` });
        return [para(...declarationText(dec, k), txt(' (see '), { type: 'xref', target: `${d.id}-minute-${n}`, title: `minute ${n}` }, txt(')'))];
      }),
    });
  }
  problems.push(...m.problems);
  return { model: { meta: committeeMeta(d, 'minutes', ['minutes'], c.organisation), blocks, coverPage: false }, problems };
}
