import { useMemo } from 'react';
import { C_EXAMPLES, C_EXAMPLE_NAMES, EXAMPLES, EXAMPLE_NAMES } from '../../examples/index.ts';
import { openCFile } from '../../c/c-runtime.ts';
import { useStore } from '../../store/index.ts';
import { loadExample } from '../../share/actions.ts';
import { cExampleInfos, exampleInfos } from './info.ts';
import { ListMenu, type MenuItem } from './ListMenu.tsx';

/** Opens a shipped C file in the C tab; an edited C file it replaces stays in the tab's undo. */
function openCExample(name: string): void {
  const text = C_EXAMPLES[name];
  if (text !== undefined) openCFile({ name, text });
}

/** The "Examples" button and its listbox of shipped programs. */
export function ExamplesMenu() {
  const current = useStore((s) => (s.lang === 'c' ? `c:${s.cFile?.name}` : s.exampleName));
  const items = useMemo<MenuItem[]>(
    () => [
      ...exampleInfos(EXAMPLE_NAMES, EXAMPLES).map((info) => ({
        key: info.name,
        title: (
          <>
            {info.title}
            <code>{info.name}</code>
            {info.name === current && <span className="example-current">loaded</span>}
          </>
        ),
        summary: info.summary,
      })),
      // C files open in the editor's C tab, beside the program (which stays as it is).
      ...cExampleInfos(C_EXAMPLE_NAMES, C_EXAMPLES).map((info) => ({
        key: `c:${info.name}`,
        title: (
          <>
            {info.title}
            <code>{info.name}</code>
            {`c:${info.name}` === current && <span className="example-current">loaded</span>}
          </>
        ),
        summary: info.summary,
      })),
    ],
    [current],
  );
  return (
    <ListMenu
      label="Examples"
      items={() => items}
      startAt={(list) => list.findIndex((i) => i.key === current)}
      empty="No examples."
      onChoose={(item) => (item.key.startsWith('c:') ? openCExample(item.key.slice(2)) : loadExample(item.key))}
    />
  );
}
