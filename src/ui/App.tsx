import { Editor } from './components/Editor/Editor.tsx';
import { ConsolePane } from './components/ConsolePane/ConsolePane.tsx';
import { StatusBar } from './components/StatusBar/StatusBar.tsx';

export function App() {
  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">
          Syslet <span>Playground</span>
        </h1>
        <p className="tagline">asynchronous system calls, atom by atom</p>
        <StatusBar />
      </header>
      <main className="workspace">
        <Editor />
        <ConsolePane />
      </main>
    </div>
  );
}
