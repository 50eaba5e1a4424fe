// The panes' font zoom: a few fixed steps, so Ctrl+= and Ctrl+- always land on round figures.

export const ZOOM_STEPS = [0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2] as const;
export const DEFAULT_ZOOM = 1;

/** The step after (dir 1) or before (dir -1) `zoom`; at either end it stays. */
export function nextZoom(zoom: number, dir: 1 | -1): number {
  if (dir > 0) return ZOOM_STEPS.find((z) => z > zoom + 1e-6) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1];
  return [...ZOOM_STEPS].reverse().find((z) => z < zoom - 1e-6) ?? ZOOM_STEPS[0];
}

/** A stored zoom, checked: one of the steps, else the default. */
export function parseZoom(raw: unknown): number {
  return typeof raw === 'number' && (ZOOM_STEPS as readonly number[]).includes(raw) ? raw : DEFAULT_ZOOM;
}

/** "125 %" */
export function zoomLabel(zoom: number): string {
  return `${Math.round(zoom * 100)} %`;
}
