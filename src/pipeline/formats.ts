// The outputs a publication gets: each a writer given a profile.
import type { DocumentModel } from '../model/types.ts';
import { PROFILES } from '../profiles/index.ts';
import { writePdf } from '../writers/pdf/index.ts';
import { writeDocx } from '../writers/docx/index.ts';
import { writeText } from '../writers/text/index.ts';

export type Format = 'pdf' | 'docx' | 'txt' | 'html';
export type ProfileName = 'standard' | 'large-print' | 'easy-read';

export interface OutputSpec {
  key: string; // e.g. "pdf", "large-print-docx": what --formats accepts
  format: Format;
  profile: ProfileName;
  suffix: string; // file name after the publication id
  contentType: string;
  render(doc: DocumentModel): Promise<{ bytes: Uint8Array; pages?: number }>;
}

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const OUTPUTS: OutputSpec[] = [
  { key: 'pdf', format: 'pdf', profile: 'standard', suffix: '.pdf', contentType: PDF, render: (d) => writePdf(d, PROFILES.standard) },
  { key: 'docx', format: 'docx', profile: 'standard', suffix: '.docx', contentType: DOCX, render: (d) => writeDocx(d, PROFILES.standard) },
  { key: 'txt', format: 'txt', profile: 'standard', suffix: '.txt', contentType: 'text/plain; charset=utf-8', render: async (d) => ({ bytes: writeText(d) }) },
  { key: 'large-print-pdf', format: 'pdf', profile: 'large-print', suffix: '-large-print.pdf', contentType: PDF, render: (d) => writePdf(d, PROFILES['large-print']) },
  { key: 'large-print-docx', format: 'docx', profile: 'large-print', suffix: '-large-print.docx', contentType: DOCX, render: (d) => writeDocx(d, PROFILES['large-print']) },
];

/** Easy Read has its own layout in every format (ER rules), not the standard and large-print ones. */
export const EASY_READ_OUTPUTS: OutputSpec[] = [
  { key: 'pdf', format: 'pdf', profile: 'easy-read', suffix: '.pdf', contentType: PDF, render: (d) => writePdf(d, PROFILES['easy-read']) },
  { key: 'docx', format: 'docx', profile: 'easy-read', suffix: '.docx', contentType: DOCX, render: (d) => writeDocx(d, PROFILES['easy-read']) },
  { key: 'txt', format: 'txt', profile: 'easy-read', suffix: '.txt', contentType: 'text/plain; charset=utf-8', render: async (d) => ({ bytes: writeText(d) }) },
];

export function selectOutputs(keys?: string[], kind?: string): OutputSpec[] {
  const all = kind === 'easy-read' ? EASY_READ_OUTPUTS : OUTPUTS;
  if (!keys || keys.length === 0) return all;
  const known = new Set([...OUTPUTS, ...EASY_READ_OUTPUTS].map((o) => o.key));
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length) throw new Error(`unknown format ${unknown.map((u) => `"${u}"`).join(', ')}; choose from ${OUTPUTS.map((o) => o.key).join(', ')}`);
  return all.filter((o) => keys.includes(o.key));
}
