// Addresses the playground writes into the address bar.
import { encodeCode, type LinkExtras } from './codec.ts';
import type { LocationLike } from './startup.ts';

/** The page itself, without query or hash. */
export function plainUrl(location: LocationLike): string {
  return location.pathname;
}

/** The share link's path part: the page with the program in its hash. */
export function shareUrl(location: LocationLike, text: string, extras?: LinkExtras): string {
  return location.pathname + encodeCode(text, extras);
}

export function exampleUrl(location: LocationLike, name: string): string {
  return `${location.pathname}?example=${encodeURIComponent(name)}`;
}
