import { useEffect, type CSSProperties } from 'react';
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
import { useViewShortcuts } from './hooks/useViewShortcuts.ts';
import { gridFor } from './workspace/grid.ts';
import { useSurface } from './workspace/useSurface.ts';
import { MaximiseButton } from './workspace/MaximiseButton.tsx';
import { Dividers } from './workspace/Dividers.tsx';
import { PhoneTabs } from './workspace/PhoneTabs.tsx';
import { ViewMenu } from './workspace/ViewMenu.tsx';
import './workspace/workspace.css';

/** The workspace's panes: grid area (theme.css), name (for the boundary's message), component. */
const PANES = [
  { area: 'editor', name: 'Editor', Pane: Editor },
  { area: 'console', name: 'Console', Pane: ConsolePane },
  { area: 'graph', name: 'Atom graph', Pane: AtomGraph },
  { area: 'threads', name: 'Threads', Pane: Threads },
  { area: 'ring', name: 'Completion ring', Pane: CompletionRing },
  { area: 'inspect', name: 'Inspector', Pane: Inspector },
] as const;

/**
 * Every pane sits in its own PaneBoundary: one that fails shows why, and the rest keep working.
 * The workspace's grid (which panes, where, the dividers) comes from workspace/grid.ts: the
 * normal or presenter layout, one maximised pane, a phone's one pane, an embed's chosen panes.
 */
export function App() {
  useShortcuts();
  useViewShortcuts();
  useEffect(markDrawn, []);
  const theme = useStore((s) => s.theme);
  const surface = useSurface();
  const presenter = useStore((s) => s.presenter);
  const maximised = useStore((s) => s.maximised);
  const sizes = useStore((s) => s.paneSizes);
  const zoom = useStore((s) => s.zoom);
  const embed = useStore((s) => s.embed);
  const grid = gridFor({ surface, presenter, maximised, sizes, embedPanes: embed?.panes });
  const single = grid.shown.size === 1;
  const classes = [
    'app',
    `surface-${surface}`,
    presenter && surface === 'desktop' ? 'presenter' : '',
    single ? 'single-pane' : '',
    embed && !embed.controls ? 'no-controls' : '',
    embed && !embed.narration ? 'no-narration' : '',
  ];
  const style = { gridTemplateColumns: grid.columns, gridTemplateRows: grid.rows, gridTemplateAreas: grid.areas, '--zoom': zoom } as CSSProperties;
  return (
    <div className={classes.filter(Boolean).join(' ')} data-theme={theme}>
      <header className="topbar">
        <h1 className="brand">
          Syslet <span>Playground</span>
        </h1>
        <PaneBoundary name="Program actions" bar>
          <TopActions />
        </PaneBoundary>
        <PaneBoundary name="View" bar>
          <ViewMenu />
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
      {/* An embed is a read-only view of one program: no lessons, no first-visit note. */}
      {!embed && (
        <PaneBoundary name="Lesson" bar>
          <LessonBar />
        </PaneBoundary>
      )}
      {surface === 'phone' && <PhoneTabs />}
      <main className="workspace" style={style}>
        {PANES.map(({ area, name, Pane }) => (
          <div key={area} className={`area-${area}`} id={`pane-area-${area}`} data-pane={area} hidden={!grid.shown.has(area)}>
            {surface !== 'phone' && !(single && !maximised) && <MaximiseButton pane={area} />}
            <PaneBoundary name={name}>
              <Pane />
            </PaneBoundary>
          </div>
        ))}
        {grid.resizable && <Dividers layout={grid.resizable} dividers={grid.dividers} />}
      </main>
    </div>
  );
}
