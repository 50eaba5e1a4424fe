// What the editor offers while typing and shows on hover, as plain data
// (no Monaco types), so it is unit-tested; features.ts hands it to Monaco.
import type { Program } from '../lang/ast.ts';
import { BUILTINS, CONSTANTS, ERRNO_NAMES, FLAG_ORDER, KEYWORDS, SYSCALL_NAMES } from '../lang/names.ts';
import { docFor, docMarkdown, optionDoc } from './docs.ts';
import { OPTIONS, optionSpec } from '../lang/options.ts';

export type ItemKind = 'syscall' | 'driver call' | 'flag' | 'constant' | 'keyword' | 'snippet' | 'var' | 'atom' | 'buffer' | 'option';

export interface Item {
  readonly label: string;
  readonly kind: ItemKind;
  readonly insertText: string;
  readonly snippet: boolean;
  readonly detail: string;
  readonly documentation: string;
  /** Lower sorts first. */
  readonly rank: number;
}

export const SNIPPETS: readonly Item[] = [
  snippet('atom', 'atom ${1:name} = ${2:read}(${3:&fd}, ${4:&bufp}, ${5:&count}) ret ${6:n}$0', 'atom … = syscall(…) ret …'),
  snippet('if', 'if ${1:condition} {\n\t$0\n}', 'if … { … }'),
  snippet('if else', 'if ${1:condition} {\n\t$2\n} else {\n\t$0\n}', 'if … { … } else { … }'),
  snippet('while', 'while ${1:condition} {\n\t$0\n}', 'while … { … }'),
  snippet('latency', 'latency "${1:/usr/share/dict/words}" = ${2:20ms}', 'latency "/path" [page N] = duration'),
];

/** After `fault`: what may be injected. */
const FAULT_ITEMS: readonly Item[] = [
  faultItem('short', 'short ${1:16}', 'short N — read/write at most N bytes'),
  faultItem('block', 'block ${1:5ms}', 'block DURATION — wait before the call runs'),
  faultItem('cached', 'cached', 'cached — the call does not wait'),
];

function faultItem(label: string, insertText: string, detail: string): Item {
  const doc = docFor('fault');
  return { label, kind: 'keyword', insertText, snippet: insertText.includes('$'), detail, documentation: doc ? docMarkdown(doc) : '', rank: 0 };
}

function snippet(label: string, insertText: string, detail: string): Item {
  const doc = docFor(label.split(' ')[0]);
  return { label, kind: 'snippet', insertText, snippet: true, detail, documentation: doc ? docMarkdown(doc) : '', rank: 1 };
}

function fromDoc(word: string, kind: ItemKind, rank: number, insertText = word, isSnippet = false): Item {
  const doc = docFor(word);
  return { label: word, kind, insertText, snippet: isSnippet, detail: doc?.signature ?? '', documentation: doc ? docMarkdown(doc) : '', rank };
}

/**
 * What the line before the cursor asks for: flag names after `flags`, syscalls after
 * `atom x =`, and after a unary `&` the names that have an address (`address-atom`
 * inside an atom's argument list, where only vars may stand).
 */
export function contextOf(before: string): 'flags' | 'syscall' | 'address' | 'address-atom' | 'option-name' | `option-value:${string}` | 'fault' | 'any' {
  const code = before.replace(/#.*$/, '');
  if (/^\s*atom\b.*\bfault\s+\w*$/.test(code)) return 'fault';
  if (/^\s*option\s+\w*$/.test(code)) return 'option-name';
  const value = /^\s*option\s+(\w+)\s*=\s*\w*$/.exec(code);
  if (value) return `option-value:${value[1]}`;
  if (/^\s*atom\b.*\bflags\b[^()]*$/.test(code)) return 'flags';
  if (/^\s*atom\s+\w+\s*=\s*\w*$/.test(code)) return 'syscall';
  if (isAddressOf(code)) return /^\s*atom\s+\w+\s*=\s*\w+\s*\([^)]*$/.test(code) ? 'address-atom' : 'address';
  return 'any';
}

/** True when the text ends in `&name…` where `&` takes an address (not `a & b`, not `&&`). */
function isAddressOf(code: string): boolean {
  const m = /&\w*$/.exec(code);
  if (!m) return false;
  const left = code.slice(0, m.index).trimEnd();
  return !/[\w)\]&]$/.test(left);
}

