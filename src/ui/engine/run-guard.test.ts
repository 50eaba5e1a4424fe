import { afterEach, describe, expect, test } from 'vitest';
import { useStore, initialState } from '../store/index.ts';
import { parse } from '../lang/parse.ts';
import { firstError, refusalText, sortDiagnostics, whenRunnable } from './run-guard.ts';
import { registerCursor } from '../editor-cursor.ts';

const diag = (line: number, column: number, severity: 'error' | 'warning', message = 'm') => ({ line, column, endLine: line, endColumn: column + 1, severity, message });

afterEach(() => {
  registerCursor(null);
  useStore.setState({ ...initialState });
});

describe('run guard', () => {
  test('diagnostics in text order; the first error, not a warning before it', () => {
    const list = [diag(5, 2, 'error', 'late'), diag(2, 9, 'warning'), diag(2, 3, 'error', 'early'), diag(2, 3, 'warning')];
    expect(sortDiagnostics(list).map((d) => `${d.line}:${d.column} ${d.severity}`)).toEqual(['2:3 error', '2:3 warning', '2:9 warning', '5:2 error']);
    expect(firstError(list)?.message).toBe('early');
    expect(firstError([diag(1, 1, 'warning')])).toBeUndefined();
  });

  test('the refusal names line:column and the parser’s message', () => {
    const { diagnostics } = parse('ring 4\nvar x = \n');
    expect(refusalText(firstError(diagnostics)!)).toBe('Fix line 2:9 first: expected an expression, found the end of the line');
  });

  test('with an error the action is not run: a notice, and the cursor goes to the error', () => {
    const went: string[] = [];
    registerCursor((l, c) => went.push(`${l}:${c}`));
    useStore.setState({ diagnostics: [diag(3, 7, 'error', 'unknown syscall "reed"')] });
    let ran = 0;
    whenRunnable(() => ran++);
    expect(ran).toBe(0);
    expect(useStore.getState().notice).toEqual({ kind: 'error', text: 'Fix line 3:7 first: unknown syscall "reed"' });
    expect(went).toEqual(['3:7']);
    // Fixed: the notice goes by itself, and the action runs.
    useStore.setState({ diagnostics: [diag(1, 1, 'warning')] });
    expect(useStore.getState().notice).toBeNull();
    whenRunnable(() => ran++);
    expect(ran).toBe(1);
  });

  test('another notice is left alone', () => {
    useStore.setState({ diagnostics: [diag(1, 1, 'error')] });
    whenRunnable(() => {});
    const other = { kind: 'info' as const, text: 'Link copied' };
    useStore.setState({ notice: other });
    useStore.setState({ diagnostics: [] });
    expect(useStore.getState().notice).toBe(other);
  });
});
