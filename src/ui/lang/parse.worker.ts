// Parses (and checks) a big program's text off the page's thread, so typing in
// it never waits on the parser: the page sends {id, text}, the worker answers
// {id, program, diagnostics} (plain objects, copied by postMessage). typing.ts
// decides which texts come here and drops answers that a newer text outdated.
import { parse } from './parse.ts';

export interface ParseRequest {
  readonly id: number;
  readonly text: string;
}
export interface ParseReply extends ReturnType<typeof parse> {
  readonly id: number;
}

self.onmessage = (e: MessageEvent<ParseRequest>) => {
  const { id, text } = e.data;
  const reply: ParseReply = { id, ...parse(text) };
  (self as unknown as Worker).postMessage(reply);
};
