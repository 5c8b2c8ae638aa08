// Typographic profiles: the only thing that differs between standard and large print.
// Numbers from the print rules CP-01, CP-08, LP-03 and LP-04 (RNIB and UKAAF clear and large print guidance).
export interface Profile {
  name: 'standard' | 'large-print' | 'easy-read';
  /** Body text size in points. */
  body: number;
  /** Smallest text anywhere: footers, captions, notes, table cells. */
  smallest: number;
  headings: [number, number, number];
  title: number;
  keyFact: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  /** The paper, in points (A4 is 595.28 × 841.89). */
  page: { width: number; height: number };
  /** Page margins in points, on every side; the running footer sits in a band above the bottom one. */
  margin: number;
  /** Wider tables are set transposed or in column groups, so that nothing is shrunk to fit. */
  maxTableColumns: number;
  /** Easy Read picture column, in points (≥35 mm = 99.2 pt; ER layout rules). */
  picture: number;
  /** At most this many pictures on a page (Easy Read, ER-T12); picture rows are made tall enough. */
  maxPicturesAPage?: number;
  /** Whether the title has a page to itself. */
  coverPage: boolean;
}

const A4 = { width: 595.28, height: 841.89 };

export const PROFILES: Record<Profile['name'], Profile> = {
  standard: { name: 'standard', body: 13, smallest: 12, headings: [24, 18, 15], title: 30, keyFact: 22, lineHeight: 1.4, page: A4, margin: 60, maxTableColumns: 11, picture: 100, coverPage: true },
  'large-print': { name: 'large-print', body: 18, smallest: 18, headings: [30, 25, 21], title: 36, keyFact: 28, lineHeight: 1.25, page: A4, margin: 57, maxTableColumns: 4, picture: 110, coverPage: true },
  // Easy Read: 16pt, line spacing 1.5, wide margins, pictures 36.7 mm (at least 35; docs/decisions/0003).
  'easy-read': { name: 'easy-read', body: 16, smallest: 16, headings: [26, 21, 18], title: 32, keyFact: 24, lineHeight: 1.5, page: A4, margin: 71, maxTableColumns: 4, picture: 104, maxPicturesAPage: 4, coverPage: false },
};

/** Where a page's text goes, in points from the page's top left: the text area and, below it, the footer's band. */
export interface PageFrame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  /** The text area's bottom edge: the footer's band starts here. */
  bottom: number;
  /** The footer band's bottom edge. */
  footerBottom: number;
}

/** The page frame of a profile: its margins, with the footer's band (one and a half footer lines) above the bottom margin. */
export function pageFrame(p: Profile): PageFrame {
  const { width, height } = p.page;
  const bottom = height - p.margin - p.smallest * 1.5;
  return { width, height, left: p.margin, right: width - p.margin, top: p.margin, bottom, footerBottom: height - p.margin / 2 };
}
