// Helpers for the graph e2e specs: the editor's text as written, and drags
// with the mouse between graph handles.
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/**
 * The program text as written: what autosave last stored (it saves 0.5 s after a change; poll).
 * Not the editor's drawn lines: long lines wrap there, so they cannot be read back as written.
 */
export async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => localStorage.getItem('syslet-playground:source') ?? '');
}

/** Replaces the whole program text by typing it (insertText: no auto-closing quotes or indents). */
export async function setEditorText(page: Page, text: string): Promise<void> {
  await page.getByRole('region', { name: 'Editor' }).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  if (text) await page.keyboard.insertText(text);
  await expect.poll(() => editorText(page)).toBe(text);
}

async function centre(l: Locator): Promise<{ x: number; y: number }> {
  await expect(l).toBeAttached();
  const b = await l.boundingBox();
  if (!b) throw new Error('no box for the drag end');
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Presses on `from`, moves in steps and releases on `to` (a locator or a point). */
export async function drag(page: Page, from: Locator, to: Locator | { x: number; y: number }): Promise<void> {
  const a = await centre(from);
  const b = 'x' in to ? to : await centre(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
}

export const node = (graph: Locator, id: string) => graph.locator(`.react-flow__node[data-id="${id}"]`);
export const handle = (graph: Locator, id: string, h: string) => node(graph, id).locator(`.react-flow__handle[data-handleid="${h}"]`);
