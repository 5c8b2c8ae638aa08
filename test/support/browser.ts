// A real headless browser for the tests: Debian's chromium (installed by
// scripts/ensure-test-tools.sh, which `npm test` runs first), driven by playwright-core, with
// axe-core injected to audit HTML pages at WCAG 2.2 AA. An audit also reports the heading
// outline, the visible text, horizontal scrolling at the viewport, and every request the page
// makes to anywhere but its own origin (such requests are aborted, so a test never waits on
// the network). A missing chromium is an error, never a skip: the test must fail.
import { accessSync, constants, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export type { Browser } from 'playwright-core';

export interface AxeNode {
  /** axe's CSS selector path to the element; a shadow DOM path is joined with " >> ". */
  target: string[];
  html: string;
  failureSummary?: string;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

export interface Heading {
  level: number;
  text: string;
}

export interface Audit {
  violations: AxeViolation[];
  /** h1–h6 in document order. */
  headings: Heading[];
  /** document.body.innerText. */
  text: string;
  h1Count: number;
  /** documentElement.scrollWidth > innerWidth: the page scrolls sideways at this viewport. */
  horizontalOverflow: boolean;
  /** Requests to anywhere but file:, data:, blob: and the page's own origin, in the order made. */
  externalRequests: string[];
}

export interface AuditOptions {
  viewport?: { width: number; height: number };
}

/** The WCAG 2.2 AA rule set: every axe tag up to and including 2.2 AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const DEFAULT_VIEWPORT = { width: 1280, height: 800 };

/** The chromium on PATH, as `which chromium` finds it, or undefined. */
export function findChromium(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'chromium');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

let axeSource: string | undefined;
const axe = () => (axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));

/** Launches the system chromium headless; throws if it is not on PATH. */
export async function openBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error('chromium is not on PATH: run `bash scripts/ensure-test-tools.sh` (npm test runs it first) to install Debian\'s chromium package');
  }
  const asRoot = process.getuid?.() === 0;
  return chromium.launch({ executablePath, headless: true, args: asRoot ? ['--no-sandbox'] : [] });
}

/** Whether a request from a page at `pageUrl` goes to somewhere other than the page itself. */
export function isExternal(requestUrl: string, pageUrl: string): boolean {
  let u: URL;
  try {
    u = new URL(requestUrl);
  } catch {
    return true;
  }
  if (u.protocol === 'file:' || u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return false;
  const page = new URL(pageUrl);
  if (page.protocol === 'file:') return true; // a file page has no web origin of its own
  return u.origin !== page.origin;
}

/** Loads `url` in a fresh page, audits it with axe at WCAG 2.2 AA, and closes the page. */
export async function auditPage(browser: Browser, url: string, opts: AuditOptions = {}): Promise<Audit> {
  const context = await browser.newContext({ viewport: opts.viewport ?? DEFAULT_VIEWPORT, bypassCSP: true });
  try {
    const page = await context.newPage();
    const external: string[] = [];
    const note = (u: string) => {
      if (isExternal(u, url) && !external.includes(u)) external.push(u);
    };
    page.on('request', (r) => note(r.url()));
    await page.route('**/*', (route) => {
      const u = route.request().url();
      if (isExternal(u, url)) {
        note(u);
        return route.abort('blockedbyclient');
      }
      return route.continue();
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.addScriptTag({ content: axe() });
    // These run in the page. tsconfig has no DOM lib, so the page's globals are reached through
    // globalThis with the few types used here; keep them free of nested named functions.
    const violations = (await page.evaluate(async (tags) => {
      const g = globalThis as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: RawViolation[] }> }; document: unknown };
      const r = await g.axe.run(g.document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
          target: n.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : String(t))),
          html: n.html,
          ...(n.failureSummary ? { failureSummary: n.failureSummary } : {}),
        })),
      }));
    }, WCAG_TAGS)) as AxeViolation[];
    const facts = await page.evaluate(() => {
      const g = globalThis as unknown as {
        document: {
          querySelectorAll: (s: string) => ArrayLike<{ tagName: string; textContent: string | null }>;
          body: { innerText: string } | null;
          documentElement: { scrollWidth: number };
        };
        innerWidth: number;
      };
      const headings = Array.from(g.document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map((h) => ({
        level: Number(h.tagName.slice(1)),
        text: (h.textContent ?? '').replace(/\s+/g, ' ').trim(),
      }));
      return {
        headings,
        text: g.document.body?.innerText ?? '',
        horizontalOverflow: g.document.documentElement.scrollWidth > g.innerWidth,
      };
    });
    return {
      violations,
      headings: facts.headings,
      text: facts.text,
      h1Count: facts.headings.filter((h) => h.level === 1).length,
      horizontalOverflow: facts.horizontalOverflow,
      externalRequests: external,
    };
  } finally {
    await context.close();
  }
}

interface RawViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: (string | string[])[]; html: string; failureSummary?: string }[];
}

/** The violations as readable lines, for an assertion's message. */
export function formatViolations(v: AxeViolation[]): string {
  if (v.length === 0) return 'no axe violations';
  return v
    .map((x) => {
      const nodes = x.nodes.map((n) => `    at ${n.target.join(' ')}: ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`).join('\n');
      return `${x.id} (${x.impact ?? 'no impact'}): ${x.help} [${x.nodes.length} element${x.nodes.length === 1 ? '' : 's'}]\n  ${x.helpUrl}\n${nodes}`;
    })
    .join('\n');
}
