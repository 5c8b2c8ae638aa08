// The document kinds this product publishes: each a zod schema and a mapping to the document model.
import type { z } from 'zod';
import type { DocumentModel } from '../src/model/types.ts';
import type { ImageLoader, Located } from './common/blocks.ts';
import { LocalAccount } from './local-account/schema.ts';
import { localAccountToModel } from './local-account/template.ts';

export interface DocumentKind {
  kind: string;
  label: string;
  schema: z.ZodType;
  toModel(data: unknown, loadImage: ImageLoader): { model: DocumentModel; problems: Located[] };
}

export const KINDS: Record<string, DocumentKind> = {
  'local-account': { kind: 'local-account', label: 'Local Account', schema: LocalAccount, toModel: localAccountToModel },
};
