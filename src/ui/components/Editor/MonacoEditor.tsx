import { useEffect, useLayoutEffect, useRef } from 'react';
import { monaco } from '../../monaco/setup.ts';
import { LANGUAGE_ID } from '../../monaco/language.ts';
import { registerModel } from '../../editing.ts';
import { attachLiveFeatures } from '../../monaco/features.ts';
import { createOverflowHost } from '../../monaco/overflow.ts';
import { registerCursor } from '../../editor-cursor.ts';
import type { Diagnostic } from '../../lang/ast.ts';

type Model = ReturnType<typeof monaco.editor.createModel>;
type ViewState = ReturnType<ReturnType<typeof monaco.editor.create>['saveViewState']>;

interface Props {
  value: string;
  onChange(text: string): void;
  /** The C file's text, when one is open (its own model, language `c`), and where its changes go. */
  cText?: string | null;
  onCChange?(text: string): void;
  /** Which of the two the editor shows. */
  show?: 'syslet' | 'c';
  /** The C compiler's diagnostics, as markers on the C text. */
  cDiagnostics?: readonly Diagnostic[];
  /** A viewer (phone, embed): the text cannot be changed here. */
  readOnly?: boolean;
  /** The panes' font zoom (the editor's own font size follows it; its host is not CSS-zoomed). */
  zoom?: number;
}

/** The editor's font size at zoom 1. */
const FONT_SIZE = 15;

/** An uncontrolled Monaco editor: Monaco owns the text, changes flow out through onChange. */
export default function MonacoEditor({ value, onChange, readOnly = false, zoom = 1, cText = null, onCChange, show = 'syslet', cDiagnostics = [] }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<ReturnType<typeof monaco.editor.create> | null>(null);
  const changed = useRef(onChange);
  const cChanged = useRef(onCChange);
  useLayoutEffect(() => {
    changed.current = onChange;
    cChanged.current = onCChange;
  });
  const programModel = useRef<Model | null>(null);
  const cModel = useRef<Model | null>(null);
  const states = useRef(new Map<Model, ViewState>());

  useEffect(() => {
    const model = monaco.editor.createModel(value, LANGUAGE_ID);
    programModel.current = model;
    const overflow = createOverflowHost();
    const editor = monaco.editor.create(host.current!, {
      model,
      theme: 'syslet-dark',
      automaticLayout: true,
      minimap: { enabled: false },
      // Read-only and the zoomed size are applied by the effect below, right after.
      fontSize: FONT_SIZE,
      // Atom lines are long (a read-loop atom is 116 characters): wrapped, indented, so the
      // `flags` and `next` clauses stay readable in the narrow Program pane.
      wordWrap: 'on',
      wrappingIndent: 'indent',
      // Break after spaces and punctuation, never inside `&name` or between a call and its `(`.
      wordWrapBreakAfterCharacters: ' \t})]?|/.,;',
      wordWrapBreakBeforeCharacters: '',
      lineNumbersMinChars: 3,
      scrollBeyondLastLine: false,
      ariaLabel: 'Syslet program',
      // Hovers, suggestions and signature help live outside the panes (see overflow.ts).
      fixedOverflowWidgets: true,
      overflowWidgetsDomNode: overflow.node,
    });
    view.current = editor;
    const live = attachLiveFeatures(monaco, editor, model);
    let replacing = false;
    const sub = model.onDidChangeContent(() => {
      if (!replacing) changed.current(model.getValue());
    });
    registerModel({
      getValue: () => model.getValue(),
      replaceAll: (text) => {
        replacing = true;
        editor.pushUndoStop();
        editor.executeEdits('syslet-playground', [{ range: model.getFullModelRange(), text }]);
        editor.pushUndoStop();
        replacing = false;
      },
      applyEdits: (edits) => {
        replacing = true;
        editor.pushUndoStop();
        editor.executeEdits('syslet-playground', edits.map((e) => ({ range: new monaco.Range(e.line, e.col, e.endLine, e.endCol), text: e.text })));
        editor.pushUndoStop();
        replacing = false;
      },
      undo: () => editor.trigger('graph', 'undo', null),
      redo: () => editor.trigger('graph', 'redo', null),
    });
    // The problems list under the editor grows and shrinks as one types: keep the cursor in view.
    const keepCursor = editor.onDidLayoutChange(() => {
      const at = editor.getPosition();
      if (at && editor.hasTextFocus()) editor.revealPosition(at, monaco.editor.ScrollType.Immediate);
    });
    registerCursor((line, column) => {
      editor.setPosition({ lineNumber: line, column });
      editor.revealPositionInCenterIfOutsideViewport({ lineNumber: line, column });
      editor.focus();
    });
    return () => {
      view.current = null;
      registerCursor(null);
      registerModel(null);
      keepCursor.dispose();
      live.dispose();
      sub.dispose();
      editor.dispose();
      model.dispose();
      cModel.current?.dispose();
      cModel.current = null;
      programModel.current = null;
      overflow.dispose();
    };
    // The editor is created once; later `value` changes come from the user typing in it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    view.current?.updateOptions({ readOnly, fontSize: Math.round(FONT_SIZE * zoom) });
  }, [readOnly, zoom]);

  // The C file: its own model, made when one is opened, kept in step with the store when the
  // text comes from elsewhere (a file opened, an example), and shown when its tab is.
  const hasC = cText !== null;
  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    if (cText === null) {
      if (cModel.current) {
        if (editor.getModel() === cModel.current && programModel.current) editor.setModel(programModel.current);
        states.current.delete(cModel.current);
        cModel.current.dispose();
        cModel.current = null;
      }
      return;
    }
    if (!cModel.current) {
      const m = monaco.editor.createModel(cText, 'c');
      m.onDidChangeContent(() => cChanged.current?.(m.getValue()));
      cModel.current = m;
    } else if (cModel.current.getValue() !== cText) {
      const m = cModel.current;
      m.pushEditOperations([], [{ range: m.getFullModelRange(), text: cText }], () => null);
    }
  }, [cText]);
  useEffect(() => {
    const editor = view.current;
    const want = show === 'c' ? cModel.current : programModel.current;
    if (!editor || !want || editor.getModel() === want) return;
    const was = editor.getModel();
    if (was) states.current.set(was, editor.saveViewState());
    editor.setModel(want);
    editor.updateOptions({ ariaLabel: show === 'c' ? 'C program' : 'Syslet program' });
    const st = states.current.get(want);
    if (st) editor.restoreViewState(st);
  }, [show, hasC]);
  useEffect(() => {
    const m = cModel.current;
    if (!m) return;
    const sev = (x: 'error' | 'warning') => (x === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning);
    monaco.editor.setModelMarkers(
      m,
      'clang',
      cDiagnostics.map((d) => ({ startLineNumber: d.line, startColumn: d.column, endLineNumber: d.endLine, endColumn: d.endColumn, message: d.message, severity: sev(d.severity), source: 'clang' })),
    );
  }, [cDiagnostics, hasC]);

  // `monaco-component` gives Monaco's theme colours to what it puts beside the editor in the
  // host, such as the context menu (in a shadow root, it sees only inherited variables).
  return <div ref={host} className="monaco-host monaco-component" data-testid="monaco-host" />;
}
