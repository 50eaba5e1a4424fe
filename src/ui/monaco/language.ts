// The syslet program language for Monaco: tokens and theme colours.
import type * as Monaco from 'monaco-editor/editor';
import { KEYWORDS, SYSCALL_NAMES, BUILTINS } from '../lang/names.ts';
import { registerSysletFeatures } from './features.ts';

export const LANGUAGE_ID = 'syslet';


export function registerSysletLanguage(monaco: typeof Monaco): void {
  if (monaco.languages.getLanguages().some((l) => l.id === LANGUAGE_ID)) return;
  monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.syslet'] });
  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, {
    comments: { lineComment: '#' },
    brackets: [['(', ')'], ['{', '}'], ['[', ']']],
    autoClosingPairs: [{ open: '(', close: ')' }, { open: '"', close: '"' }, { open: '{', close: '}' }, { open: '[', close: ']' }],
  });
  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, {
    keywords: [...KEYWORDS, ...BUILTINS.keys(), 'user_idx', 'kernel_idx'],
    syscalls: SYSCALL_NAMES,
    tokenizer: {
      root: [
        [/#.*$/, 'comment'],
        [/\bfault\b/, { token: 'keyword', next: '@fault' }],
        [/\blatency\b/, { token: 'keyword', next: '@latency' }],
        [/SYSLET_[A-Z_]+|O_[A-Z]+|SEEK_[A-Z]+|E[A-Z]+\b/, 'constant'],
        [/[a-z_][\w]*/, { cases: { '@keywords': 'keyword', '@syscalls': 'type', '@default': 'identifier' } }],
        [/0x[0-9a-fA-F]+|\d+(?:ns|us|ms|s)?\b/, 'number'],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/[&*=|()]/, 'operator'],
      ],
      // After `fault` (to the end of the clause) and `latency`: their own words are keywords there only.
      fault: [
        [/[ \t]+/, 'white'],
        [/\b(short|block|cached|nth)\b/, 'keyword'],
        [/E[A-Z]+\b/, 'constant'],
        [/\d+(?:ns|us|ms|s)?\b/, 'number'],
        [/./, { token: '@rematch', next: '@pop' }],
      ],
      latency: [
        [/[ \t]+/, 'white'],
        [/\bpage\b/, 'keyword'],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/\d+(?:ns|us|ms|s)?\b/, 'number'],
        [/=/, 'operator'],
        [/./, { token: '@rematch', next: '@pop' }],
      ],
    },
  });
  const common = { base: 'vs-dark' as const, inherit: true, colors: { 'editor.background': '#161b26' } };
  monaco.editor.defineTheme('syslet-dark', {
    ...common,
    rules: [
      { token: 'keyword', foreground: 'bb9af7' },
      { token: 'type', foreground: '7dcfff', fontStyle: 'bold' },
      { token: 'constant', foreground: 'ff9e64' },
      { token: 'string', foreground: '9ece6a' },
      { token: 'number', foreground: 'e0af68' },
      { token: 'comment', foreground: '737aa2', fontStyle: 'italic' },
    ],
  });
  monaco.editor.defineTheme('syslet-light', {
    base: 'vs',
    inherit: true,
    colors: { 'editor.background': '#ffffff' },
    rules: [
      { token: 'keyword', foreground: '7a3ec8' },
      { token: 'type', foreground: '006d95', fontStyle: 'bold' },
      { token: 'constant', foreground: 'b34700' },
      { token: 'string', foreground: '1d7a2e' },
      { token: 'number', foreground: '8a5a00' },
      { token: 'comment', foreground: '5c6480', fontStyle: 'italic' },
    ],
  });
  registerSysletFeatures(monaco, LANGUAGE_ID);
}
