// Portable ABI: the linear-memory map and every record's field offsets.
// Plain `export const NAME = <int expr>;` only, so the AssemblyScript kernel
// (src/engine-wasm/assembly) and the TypeScript host (src/engine-wasm/host)
// share one source of truth. Units are in the names: N* counts, *_BYTES
// byte lengths, *_BASE region starts, <RECORD>_<FIELD> offsets.
//
// Linear memory
//   0x0000_0000 ┌──────────────────────────────┐
//               │ unused: NULL stays unambiguous│
//   USER_BASE   ├──────────────────────────────┤
//               │ USER: atoms, ahu, ring, vars │  written by the host as user space
//   USER_END    ├──────────────────────────────┤
//               │ KSTATE  clock, rng, counters │  kernel-owned; the host only reads
//               │ OPTS    kernel options       │  (kept across kernel_reset)
//               │ THREADS head + cachemiss     │
//               │ RUNQ, TIMERQ                 │
//               │ FILES, FDTAB, INODES, PATHS  │
//               │ PIPES, PIPEBUF               │
//               │ BLOCKS (page cache), DISK    │
//               │ CONSOLE, TRACE, CONERR       │
//               │ FAULTS  injected faults and  │  set by the host (kept across kernel_reset)
//               │         disk latencies       │
//   KERNEL_END  ├──────────────────────────────┤
//               │ AssemblyScript static data   │  (asc --memoryBase KERNEL_END)
//               └──────────────────────────────┘
// Every kernel variable lives in this map (no mutable wasm globals), so a copy
// of memory [0, KERNEL_END) is a complete snapshot of the machine.

export const PAGE_BYTES = 4096; // page-cache and disk block size
export const WASM_PAGE_BYTES = 65536;

// ── User region ─────────────────────────────────────────────────────────────
export const USER_BASE = 0x10000; // 64 KiB: address 0 is never user memory
export const USER_BYTES = 0x100000; // 1 MiB
export const USER_END = USER_BASE + USER_BYTES;

// ── Limits (xv6 param.h style) ─────────────────────────────────────────────
export const NCACHEMISS = 256; // cachemiss threads (contract §2: at least 256)
export const NTHREAD = NCACHEMISS + 1; // thread 0 is the user task ("head")
export const NOFILE = 64; // fds per process
export const NFILE = 128; // open file descriptions
export const NINODE = 64; // files in the VFS, devices included
export const PATH_MAX = 4096; // bytes per path, NUL included
export const NPIPE = 16; // pipes
export const PIPE_BYTES = 4096; // capacity of one pipe
export const NBLOCK = 512; // disk blocks (4 KiB each): 2 MiB of file data
export const NFILEBLOCK = 64; // blocks per file: 256 KiB files at most
export const CONSOLE_BYTES = 65536; // console_ptr/console_len window
export const NTRACE = 16384; // trace records kept (a ring; oldest overwritten)

