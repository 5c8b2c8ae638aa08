// Strategy → document model: laid out as the Local Account is (cover, contents, other formats, sections).
import type { ImageLoader } from '../common/blocks.ts';
import { localAccountToModel } from '../local-account/template.ts';

export function strategyToModel(raw: unknown, loadImage: ImageLoader) {
  const { model, problems } = localAccountToModel(raw, loadImage);
  return { model: { ...model, meta: { ...model.meta, kind: 'strategy', keywords: ['strategy', 'adult social care', ...model.meta.keywords.slice(2)] } }, problems };
}
