// The liblouis-build package ships no types: its one export is the emscripten module object, typed
// where it is used (liblouis.ts).
declare module 'liblouis-build' {
  const module: unknown;
  export default module;
}
