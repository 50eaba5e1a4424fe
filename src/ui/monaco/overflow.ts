// Where the editor's floating widgets live: suggestions, hover docs, signature
// help. Every pane is `contain: strict`, which makes it the containing block of
// fixed-position descendants and clips them, so a suggestion list opened at the
// pane's bottom would be cut off. This node sits outside every pane, at the end
// of <body>, and carries the classes Monaco's CSS and theme colours hang on.
import { useStore, type Theme } from '../store/index.ts';

const themeClass = (t: Theme) => (t === 'light' ? 'vs' : 'vs-dark');

/** Creates the node (Monaco's `overflowWidgetsDomNode`); dispose() removes it. */
export function createOverflowHost(doc: Document = document): { node: HTMLElement; dispose(): void } {
  const node = doc.createElement('div');
  node.className = `monaco-editor syslet-overflow-widgets ${themeClass(useStore.getState().theme)}`;
  node.dataset.testid = 'editor-widgets';
  doc.body.appendChild(node);
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.theme === prev.theme) return;
    node.classList.remove(themeClass(prev.theme));
    node.classList.add(themeClass(s.theme));
  });
  return {
    node,
    dispose() {
      unsubscribe();
      node.remove();
    },
  };
}
