// Gallery entries from the shipped examples: a title from the file name and
// the explanation from the program's leading comment.
export interface ExampleInfo {
  readonly name: string;
  readonly title: string;
  readonly summary: string;
}

export function titleOf(name: string): string {
  const words = name.split(/[-_]+/).filter(Boolean);
  const text = words.join(' ').replace(/\bvs\b/, 'vs.');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The leading `#` comment lines as one paragraph. */
export function summaryOf(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*#\s?(.*)$/.exec(line);
    if (!m) break;
    lines.push(m[1].trim());
  }
  return lines.join(' ').replace(/\s+/g, ' ').trim();
}

export function exampleInfos(names: readonly string[], texts: Readonly<Record<string, string>>): ExampleInfo[] {
  return names.map((name) => ({ name, title: titleOf(name), summary: summaryOf(texts[name] ?? '') }));
}

/** A C file's leading block comment (`/* … *\/`, its ` * ` margins removed) as one paragraph. */
export function cSummaryOf(text: string): string {
  const m = /^\s*\/\*([\s\S]*?)\*\//.exec(text);
  if (!m) return '';
  return m[1]
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, '').trim())
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function cExampleInfos(names: readonly string[], texts: Readonly<Record<string, string>>): ExampleInfo[] {
  return names.map((name) => ({ name, title: `${titleOf(name.replace(/\.c$/, ''))} in C`, summary: cSummaryOf(texts[name] ?? '') }));
}