// ── KSTATE: kernel globals ─────────────────────────────────────────────────
// ┌────┬──────────────────┬──────────────────────────────────────────────┐
// │ off│ field            │ meaning (all written by the kernel)          │
// ├────┼──────────────────┼──────────────────────────────────────────────┤
// │  0 │ clock      u64   │ virtual time in ns since kernel_reset        │
// │  8 │ rng        u32   │ xorshift32 state, from the reset seed        │
// │ 12 │ sleep_seq  u32   │ orders sleepers: equal wake times run FIFO   │
// │ 16 │ trace_seq  u32   │ trace records ever written                   │
// │ 20 │ runq_head  u32   │ index into RUNQ of the next thread to run    │
// │ 24 │ runq_tail  u32   │ index into RUNQ where the next one is queued │
// │ 28 │ ntimer     u32   │ entries in the TIMERQ heap                   │
// │ 32 │ con_start  u32   │ console window start, offset in CONSOLE      │
// │ 36 │ con_len    u32   │ console window length                        │
// │ 40 │ events     u32   │ kernel events since reset (atoms, wakes, …)  │
// │ 44 │ lost       u32   │ completions lost to a full ring              │
// │ 48 │ posted     u32   │ completions posted to a ring                 │
// │ 52 │ budget     u32   │ events left for the user task's current call │
// │ 56 │ call_start u64   │ clock when the current user call entered     │
// │ 64 │ seed       u32   │ the seed given to kernel_reset               │
// │ 68 │ nlive      u32   │ cachemiss threads alive                      │
// │ 72 │ atoms      u32   │ atoms executed since reset                   │
// │ 76 │ con_total  u32   │ bytes ever written to the console (mod 2^32) │
// │ 80 │ alloc_hint u32   │ tid where the search for a free thread starts│
// │ 84 │ inj_run    u32   │ run number of the atom whose fault applies   │
// │    │                  │ now (transient: valid during one atom's call)│
// └────┴──────────────────┴──────────────────────────────────────────────┘
export const KSTATE_BASE = USER_END;
export const KSTATE_CLOCK = 0;
export const KSTATE_RNG = 8;
export const KSTATE_SLEEP_SEQ = 12;
export const KSTATE_TRACE_SEQ = 16;
export const KSTATE_RUNQ_HEAD = 20;
export const KSTATE_RUNQ_TAIL = 24;
export const KSTATE_NTIMER = 28;
export const KSTATE_CON_START = 32;
export const KSTATE_CON_LEN = 36;
export const KSTATE_EVENTS = 40;
export const KSTATE_LOST = 44;
export const KSTATE_POSTED = 48;
export const KSTATE_BUDGET = 52;
export const KSTATE_CALL_START = 56;
export const KSTATE_SEED = 64;
export const KSTATE_NLIVE = 68;
export const KSTATE_ATOMS = 72;
export const KSTATE_CON_TOTAL = 76;
export const KSTATE_ALLOC_HINT = 80;
export const KSTATE_INJ_RUN = 84;
export const KSTATE_BYTES = 256;

// ── OPTS: kernel options (u32 each), set with kernel_set_option ────────────
// They survive kernel_reset, so a host sets them once and resets freely.
export const OPTS_BASE = KSTATE_BASE + KSTATE_BYTES;
export const OPT_DISK_LATENCY_NS = 0; // base latency of one page read / fsync
export const OPT_DISK_JITTER_NS = 1; // + uniform [0, jitter) from the seeded rng
export const OPT_RING_POLICY = 2; // RING_LOSE or RING_WAIT
export const OPT_TRACE = 3; // 1: record trace; 0: off (fastest)
export const OPT_ATOM_NS = 4; // virtual time one executed atom costs
export const OPT_SYSCALL_NS = 5; // virtual time one direct syscall entry costs
export const OPT_QUANTUM = 6; // atoms a cachemiss thread runs before yielding
export const OPT_CALL_BUDGET = 7; // events one user call may take (>= 10,000)
export const OPT_WAIT_NS_MAX = 8; // virtual-time budget of one waiting user call
export const OPT_CACHEMISS_THREADS = 9; // cachemiss threads a hand-off may use (0..NCACHEMISS)
export const NOPT = 10;
export const OPTS_BYTES = 64;

export const RING_LOSE = 0; // full ring: the completion is counted lost (default)
export const RING_WAIT = 1; // full ring: the cachemiss thread waits for a free slot

