// Renders an agenda pack so that the page ranges its agenda prints are the pages where each
// paper really starts and ends: lay out, read the pages back, set the ranges, repeat until stable.
import type { ImageLoader } from '../../templates/common/blocks.ts';
import { packToModel, paperAnchor } from '../../templates/agenda-pack/template.ts';
import { PROFILES } from '../profiles/index.ts';
import { writePdf, type PdfResult } from '../writers/pdf/index.ts';
import type { PackParts } from './validate.ts';

const MAX_PASSES = 4;

export async function renderPack(parts: PackParts, profile: 'standard' | 'large-print', loadImage: ImageLoader): Promise<PdfResult & { ranges: Map<string, [number, number]> }> {
  // Start with three-digit placeholders, so the agenda's text is about as long as the final one.
  let ranges = new Map(parts.papers.map((p) => [p.meta.id, [888, 888] as [number, number]]));
  for (let pass = 1; ; pass++) {
    const { model } = packToModel(parts.pack, parts.agenda, parts.papers, loadImage, ranges);
    const pdf = await writePdf(model, PROFILES[profile]);
    const starts = parts.papers.map((p) => pdf.anchors.get(paperAnchor(p.meta.id)) ?? 0);
    const next = new Map(parts.papers.map((p, i) => [p.meta.id, [starts[i], (starts[i + 1] ?? pdf.pages + 1) - 1] as [number, number]]));
    const stable = [...next].every(([id, r]) => ranges.get(id)?.[0] === r[0] && ranges.get(id)?.[1] === r[1]);
    if (stable) return { ...pdf, ranges };
    if (pass >= MAX_PASSES) throw new Error(`the agenda pack's page ranges did not settle after ${MAX_PASSES} layouts`);
    ranges = next;
  }
}
