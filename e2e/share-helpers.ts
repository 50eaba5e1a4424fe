import { expect, type Page } from '@playwright/test';

/** Share ▸ "Link to the program" or "Link to this moment", from the keyboard-accessible menu. */
export async function shareLink(page: Page, which: 'program' | 'moment'): Promise<void> {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const list = page.getByRole('listbox', { name: 'Share' });
  await expect(list).toBeFocused();
  await list.getByRole('option', { name: which === 'program' ? /Link to the program/ : /Link to this moment/ }).click();
}