function programItems(program: Program | null): Item[] {
  if (!program) return [];
  const out: Item[] = [];
  for (const item of program.items) {
    const line = `line ${item.span.line}`;
    if (item.kind === 'var') out.push(own(item.name.name, 'var', `var ${item.name.name} — ${line}`));
    else if (item.kind === 'buffer') out.push(own(item.name.name, 'buffer', `buffer ${item.name.name}[${item.size}] — ${line}`));
    else if (item.kind === 'atom') {
      const args = item.args.map((a) => '&' + a.name).join(', ');
      out.push(own(item.name.name, 'atom', `atom ${item.name.name} = ${item.syscall.name}(${args}) — ${line}`));
    }
  }
  return out;
}

function own(label: string, kind: ItemKind, detail: string): Item {
  return { label, kind, insertText: label, snippet: false, detail, documentation: '', rank: 0 };
}

/** Every completion for the cursor's context, the program's own names first. */
export function completionItems(before: string, program: Program | null): Item[] {
  const ctx = contextOf(before);
  if (ctx === 'option-name') return OPTIONS.map((o) => optionItem(o.name, `${o.name} = `));
  if (ctx.startsWith('option-value:')) {
    const spec = optionSpec(ctx.slice('option-value:'.length));
    if (!spec) return [];
    const words = spec.kind === 'word' ? spec.words.map((w) => w.word) : [spec.def];
    return words.map((w) => ({ ...optionItem(spec.name, w), label: w, detail: w === spec.def ? 'the default' : `option ${spec.name}` }));
  }
  if (ctx === 'fault') return [...FAULT_ITEMS, ...ERRNO_NAMES.map((e) => ({ ...fromDoc(e, 'constant', 1), detail: `fault ${e} — the result is -${e}, the call is not made` }))];
  if (ctx === 'address-atom') return programItems(program).filter((i) => i.kind === 'var');
  if (ctx === 'address') return programItems(program);
  const flags = FLAG_ORDER.map((f) => fromDoc(f, 'flag', ctx === 'flags' ? 0 : 3));
  if (ctx === 'flags') return flags;
  const syscalls = SYSCALL_NAMES.filter((n) => !BUILTINS.has(n)).map((n) => fromDoc(n, 'syscall', ctx === 'syscall' ? 0 : 2, `${n}($0)`, true));
  if (ctx === 'syscall') return syscalls;
  const builtins = [...BUILTINS.entries()].map(([n, b]) =>
    fromDoc(n, 'driver call', 1, b.arity === 0 ? `${n}()` : `${n}(\${1:${b.usage.slice(n.length + 1, -1)}})`, true),
  );
  const keywords = [...KEYWORDS, 'user_idx', 'kernel_idx'].map((k) => fromDoc(k, 'keyword', 2));
  const constants = [...CONSTANTS.keys()].filter((c) => !c.startsWith('SYSLET_')).map((c) => fromDoc(c, 'constant', 4));
  return [...programItems(program), ...SNIPPETS, ...builtins, ...syscalls, ...keywords, ...flags, ...constants];
}

function optionItem(name: string, insertText: string): Item {
  const doc = optionDoc(name);
  return { label: name, kind: 'option', insertText, snippet: false, detail: doc?.signature ?? '', documentation: doc ? docMarkdown(doc) : '', rank: 0 };
}

/** Hover markdown for a word: the vocabulary's docs, where the program declares the name, or a kernel option's docs. */
export function hoverText(word: string, program: Program | null): string | undefined {
  const doc = docFor(word);
  if (doc) return docMarkdown(doc);
  const own = programItems(program).find((i) => i.label === word);
  if (own) return `**${own.kind}** \`${own.detail.replace(/ — line \d+$/, '')}\`\n\nDeclared on ${own.detail.replace(/^.* — /, '')}.`;
  const opt = optionDoc(word);
  return opt && docMarkdown(opt);
}
