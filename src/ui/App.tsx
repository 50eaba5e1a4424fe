import { Editor } from './components/Editor/Editor.tsx';
import { ConsolePane } from './components/ConsolePane/ConsolePane.tsx';
import { StatusBar } from './components/StatusBar/StatusBar.tsx';
import { Toolbar } from './components/Toolbar/Toolbar.tsx';
import { CompletionRing } from './components/CompletionRing/CompletionRing.tsx';
import { useShortcuts } from './hooks/useShortcuts.ts';
import { useStore } from './store/index.ts';
import { TopActions } from './components/TopActions/TopActions.tsx';
import { Notice } from './components/Notice/Notice.tsx';
// slot:imports
import { Inspector } from './components/Inspector/Inspector.tsx';
import { NarrationBar } from './components/Narration/NarrationBar.tsx';
import { Threads } from './components/Threads/Threads.tsx';
import { AtomGraph } from './components/AtomGraph/AtomGraph.tsx';

export function App() {
  useShortcuts();
  const theme = useStore((s) => s.theme);
  return (
    <div className="app" data-theme={theme}>
      <header className="topbar">
        <h1 className="brand">
          Syslet <span>Playground</span>
        </h1>
        <TopActions />
        <Notice />
        <StatusBar />
      </header>
      <Toolbar />
      <NarrationBar />
      <main className="workspace">
        <div className="area-editor">
          <Editor />
        </div>
        <div className="area-console">
          <ConsolePane />
        </div>
        <div className="area-graph"><AtomGraph /></div>
        <div className="area-threads"><Threads /></div>
        <div className="area-ring">
          <CompletionRing />
        </div>
        <div className="area-inspect"><Inspector /></div>
      </main>
    </div>
  );
}
