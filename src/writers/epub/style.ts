// The EPUB's stylesheet: the HTML publication's (src/writers/html/style.ts), in the organisation's
// colours, adapted for reading systems, which set the page, its width and often the font size
// themselves: the fonts embedded with @font-face (the same Atkinson Hyperlegible), no page-width
// container, no skip link (a reading system has its own navigation), no print rules (the PDF is
// the print edition), no container-query units, and the pictures' sizes in em rather than pixels.
import type { Profile } from '../../profiles/index.ts';
import type { Identity } from '../../organisation/types.ts';
import { stylesheet } from '../html/style.ts';

export const FONT_FILES = { normal: 'fonts/AtkinsonHyperlegible-Regular.ttf', bold: 'fonts/AtkinsonHyperlegible-Bold.ttf' } as const;

const FONT_FACES = `@font-face{font-family:"Atkinson Hyperlegible";font-weight:400;font-style:normal;src:url(${FONT_FILES.normal})}
@font-face{font-family:"Atkinson Hyperlegible";font-weight:700;font-style:normal;src:url(${FONT_FILES.bold})}`;

/** Rules of the web page's stylesheet a reading system has no use for. */
const DROPPED = [/^\.width-container\{/, /^@media \(min-width:40\.0625em\)\{\.width-container/, /^\.skip-link/, /^\.caption-text\{/];

export function epubStylesheet(p: Profile, id: Identity): string {
  const web = stylesheet(p, id);
  const screen = web.slice(0, web.indexOf('@media print{'));
  const px = (n: string) => `${+(Number(n) / 16).toFixed(4)}em`;
  const lines = screen
    .split('\n')
    .filter((l) => l && !DROPPED.some((d) => d.test(l)))
    .map((l) =>
      l
        .replace(';container-type:inline-size', '')
        // Picture sizes follow the reader's text size.
        .replace(/(^|[{;])(width|height):(\d+)px/g, (_, pre, prop, n) => `${pre}${prop}:${px(n)}`),
    );
  return `${FONT_FACES}\n${lines.join('\n')}\n`;
}
