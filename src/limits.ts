// Every bound the pipeline enforces, in one place. Each limit exceeded is reported to staff as a
// located, plain-English problem (docs/reliability.md); none of them is a crash.
// The figures leave room for the largest real publications: the Local Account's content is 150 KB
// and renders to about 60 pages; a 500-page agenda pack is made of papers of 20–40 KB each.
export const LIMITS = {
  /**
   * One content file (YAML or JSON): 13× the largest real one. At about 620 standard pages a MB
   * (1,000 in large print) the largest allowed renders every output inside `pages` and `renderMs`.
   */
  contentBytes: 2 * 1024 * 1024,
  /** Nesting of fields and lists; real content nests about 10 deep. */
  nestingDepth: 64,
  /** YAML aliases (`*name`) in one file; anchors are rare in content, and bombs use thousands. */
  yamlAliases: 100,
  /** One picture file, as uploaded. */
  pictureBytes: 10 * 1024 * 1024,
  /**
   * Decoded pixels of one picture: 20 megapixels, more than twice a full A4 page at 300 dpi (8.7 MP)
   * and a DSLR photograph. Checking the worst 40 MP picture (16-bit RGBA PNG, baseline JPEG) peaked at
   * 1.3–1.4 GB (docs/decisions/0005); at 20 MP the worst peaks near 0.7 GB.
   */
  picturePixels: 20_000_000,
  /** Width or height of one picture, in pixels. */
  pictureSide: 12_000,
  /** Every picture one publication uses, in bytes as uploaded. */
  picturesTotalBytes: 64 * 1024 * 1024,
  /** Pages of one PDF; the largest real agenda packs are about 500 (800 in large print). */
  pages: 3000,
  /** Milliseconds one publication may take to render: the function's 120 s timeout less 20 s. */
  renderMs: 100_000,
  /**
   * Heap of the render worker, in MB: with the handler's own thread and buffers, a build stays under
   * 1 GB (the Local Account needs about 250; the largest content allowed peaks at 700 MB in all).
   */
  renderHeapMb: 640,
  /** A version folder without a manifest older than this is a failed render's leftovers. */
  staleVersionMs: 15 * 60 * 1000,
  /** Values in one chart: a pie of more than a dozen is unreadable, a bar chart of more than 100 too. */
  chartPoints: 100,
  /** Characters of an id (it becomes a file name and an S3 key). */
  idLength: 100,
} as const;

export type Limits = typeof LIMITS;
