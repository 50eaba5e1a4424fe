// Start-up of an embed (`?embed`, see embed.ts): the program from the link or
// the example, no autosave, no history, no Recover notices, nothing written to
// the browser's storage; autoplay once the kernel has the program.
import { useStore } from '../store/index.ts';
import { landOn, play, setSource, whenEngineStarted } from '../engine/runtime.ts';
import { whenRunnable } from '../engine/run-guard.ts';
import { problemsText, readLinkState } from './link-state.ts';
import { EXAMPLES } from '../examples/index.ts';
import { installAutosave } from './autosave.ts';
import { embedStart, type EmbedOptions } from './embed.ts';
import { titleFor } from './startup.ts';

export function bootEmbed(embed: EmbedOptions): void {
  installAutosave(null);
  const start = embedStart(window.location, EXAMPLES);
  let error = start.error;
  let exampleName = start.exampleName;
  try {
    setSource(start.text, exampleName);
  } catch (e) {
    exampleName = 'hello';
    setSource(EXAMPLES.hello, exampleName);
    error = `The program could not be loaded (${e instanceof Error ? e.message : String(e)}); the embed shows hello instead.`;
  }
  // A moment link's fields (link-state.ts) apply to an embed too; the embed's own parameters win,
  // and a lesson is not part of an embed.
  const { event, problems, ...fields } = readLinkState(start.extras);
  const view = { ...fields };
  delete view.lesson;
  const said = [embed.problem, error, problemsText(problems) || null].filter((s) => s !== null).join(' ');
  useStore.setState({
    ...view,
    embed,
    theme: embed.theme ?? view.theme ?? 'dark',
    notice: said ? { kind: 'error', text: said } : null,
    ...(embed.speed !== null ? { speed: embed.speed } : {}),
  });
  document.title = titleFor(exampleName);
  if (event !== undefined) {
    whenEngineStarted(() => {
      const landed = landOn(event);
      if (landed !== null && landed !== 'reached') {
        const why = problemsText([`its event (${event.toLocaleString('en')}) is past the end of the run (event ${landed.end.toLocaleString('en')})`]);
        useStore.setState((s) => ({ notice: { kind: 'error', text: s.notice ? `${s.notice.text} ${why}` : why } }));
      }
      if (embed.autoplay) whenRunnable(play);
    });
    return;
  }
  if (!embed.autoplay) return;
  // The session exists once the kernel has loaded and built it (the first snapshot).
  const started = () => useStore.getState().snap !== null;
  if (started()) whenRunnable(play);
  else {
    const stop = useStore.subscribe((s) => {
      if (s.snap === null) return;
      stop();
      whenRunnable(play);
    });
  }
}
