// The bundled symbol set for Easy Read pictures (Tabler Icons 3.35, MIT; assets/symbols).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assetsDir } from '../pdf/fonts.ts';

const cache = new Map<string, string>();
let names: Set<string> | undefined;

export function symbolNames(): Set<string> {
  names ??= new Set(readdirSync(join(assetsDir(), 'symbols')).filter((f) => f.endsWith('.svg')).map((f) => f.slice(0, -4)));
  return names;
}

/** The symbol's SVG, drawn in the given colour (the files use currentColor). */
export function symbolSvg(name: string, colour = '#1d3557'): string {
  const key = `${name}|${colour}`;
  let svg = cache.get(key);
  if (!svg) {
    const file = join(assetsDir(), 'symbols', `${name}.svg`);
    if (!existsSync(file)) throw new Error(`no symbol "${name}"`);
    svg = readFileSync(file, 'utf8').replace(/currentColor/g, colour).replace(/\sclass="[^"]*"/, '');
    cache.set(key, svg);
  }
  return svg;
}
