// Types for the emscripten build in liblouis.cjs (scripts/build-liblouis.sh): its one export is the
// factory MODULARIZE makes; the module's members are typed where they are used
// (src/writers/braille/liblouis.ts).
declare function liblouis(overrides?: Record<string, unknown>): Promise<unknown>;
export = liblouis;
