import { useEffect, useLayoutEffect, useRef } from 'react';
import { monaco } from '../../monaco/setup.ts';
import { LANGUAGE_ID } from '../../monaco/language.ts';
import { registerModel } from '../../editing.ts';
import { attachLiveFeatures } from '../../monaco/features.ts';

interface Props {
  value: string;
  onChange(text: string): void;
}

/** An uncontrolled Monaco editor: Monaco owns the text, changes flow out through onChange. */
export default function MonacoEditor({ value, onChange }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const changed = useRef(onChange);
  useLayoutEffect(() => {
    changed.current = onChange;
  });

  useEffect(() => {
    const model = monaco.editor.createModel(value, LANGUAGE_ID);
    const editor = monaco.editor.create(host.current!, {
      model,
      theme: 'syslet-dark',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 15,
      lineNumbersMinChars: 3,
      scrollBeyondLastLine: false,
      ariaLabel: 'Syslet program',
      // Hovers and suggestions may reach past the narrow editor pane.
      fixedOverflowWidgets: true,
    });
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
    return () => {
      registerModel(null);
      live.dispose();
      sub.dispose();
      editor.dispose();
      model.dispose();
    };
    // The editor is created once; later `value` changes come from the user typing in it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return <div ref={host} className="monaco-host" data-testid="monaco-host" />;
}
