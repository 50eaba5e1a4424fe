import { describe, expect, test } from 'vitest';
import { linkExtras, problemsText, readLinkState, type LinkView } from './link-state.ts';
import { decodeCode, encodeCode } from './codec.ts';

const VIEW: LinkView = { speed: 16, theme: 'dark', inspectorTab: 'memory', maximised: null, lesson: null, breakpoints: [] };

describe('link state: the moment and the view travel in a link', () => {
  test('everything set round-trips through a real link', () => {
    const view: LinkView = {
      speed: Infinity, theme: 'light', inspectorTab: 'log', maximised: 'ring', lesson: { id: 'ring-basics', step: 3 },
      breakpoints: [{ kind: 'atom', atom: 's3', when: 'lost' }],
    };
    const d = decodeCode(encodeCode('ring 2\n', linkExtras(view, 37)));
    expect(d?.ok).toBe(true);
    if (!d?.ok) return;
    expect(readLinkState(d.extras)).toEqual({ ...view, event: 37, problems: [] });
  });

  test('a link to the program only has no event; defaults are left out', () => {
    expect(linkExtras(VIEW, null)).toEqual({ theme: 'dark' });
    expect(linkExtras(VIEW, 0)).toEqual({ theme: 'dark' });
    expect(readLinkState({})).toEqual({ problems: [] });
  });

  test('each bad field is named and ignored; the good ones are kept', () => {
    const s = readLinkState({
      event: -3, speed: 'warp', theme: 'neon', inspectorTab: 'console', maximised: 'sidebar', lesson: { id: '', step: 1 }, breakpoints: 'all',
      text2: 'unknown fields are ignored',
    });
    expect(s).toEqual({
      problems: [
        'its event (-3) is not an event number (0 or more)',
        'its speed ("warp") is not a speed (1, 4, 16, 64, 512, max)',
        'its theme ("neon") is not dark or light',
        'its inspector tab ("console") is not one of memory, files, log, trace, breakpoints',
        'its maximised pane ("sidebar") is not one of editor, console, graph, threads, ring, inspect',
        'its lesson ({"id":"","step":1}) is not a lesson and step ({ id, step })',
        'its breakpoints ("all") is not a list of breakpoints',
      ],
    });
    expect(readLinkState({ event: 2.5, speed: 4 })).toEqual({ speed: 4, problems: ['its event (2.5) is not an event number (0 or more)'] });
    expect(readLinkState({ breakpoints: [{ kind: 'watch', name: 'n' }, { kind: 'nope' }] })).toEqual({
      breakpoints: [{ kind: 'watch', name: 'n' }],
      problems: ['1 of its 2 breakpoints are malformed'],
    });
  });

  test('unknown fields are ignored without a word (forward compatible)', () => {
    expect(readLinkState({ future: { anything: 1 }, event: 5 })).toEqual({ event: 5, problems: [] });
  });

  test('problemsText: one sentence', () => {
    expect(problemsText([])).toBe('');
    expect(problemsText(['its theme ("neon") is not dark or light'])).toBe('This link opened, but its theme ("neon") is not dark or light — that part was ignored.');
  });
});
