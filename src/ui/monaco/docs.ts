// Hover and completion texts for the language's fixed vocabulary, one entry
// per syscall, SYSLET_* flag, driver call and keyword. Written for students
// from SPEC.md and the 2007 design; the vocabulary itself lives in lang/names.ts.
import { SYSCALLS } from '../../engine-wasm/host/syscalls.ts';
import { BUILTINS, CONSTANTS } from '../lang/names.ts';
import { optionSpec } from '../lang/options.ts';

export type DocKind = 'syscall' | 'flag' | 'driver call' | 'keyword' | 'constant' | 'kernel option';

export interface Doc {
  readonly kind: DocKind;
  /** How it is written, e.g. `read(fd, buf, count)`. */
  readonly signature: string;
  /** Markdown, a few sentences. */
  readonly text: string;
}

export const SYSCALL_DOCS: Readonly<Record<string, string>> = {
  read: 'Reads up to `count` bytes from `fd` into `buf` and returns how many arrived (0 at end of file). A file page that is not in the page cache makes it wait for the disk — the classic moment a syslet moves to a cachemiss thread. An empty pipe makes it wait for a writer.',
  write: 'Writes `count` bytes from `buf` to `fd` and returns how many were written. fds 1 and 2 go to the console pane; a full pipe makes it wait for room.',
  open: 'Opens the file at `path` (a NUL-terminated string) with `O_*` flags and returns a new fd, or `-ENOENT` when it does not exist and `O_CREAT` is not given. Never waits.',
  close: 'Releases `fd`; returns 0, or `-EBADF` for an fd that is not open.',
  unlink: 'Removes the file at `path` from the flat file system; returns 0 or `-ENOENT`.',
  lseek: 'Moves the file position of `fd` to `offset` counted from `whence` (`SEEK_SET`, `SEEK_CUR`, `SEEK_END`) and returns the new position.',
  getpid: 'Returns the process id. Handy as an atom that never waits.',
  pipe: 'Creates a pipe and stores its two fds in the two words at `fds`: the read end first, then the write end (declare `var rfd` and `var wfd` next to each other).',
  fsync: 'Flushes the pages written to `fd` since the last sync; waits one disk latency when there is something to write.',
  nanosleep: 'Sleeps for the time in the timespec at `req` (virtual time); a non-zero duration always waits.',
  pread64: 'Reads like `read`, but at the 64-bit offset `off_hi:off_lo` and without moving the file position, so many atoms can read one fd at different places — what fio\'s syslet engine did.',
  pwrite64: 'Writes like `write`, at the offset `off_hi:off_lo`, without moving the file position.',
  async_exec: 'The system call that runs a syslet (number 320). In the driver, write `async_exec(atom)`. Used as an atom it returns `-ENOSYS`: syslets do not nest.',
  async_wait: 'The system call that waits for completions (number 321). In the driver, write `async_wait(n)`. Used as an atom it returns `-ENOSYS`.',
  umem_add: 'Adds `inc` to the word at `uptr` and returns the new value — the design\'s helper for counting inside a syslet. In an atom `arg_ptr[0]` points at a word that *holds* `uptr`, so pass `&p` where `var p = &counter`.',
  async_thread: 'Turns the caller into a cachemiss thread in the original patch; the playground answers `-ENOSYS`.',
};

export const FLAG_DOCS: Readonly<Record<string, string>> = {
  SYSLET_ASYNC: 'Hand the syslet to a cachemiss thread *before* running this atom, even if it would not block: `async_exec` returns 0 at once and the completion arrives through the ring.',
  SYSLET_SYNC: 'If this atom must wait, the head sleeps in place instead of handing off: `async_exec` returns only when the syslet is done (the cached path), and nothing is posted to the ring.',
  SYSLET_NO_COMPLETE: 'When this atom ends the syslet, do not post it to the completion ring. Useful when nobody needs to be told.',
  SYSLET_STOP_ON_NONZERO: 'Stop the chain when this atom\'s result is not 0.',
  SYSLET_STOP_ON_ZERO: 'Stop the chain when this atom\'s result is 0 (for example a `read` at end of file).',
  SYSLET_STOP_ON_NEGATIVE: 'Stop the chain when this atom\'s result is negative, i.e. an error such as `-ENOENT`. The usual guard after an `open`.',
  SYSLET_STOP_ON_NON_POSITIVE: 'Stop the chain when this atom\'s result is 0 or negative: end of file or an error.',
  SYSLET_STOP_MASK: 'All four `SYSLET_STOP_ON_*` bits together (0x78). A mask for testing flags, not a flag to set.',
  SYSLET_SKIP_TO_NEXT_ON_STOP: 'When a stop condition holds, continue with the atom written right after this one (its address + 44) instead of ending. This is how a loop inside one syslet gets out.',
};

export const BUILTIN_DOCS: Readonly<Record<string, string>> = {
  async_exec: 'Submits the syslet that starts at `atom`. If nothing blocks, the whole chain runs now and the value is the final atom (the *cached* path; nothing is posted). If an atom must wait, the value is 0: the syslet goes on in a cachemiss thread and its final atom will appear in the completion ring. (In the 2007 patches the task that blocked itself became the cachemiss thread, and a fresh thread returned to user space with NULL; the playground draws what user space sees: the user task goes on, a cachemiss thread finishes the chain.)',
  async_wait: 'Blocks the driver until at least `min_events` completions stand in the ring from `user_idx`, or until no syslet is outstanding. Meanwhile virtual time runs and cachemiss threads make progress. The value is the number of filled slots in a row.',
  reap: 'Takes the completion at `ring[user_idx]`: clears the slot, advances `user_idx`, and gives the atom\'s address — or 0 when the slot is empty. This is how fio consumed the ring.',
};

