import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// AssemblyScript allows decorators on functions (`@inline function f…`); TypeScript
// does not, so the parser sees them blanked out (same length: positions stay).
const AS_DECORATOR = /^([ \t]*)@(inline|global|lazy|unsafe|final|builtin)(?=\s+(export\s+)?(function|const|let|var)\b)/gm;
const assemblyScriptParser = {
  meta: { name: 'typescript-eslint-parser-for-assemblyscript' },
  parseForESLint(code, options) {
    return tseslint.parser.parseForESLint(code.replace(AS_DECORATOR, (m) => m.replace(/\S/g, ' ')), options);
  },
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'src/engine-wasm/build', 'src/engine-wasm/assembly/bootimage.gen.ts', 'test-results', 'playwright-report', 'reports'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The AssemblyScript kernel: parsed as TypeScript, without type-aware rules
    // (asc is its type checker; u32, usize, load/store and memory are AS
    // builtins). Decorators on functions (`// @ts-ignore: decorator` + @inline)
    // are AS syntax. Lint finds what asc does not: unused imports and
    // variables, unreachable code, an import of one module in two statements.
    files: ['src/engine-wasm/assembly/**/*.ts'],
    languageOptions: { parser: assemblyScriptParser, globals: {} },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': 'allow-with-description' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-unreachable': 'error',
      'no-duplicate-imports': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
      'no-unused-expressions': 'off',
      '@typescript-eslint/no-unused-expressions': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: ['../host/**', '../../ui/**', 'react'], message: 'The kernel depends only on abi/ and its own files.' }] }],
    },
  },
  {
    // The host layer is portable: no React, no UI.
    files: ['src/engine-wasm/host/**/*.ts', 'src/engine-wasm/abi/**/*.ts', 'src/engine-wasm/c/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['react', 'react-dom', 'zustand', '**/ui/**'], message: 'The engine layer must not depend on the UI.' }] }],
    },
  },
);