// ── THREADS: the user task (tid 0) and the cachemiss threads ────────────────
// ┌────┬──────────────┬────────────────────────────────────────────────────┐
// │ off│ field        │ meaning (kernel-owned)                             │
// ├────┼──────────────┼────────────────────────────────────────────────────┤
// │  0 │ state   u32  │ TS_* below                                         │
// │  4 │ mode    u32  │ TM_*: what the thread does when it runs            │
// │  8 │ ahu     u32  │ async_head_user of its syslet                      │
// │ 12 │ atom    u32  │ current atom (TM_WALK), or 0                       │
// │ 16 │ last    u32  │ last atom that completed: posted if the walk faults│
// │ 20 │ nr      u32  │ syscall in progress                                │
// │ 24 │ args[6] u32  │ its argument words                                 │
// │ 48 │ result  i32  │ result of the finished call (direct user calls)    │
// │ 52 │ chan    u32  │ what a TS_BLOCKED thread waits on (CHAN_*)         │
// │ 56 │ wake_at u64  │ wake-up time of a TS_SLEEPING thread               │
// │ 64 │ seq     u32  │ sleep order                                        │
// │ 68 │ quantum u32  │ atoms left in the time slice                       │
// │ 72 │ flags   u32  │ TF_* below                                         │
// │ 76 │ wait_arg u32 │ what it waits on: block, pipe, inode, ahu          │
// │ 80 │ since   u64  │ clock when the current state began                 │
// │ 88 │ why     u32  │ WHY_*: reason of the current wait                  │
// │ 92 │ syslets u32  │ syslets this thread has finished since reset       │
// │ 96 │ aflags  u32  │ copy of the current atom's flags (copy_uatom)      │
// │100 │ aret    u32  │ copy of its ret_ptr                                │
// │104 │ anext   u32  │ copy of its next                                   │
// │108 │ lflags  u32  │ flags of THREAD_LAST (for SYSLET_NO_COMPLETE)      │
// └────┴──────────────┴────────────────────────────────────────────────────┘
export const THREADS_BASE = OPTS_BASE + OPTS_BYTES;
export const THREAD_BYTES = 112;
export const THREAD_STATE = 0;
export const THREAD_MODE = 4;
export const THREAD_AHU = 8;
export const THREAD_ATOM = 12;
export const THREAD_LAST = 16;
export const THREAD_NR = 20;
export const THREAD_ARGS = 24;
export const THREAD_RESULT = 48;
export const THREAD_CHAN = 52;
export const THREAD_WAKE_AT = 56;
export const THREAD_SEQ = 64;
export const THREAD_QUANTUM = 68;
export const THREAD_FLAGS = 72;
export const THREAD_WAIT_ARG = 76;
export const THREAD_SINCE = 80;
export const THREAD_WHY = 88;
export const THREAD_SYSLETS = 92;
export const THREAD_AFLAGS = 96;
export const THREAD_ARET = 100;
export const THREAD_ANEXT = 104;
export const THREAD_LFLAGS = 108;
export const THREADS_BYTES = NTHREAD * THREAD_BYTES;
// Field runs a hand-off copies from the head to the new thread (thread.ts copyCall).
export const THREAD_CALL_BYTES = THREAD_RESULT - THREAD_NR; // nr, args[6]
export const THREAD_SLEEP_BYTES = THREAD_QUANTUM - THREAD_CHAN; // chan, wake_at, seq
export const THREAD_ACOPY_BYTES = THREAD_BYTES - THREAD_AFLAGS; // aflags, aret, anext, lflags

export const TS_FREE = 0; // unused cachemiss slot
export const TS_USER = 1; // tid 0 only: running user code, not in the kernel
export const TS_RUNNABLE = 2; // in the run queue (or running)
export const TS_SLEEPING = 3; // waits for a time (TIMERQ)
export const TS_BLOCKED = 4; // waits on a channel (pipe, ring slot)
export const TS_WAITING = 5; // tid 0 only: in async_wait, not yet satisfied

export const TM_NONE = 0;
export const TM_SYSCALL = 1; // tid 0: a direct syscall (args in THREAD_ARGS)
export const TM_WALK = 2; // walking atoms from THREAD_ATOM
export const TM_POST = 3; // cachemiss: post THREAD_LAST to the ring, then exit
export const TM_ASYNC_WAIT = 4; // tid 0: in async_wait

export const TF_RESUMED = 0x02; // the pending syscall is re-entered after a wake-up
export const TF_INJ_CACHED = 0x08; // an injected `cached` fault: the call runs without waiting (during one call only)
export const TF_EINTR = 0x04; // the wait is cut by the budget: the call gets -EINTR
export const TF_SLEPT_SYNC = 0x20; // tid 0: this async_exec's head slept in place for SYSLET_SYNC
export const TF_SLEPT_NOTHREAD = 0x40; // tid 0: … slept in place because no cachemiss thread was free

