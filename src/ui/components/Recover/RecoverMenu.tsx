import { readHistory, firstLine } from '../../share/history.ts';
import { pageStorage } from '../../share/storage.ts';
import { openText } from '../../share/actions.ts';
import { ListMenu } from '../Examples/ListMenu.tsx';

const when = (time: number) =>
  new Date(time).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** "Recover earlier work": the programs kept in the history (autosaved, set aside), newest first. */
export function RecoverMenu() {
  const entries = () => readHistory(pageStorage());
  return (
    <ListMenu
      label="Recover"
      title="Recover earlier work: programs autosaved in any tab, or set aside when something replaced them"
      items={() =>
        entries().map((e) => ({
          key: e.id,
          title: <span className="recover-line">{firstLine(e.text)}</span>,
          summary: `${when(e.time)} · ${e.text.split('\n').length} lines`,
        }))
      }
      empty="Nothing saved yet: programs you edit are kept here."
      onChoose={(item) => {
        const entry = entries().find((e) => e.id === item.key);
        if (entry) openText(entry.text, `the program saved ${when(entry.time)}`);
      }}
    />
  );
}
