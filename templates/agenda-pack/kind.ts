// The agenda pack: an agenda and its papers, each a content file beside the pack, published as
// one PDF (and a large-print one) whose agenda prints the page range of every paper. Those
// ranges come from the layout itself, so the pack renders itself to a fixed point. Its HTML
// has no pages: the agenda and every paper in one page, linked from its contents.
import type { DomainDocument } from '../../src/model/domain.ts';
import type { Problem } from '../../src/parse/problems.ts';
import { outputsFor } from '../../src/pipeline/formats.ts';
import type { PdfResult } from '../../src/writers/pdf/index.ts';
import { givePrintPages, printPagesOf } from '../../src/writers/epub/pages.ts';
import { renderContext } from '../../src/writers/context.ts';
import { PROFILES } from '../../src/profiles/index.ts';
import type { Built, BuildContext, KindDescriptor } from '../kind.ts';
import type { Located } from '../common/blocks.ts';
import type { AgendaInput } from '../agenda/schema.ts';
import type { CommitteeContext } from '../agenda/template.ts';
import { AgendaPack, type AgendaPackInput as Pack } from './schema.ts';
import { packToModel, paperAnchor } from './template.ts';

interface Parts {
  pack: Pack;
  agenda: AgendaInput;
  papers: DomainDocument[];
  /** What the agenda is built with again on each layout pass: pictures and the organisation profile. */
  committee: CommitteeContext;
}

const MAX_PASSES = 4;

function build(pack: Pack, ctx: BuildContext): Built {
  const problems: Located[] = [];
  const located: Problem[] = [];
  const load = (name: string, path: (string | number)[]) => {
    if (name === ctx.file.split('/').pop()) {
      problems.push({ path, message: 'an agenda pack cannot contain itself; name its agenda and papers' });
      return undefined;
    }
    const r = ctx.loadBeside(name);
    if (r.status === 'missing') problems.push({ path, message: `the file "${name}" is not beside the agenda pack` });
    else if (r.status === 'names-files') problems.push({ path, message: `"${name}" is an agenda pack itself; a pack names an agenda and papers, not another pack` });
    else if (!r.result.ok) located.push(...r.result.problems);
    else return { ...r.result, text: r.text };
    return undefined;
  };
  const agenda = load(pack.agenda, ['agenda']);
  if (agenda && agenda.kind !== 'agenda') problems.push({ path: ['agenda'], message: `"${pack.agenda}" is a ${agenda.kind}, not an agenda` });
  const papers = pack.papers.map((f, i) => load(f, ['papers', i]));
  const ids = new Set<string>();
  papers.forEach((r, i) => {
    if (!r) return;
    if (ids.has(r.domain.meta.id)) problems.push({ path: ['papers', i], message: `the paper "${r.domain.meta.id}" is in the pack twice` });
    ids.add(r.domain.meta.id);
  });
  const empty: DomainDocument = { meta: { id: pack.id, kind: 'agenda-pack', title: pack.title, author: '', subject: '', language: 'en-GB', published: pack.published, keywords: [] }, blocks: [] };
  if (!agenda || agenda.kind !== 'agenda' || papers.some((r) => !r) || problems.length || located.length) return { doc: empty, problems, located };
  // A file beside this one comes back with its data untyped (its kind could be any); its kind is
  // "agenda", so the Agenda schema accepted that data and it is the Agenda schema's output.
  const agendaData = agenda.data as AgendaInput;
  const committee: CommitteeContext = { loadImage: ctx.loadImage, organisation: ctx.organisation };
  const parts: Parts = { pack, agenda: agendaData, papers: papers.map((r) => r!.domain), committee };
  const composed = packToModel(pack, agendaData, parts.papers, committee);
  // Problems found while assembling the pack are at the agenda's field paths.
  return { doc: composed.model, problems: composed.problems, located, pathsIn: { file: pack.agenda, text: agenda.text }, parts };
}

export const agendaPack: KindDescriptor<Pack> = {
  kind: 'agenda-pack',
  label: 'Agenda pack',
  schema: AgendaPack,
  namesFiles: true,
  outputs: outputsFor('standard', { largePrint: true, formats: ['html', 'pdf', 'epub'] }),
  build,
  // The placeholder ranges' layout, then the real ones': the ranges settle at the second as a rule.
  layoutPasses: 2,
  /** Lay out, read the pages where each paper starts back, set the agenda's ranges, repeat until stable. */
  async render(built, spec, env) {
    const parts = built.parts as Parts;
    // The web page and the e-book are the outputs' own writers (loaded on first use: formats.ts).
    if (spec.format === 'html') return spec.writer(env.finish(packToModel(parts.pack, parts.agenda, parts.papers, parts.committee).model, built), PROFILES[spec.profile], env.ctx);
    // The e-book, like the web page, reflows: no page ranges in its agenda. Its page list is the
    // pack PDF's pages, which the pipeline hands it (the PDF is made first) by the blocks' ids.
    if (spec.format === 'epub') {
      // Made alone (--formats epub), it takes its pages from the pack's own PDF, laid out as above.
      if (!printPagesOf(env.ctx)) {
        const pdf = (await agendaPack.render!(built, { ...spec, format: 'pdf' }, { ...env, ctx: renderContext(env.ctx.assets, env.ctx.epoch.toISOString().slice(0, 10)) })) as PdfResult;
        givePrintPages(env.ctx, { pages: pdf.pages, blocks: pdf.blockPages });
      }
      return spec.writer(env.finish(packToModel(parts.pack, parts.agenda, parts.papers, parts.committee).model, built), PROFILES[spec.profile], env.ctx);
    }
    // The PDF writer's own entry with the anchors, loaded when a pack is laid out, not when the kinds are read.
    const { writePdfWith } = await import('../../src/writers/pdf/index.ts');
    // Start with three-digit placeholders, so the agenda's text is about as long as the final one.
    let ranges = new Map(parts.papers.map((p) => [p.meta.id, [888, 888] as [number, number]]));
    for (let pass = 1; ; pass++) {
      const { model } = packToModel(parts.pack, parts.agenda, parts.papers, parts.committee, ranges);
      const pdf = await writePdfWith(env.finish(model, built), PROFILES[spec.profile], env.ctx);
      const starts = parts.papers.map((p) => pdf.anchors.get(paperAnchor(p.meta.id)) ?? 0);
      const next = new Map(parts.papers.map((p, i) => [p.meta.id, [starts[i], (starts[i + 1] ?? pdf.pages + 1) - 1] as [number, number]]));
      const stable = [...next].every(([id, r]) => ranges.get(id)?.[0] === r[0] && ranges.get(id)?.[1] === r[1]);
      if (stable) return pdf;
      if (pass >= MAX_PASSES) throw new Error(`the agenda pack's page ranges did not settle after ${MAX_PASSES} layouts`);
      ranges = next;
    }
  },
};