export const WHY_NONE = 0;
export const WHY_DISK = 1; // a page read it started (wait_arg: inode << 16 | first page)
export const WHY_TIMER = 2; // nanosleep
export const WHY_PIPE_READ = 3; // read on an empty pipe (wait_arg: pipe)
export const WHY_PIPE_WRITE = 4; // write to a full pipe (wait_arg: pipe)
export const WHY_FSYNC = 5; // fsync writing dirty pages (wait_arg: inode)
export const WHY_RING = 6; // RING_WAIT: a full completion ring (wait_arg: ahu)
export const WHY_EVENTS = 7; // async_wait (tid 0)
// 8 and 9 are HANDOFF_BUDGET and HANDOFF_ASYNC (TR_HANDOFF aux2 holds a WHY_* or one of them).
export const WHY_DISK_INFLIGHT = 10; // a page read another read already started (wait_arg: as WHY_DISK)
export const WHY_INJECTED = 11; // an injected `block` fault, before the call runs (wait_arg: its ns)

export const CHAN_PIPE_READ = 0x01000000; // | pipe index
export const CHAN_PIPE_WRITE = 0x02000000; // | pipe index
export const CHAN_RING = 0x03000000; // any full ring

// ── RUNQ and TIMERQ ────────────────────────────────────────────────────────
// RUNQ is a FIFO of tids (NTHREAD + 1 u32 slots). TIMERQ is a binary min-heap
// of TIMER_BYTES entries ordered by (wake_at, seq).
export const RUNQ_BASE = THREADS_BASE + THREADS_BYTES;
export const RUNQ_SLOTS = NTHREAD + 1;
export const RUNQ_BYTES = RUNQ_SLOTS * 4;
export const TIMERQ_BASE = RUNQ_BASE + RUNQ_BYTES;
export const TIMER_BYTES = 16;
export const TIMER_WAKE_AT = 0; // u64
export const TIMER_SEQ = 8; // u32
export const TIMER_TID = 12; // u32
export const TIMERQ_BYTES = NTHREAD * TIMER_BYTES;

// ── FILES: open file descriptions; FDTAB: fd -> file index + 1 ─────────────
// ┌────┬─────────────┬──────────────────────────────────────────┐
// │  0 │ type   u32  │ FT_*                                     │
// │  4 │ ref    u32  │ fds (and in-flight calls) using it       │
// │  8 │ oflags u32  │ open flags (O_ACCMODE, O_APPEND)         │
// │ 12 │ obj    u32  │ inode index (FT_INODE) or pipe index     │
// │ 16 │ off    u64  │ file offset (FT_INODE)                   │
// └────┴─────────────┴──────────────────────────────────────────┘
export const FILES_BASE = TIMERQ_BASE + TIMERQ_BYTES;
export const FILE_BYTES = 24;
export const FILE_TYPE = 0;
export const FILE_REF = 4;
export const FILE_OFLAGS = 8;
export const FILE_OBJ = 12;
export const FILE_OFF = 16;
export const FILES_BYTES = NFILE * FILE_BYTES;
export const FT_NONE = 0;
export const FT_INODE = 1;
export const FT_PIPE_READ = 2;
export const FT_PIPE_WRITE = 3;

export const FDTAB_BASE = FILES_BASE + FILES_BYTES;
export const FDTAB_BYTES = NOFILE * 4;

