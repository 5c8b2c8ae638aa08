// Easy Read symbols (Tabler Icons 3.35, MIT; assets/symbols) from the render context's assets,
// drawn in a given colour (the files use currentColor).
import type { Assets } from '../context.ts';

export function symbolSvg(assets: Assets, name: string, colour = '#1d3557'): string {
  const svg = assets.symbols.get(name);
  if (svg === undefined) throw new Error(`no symbol "${name}"`);
  return svg.replace(/currentColor/g, colour).replace(/\sclass="[^"]*"/, '');
}
