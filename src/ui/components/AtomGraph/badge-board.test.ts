import { describe, expect, it } from 'vitest';
import { BadgeBoard } from './badge-board.ts';
import type { AtomBadge } from './live.ts';

const done = (result: number, event: number): AtomBadge => ({ kind: 'done', result, event, fault: false });

describe('the badge board', () => {
  it('keeps an equal badge\'s identity and tells subscribers only when something changed', () => {
    const board = new BadgeBoard();
    let told = 0;
    board.subscribe(() => told++);
    const a = done(3, 5);
    board.set(new Map([['a', a], ['b', { kind: 'running' }]]), true);
    expect(told).toBe(1);
    expect(board.badgeOf('a')).toBe(a);
    const b = board.badgeOf('b');
    board.set(new Map([['a', done(3, 5)], ['b', { kind: 'running' }]]), true);
    expect(told).toBe(1);
    expect(board.badgeOf('a')).toBe(a);
    expect(board.badgeOf('b')).toBe(b);
    board.set(new Map([['a', done(3, 5)], ['b', done(0, 9)]]), true);
    expect(told).toBe(2);
    expect(board.badgeOf('a')).toBe(a);
    expect(board.badgeOf('b')).toEqual(done(0, 9));
    board.set(new Map([['a', done(3, 5)]]), true);
    expect(told).toBe(3);
    expect(board.badgeOf('b')).toBeUndefined();
    board.set(new Map([['a', done(3, 5)]]), false);
    expect(told).toBe(4);
    expect(board.isComplete()).toBe(false);
  });
});
