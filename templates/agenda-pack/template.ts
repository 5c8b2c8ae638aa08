// Agenda pack → one document model: the agenda (with computed page ranges), then each paper
// on a new page under its own heading, its headings one level down.
import type { Block, DomainDocument, HeadingLevel } from '../../src/model/domain.ts';
import type { Located } from '../common/blocks.ts';
import { agendaToModel, committeeMeta, type CommitteeContext } from '../agenda/template.ts';
import type { AgendaInput } from '../agenda/schema.ts';
import type { AgendaPackInput } from './schema.ts';

export const paperAnchor = (id: string) => `paper-${id}`;

export function packToModel(pack: AgendaPackInput, agenda: AgendaInput, papers: DomainDocument[], c: CommitteeContext, pageRanges?: Map<string, [number, number]>): { model: DomainDocument; problems: Located[] } {
  const titles = new Map(papers.map((p) => [p.meta.id, p.meta.title]));
  const { model: agendaModel, problems } = agendaToModel(agenda, c, { papers: titles, pageRanges });
  const blocks: Block[] = [{ type: 'heading', level: 1, id: paperAnchor(agendaModel.meta.id), text: `Agenda: ${agenda.title}` }];
  blocks.push(...agendaModel.blocks.map((b) => (b.type === 'heading' ? { ...b, level: Math.min(b.level + 1, 6) as HeadingLevel } : b)));
  for (const p of papers) {
    blocks.push({ type: 'pageBreak' });
    blocks.push({ type: 'heading', level: 1, id: paperAnchor(p.meta.id), text: p.meta.title });
    blocks.push(...p.blocks.map((b) => (b.type === 'heading' ? { ...b, level: Math.min(b.level + 1, 6) as HeadingLevel } : b)));
  }
  return { model: { meta: { ...committeeMeta(pack, 'agenda-pack', ['agenda pack'], c.organisation) }, blocks: [{ type: 'contents', title: 'Contents' }, ...blocks] }, problems };
}
