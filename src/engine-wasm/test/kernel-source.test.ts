// Dead code in the kernel's sources that neither asc nor eslint reports: an
// export of a kernel file that no other kernel file imports (index.ts, the
// module's exports, excepted). Unused imports, unreachable code and duplicate
// imports are eslint's job (eslint.config.js covers assembly/).
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';

const DIR = new URL('../assembly/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.gen.ts'));
const text = new Map(files.map((f) => [f, readFileSync(new URL(f, DIR), 'utf8')]));

function exportsOf(src: string): string[] {
  return [...src.matchAll(/^(?:@\w+\s+)?export\s+(?:function|const|let)\s+(\w+)/gm)].map((m) => m[1]);
}

function importedElsewhere(name: string, file: string): boolean {
  const word = new RegExp(`\\b${name}\\b`);
  return files.some((f) => f !== file && [...text.get(f)!.matchAll(/import\s*\{([^}]*)\}\s*from\s*'\.\/[^']+'/g)].some((m) => word.test(m[1])));
}

describe('kernel sources', () => {
  test('every export of a kernel file is imported by another kernel file', () => {
    const dead = files
      .filter((f) => f !== 'index.ts')
      .flatMap((f) => exportsOf(text.get(f)!).filter((n) => !importedElsewhere(n, f)).map((n) => `${f}: ${n}`));
    expect(dead).toEqual([]);
  });
});
