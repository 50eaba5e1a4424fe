import { describe, expect, test } from 'vitest';
import { embedOptions, embedStart, EMBED_DEFAULT_PANES } from './embed.ts';
import { encodeCode } from './codec.ts';

const at = (search: string, hash = '') => ({ pathname: '/', search, hash });
const EXAMPLES = { hello: 'hello text', pipe: 'pipe text' };

describe('embed options', () => {
  test('no embed parameter, or embed=0: the full playground', () => {
    expect(embedOptions(at('?example=pipe'))).toBeNull();
    expect(embedOptions(at('?embed=0'))).toBeNull();
  });
  test('defaults: ring and threads, controls and narration shown, no autoplay', () => {
    expect(embedOptions(at('?embed'))).toEqual({ panes: EMBED_DEFAULT_PANES, autoplay: false, controls: true, narration: true, speed: null, theme: null, problem: null });
  });
  test('panes, autoplay, speed, theme, controls and narration from the address', () => {
    const o = embedOptions(at('?embed=1&panes=graph,ring,graph&autoplay&speed=max&theme=light&controls=0&narration=no'));
    expect(o).toEqual({ panes: ['graph', 'ring'], autoplay: true, controls: false, narration: false, speed: Infinity, theme: 'light', problem: null });
    expect(embedOptions(at('?embed&speed=4'))?.speed).toBe(4);
  });
  test('mistakes are named, and the rest still applies', () => {
    const o = embedOptions(at('?embed&panes=ring,memory&speed=fast&autoplay=maybe&theme=blue'))!;
    expect(o.panes).toEqual(['ring']);
    expect(o.speed).toBeNull();
    expect(o.autoplay).toBe(false);
    expect(o.problem).toContain('no pane named “memory”');
    expect(o.problem).toContain('speed=fast is not one of 1, 4, 16, 64, 512, max');
    expect(o.problem).toContain('autoplay=maybe is not yes or no');
    expect(o.problem).toContain('theme=blue is not light or dark');
    expect(embedOptions(at('?embed&panes=nothing'))!.panes).toEqual(EMBED_DEFAULT_PANES);
  });
});

describe('embed program', () => {
  test('from the link, else the example, else hello; never saved work', () => {
    expect(embedStart(at('?embed', encodeCode('linked text')), EXAMPLES)).toMatchObject({ text: 'linked text', exampleName: null, error: null });
    expect(embedStart(at('?embed&example=pipe'), EXAMPLES)).toMatchObject({ text: 'pipe text', exampleName: 'pipe', error: null });
    expect(embedStart(at('?embed'), EXAMPLES)).toMatchObject({ text: 'hello text', exampleName: 'hello', error: null });
  });
  test('a damaged link or an unknown example shows hello and says why', () => {
    const link = encodeCode('linked text');
    const damaged = link.slice(0, -3) + (link.endsWith('A') ? 'BBB' : 'AAA');
    const d = embedStart(at('?embed', damaged), EXAMPLES);
    expect(d.text).toBe('hello text');
    expect(d.error).toMatch(/damaged|checksum/i);
    expect(embedStart(at('?embed&example=nope'), EXAMPLES).error).toBe('There is no example named “nope”; the embed shows hello instead.');
  });
});
