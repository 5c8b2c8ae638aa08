// The document kinds this product publishes, each a descriptor (templates/kind.ts): schema,
// builder, outputs and checks. Adding a kind is adding a folder and a line here.
import type { KindDescriptor } from './kind.ts';
import { outputsFor } from '../src/pipeline/formats.ts';
import { easyReadLength } from '../src/checks/easy-read.ts';
import { LocalAccount } from './local-account/schema.ts';
import { localAccountToModel } from './local-account/template.ts';
import { Agenda } from './agenda/schema.ts';
import { agendaToModel } from './agenda/template.ts';
import { Minutes } from './minutes/schema.ts';
import { minutesToModel } from './minutes/template.ts';
import { Report } from './report/schema.ts';
import { reportToModel } from './report/template.ts';
import { Strategy } from './strategy/schema.ts';
import { strategyToModel } from './strategy/template.ts';
import { EasyRead } from './easy-read/schema.ts';
import { easyReadToModel } from './easy-read/template.ts';
import { agendaPack } from './agenda-pack/kind.ts';

export type { KindDescriptor } from './kind.ts';

const PRINT = outputsFor('standard', { largePrint: true });
const simple = (r: { model: import('../src/model/domain.ts').DomainDocument; problems: import('./common/blocks.ts').Located[] }) => ({ doc: r.model, problems: r.problems });

/** A descriptor whose builder takes the output of its own schema (validated, defaults filled in). */
const kind = <Data>(k: KindDescriptor<Data>): KindDescriptor<Data> => k;

const kinds: KindDescriptor[] = [
  kind({ kind: 'local-account', label: 'Local Account', schema: LocalAccount, outputs: PRINT, build: (d, c) => simple(localAccountToModel(d, c.loadImage, c.symbols, c.organisation)) }),
  kind({ kind: 'strategy', label: 'Strategy', schema: Strategy, outputs: PRINT, build: (d, c) => simple(strategyToModel(d, c.loadImage, c.symbols, c.organisation)) }),
  kind({
    kind: 'easy-read',
    label: 'Easy Read',
    schema: EasyRead,
    // Easy Read has its own layout in every format (ER rules), not the standard and large-print ones.
    outputs: outputsFor('easy-read', { largePrint: false }),
    build: (d, c) => simple(easyReadToModel(d, c.loadImage, c.symbols)),
    checkRendered: (file, o) => (o.spec.format === 'pdf' && o.pages ? easyReadLength(file, o.pages) : undefined),
  }),
  kind({ kind: 'agenda', label: 'Committee agenda', schema: Agenda, outputs: PRINT, build: (d, c) => simple(agendaToModel(d, c)) }),
  kind({ kind: 'minutes', label: 'Committee minutes', schema: Minutes, outputs: PRINT, readsBeside: true, build: (d, c) => simple(minutesToModel(d, c)) }),
  kind({ kind: 'report', label: 'Report to committee', schema: Report, outputs: PRINT, build: (d, c) => simple(reportToModel(d, c)) }),
  agendaPack,
];

export const KINDS: Readonly<Record<string, KindDescriptor>> = Object.fromEntries(kinds.map((k) => [k.kind, k]));

/** The descriptor for a kind named in content; own properties only ("constructor" is not a kind). */
export function kindOf(name: unknown): KindDescriptor | undefined {
  return typeof name === 'string' && Object.hasOwn(KINDS, name) ? KINDS[name] : undefined;
}
