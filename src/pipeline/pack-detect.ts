// Tells an agenda pack from other content by its text, before it is parsed: a pack names other
// content files, which must be uploaded before it and are read with it.
export function isAgendaPack(text: string): boolean {
  return /^\s*kind:\s*["']?agenda-pack\b|"kind"\s*:\s*"agenda-pack"/m.test(text);
}
