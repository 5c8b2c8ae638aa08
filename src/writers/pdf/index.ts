// PDF writer: lays the document model out with pdfmake and, unless told not to, tags it
// (PDF/UA-1: structure tree, artifacts, /Lang, title, outline) through tagging.ts.
import pdfmakeInstance from 'pdfmake';
import type { DocumentModel } from '../../model/types.ts';
import type { Profile } from '../../profiles/index.ts';
import type { Assets, RenderContext, Writer } from '../context.ts';
import { layoutDocument, type BlockTag } from './layout.ts';
import { installTagging } from './tagging.ts';
import { installShapingCache } from './shaping-cache.ts';
import { installStyleCache } from './style-cache.ts';

interface PdfMake {
  virtualfs: { writeFileSync(name: string, data: Buffer): void };
  setFonts(f: object): void;
  setUrlAccessPolicy(f: (url: string) => boolean): void;
  setLocalAccessPolicy(f: (path: string) => boolean): void;
  createPdf(def: object, options?: object): { getStream(): Promise<PdfKitStream> };
}
interface PdfKitStream {
  on(ev: 'data', f: (c: Buffer) => void): void;
  on(ev: 'end' | 'error', f: (e?: Error) => void): void;
  end(): void;
  _pdfMakePages?: { items: { type: string; item: { id?: string; _tag?: BlockTag; inlines?: { _tag?: BlockTag }[] } }[] }[];
}

let pdfmake: PdfMake | undefined;
let fontsOf: Assets['fonts'] | undefined;
const FONT_FILES = { normal: 'AtkinsonHyperlegible-Regular.ttf', bold: 'AtkinsonHyperlegible-Bold.ttf' } as const;

/** pdfmake is one per process; it is set up once, with the fonts of the first render's assets. */
function engine(fonts: Assets['fonts']): PdfMake {
  if (pdfmake && fontsOf === fonts) return pdfmake;
  fontsOf = fonts;
  if (pdfmake) {
    pdfmake.virtualfs.writeFileSync(FONT_FILES.normal, Buffer.from(fonts.normal));
    pdfmake.virtualfs.writeFileSync(FONT_FILES.bold, Buffer.from(fonts.bold));
    return pdfmake;
  }
  installTagging();
  installShapingCache();
  installStyleCache();
  const pm = pdfmakeInstance as unknown as PdfMake;
  pm.virtualfs.writeFileSync(FONT_FILES.normal, Buffer.from(fonts.normal));
  pm.virtualfs.writeFileSync(FONT_FILES.bold, Buffer.from(fonts.bold));
  // Italic faces map to the upright ones: the profiles never use italics (CP-03).
  pm.setFonts({ Atkinson: { normal: FONT_FILES.normal, bold: FONT_FILES.bold, italics: FONT_FILES.normal, bolditalics: FONT_FILES.bold } });
  // Content never fetches anything: images arrive as data, fonts from the virtual file system.
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy(() => false);
  pdfmake = pm;
  return pm;
}

export interface PdfResult {
  bytes: Uint8Array;
  pages: number;
  /** The page each heading (by id) starts on, from the real layout. */
  anchors: Map<string, number>;
  /** The page each model block (by id) that draws something starts on: where the EPUB's page breaks go. */
  blockPages: Map<string, number>;
}

export async function writePdfWith(doc: DocumentModel, profile: Profile, ctx: RenderContext, options: { tagged?: boolean } = {}): Promise<PdfResult> {
  const { definition } = layoutDocument(doc, profile, options.tagged !== false, ctx);
  const pdf = await engine(ctx.assets.fonts).createPdf(definition).getStream();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('data', (c) => chunks.push(c));
    pdf.on('end', () => resolve());
    pdf.on('error', (e) => reject(e));
  });
  pdf.end();
  await done;
  const anchors = new Map<string, number>();
  const blockPages = new Map<string, number>();
  const sawBlock = (t: BlockTag | undefined, page: number) => {
    if (t?.block !== undefined && !blockPages.has(t.block)) blockPages.set(t.block, page);
  };
  (pdf._pdfMakePages ?? []).forEach((page, i) => {
    for (const it of page.items) {
      if (it.type === 'line' && it.item.id && !anchors.has(it.item.id)) anchors.set(it.item.id, i + 1);
      sawBlock(it.item._tag, i + 1);
      for (const inline of it.item.inlines ?? []) sawBlock(inline._tag, i + 1);
    }
  });
  return { bytes: Buffer.concat(chunks), pages: pdf._pdfMakePages?.length ?? 0, anchors, blockPages };
}

export const writePdf: Writer = (doc, profile, ctx) => writePdfWith(doc, profile, ctx);