// ── INODES and PATHS ──────────────────────────────────────────────────────
// ┌────┬──────────────┬────────────────────────────────────────────┐
// │  0 │ type    u32  │ IT_*                                       │
// │  4 │ dev     u32  │ DEV_* for IT_DEV                           │
// │  8 │ size    u32  │ bytes                                      │
// │ 12 │ nlink   u32  │ 1 while the path names it, 0 after unlink  │
// │ 16 │ ref     u32  │ open file descriptions using it            │
// │ 20 │ pathlen u32  │ bytes of its path in PATHS (no NUL)        │
// │ 24 │ dirty   u32  │ pages written since the last fsync         │
// │ 28 │ nblocks u32  │ blocks in use                              │
// │ 32 │ blocks[64] u16 │ disk block + 1 per file page; 0 = hole   │
// └────┴──────────────┴────────────────────────────────────────────┘
export const INODES_BASE = FDTAB_BASE + FDTAB_BYTES;
export const INODE_BYTES = 32 + NFILEBLOCK * 2;
export const INODE_TYPE = 0;
export const INODE_DEV = 4;
export const INODE_SIZE = 8;
export const INODE_NLINK = 12;
export const INODE_REF = 16;
export const INODE_PATHLEN = 20;
export const INODE_DIRTY = 24;
export const INODE_NBLOCKS = 28;
export const INODE_BLOCKS = 32;
export const INODES_BYTES = NINODE * INODE_BYTES;
export const IT_FREE = 0;
export const IT_FILE = 1;
export const IT_DEV = 2;
export const DEV_NULL = 1;
export const DEV_ZERO = 2;
export const DEV_TTY = 3;
export const DEV_DROP_CACHES = 4;

export const PATHS_BASE = INODES_BASE + INODES_BYTES;
export const PATHS_BYTES = NINODE * PATH_MAX;

// ── PIPES and PIPEBUF ─────────────────────────────────────────────────────
// ┌────┬──────────────┬──────────────────────────────────────┐
// │  0 │ used    u32  │ 1 while any end is open              │
// │  4 │ readers u32  │ open read ends                       │
// │  8 │ writers u32  │ open write ends                      │
// │ 12 │ head    u32  │ offset of the oldest byte in PIPEBUF │
// │ 16 │ count   u32  │ bytes in the pipe                    │
// └────┴──────────────┴──────────────────────────────────────┘
export const PIPES_BASE = PATHS_BASE + PATHS_BYTES;
export const PIPE_HDR_BYTES = 20;
export const PIPE_USED = 0;
export const PIPE_READERS = 4;
export const PIPE_WRITERS = 8;
export const PIPE_HEAD = 12;
export const PIPE_COUNT = 16;
export const PIPES_BYTES = NPIPE * PIPE_HDR_BYTES;
export const PIPEBUF_BASE = PIPES_BASE + PIPES_BYTES;
export const PIPEBUF_BYTES = NPIPE * PIPE_BYTES;

// ── BLOCKS: one page-cache state per disk block; DISK: the block data ──────
// ┌────┬──────────────┬────────────────────────────────────────────┐
// │  0 │ state    u32 │ BS_*                                       │
// │  4 │ inode    u32 │ owning inode index                         │
// │  8 │ ready_at u64 │ BS_INFLIGHT: when the read completes       │
// └────┴──────────────┴────────────────────────────────────────────┘
export const BLOCKS_BASE = PIPEBUF_BASE + PIPEBUF_BYTES;
export const BLOCK_BYTES = 16;
export const BLOCK_STATE = 0;
export const BLOCK_INODE = 4;
export const BLOCK_READY_AT = 8;
export const BLOCKS_BYTES = NBLOCK * BLOCK_BYTES;
export const BS_FREE = 0; // not allocated
export const BS_COLD = 1; // on disk, not in the page cache
export const BS_INFLIGHT = 2; // being read from disk
export const BS_CACHED = 3; // in the page cache

export const DISK_BASE = BLOCKS_BASE + BLOCKS_BYTES;
export const DISK_BYTES = NBLOCK * PAGE_BYTES;

// ── CONSOLE: bytes written to fds 1 and 2 (two windows, slid down when full) ─
export const CONSOLE_BASE = DISK_BASE + DISK_BYTES;
export const CONSOLE_BUF_BYTES = 2 * CONSOLE_BYTES;

