// The narration bar has a fixed height (a wrapping sentence must not relay out the
// workspace) and must never cut a sentence off: the text takes the largest font
// size, between the bar's --nb-max and --nb-min (px), at which it fits. Only the
// bar is laid out while searching (it is a layout boundary). Should even the
// smallest size not fit, the body scrolls instead of cutting the text.
import { useLayoutEffect, useRef, useState } from 'react';

const px = (style: CSSStyleDeclaration, name: string, fallback: number) => {
  const v = parseFloat(style.getPropertyValue(name));
  return Number.isFinite(v) ? v : fallback;
};

const fits = (body: HTMLElement, text: HTMLElement) => body.scrollHeight <= body.clientHeight && text.scrollWidth <= text.clientWidth;

/** Sets the text's font size to the largest between the bar's --nb-max and --nb-min at which it fits. */
function fit(bar: HTMLElement | null, b: HTMLElement | null, t: HTMLElement | null): void {
  if (!bar || !b || !t) return;
  const style = getComputedStyle(bar);
  let hi = Math.round(px(style, '--nb-max', 20));
  let lo = Math.round(px(style, '--nb-min', 13));
  t.style.fontSize = `${hi}px`;
  if (fits(b, t)) return;
  // The largest size that fits, by halving [lo, hi).
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    t.style.fontSize = `${mid}px`;
    if (fits(b, t)) lo = mid;
    else hi = mid;
  }
  t.style.fontSize = `${lo}px`;
}

/** Refs for the bar, its body (the box the text must fit) and the text; `content` is what is shown. */
export function useFitText(content: string) {
  const bar = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const text = useRef<HTMLParagraphElement>(null);
  const [width, setWidth] = useState(0);
  const [height, setHeight] = useState(0);

  useLayoutEffect(() => {
    const el = bar.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(([entry]) => {
      setWidth(Math.round(entry.contentRect.width));
      setHeight(Math.round(entry.contentRect.height));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useLayoutEffect(() => {
    // Measuring here, in React's commit, would lay out the whole page with every pane that changed
    // in the same commit (the Step's costliest part). In the next animation frame, just before that
    // frame's own style and layout, the first read costs what the frame costs anyway, and each try
    // after it lays out the bar alone (a layout boundary): the sentence is fitted before it is painted.
    const id = requestAnimationFrame(() => fit(bar.current, body.current, text.current));
    return () => cancelAnimationFrame(id);
  }, [content, width, height]);
  return { bar, body, text };
}