export const KEYWORD_DOCS: Readonly<Record<string, string>> = {
  option: '`option NAME = VALUE` sets one of the kernel\'s knobs for this program, applied at every reset: `ring_policy` (lose or wait), `disk_latency` and `disk_jitter` (durations such as `2ms`, `500us`), `seed`, `cachemiss_threads`, `call_budget`. The text carries them, so a shared link does too; the **Kernel** button edits these lines.',
  ring: '`ring N` lays out the `async_head_user` and a completion ring of N slots, where the kernel posts the final atoms of syslets that went asynchronous. As a value, `ring[i]` reads slot i.',
  var: '`var x = EXPR` declares a 4-byte word in user memory. A string value stores the string\'s address, like `char *x`. Atoms take `&x`: the kernel reads the word when it runs the atom.',
  buffer: '`buffer b[N]` declares N zeroed bytes; the name `b` used as a value is its address. Pass it to an atom through a var: `var bufp = b` and `&bufp`.',
  atom: '`atom a = SYSCALL(&x, …) [ret r] [flags F] [next b]` declares a 44-byte `struct syslet_uatom`: one system call whose arguments are pointers to words. Atoms are laid out in the order written.',
  ret: 'In an atom, `ret r` names the var that receives the result (`ret_ptr`). As a field, `a.ret` is that pointer.',
  flags: 'In an atom, `flags F | G` sets `SYSLET_*` bits that decide when the chain stops and how it runs.',
  next: 'In an atom, `next b` names the atom that runs after this one when no stop condition holds. It may point backwards or at itself to build a loop.',
  fault: 'In an atom, `fault …` injects a fault into its call, applied by the kernel at every reset: `fault EIO` (the call is not made; the result is `-EIO`), `fault short 16` (read/write/pread64/pwrite64 get at most 16 bytes), `fault block 5ms` (the atom waits 5 ms before its call runs — in the head that hands off, as a real block would) or `fault cached` (the call does not wait: file pages count as cached for it). Add `nth 3` to inject only on the atom\'s 3rd run. The narration says **injected** every time.',
  latency: '`latency "/path" = 20ms` gives a file an injected disk latency: each disk read of its pages (and its fsync) takes 20 ms plus the seeded jitter instead of `disk_latency`. `latency "/path" page 3 = 20ms` sets one page (0-based, 4 KiB each); a page\'s own line wins over its file\'s.',
  if: '`if C { … } else { … }`: driver control flow. A value is true when it is not 0.',
  else: 'The other branch of an `if`; `} else if C {` chains conditions.',
  while: '`while C { … }` repeats while C is not 0. One loop stops with an error after 100,000 rounds, so a program cannot hang the page.',
  print: '`print E, …` writes to the console: strings as text, other values as signed decimals; no spaces or newline are added.',
  assert: '`assert C` stops the run with a message naming the line when C is 0.',
  len: '`len("…")` is the length of a string literal in bytes, without the NUL.',
  user_idx: 'The ring slot user space consumes next (`async_head_user.user_ring_idx`). `reap()` advances it.',
  kernel_idx: 'The ring slot the kernel fills next (`async_head_user.kernel_ring_idx`).',
};

function syscallSignature(name: string): string {
  const info = SYSCALLS.find((s) => s.name === name);
  return info ? `${name}(${info.params.join(', ')})  — syscall ${info.nr}` : name;
}

const hex = (n: number) => '0x' + n.toString(16).padStart(2, '0');

/** The documentation of a word of the language, or undefined for names it does not know. */
export function docFor(word: string): Doc | undefined {
  const builtin = BUILTINS.get(word);
  if (builtin) return { kind: 'driver call', signature: builtin.usage, text: BUILTIN_DOCS[word] ?? '' };
  if (word in SYSCALL_DOCS) return { kind: 'syscall', signature: syscallSignature(word), text: SYSCALL_DOCS[word] };
  if (word in FLAG_DOCS) return { kind: 'flag', signature: `${word} = ${hex(CONSTANTS.get(word) ?? 0)}`, text: FLAG_DOCS[word] };
  if (word in KEYWORD_DOCS) return { kind: 'keyword', signature: word, text: KEYWORD_DOCS[word] };
  const value = CONSTANTS.get(word);
  if (value !== undefined) return { kind: 'constant', signature: `${word} = ${word.startsWith('O_') ? hex(value) : value}`, text: constantText(word) };
  return undefined;
}

function constantText(word: string): string {
  if (word.startsWith('O_')) return 'An `open` flag, as in Linux; combine with `|`.';
  if (word.startsWith('SEEK_')) return 'An `lseek` origin.';
  return `An errno value: a failing call returns \`-${word}\`.`;
}

/** Markdown for a hover or a completion's documentation. */
export function docMarkdown(doc: Doc): string {
  return `**${doc.kind}** \`${doc.signature}\`\n\n${doc.text}`;
}

/** The documentation of a kernel option's name (`option NAME = …`). */
export function optionDoc(name: string): Doc | undefined {
  const spec = optionSpec(name);
  if (!spec) return undefined;
  const values = spec.kind === 'word' ? spec.words.map((w) => w.word).join(' | ') : spec.kind === 'duration' ? 'duration (ns, us, ms, s)' : 'number';
  return { kind: 'kernel option', signature: `option ${name} = ${values}  — default ${spec.def}`, text: spec.doc };
}
