// Reads a Word (.docx) draft with mammoth: its body as HTML (headings, paragraphs, lists, tables,
// bold, links) and its pictures with their alt text. Files that are not a .docx (an old .doc, a
// PDF renamed .docx, a damaged file) are refused with one sentence saying what they are, so the
// person knows what to do (save it again as .docx), not a stack trace from inside the ZIP reader.
import mammoth from 'mammoth';
import { strFromU8, unzipSync } from 'fflate';

/** A picture of the draft, in reading order: its bytes, what Word says it is and its alt text. */
export interface DraftPicture {
  /** 1, 2, …: the order it comes in the document; it names the file written (picture-1.png). */
  number: number;
  contentType: string;
  bytes: Uint8Array;
  /** Word's alt text (the description, else the title); undefined when the author gave none. */
  alt?: string;
  /** The picture is linked to a file elsewhere, not in the document: there are no bytes. */
  missing?: true;
}

export interface ReadDocx {
  html: string;
  pictures: DraftPicture[];
  /** What Word's document properties (File → Info) say: never its dates, which are the file's. */
  properties: { title?: string; description?: string };
}

const decodeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()],
  );

/** The title and description (Word's "Comments", else its "Subject") of docProps/core.xml. */
function coreProperties(bytes: Uint8Array): ReadDocx['properties'] {
  let xml: string;
  try {
    const core = unzipSync(bytes, { filter: (f) => f.name === 'docProps/core.xml' })['docProps/core.xml'];
    if (!core) return {};
    xml = strFromU8(core);
  } catch {
    return {};
  }
  const field = (tag: string) => {
    const v = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml)?.[1];
    const text = v && decodeXml(v).replace(/\s+/g, ' ').trim();
    return text || undefined;
  };
  const title = field('dc:title');
  const description = field('dc:description') ?? field('dc:subject');
  return { ...(title ? { title } : {}), ...(description ? { description } : {}) };
}

/** The draft cannot be read as a .docx; the message is one sentence for the person who gave it. */
export class NotDocxError extends Error {
  override name = 'NotDocxError';
}

/**
 * Word's own styles (and pandoc's and LibreOffice's names for the same things) mapped to the HTML
 * the walk reads. Contents lists are left out: the pipeline makes its own from the headings.
 */
const STYLE_MAP = [
  "p[style-name='Title'] => p.title:fresh",
  "p[style-name='Subtitle'] => p.subtitle:fresh",
  "p[style-name='Author'] => p.author:fresh",
  "p[style-name='Date'] => p.date:fresh",
  "p[style-name='Abstract'] => p.abstract:fresh",
  "p[style-name='Key fact'] => p.key-fact:fresh",
  "p[style-name='Caption'] => p.caption:fresh",
  "p[style-name='Image Caption'] => p.caption:fresh",
  "p[style-name='Table Caption'] => p.caption:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Block Text'] => blockquote > p:fresh",
  "p[style-name='TOC Heading'] => !",
  ...Array.from({ length: 9 }, (_, i) => `p[style-name='toc ${i + 1}'] => !`),
  ...Array.from({ length: 9 }, (_, i) => `p[style-name='TOC ${i + 1}'] => !`),
];

const startsWith = (b: Uint8Array, ...bytes: number[]) => bytes.every((x, i) => b[i] === x);

/** What a file that is not a .docx most likely is, from its first bytes. */
function notDocx(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'the file is empty; it is not a Word document';
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) return 'this is an old Word document (.doc, Word 97-2003) or a password-protected one; open it in Word, remove any password and save it as a Word Document (.docx), then import that';
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) return 'this is a PDF, not a Word document; import the Word (.docx) file it was made from';
  if (startsWith(bytes, 0x7b, 0x5c, 0x72, 0x74, 0x66)) return 'this is a Rich Text (.rtf) file, not a .docx; open it in Word and save it as a Word Document (.docx)';
  if (!startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return 'this is not a Word document (.docx); save the draft from Word as a Word Document (.docx) and import that';
  return undefined;
}

/** The draft's HTML and pictures; throws NotDocxError when it is not a readable .docx. */
export async function readDocx(bytes: Uint8Array): Promise<ReadDocx> {
  const what = notDocx(bytes);
  if (what) throw new NotDocxError(what);
  const pictures: DraftPicture[] = [];
  const convertImage = mammoth.images.imgElement(async (image) => {
    const number = pictures.length + 1;
    const alt = (image as { altText?: string }).altText?.trim() || undefined;
    let bytes: Uint8Array | undefined;
    try {
      bytes = new Uint8Array(await image.readAsBuffer());
    } catch {
      // A picture linked to a file on the author's computer, not saved in the document.
    }
    pictures.push({ number, contentType: image.contentType ?? 'application/octet-stream', bytes: bytes ?? new Uint8Array(), alt, ...(bytes ? {} : { missing: true }) });
    // The walk finds the picture by its number; the alt text is the picture's, kept above.
    return { src: `picture:${number}` };
  });
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { styleMap: STYLE_MAP, convertImage, includeEmbeddedStyleMap: false });
    html = result.value;
  } catch (e) {
    // A ZIP that is not a Word document (an .xlsx, a damaged download) fails inside mammoth.
    const detail = e instanceof Error && /word\/document\.xml|main document/i.test(e.message) ? 'it is a ZIP file with no Word document inside (perhaps a spreadsheet or a damaged download)' : 'it is damaged or not a Word document';
    throw new NotDocxError(`this file cannot be read as a Word document (.docx): ${detail}; save the draft from Word as a Word Document (.docx) and import that`);
  }
  return { html, pictures, properties: coreProperties(bytes) };
}
