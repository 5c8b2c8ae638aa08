// The accessible index.html of a publication: lists its formats with size and page count,
// and says how to ask for another format. Plain, semantic HTML with no scripts.
import type { Manifest } from './publish.ts';

const LABELS: Record<string, string> = {
  'pdf/standard': 'PDF (tagged, for screen readers)',
  'docx/standard': 'Word document',
  'txt/standard': 'Plain text',
  'pdf/large-print': 'Large print PDF (18 point)',
  'docx/large-print': 'Large print Word document (18 point)',
  'pdf/easy-read': 'Easy Read PDF',
  'docx/easy-read': 'Easy Read Word document',
  'txt/easy-read': 'Easy Read plain text',
};

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function indexPage(m: Manifest, contact?: { name: string; phone?: string; email?: string }): string {
  const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
  const items = m.outputs
    .map((o) => {
      const label = LABELS[`${o.format}/${o.profile}`] ?? `${o.format} (${o.profile})`;
      const facts = [o.format.toUpperCase(), size(o.bytes), o.pages ? `${o.pages} pages` : ''].filter(Boolean).join(', ');
      return `      <li><a href="${encodeURIComponent(o.file)}">${esc(label)}</a> (${esc(facts)})</li>`;
    })
    .join('\n');
  const ask = contact
    ? `<p>If you need this publication in another format, such as Braille, audio or another language, contact ${esc(contact.name)}${contact.phone ? `: telephone <a href="tel:${esc(contact.phone.replace(/\s/g, ''))}">${esc(contact.phone)}</a>` : ''}${contact.email ? `${contact.phone ? ', or ' : ': '}email <a href="mailto:${esc(contact.email)}">${esc(contact.email)}</a>` : ''}. Tell us what format you need and what assistive technology you use.</p>`
    : `<p>If you need this publication in another format, such as Braille, audio or another language, please contact us. Tell us what format you need and what assistive technology you use.</p>`;
  return `<!doctype html>
<html lang="${esc(m.language)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${esc(m.title)}: download</title>
  <style>body{font-family:Arial,sans-serif;font-size:1.2rem;line-height:1.5;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#111}a{color:#0b4f9c}</style>
</head>
<body>
  <main>
    <h1>${esc(m.title)}</h1>
    <h2>Download this publication</h2>
    <ul>
${items}
    </ul>
    <h2>Ask for another format</h2>
    ${ask}
  </main>
</body>
</html>
`;
}
