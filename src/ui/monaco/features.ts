// Monaco language features for syslet programs: completion and hover (once per
// page), and per editor the live parts fed by the store — error markers, the
// active-line decorations, the theme and autosave of what is typed.
import type * as Monaco from 'monaco-editor/editor';
import { useStore, type Store } from '../store/index.ts';
import { parse } from '../lang/parse.ts';
import { completionItems, contextOf, hoverText, type ItemKind } from './items.ts';
import { signatureAt } from './signature.ts';
import { foldingRanges } from './folding.ts';
import { activeLines, toMarkers, type ActiveLines } from './lines.ts';
import './features.css';

type MonacoApi = typeof Monaco;

export const MARKER_OWNER = 'syslet';
/** Characters past which completion does not parse the text again (about 400 atom lines). */
const BIG_TEXT = 20_000;

function kindOf(monaco: MonacoApi, kind: ItemKind): Monaco.languages.CompletionItemKind {
  const K = monaco.languages.CompletionItemKind;
  const map: Record<ItemKind, Monaco.languages.CompletionItemKind> = {
    syscall: K.Function, 'driver call': K.Method, flag: K.EnumMember, constant: K.Constant,
    keyword: K.Keyword, snippet: K.Snippet, var: K.Variable, atom: K.Struct, buffer: K.Field, option: K.Property,
  };
  return map[kind];
}

/** Completion, hover and signature-help providers for the language; called once, when the language registers. */
export function registerSysletFeatures(monaco: MonacoApi, languageId: string): void {
  monaco.languages.registerCompletionItemProvider(languageId, {
    // Right after `&` the list opens by itself with the names that have an address.
    triggerCharacters: ['&'],
    provideCompletionItems(model, position, context) {
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const before = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      if (/#/.test(before) || (before.split('"').length - 1) % 2 === 1) return { suggestions: [] };
      if (context.triggerCharacter === '&' && !contextOf(before).startsWith('address')) return { suggestions: [] };
      // The text as it is now (names declared a moment ago count), even with errors elsewhere; a big
      // text (parsing 1,000 atoms takes a good part of a frame or more) uses the program last judged.
      const stored = model.getValueLength() > BIG_TEXT ? useStore.getState().program : null;
      const program = stored ?? parse(model.getValue()).program;
      const suggestions = completionItems(before, program).map((it) => ({
        label: it.label,
        kind: kindOf(monaco, it.kind),
        insertText: it.insertText,
        insertTextRules: it.snippet ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
        detail: it.detail,
        documentation: it.documentation ? { value: it.documentation } : undefined,
        sortText: `${it.rank}${it.label}`,
        range,
      }));
      return { suggestions };
    },
  });
  monaco.languages.registerHoverProvider(languageId, {
    provideHover(model, position) {
      const word = model.getWordAtPosition(position);
      if (!word) return null;
      const text = hoverText(word.word, useStore.getState().program);
      if (!text) return null;
      return {
        range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
        contents: [{ value: text }],
      };
    },
  });
  monaco.languages.registerFoldingRangeProvider(languageId, {
    provideFoldingRanges(model) {
      const K = monaco.languages.FoldingRangeKind;
      return foldingRanges(model.getLinesContent()).map((f) => ({ start: f.start, end: f.end, kind: f.kind === 'comment' ? K.Comment : undefined }));
    },
  });
  monaco.languages.registerSignatureHelpProvider(languageId, {
    signatureHelpTriggerCharacters: ['(', ','],
    signatureHelpRetriggerCharacters: [')'],
    provideSignatureHelp(model, position) {
      const sig = signatureAt(model.getLineContent(position.lineNumber).slice(0, position.column - 1));
      if (!sig) return null;
      return {
        value: {
          signatures: [{ label: sig.label, documentation: { value: sig.doc }, parameters: sig.params.map((p) => ({ label: [p[0], p[1]] as [number, number] })) }],
          activeSignature: 0,
          activeParameter: sig.active,
        },
        dispose() {},
      };
    },
  });
}

function decorations(monaco: MonacoApi, lines: ActiveLines, lineCount: number): Monaco.editor.IModelDeltaDecoration[] {
  const out: Monaco.editor.IModelDeltaDecoration[] = [];
  const whole = monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges;
  if (lines.atom > 0 && lines.atom <= lineCount && lines.atom !== lines.driver) {
    out.push({
      range: new monaco.Range(lines.atom, 1, lines.atom, 1),
      options: { isWholeLine: true, stickiness: whole, className: 'syslet-line-atom', linesDecorationsClassName: 'syslet-gutter-atom', hoverMessage: { value: 'The kernel is running this atom' } },
    });
  }
  if (lines.driver > 0 && lines.driver <= lineCount) {
    const failed = lines.failed;
    out.push({
      range: new monaco.Range(lines.driver, 1, lines.driver, 1),
      options: {
        isWholeLine: true,
        stickiness: whole,
        className: failed ? 'syslet-line-failed' : 'syslet-line-driver',
        linesDecorationsClassName: failed ? 'syslet-gutter-failed' : 'syslet-gutter-driver',
        hoverMessage: { value: failed ? 'The run stopped here' : 'The driver is at this line' },
      },
    });
  }
  return out;
}

const same = (a: ActiveLines, b: ActiveLines) => a.driver === b.driver && a.atom === b.atom && a.failed === b.failed;

/** Connects one editor to the store; returns what to dispose with the editor. */
export function attachLiveFeatures(monaco: MonacoApi, editor: Monaco.editor.IStandaloneCodeEditor, model: Monaco.editor.ITextModel): Monaco.IDisposable {
  const deco = editor.createDecorationsCollection();
  let shown: ActiveLines = { driver: -1, atom: -1, failed: false };

  const showMarkers = (s: Store) => {
    const sev = (x: 'error' | 'warning') => (x === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning);
    monaco.editor.setModelMarkers(model, MARKER_OWNER, toMarkers(s.diagnostics).map((m) => ({ ...m, severity: sev(m.severity), source: 'syslet' })));
  };
  const showLines = (s: Store) => {
    // The C tab shows another model: the program's lines are not its lines.
    const lines = s.lang === 'c' ? { driver: -1, atom: -1, failed: false } : activeLines(s.snap, s.program);
    if (same(lines, shown)) return;
    shown = lines;
    deco.set(decorations(monaco, lines, model.getLineCount()));
    // Follow the run, but never scroll away from where the user is typing.
    if (lines.driver > 0 && !editor.hasTextFocus()) editor.revealLineInCenterIfOutsideViewport(lines.driver, monaco.editor.ScrollType.Immediate);
  };
  const showTheme = (s: Store) => monaco.editor.setTheme(s.theme === 'light' ? 'syslet-light' : 'syslet-dark');

  const initial = useStore.getState();
  showMarkers(initial);
  showLines(initial);
  showTheme(initial);
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.diagnostics !== prev.diagnostics) showMarkers(s);
    if (s.snap !== prev.snap || s.program !== prev.program || s.lang !== prev.lang) showLines(s);
    if (s.theme !== prev.theme) showTheme(s);
  });
  return {
    dispose() {
      unsubscribe();
      deco.clear();
      monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
    },
  };
}