// ── TRACE: a ring of NTRACE records; record i is at i % NTRACE ─────────────
// ┌────┬──────────────┬────────────────────────────────────────────────┐
// │  0 │ seq     u32  │ record number since reset                      │
// │  4 │ event   u32  │ kernel event it belongs to (KSTATE.events)     │
// │  8 │ time    u64  │ virtual ns                                     │
// │ 16 │ kind    u16  │ TR_*                                           │
// │ 18 │ tid     u16  │ thread (0 = head / user task)                  │
// │ 20 │ atom    u32  │ atom address, or 0 for a direct syscall        │
// │ 24 │ nr      u32  │ syscall number                                 │
// │ 28 │ result  i32  │ result, where the kind has one                 │
// │ 32 │ args[6] u32  │ argument words as the syscall saw them         │
// │ 56 │ aux     u32  │ kind-specific: slot, new tid, WHY_*, address   │
// │ 60 │ aux2    u32  │ kind-specific: wait argument, ahu              │
// └────┴──────────────┴────────────────────────────────────────────────┘
export const TRACE_BASE = CONSOLE_BASE + CONSOLE_BUF_BYTES;
export const TRACE_BYTES = 64;
export const TRACE_SEQ = 0;
export const TRACE_EVENT = 4;
export const TRACE_TIME = 8;
export const TRACE_KIND = 16;
export const TRACE_TID = 18;
export const TRACE_ATOM = 20;
export const TRACE_NR = 24;
export const TRACE_RESULT = 28;
export const TRACE_ARGS = 32;
export const TRACE_AUX = 56;
export const TRACE_AUX2 = 60;
export const TRACE_RING_BYTES = NTRACE * TRACE_BYTES;

export const TR_ATOM = 1; // an atom completed (result); aux: 1 if in the head; aux2: ATOM_THEN_*
export const TR_HANDOFF = 2; // the head handed the syslet to tid aux; aux2: WHY_* / 0 for ASYNC / 8 for budget
export const TR_BLOCK = 3; // thread sleeps; aux: WHY_*; aux2: wait argument
export const TR_WAKE = 4; // thread woke; aux: WHY_*
export const TR_POST = 5; // final atom posted; aux: slot index; aux2: ahu
export const TR_LOST = 6; // ring full: completion lost; aux: slot index; aux2: the atom the slot held
export const TR_FAULT = 7; // fault; aux: faulting address; aux2: FAULT_*
export const TR_CACHED = 8; // async_exec returns the final atom; aux: CACHED_*; aux2: ahu
export const TR_SYSCALL = 9; // the user task entered the kernel (direct call)
export const TR_SYSRET = 10; // the user task returns to user space (result)
export const TR_EXIT = 11; // a cachemiss thread ended its syslet
export const TR_DEADLOCK = 12; // nothing runnable, no timer: the waiting call gets -EINTR
export const TR_RINGWAIT = 13; // RING_WAIT: a full ring makes the thread wait; aux: slot
export const TR_INJECT = 14; // an injected fault or latency took effect; aux: INJ_* | run << 8; aux2, result: below

// TR_ATOM aux2: the atom's flags (low byte, the SYSLET_* bits) | what the walk does next << 8.
export const ATOM_THEN_SHIFT = 8;
export const ATOM_THEN_NEXT = 0; // no stop condition held: on to `next`
export const ATOM_THEN_STOP = 1; // a stop condition held: this is the final atom
export const ATOM_THEN_SKIP = 2; // a stop condition held with SKIP_TO_NEXT_ON_STOP: on to u + 44
export const ATOM_THEN_LAST = 3; // no stop, next = 0: this is the final atom

// TR_CACHED aux: how the head reached the final atom.
export const CACHED_NOTHING_BLOCKED = 0; // no syscall waited
export const CACHED_SLEPT_SYNC = 1; // the head slept in place for a SYSLET_SYNC atom
export const CACHED_SLEPT_NOTHREAD = 2; // the head slept in place: no cachemiss thread was free

