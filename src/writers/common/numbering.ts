// Section numbers ("2.3") computed from heading levels: used by plain text and cross-references.
import type { Block } from '../../model/types.ts';

export function sectionNumbers(blocks: Block[]): Map<string, string> {
  const counters = [0, 0, 0];
  const out = new Map<string, string>();
  for (const b of blocks) {
    if (b.type !== 'heading') continue;
    counters[b.level - 1]++;
    for (let i = b.level; i < 3; i++) counters[i] = 0;
    out.set(b.id, counters.slice(0, b.level).join('.'));
  }
  return out;
}
