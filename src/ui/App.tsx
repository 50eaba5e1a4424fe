import { useEffect } from 'react';
import { Editor } from './components/Editor/Editor.tsx';
import { ConsolePane } from './components/ConsolePane/ConsolePane.tsx';
import { StatusBar } from './components/StatusBar/StatusBar.tsx';
import { Toolbar } from './components/Toolbar/Toolbar.tsx';
import { CompletionRing } from './components/CompletionRing/CompletionRing.tsx';
import { useShortcuts } from './hooks/useShortcuts.ts';
import { useStore } from './store/index.ts';
import { TopActions } from './components/TopActions/TopActions.tsx';
import { Notice } from './components/Notice/Notice.tsx';
import { PaneBoundary } from './components/PaneBoundary/PaneBoundary.tsx';
import { markDrawn } from './share/boot.ts';
// slot:imports
import { Inspector } from './components/Inspector/Inspector.tsx';
import { NarrationBar } from './components/Narration/NarrationBar.tsx';
import { Threads } from './components/Threads/Threads.tsx';
import { AtomGraph } from './components/AtomGraph/AtomGraph.tsx';
import { LessonBar } from './components/Lessons/LessonBar.tsx';

/** The workspace's panes: grid area (theme.css), name (for the boundary's message), component. */
const PANES = [
  { area: 'editor', name: 'Editor', Pane: Editor },
  { area: 'console', name: 'Console', Pane: ConsolePane },
  { area: 'graph', name: 'Atom graph', Pane: AtomGraph },
  { area: 'threads', name: 'Threads', Pane: Threads },
  { area: 'ring', name: 'Completion ring', Pane: CompletionRing },
  { area: 'inspect', name: 'Inspector', Pane: Inspector },
] as const;

/** Every pane sits in its own PaneBoundary: one that fails shows why, and the rest keep working. */
export function App() {
  useShortcuts();
  useEffect(markDrawn, []);
  const theme = useStore((s) => s.theme);
  return (
    <div className="app" data-theme={theme}>
      <header className="topbar">
        <h1 className="brand">
          Syslet <span>Playground</span>
        </h1>
        <PaneBoundary name="Program actions" bar>
          <TopActions />
        </PaneBoundary>
        <PaneBoundary name="Notice" bar>
          <Notice />
        </PaneBoundary>
        <PaneBoundary name="Status" bar>
          <StatusBar />
        </PaneBoundary>
      </header>
      <PaneBoundary name="Toolbar" bar>
        <Toolbar />
      </PaneBoundary>
      <PaneBoundary name="Narration" bar>
        <NarrationBar />
      </PaneBoundary>
      <PaneBoundary name="Lesson" bar>
        <LessonBar />
      </PaneBoundary>
      <main className="workspace">
        {PANES.map(({ area, name, Pane }) => (
          <div key={area} className={`area-${area}`}>
            <PaneBoundary name={name}>
              <Pane />
            </PaneBoundary>
          </div>
        ))}
      </main>
    </div>
  );
}
