// The UAX #14 line breaker pdfmake breaks text with (it ships no types).
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): { position: number; required: boolean } | null;
  }
}
