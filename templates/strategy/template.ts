// Strategy → document model: laid out as the Local Account is (cover, contents, other formats, sections).
import type { ImageLoader } from '../common/blocks.ts';
import { localAccountToModel } from '../local-account/template.ts';
import type { StrategyInput } from './schema.ts';
import type { Organisation } from '../../src/organisation/types.ts';

export function strategyToModel(data: StrategyInput, loadImage: ImageLoader, symbols?: ReadonlySet<string>, organisation?: Organisation) {
  const { model, problems } = localAccountToModel(data, loadImage, symbols, organisation);
  return { model: { ...model, meta: { ...model.meta, kind: 'strategy', keywords: ['strategy', 'adult social care', ...model.meta.keywords.slice(2)] } }, problems };
}
