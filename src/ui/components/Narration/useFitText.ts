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
    const b = body.current;
    const t = text.current;
    if (!bar.current || !b || !t) return;
    const style = getComputedStyle(bar.current);
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
  }, [content, width, height]);
  return { bar, body, text };
}
