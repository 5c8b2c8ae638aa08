// The colours a writer draws a document in: its organisation's (lowering puts them in the model's
// meta), or the installation's default profile's for a model made without one (a test's own).
import type { DocumentModel } from '../model/types.ts';
import { DEFAULT_ORGANISATION } from './kent.ts';
import type { Identity } from './types.ts';

export const identityOf = (doc: Pick<DocumentModel, 'meta'>): Identity => doc.meta.identity ?? DEFAULT_ORGANISATION.identity;

/** #rrggbb as Word writes colours: RRGGBB. */
export const wordColour = (hex: string) => hex.slice(1).toUpperCase();
