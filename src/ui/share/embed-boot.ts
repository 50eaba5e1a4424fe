// Start-up of an embed (`?embed`, see embed.ts): the program from the link or
// the example, no autosave, no history, no Recover notices, nothing written to
// the browser's storage; autoplay once the kernel has the program.
import { useStore } from '../store/index.ts';
import { play, setSource } from '../engine/runtime.ts';
import { whenRunnable } from '../engine/run-guard.ts';
import { parseBreakpoints } from '../engine/breakpoints.ts';
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
  const breakpoints = parseBreakpoints(start.extras.breakpoints);
  const said = [embed.problem, error].filter((s) => s !== null).join(' ');
  useStore.setState({
    embed,
    theme: embed.theme ?? 'dark',
    notice: said ? { kind: 'error', text: said } : null,
    ...(embed.speed !== null ? { speed: embed.speed } : {}),
    ...(breakpoints.length > 0 ? { breakpoints } : {}),
  });
  document.title = titleFor(exampleName);
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