export const FAULT_ATOM = 1; // atom header or arg pointer word unreadable
export const FAULT_RET = 2; // ret_ptr store outside user memory
export const FAULT_RING = 3; // ring or ahu unusable at post time
export const HANDOFF_ASYNC = 9; // aux2 of TR_HANDOFF: SYSLET_ASYNC (distinct from every WHY_*)
export const HANDOFF_BUDGET = 8; // aux2 of TR_HANDOFF: the head ran out of budget

// TR_INJECT: aux = INJ_* (low byte) | the atom's run number since reset << INJ_RUN_SHIFT
// (0 for a latency); aux2 and result by kind:
//   INJ_ERRNO    aux2 = errno E            result = -E (the atom's result; its call was not made)
//   INJ_BLOCK    aux2 = the delay in ns    result = 0  (the atom sleeps first, WHY_INJECTED)
//   INJ_SHORT    aux2 = N, the new count   result = the count the atom asked for
//   INJ_CACHED   aux2 = WHY_* it skipped   result = that wait's wait_arg
//   INJ_LATENCY  aux2 = this disk read's latency in ns (the table's + jitter)
//                result = inode << 16 | page
export const INJ_ERRNO = 1;
export const INJ_BLOCK = 2;
export const INJ_SHORT = 3;
export const INJ_CACHED = 4;
export const INJ_LATENCY = 5;
export const INJ_RUN_SHIFT = 8;

export const TRACE_END = TRACE_BASE + TRACE_RING_BYTES;

// ── CONERR: which console bytes came from fd 2 (stderr) ────────────────────
// One bit per console byte, indexed by the byte's position in the console
// stream (KSTATE.con_total counts bytes ever written) modulo CONSOLE_BYTES:
// the visible window never holds more than CONSOLE_BYTES, so its bytes have
// distinct bits. Bit set: written to fd 2; clear: fd 1 (or any other fd on the tty).
//   visible byte j of console_ptr() (0 <= j < con_len) has position
//   p = con_total - con_len + j;  its bit: CONERR[(p % CONSOLE_BYTES) >> 3] >> (p & 7) & 1
// It sits in the page-rounding slack after TRACE, so KERNEL_END and the user
// region do not move.
export const CONERR_BASE = TRACE_END;
export const CONERR_BYTES = CONSOLE_BYTES / 8;
export const CONERR_END = CONERR_BASE + CONERR_BYTES;

// ── FAULTS: injected faults per atom, disk latencies per file or page ──────
// Set by the host (kernel_fault_set, kernel_latency_set, kernel_fault_clear)
// and kept across kernel_reset like the options; kernel_reset clears only the
// run counters. It follows CONERR: KERNEL_END grows by one wasm page, which
// moves nothing the user region or the golden traces hold.
//   FAULTS_BASE   ┌ natom u32 ┬ nlat u32 ┐ entries in use (the first n of each table)
//   FE_TABLE      │ NFAULT × FE_BYTES     │ per atom, keyed by its user address
//   LAT_TABLE     │ NLATENCY × LAT_BYTES  │ per file or page, keyed by path
//   LAT_PATHBUF │ LAT_PATH_MAX bytes    │ where a host may put a path for kernel_latency_set
// Fault entry:                              Latency entry:
// ┌────┬────────────┬───────────────────┐   ┌────┬────────────┬─────────────────────────┐
// │  0 │ atom   u32 │ user address      │   │  0 │ page   u32 │ page index, or LAT_ALL  │
// │  4 │ kind   u32 │ FK_*              │   │  4 │ ns     u32 │ base latency of a read  │
// │  8 │ value  u32 │ errno / ns / bytes│   │  8 │ len    u32 │ path bytes (no NUL)     │
// │ 12 │ nth    u32 │ 0 = every run     │   │ 16 │ path[240]  │                         │
// │ 16 │ runs   u32 │ runs since reset  │   └────┴────────────┴─────────────────────────┘
// └────┴────────────┴───────────────────┘
export const NFAULT = 64; // atoms that may carry a fault
export const NLATENCY = 16; // latency entries
export const LAT_PATH_MAX = 240; // bytes of a latency entry's path
export const FAULTS_BASE = CONERR_END;
export const FAULTS_NATOM = 0;
export const FAULTS_NLAT = 4;
export const FE_TABLE = FAULTS_BASE + 8;
export const FE_BYTES = 20;
export const FE_ATOM = 0;
export const FE_KIND = 4;
export const FE_VALUE = 8;
export const FE_NTH = 12;
export const FE_RUNS = 16;
export const LAT_TABLE = FE_TABLE + NFAULT * FE_BYTES;
export const LAT_BYTES = 16 + LAT_PATH_MAX;
export const LAT_PAGE = 0;
export const LAT_NS = 4;
export const LAT_LEN = 8;
export const LAT_PATH = 16;
export const LAT_ALL = 0xffffffff; // LAT_PAGE: every page of the file
export const LAT_PATHBUF = LAT_TABLE + NLATENCY * LAT_BYTES;
export const FAULTS_END = LAT_PATHBUF + LAT_PATH_MAX;

