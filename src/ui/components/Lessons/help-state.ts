import { create } from 'zustand';

/** Whether the Help dialog is open, and on which page. */
export const useHelp = create<{ page: string | null }>()(() => ({ page: null }));
export const openHelp = (page = 'glossary'): void => useHelp.setState({ page });
export const closeHelp = (): void => useHelp.setState({ page: null });
