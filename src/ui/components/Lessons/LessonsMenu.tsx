import { useEffect, useRef, useState, type ComponentType } from 'react';
import { ListMenu, type MenuItem } from '../Examples/ListMenu.tsx';
import { LESSONS } from '../../lessons/index.ts';
import { readProgress } from '../../lessons/progress.ts';
import { lessonLink, openLesson, openLessonText } from '../../lessons/live.ts';
import { exerciseId, newSeed } from '../../lessons/exercises.ts';
import { importFile } from '../../share/file.ts';
import { loadPart, showNotice } from '../../share/actions.ts';
import { useStore } from '../../store/index.ts';
import { ShareDialog } from '../TopActions/ShareDialog.tsx';
import { closeHelp, openHelp, useHelp } from './help-state.ts';

/** The Help dialog (its glossary and pages), once loaded: it loads when Help is first opened (the page's first load stays small). */
let helpDialog: ComponentType | null = null;
function LazyHelp() {
  const open = useHelp((s) => s.page !== null);
  const [Dialog, setDialog] = useState<ComponentType | null>(() => helpDialog);
  useEffect(() => {
    if (!open || Dialog) return;
    let live = true;
    // A chunk that cannot be loaded is said in the notice; the next Help tries again.
    void loadPart('Help', () => import('./HelpDialog.tsx')).then((m) => {
      if (!m) return closeHelp();
      helpDialog = m.HelpDialog;
      if (live) setDialog(() => m.HelpDialog);
    });
    return () => {
      live = false;
    };
  }, [open, Dialog]);
  return open && Dialog ? <Dialog /> : null;
}

const EXERCISES = 'exercises:new';
const OPEN_FILE = 'lesson:file';
const LINK = 'lesson:link';

/** The top bar's "Lessons" menu (the course, exercises, a lesson file, a lesson's link) and "Help". */
export function LessonsMenu() {
  const input = useRef<HTMLInputElement>(null);
  const [link, setLink] = useState<string | null>(null);
  const open = useStore((s) => s.lesson);
  const items = (): MenuItem[] => {
    const progress = readProgress();
    return [
      ...LESSONS.map((l, i) => {
        const p = progress[l.id];
        return {
          key: l.id,
          title: (
            <>
              {i + 1}. {l.title}
              {p?.done ? <span className="example-current">done</span> : p ? <span className="example-current">step {p.step + 1}</span> : null}
            </>
          ),
          summary: l.summary,
        };
      }),
      { key: EXERCISES, title: 'Exercises: a new set', summary: 'Five small random programs with a question each; the link to the set gives everyone the same five.' },
      { key: OPEN_FILE, title: 'Open a lesson file…', summary: 'A .lesson file a lecturer wrote (docs/lessons.md).' },
      ...(open ? [{ key: LINK, title: 'Copy a link to this lesson', summary: 'Opens this lesson (or exercise set) for whoever follows it.' }] : []),
    ];
  };
  const choose = async (item: MenuItem) => {
    if (item.key === EXERCISES) openLesson(exerciseId(newSeed(), 0));
    else if (item.key === OPEN_FILE) input.current?.click();
    else if (item.key === LINK) {
      const l = lessonLink();
      if (!l) return;
      try {
        await navigator.clipboard.writeText(l);
        showNotice({ kind: 'info', text: 'Lesson link copied' });
      } catch {
        setLink(l);
      }
    } else openLesson(item.key, readProgress()[item.key]?.done ? 0 : (readProgress()[item.key]?.step ?? 0));
  };
  return (
    <>
      <ListMenu label="Lessons" title="A guided course, generated exercises, lesson files" items={items} empty="No lessons" onChoose={(i) => void choose(i)} />
      <input
        ref={input}
        type="file"
        accept=".lesson,.md,.txt,text/plain,text/markdown"
        hidden
        data-testid="open-lesson-input"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          const r = await importFile(file, ['lesson', 'md', 'txt']);
          if (r.ok) openLessonText(r.text, file.name);
          else showNotice({ kind: 'error', text: `${r.error} No lesson was opened.` });
        }}
      />
      <button type="button" className="btn help-button" aria-label="Help" onClick={() => openHelp()} title="Glossary and documentation">
        <span className="help-label">Help</span>
        <span className="help-glyph" aria-hidden="true">?</span>
      </button>
      <LazyHelp />
      {link !== null && <ShareDialog link={link} onClose={() => setLink(null)} />}
    </>
  );
}