// kernel_fault_set kinds (FK_NONE removes the atom's entry).
export const FK_NONE = 0;
export const FK_ERRNO = 1; // the call is not made; the result is -value
export const FK_BLOCK = 2; // the atom sleeps value ns before its call runs
export const FK_SHORT = 3; // read/write/pread64/pwrite64: count clamped to value
export const FK_CACHED = 4; // the call does not wait (value unused)
export const MAX_ERRNO = 4095; // Linux's MAX_ERRNO: a fault's errno is 1..4095

export const KERNEL_END = (FAULTS_END + WASM_PAGE_BYTES - 1) & ~(WASM_PAGE_BYTES - 1);

// ── User-memory records (contract §1) ────────────────────────────────────────
// struct syslet_uatom, 44 bytes
// ┌────┬──────────────┬───┬──────────────────────────────────────────────┐
// │  0 │ flags        │ U │ SYSLET_*                                     │
// │  4 │ nr           │ U │ syscall number                               │
// │  8 │ ret_ptr      │ U │ where the kernel stores the result; 0 = none │
// │ 12 │ next         │ U │ next atom; 0 = last                          │
// │ 16 │ arg_ptr[6]   │ U │ pointers to argument words; first 0 ends     │
// │ 40 │ private      │ U │ never read by the kernel                     │
// └────┴──────────────┴───┴──────────────────────────────────────────────┘
export const ATOM_BYTES = 44;
export const ATOM_FLAGS = 0;
export const ATOM_NR = 4;
export const ATOM_RET_PTR = 8;
export const ATOM_NEXT = 12;
export const ATOM_ARG_PTR = 16;
export const ATOM_PRIVATE = 40;
export const NATOMARG = 6;

// struct async_head_user, 32 bytes
// ┌────┬──────────────────┬───┬─────────────────────────────────────────┐
// │  0 │ kernel_ring_idx  │ K │ next slot the kernel fills              │
// │  4 │ user_ring_idx    │ U │ next slot user space consumes           │
// │  8 │ completion_ring  │ U │ array of atom pointers                  │
// │ 12 │ ring_size_bytes  │ U │ entries * 4                             │
// │ 16 │ head_stack       │ U │ unused (fidelity)                       │
// │ 20 │ head_eip         │ U │ unused (fidelity)                       │
// │ 24 │ new_thread_stack │U/K│ the kernel writes 0 at each hand-off    │
// │ 28 │ new_thread_eip   │ U │ unused (fidelity)                       │
// └────┴──────────────────┴───┴─────────────────────────────────────────┘
export const AHU_BYTES = 32;
export const AHU_KERNEL_RING_IDX = 0;
export const AHU_USER_RING_IDX = 4;
export const AHU_COMPLETION_RING = 8;
export const AHU_RING_SIZE_BYTES = 12;
export const AHU_HEAD_STACK = 16;
export const AHU_HEAD_EIP = 20;
export const AHU_NEW_THREAD_STACK = 24;
export const AHU_NEW_THREAD_EIP = 28;
