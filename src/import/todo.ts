// The list of what a person must still do after an import: each line one thing, said once, in
// the order the draft raises them. A kind of thing that happens all over a draft (italics in
// every section) is said a few times and then counted, so the list stays one a person reads.

const SHOWN_PER_GROUP = 3;

export class TodoList {
  private readonly lines: string[] = [];
  private readonly seen = new Set<string>();
  private readonly groups = new Map<string, { shown: number; more: number; at: number }>();

  /** Adds a line; lines of the same `group` beyond the first few become one "and N more" line. */
  add(line: string, group?: string): void {
    if (this.seen.has(line)) return;
    this.seen.add(line);
    if (group) {
      const g = this.groups.get(group) ?? { shown: 0, more: 0, at: -1 };
      this.groups.set(group, g);
      if (g.shown >= SHOWN_PER_GROUP) {
        g.more++;
        if (g.at < 0) {
          g.at = this.lines.length;
          this.lines.push('');
        }
        this.lines[g.at] = `… and ${g.more} more like the line${SHOWN_PER_GROUP > 1 ? 's' : ''} above (${group}).`;
        return;
      }
      g.shown++;
    }
    this.lines.push(line);
  }

  list(): string[] {
    return [...this.lines];
  }
}
