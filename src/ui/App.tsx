import { Editor } from './components/Editor/Editor.tsx';
import { ConsolePane } from './components/ConsolePane/ConsolePane.tsx';
import { StatusBar } from './components/StatusBar/StatusBar.tsx';
import { Toolbar } from './components/Toolbar/Toolbar.tsx';
import { CompletionRing } from './components/CompletionRing/CompletionRing.tsx';
import { useShortcuts } from './hooks/useShortcuts.ts';
import { useStore } from './store/index.ts';
// slot:imports

export function App() {
  useShortcuts();
  const theme = useStore((s) => s.theme);
  return (
    <div className="app" data-theme={theme}>
      <header className="topbar">
        <h1 className="brand">
          Syslet <span>Playground</span>
        </h1>
        {/* slot:topbar */}
        <StatusBar />
      </header>
      <Toolbar />
      {/* slot:narration-bar */}
      <main className="workspace">
        <div className="area-editor">
          <Editor />
        </div>
        <div className="area-console">
          <ConsolePane />
        </div>
        <div className="area-graph">{/* slot:graph */}</div>
        <div className="area-threads">{/* slot:threads */}</div>
        <div className="area-ring">
          <CompletionRing />
        </div>
        <div className="area-inspect">{/* slot:inspect */}</div>
      </main>
    </div>
  );
}
