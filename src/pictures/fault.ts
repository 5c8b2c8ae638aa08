// Why a picture cannot be used, as thrown by the PNG and JPEG checks and turned into a sentence
// for staff by check.ts. A class of its own so that anything else thrown is known to be unexpected.
export class PictureFault extends Error {
  constructor(
    /** `damaged`: the file cannot be read; `unsupported`: it can, but not put in a PDF. */
    readonly kind: 'damaged' | 'unsupported',
    /** A plain-English clause: "the file ends too early; …". */
    readonly reason: string,
  ) {
    super(reason);
  }
}
