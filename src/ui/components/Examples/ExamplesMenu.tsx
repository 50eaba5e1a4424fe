import { useMemo } from 'react';
import { EXAMPLES, EXAMPLE_NAMES } from '../../examples/index.ts';
import { useStore } from '../../store/index.ts';
import { loadExample } from '../../share/actions.ts';
import { exampleInfos } from './info.ts';
import { ListMenu, type MenuItem } from './ListMenu.tsx';

/** The "Examples" button and its listbox of shipped programs. */
export function ExamplesMenu() {
  const current = useStore((s) => s.exampleName);
  const items = useMemo<MenuItem[]>(
    () =>
      exampleInfos(EXAMPLE_NAMES, EXAMPLES).map((info) => ({
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
    [current],
  );
  return (
    <ListMenu
      label="Examples"
      items={() => items}
      startAt={(list) => list.findIndex((i) => i.key === current)}
      empty="No examples."
      onChoose={(item) => loadExample(item.key)}
    />
  );
}
