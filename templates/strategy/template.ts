// Strategy → document model: laid out as the Local Account is (cover, contents, other formats, sections).
import type { ImageLoader } from '../common/blocks.ts';
import { localAccountToModel } from '../local-account/template.ts';
import type { StrategyInput } from './schema.ts';

export function strategyToModel(data: StrategyInput, loadImage: ImageLoader) {
  const { model, problems } = localAccountToModel(data, loadImage);
  return { model: { ...model, meta: { ...model.meta, kind: 'strategy', keywords: ['strategy', 'adult social care', ...model.meta.keywords.slice(2)] } }, problems };
}
