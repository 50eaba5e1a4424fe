import { useRef, useState } from 'react';
import { useStore } from '../../store/index.ts';
import { currentEvent, exportProgramC, openProgramFile, saveCHeader, saveProgramFile, shareProgram, toggleTheme } from '../../share/actions.ts';
import { ListMenu } from '../Examples/ListMenu.tsx';
import { ExamplesMenu } from '../Examples/ExamplesMenu.tsx';
import { RecoverMenu } from '../Recover/RecoverMenu.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import { LessonsMenu } from '../Lessons/LessonsMenu.tsx';
import { KernelPanel } from '../KernelPanel/KernelPanel.tsx';
import './top-actions.css';

/** The top bar's controls: examples, recover, share, open, save and theme. */
export function TopActions() {
  const theme = useStore((s) => s.theme);
  const [link, setLink] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const share = async (moment: number | null) => setLink(await shareProgram(moment));

  return (
    <nav className="top-actions" aria-label="Program">
      <LessonsMenu />
      <ExamplesMenu />
      <RecoverMenu />
      <KernelPanel />
      <ListMenu
        label="Share"
        title="Copy a link that holds the whole program, or the program at this moment of its run; or export the program to C"
        items={() => {
          const at = currentEvent();
          return [
            { key: 'program', title: 'Link to the program', summary: 'The text and its breakpoints; it opens at the start.' },
            {
              key: 'moment',
              title: `Link to this moment (event ${at.toLocaleString('en')})`,
              summary: 'Opens the program at this event, with its breakpoints, speed, theme, inspector tab and maximised pane.',
            },
            { key: 'c', title: 'Export C', summary: 'Downloads the program as one C file for the 2007 syslet ABI, which the playground compiles and runs the same.' },
            { key: 'header', title: 'C header syslet.h', summary: 'Downloads the header an exported C file includes: the records, flags, calls and a small C library.' },
          ];
        }}
        empty=""
        onChoose={(item) => {
          if (item.key === 'c') void exportProgramC();
          else if (item.key === 'header') void saveCHeader();
          else void share(item.key === 'moment' ? currentEvent() : null);
        }}
      />
      <button type="button" className="btn" onClick={() => input.current?.click()} title="Open a .syslet or .txt program, or a .c file (it opens in its own tab; at most 200 KB)">
        Open file
      </button>
      <input
        ref={input}
        type="file"
        accept=".syslet,.txt,.c,text/plain,text/x-c"
        hidden
        data-testid="open-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void openProgramFile(file);
        }}
      />
      <button type="button" className="btn" onClick={saveProgramFile} title="Download the program as program.syslet">
        Save file
      </button>
      {/* The button names the theme it switches to. */}
      <button type="button" className="btn theme-toggle" onClick={toggleTheme} title={theme === 'light' ? 'Switch to the dark theme' : 'Switch to the light theme'}>
        <span aria-hidden="true">{theme === 'light' ? '☾' : '☀'}</span> <span className="theme-label">{theme === 'light' ? 'Dark theme' : 'Light theme'}</span>
      </button>
      {link !== null && <ShareDialog link={link} onClose={() => setLink(null)} />}
    </nav>
  );
}
