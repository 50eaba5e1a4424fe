// Monaco, bundled locally: the editor core, the features the playground uses,
// and its editor worker. Nothing is fetched from a CDN. Loaded lazily (its own chunk).
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/parameterHints/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/gotoError/register';
// Ctrl+G: go to a line (a 1,000-atom program is 1,000 lines).
import 'monaco-editor/features/gotoLine/register';
// C, for the C tab (docs/c.md): Monaco's own tokenizer for C and C++.
import 'monaco-editor/languages/definitions/cpp/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { registerSysletLanguage } from './language.ts';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
registerSysletLanguage(monaco);
// Shift+F10 is the page's "step back" (hooks/useShortcuts.ts): in the editor it must not
// also open the context menu. The menu stays on right-click and the ContextMenu key.
monaco.editor.addKeybindingRule({ keybinding: monaco.KeyMod.Shift | monaco.KeyCode.F10, command: '-editor.action.showContextMenu' });

export { monaco };
