// pdfmake ships no types for its server build's internals; the writer declares the shapes it uses.
declare module 'pdfmake';
declare module 'pdfmake/js/Renderer.js';
declare module 'pdfmake/js/LayoutBuilder.js';
declare module 'pdfmake/js/PageElementWriter.js';
declare module 'pdfmake/js/TextInlines.js';
declare module 'pdfmake/js/PDFDocument.js';
declare module 'pdfmake/js/StyleContextStack.js';
// fontkit (pdfkit's shaper) ships no types; the shaping test uses it as the reference.
declare module 'fontkit' {
  export function create(data: Uint8Array): unknown;
}
