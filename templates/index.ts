// The document kinds this product publishes: each a zod schema and a mapping to the document model.
import type { z } from 'zod';
import type { DocumentModel } from '../src/model/types.ts';
import type { ImageLoader, Located } from './common/blocks.ts';
import { LocalAccount } from './local-account/schema.ts';
import { localAccountToModel } from './local-account/template.ts';
import { Agenda } from './agenda/schema.ts';
import { agendaToModel } from './agenda/template.ts';
import { Minutes } from './minutes/schema.ts';
import { minutesToModel } from './minutes/template.ts';
import { Report } from './report/schema.ts';
import { reportToModel } from './report/template.ts';
import { AgendaPack } from './agenda-pack/schema.ts';
import { Strategy } from './strategy/schema.ts';
import { strategyToModel } from './strategy/template.ts';
import { EasyRead } from './easy-read/schema.ts';
import { easyReadToModel } from './easy-read/template.ts';

export interface DocumentKind {
  kind: string;
  label: string;
  schema: z.ZodType;
  /** Absent for the agenda pack, whose model is built from its papers by src/pipeline/pack.ts. */
  toModel?(data: unknown, loadImage: ImageLoader): { model: DocumentModel; problems: Located[] };
}

export const KINDS: Record<string, DocumentKind> = {
  'local-account': { kind: 'local-account', label: 'Local Account', schema: LocalAccount, toModel: localAccountToModel },
  agenda: { kind: 'agenda', label: 'Committee agenda', schema: Agenda, toModel: (d, l) => agendaToModel(d, l) },
  minutes: { kind: 'minutes', label: 'Committee minutes', schema: Minutes, toModel: minutesToModel },
  report: { kind: 'report', label: 'Report to committee', schema: Report, toModel: reportToModel },
  'agenda-pack': { kind: 'agenda-pack', label: 'Agenda pack', schema: AgendaPack },
  strategy: { kind: 'strategy', label: 'Strategy', schema: Strategy, toModel: strategyToModel },
  'easy-read': { kind: 'easy-read', label: 'Easy Read', schema: EasyRead, toModel: easyReadToModel },
};
