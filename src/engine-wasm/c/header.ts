// syslet.h, the whole library of a C program for the playground's kernel
// (docs/c.md). Its text is made here: the hand-written C below, with the
// constants generated from abi/*.ts (header-constants.ts). `syslet.h` next to
// this file is the same text written out (a unit test keeps them equal:
// `npx vitest run src/engine-wasm/c -u` rewrites it after a change here).
//
//   SYSLET_H        the header's text (what compileC gives the compiler and the page offers)
//   STD_HEADERS     <stdio.h>, <stdlib.h>, … : each only includes syslet.h
//   HEADER_FILE     "syslet.h"
import { errnoDefines, fileDefines, flagDefines, syscallDefines } from './header-constants.ts';
import { USER_BASE, USER_END } from '../abi/layout.ts';

export const HEADER_FILE = 'syslet.h';

/** Rounds of one playground `while` loop before the run is stopped (as the playground's driver). */
export const LOOP_LIMIT = 100_000;
/** Bytes printf gathers before one write(1, …): as the playground's print buffer. */
export const PRINTF_BUFFER_BYTES = 4096;
/** Bytes of a failure message kept for the runner. */
export const FAILURE_MESSAGE_BYTES = 256;

const hex = (v: number) => `0x${v.toString(16)}`;

export const SYSLET_H = String.raw`/*
 * syslet.h - Ingo Molnar's syslets (2007), the v5 user ABI, for the Syslet
 * Playground's kernel. Written for the playground; see docs/c.md.
 *
 * A program is one C file that includes this header, compiled for wasm32 and
 * linked with the kernel: it imports the kernel's memory (env.memory) and one
 * function, env.syscall(nr, a0..a5), through which every system call enters
 * the kernel. Its globals, strings and stack lie in the kernel's user region
 * [${hex(USER_BASE)}, ${hex(USER_END)}), so the atoms, the ring and the variables the
 * kernel reads are plain C globals.
 *
 * Numbers are those of i386 Linux and the records those of the last patch
 * series, byte for byte: wasm32 is an ILP32 little-endian target like i386.
 * Every call returns its result as the kernel gives it: -errno on failure
 * (there is no errno variable).
 */
#ifndef SYSLET_H
#define SYSLET_H

#if !defined(__wasm32__)
#error "syslet.h is for wasm32 programs linked with the Syslet Playground's kernel (docs/c.md)"
#endif
_Static_assert(sizeof(long) == 4 && sizeof(void *) == 4, "syslet.h needs 32-bit words and pointers");

typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
typedef long off_t;
typedef long pid_t;
#define NULL ((void *)0)
#define __user /* points into user memory: the kernel reads or writes it */

/* ---- Atom flags (contract section 1) ---------------------------------- */

${flagDefines()}

/* ---- System call numbers (i386) --------------------------------------- */

${syscallDefines()}
#define __NR_exit 1	/* i386 exit: ends the program in the host, not in the kernel */

/* ---- open(2) flags and lseek(2) whence -------------------------------- */

${fileDefines()}

/* ---- errno values: a failed call returns -E... ------------------------ */

${errnoDefines()}

/* ---- The records in user memory --------------------------------------- */

/* One system call with pointers to its arguments: 44 bytes. */
struct syslet_uatom {
	unsigned long flags;			/* SYSLET_* */
	unsigned long nr;			/* __NR_* */
	long __user *ret_ptr;			/* receives the result; NULL: none */
	struct syslet_uatom __user *next;	/* runs next; NULL: the last atom */
	unsigned long __user *arg_ptr[6];	/* each points AT an argument word; the first NULL ends them */
	void __user *private;			/* user space's own; the kernel never touches it */
};

/* The completion ring's head, passed to every sys_async_exec and sys_async_wait: 32 bytes. */
struct async_head_user {
	unsigned long kernel_ring_idx;		/* the next slot the kernel fills (the kernel writes it) */
	unsigned long user_ring_idx;		/* the next slot user space consumes */
	struct syslet_uatom __user **completion_ring;	/* the ring: atom addresses, 0 = empty */
	unsigned long ring_size_bytes;		/* 4 bytes a slot */
	void __user *head_stack;		/* the four thread fields are kept for the layout; */
	void __user *head_eip;			/* the playground's kernel only clears */
	void __user *new_thread_stack;		/* new_thread_stack at each hand-off */
	void __user *new_thread_eip;
};

_Static_assert(sizeof(struct syslet_uatom) == 44, "struct syslet_uatom is 44 bytes");
_Static_assert(__builtin_offsetof(struct syslet_uatom, flags) == 0, "flags at 0");
_Static_assert(__builtin_offsetof(struct syslet_uatom, nr) == 4, "nr at 4");
_Static_assert(__builtin_offsetof(struct syslet_uatom, ret_ptr) == 8, "ret_ptr at 8");
_Static_assert(__builtin_offsetof(struct syslet_uatom, next) == 12, "next at 12");
_Static_assert(__builtin_offsetof(struct syslet_uatom, arg_ptr) == 16, "arg_ptr at 16");
_Static_assert(__builtin_offsetof(struct syslet_uatom, private) == 40, "private at 40");
_Static_assert(sizeof(struct async_head_user) == 32, "struct async_head_user is 32 bytes");
_Static_assert(__builtin_offsetof(struct async_head_user, kernel_ring_idx) == 0, "kernel_ring_idx at 0");
_Static_assert(__builtin_offsetof(struct async_head_user, user_ring_idx) == 4, "user_ring_idx at 4");
_Static_assert(__builtin_offsetof(struct async_head_user, completion_ring) == 8, "completion_ring at 8");
_Static_assert(__builtin_offsetof(struct async_head_user, ring_size_bytes) == 12, "ring_size_bytes at 12");
_Static_assert(__builtin_offsetof(struct async_head_user, head_stack) == 16, "head_stack at 16");
_Static_assert(__builtin_offsetof(struct async_head_user, head_eip) == 20, "head_eip at 20");
_Static_assert(__builtin_offsetof(struct async_head_user, new_thread_stack) == 24, "new_thread_stack at 24");
_Static_assert(__builtin_offsetof(struct async_head_user, new_thread_eip) == 28, "new_thread_eip at 28");

/* i386 struct timespec, for nanosleep. */
struct timespec {
	long tv_sec;
	long tv_nsec;
};

/* ---- The way into the kernel ------------------------------------------ */

/* The user task makes call nr with six argument words and gets its result. */
long syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
	__attribute__((import_module("env"), import_name("syscall")));

/* ---- The system calls of the contract's table ------------------------- */

static inline long read(int fd, void *buf, size_t count)
{ return syscall(__NR_read, fd, (long)buf, (long)count, 0, 0, 0); }
static inline long write(int fd, const void *buf, size_t count)
{ return syscall(__NR_write, fd, (long)buf, (long)count, 0, 0, 0); }
/* open(path, flags) or open(path, flags, mode): mode is read only with O_CREAT. */
static inline long open(const char *path, int flags, ...)
{
	long mode = 0;
	if (flags & O_CREAT) {
		__builtin_va_list ap;
		__builtin_va_start(ap, flags);
		mode = __builtin_va_arg(ap, long);
		__builtin_va_end(ap);
	}
	return syscall(__NR_open, (long)path, flags, mode, 0, 0, 0);
}
static inline long close(int fd)
{ return syscall(__NR_close, fd, 0, 0, 0, 0, 0); }
static inline long unlink(const char *path)
{ return syscall(__NR_unlink, (long)path, 0, 0, 0, 0, 0); }
static inline long lseek(int fd, off_t offset, int whence)
{ return syscall(__NR_lseek, fd, offset, whence, 0, 0, 0); }
static inline long getpid(void)
{ return syscall(__NR_getpid, 0, 0, 0, 0, 0, 0); }
/* Fills fds[0] (the read end) and fds[1] (the write end). */
static inline long pipe(int fds[2])
{ return syscall(__NR_pipe, (long)fds, 0, 0, 0, 0, 0); }
static inline long fsync(int fd)
{ return syscall(__NR_fsync, fd, 0, 0, 0, 0, 0); }
static inline long nanosleep(const struct timespec *req, struct timespec *rem)
{ return syscall(__NR_nanosleep, (long)req, (long)rem, 0, 0, 0, 0); }
/* The raw i386 calls: the 64-bit offset as two words, low word first. */
static inline long pread64(int fd, void *buf, size_t count, unsigned long off_lo, unsigned long off_hi)
{ return syscall(__NR_pread64, fd, (long)buf, (long)count, (long)off_lo, (long)off_hi, 0); }
static inline long pwrite64(int fd, const void *buf, size_t count, unsigned long off_lo, unsigned long off_hi)
{ return syscall(__NR_pwrite64, fd, (long)buf, (long)count, (long)off_lo, (long)off_hi, 0); }

/* ---- Syslets ------------------------------------------------------------ */

/*
 * Runs the syslet that starts at atom. Returns the final atom if nothing had
 * to wait (cached), or NULL once the rest runs in a cachemiss thread, whose
 * final atom then arrives in ahu's completion ring.
 */
static inline struct syslet_uatom *sys_async_exec(struct syslet_uatom *atom, struct async_head_user *ahu)
{ return (struct syslet_uatom *)syscall(__NR_async_exec, (long)atom, (long)ahu, 0, 0, 0, 0); }

/*
 * Waits until min_events filled slots stand in a row from user_ring_idx, or
 * no syslet of ahu is still running; returns how many stand in a row.
 */
static inline long sys_async_wait(unsigned long min_events, unsigned long user_ring_idx, struct async_head_user *ahu)
{ return syscall(__NR_async_wait, (long)min_events, (long)user_ring_idx, (long)ahu, 0, 0, 0); }

/* Adds inc to the word at uptr (wrapping) and returns the new value. */
static inline long umem_add(long *uptr, long inc)
{ return syscall(__NR_umem_add, (long)uptr, inc, 0, 0, 0, 0); }

static inline long async_thread(void)
{ return syscall(__NR_async_thread, 0, 0, 0, 0, 0, 0); }

/*
 * Fills in an atom, as the design document's Hello World does: the system
 * call, pointers to its argument words (NULL after the last), where the
 * result goes, the flags and the atom that runs next.
 */
static inline void init_atom(struct syslet_uatom *atom, unsigned long nr,
		void *arg_ptr0, void *arg_ptr1, void *arg_ptr2,
		void *arg_ptr3, void *arg_ptr4, void *arg_ptr5,
		void *ret_ptr, unsigned long flags, struct syslet_uatom *next)
{
	atom->flags = flags;
	atom->nr = nr;
	atom->ret_ptr = ret_ptr;
	atom->next = next;
	atom->arg_ptr[0] = arg_ptr0;
	atom->arg_ptr[1] = arg_ptr1;
	atom->arg_ptr[2] = arg_ptr2;
	atom->arg_ptr[3] = arg_ptr3;
	atom->arg_ptr[4] = arg_ptr4;
	atom->arg_ptr[5] = arg_ptr5;
}

/*
 * Consumes the slot at user_ring_idx, as fio's syslet engine drained the
 * ring: returns the completed atom and frees its slot, or NULL if the slot
 * is empty.
 */
static inline struct syslet_uatom *async_reap(struct async_head_user *ahu)
{
	unsigned long entries = ahu->ring_size_bytes / sizeof(ahu->completion_ring[0]);
	unsigned long idx = ahu->user_ring_idx;
	struct syslet_uatom *atom;

	if (idx >= entries)
		return NULL;
	atom = ahu->completion_ring[idx];
	if (!atom)
		return NULL;
	ahu->completion_ring[idx] = NULL;
	ahu->user_ring_idx = (idx + 1) % entries;
	return atom;
}

/* ---- A small C library -------------------------------------------------- */

/* memset and memcpy have external names: the compiler may call them itself. */
void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	while (n--)
		*d++ = *s++;
	return dst;
}

static inline size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

/*
 * Why a program stopped, for the runner: a failed assert, a playground
 * check, an unsupported printf conversion. Set just before the trap.
 */
struct syslet_failure {
	long line;				/* the C line, 0 if unknown */
	char message[${FAILURE_MESSAGE_BYTES}];
};
struct syslet_failure __syslet_failure;

/* Where formatted text goes: a buffer written to fd when full (fd < 0: cut off). */
struct syslet_out {
	char *buf;
	size_t cap;
	size_t len;
	int fd;
	long total;
};

static inline void syslet_flush(struct syslet_out *o)
{
	if (o->fd >= 0 && o->len > 0)
		write(o->fd, o->buf, o->len);
	if (o->fd >= 0)
		o->len = 0;
}

static inline void syslet_put(struct syslet_out *o, char c)
{
	if (o->len == o->cap)
		syslet_flush(o);
	if (o->len < o->cap)
		o->buf[o->len++] = c;
	o->total++;
}

static inline void syslet_puts(struct syslet_out *o, const char *s, size_t n)
{
	while (n--)
		syslet_put(o, *s++);
}

static inline void syslet_vformat(struct syslet_out *o, const char *fmt, __builtin_va_list ap);

/* Stops the program: the message (formatted as printf) is left for the runner. */
__attribute__((noreturn, format(printf, 2, 3)))
static inline void syslet_fail(long line, const char *fmt, ...)
{
	struct syslet_out o = { __syslet_failure.message, sizeof(__syslet_failure.message) - 1, 0, -1, 0 };
	__builtin_va_list ap;

	__builtin_va_start(ap, fmt);
	syslet_vformat(&o, fmt, ap);
	__builtin_va_end(ap);
	__syslet_failure.message[o.len] = 0;
	__syslet_failure.line = line;
	__builtin_trap();
}

/* Formats: %d %i %u %x %X %s %c %p %%, with flags - and 0, a width, and l or z. */
static inline void syslet_vformat(struct syslet_out *o, const char *fmt, __builtin_va_list ap)
{
	static const char lower[] = "0123456789abcdef", upper[] = "0123456789ABCDEF";

	for (; *fmt; fmt++) {
		char digits[12], *end = digits + sizeof(digits), *p = end, sign = 0;
		const char *text = p, *set = lower;
		int left = 0, zero = 0, width = 0, n;
		unsigned long v, base = 10;

		if (*fmt != '%') {
			syslet_put(o, *fmt);
			continue;
		}
		for (fmt++; *fmt == '-' || *fmt == '0'; fmt++)
			*fmt == '-' ? (left = 1) : (zero = 1);
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		if (*fmt == 'l' || *fmt == 'z')
			fmt++;
		switch (*fmt) {
		case 'd': case 'i': {
			long s = __builtin_va_arg(ap, long);
			v = s < 0 ? 0ul - (unsigned long)s : (unsigned long)s;
			sign = s < 0 ? '-' : 0;
			goto number;
		}
		case 'X':
			set = upper;
			/* fall through */
		case 'x':
			base = 16;
			/* fall through */
		case 'u':
			v = __builtin_va_arg(ap, unsigned long);
			goto number;
		case 'p':
			v = (unsigned long)__builtin_va_arg(ap, void *);
			base = 16;
			do *--p = lower[v % base]; while (v /= base);
			*--p = 'x';
			*--p = '0';
			text = p;
			break;
		number:
			do *--p = set[v % base]; while (v /= base);
			if (sign)
				*--p = sign;
			text = p;
			break;
		case 's':
			text = __builtin_va_arg(ap, const char *);
			if (!text)
				text = "(null)";
			end = (char *)text + strlen(text);
			zero = 0;
			break;
		case 'c':
			digits[0] = (char)__builtin_va_arg(ap, int);
			text = digits;
			end = digits + 1;
			zero = 0;
			break;
		case '%':
			syslet_put(o, '%');
			continue;
		case 0:
			syslet_fail(0, "printf: the format ends with a lone %s", "%");
		default:
			syslet_fail(0, "printf: the conversion %%%c is not supported (syslet.h knows %s)", *fmt,
				"%d %i %u %x %X %s %c %p %%");
		}
		n = (int)(end - text);
		if (zero && !left && sign) {
			syslet_put(o, *text++);
			width--;
			n--;
		}
		for (; !left && width > n; width--)
			syslet_put(o, zero ? '0' : ' ');
		syslet_puts(o, text, (size_t)n);
		for (; left && width > n; width--)
			syslet_put(o, ' ');
	}
}

/* printf's buffer: one write(1, ...) for each ${PRINTF_BUFFER_BYTES} bytes or less, as the playground's print. */
char __syslet_printf_buffer[${PRINTF_BUFFER_BYTES}];

/*
 * Formats to standard output with exactly one write(1, ...) (none for empty
 * text; longer text goes in ${PRINTF_BUFFER_BYTES}-byte pieces). Returns the bytes written.
 */
__attribute__((format(printf, 1, 2)))
static inline int printf(const char *fmt, ...)
{
	struct syslet_out o = { __syslet_printf_buffer, sizeof(__syslet_printf_buffer), 0, 1, 0 };
	__builtin_va_list ap;

	__builtin_va_start(ap, fmt);
	syslet_vformat(&o, fmt, ap);
	__builtin_va_end(ap);
	syslet_flush(&o);
	return (int)o.total;
}

/* Ends the program with a status (the host ends it: the kernel has no exit). */
__attribute__((noreturn))
static inline void exit(int status)
{
	syscall(__NR_exit, status, 0, 0, 0, 0, 0);
	__builtin_trap();
}

/* A failed assertion stops the program with "assertion failed: <the condition>". */
#define assert(cond) ((cond) ? (void)0 : syslet_fail(__LINE__, "assertion failed: %s", #cond))

/* ---- The playground's rules for exported programs ---------------------- */

/* Division and remainder that stop the program on a zero divisor, and wrap. */
#define DIV(a, b) syslet_div((a), (b), 0, __LINE__, #a " / " #b)
#define MOD(a, b) syslet_div((a), (b), 1, __LINE__, #a " % " #b)
static inline long syslet_div(long a, long b, int remainder, long line, const char *what)
{
	if (b == 0)
		syslet_fail(line, "division by zero in %s%s%s", "${'`'}", what, "${'`'}");
	if (b == -1)
		return remainder ? 0 : (long)(0ul - (unsigned long)a);
	return remainder ? a % b : a / b;
}

/* The ring's slot i, or the program stops if i is not a slot of the ring. */
#define ring_slot(ahu, i) syslet_ring_slot((ahu), (i), __LINE__)
static inline struct syslet_uatom *syslet_ring_slot(struct async_head_user *ahu, long i, long line)
{
	long entries = (long)(ahu->ring_size_bytes / sizeof(ahu->completion_ring[0]));
	if (i < 0 || i >= entries)
		syslet_fail(line, "ring[%ld] is outside the ring (0 to %ld)", i, entries - 1);
	return ahu->completion_ring[i];
}

/* A while loop that stops the program after ${LOOP_LIMIT.toLocaleString('en')} rounds, as the playground's. */
#define SYSLET_LOOP_LIMIT ${LOOP_LIMIT}
#define syslet_while(cond) for (long syslet_rounds_ = 0; (cond); syslet_round(&syslet_rounds_, __LINE__))
static inline void syslet_round(long *rounds, long line)
{
	if (++*rounds > SYSLET_LOOP_LIMIT)
		syslet_fail(line, "the loop ran %s times and was stopped", "${LOOP_LIMIT.toLocaleString('en')}");
}

/* ---- What syslet.h does not have ---------------------------------------- */

#define SYSLET_NO_HEAP "syslet.h has no heap: declare the memory as globals (docs/c.md)"
#define SYSLET_NO_STDIO "syslet.h has no stdio streams: use printf, or write(fd, buf, n) (docs/c.md)"
#define SYSLET_NO_ERRNO "the calls return -errno themselves: there is no errno variable (docs/c.md)"
void *malloc(size_t) __attribute__((unavailable(SYSLET_NO_HEAP)));
void *calloc(size_t, size_t) __attribute__((unavailable(SYSLET_NO_HEAP)));
void *realloc(void *, size_t) __attribute__((unavailable(SYSLET_NO_HEAP)));
void free(void *) __attribute__((unavailable(SYSLET_NO_HEAP)));
typedef struct syslet_no_file FILE __attribute__((unavailable(SYSLET_NO_STDIO)));
extern FILE *stdin __attribute__((unavailable(SYSLET_NO_STDIO)));
extern FILE *stdout __attribute__((unavailable(SYSLET_NO_STDIO)));
extern FILE *stderr __attribute__((unavailable(SYSLET_NO_STDIO)));
FILE *fopen(const char *, const char *) __attribute__((unavailable(SYSLET_NO_STDIO)));
int fclose(FILE *) __attribute__((unavailable(SYSLET_NO_STDIO)));
int fprintf(FILE *, const char *, ...) __attribute__((unavailable(SYSLET_NO_STDIO)));
int fputs(const char *, FILE *) __attribute__((unavailable(SYSLET_NO_STDIO)));
int fputc(int, FILE *) __attribute__((unavailable(SYSLET_NO_STDIO)));
char *fgets(char *, int, FILE *) __attribute__((unavailable(SYSLET_NO_STDIO)));
size_t fread(void *, size_t, size_t, FILE *) __attribute__((unavailable(SYSLET_NO_STDIO)));
size_t fwrite(const void *, size_t, size_t, FILE *) __attribute__((unavailable(SYSLET_NO_STDIO)));
int fflush(FILE *) __attribute__((unavailable(SYSLET_NO_STDIO)));
int puts(const char *) __attribute__((unavailable(SYSLET_NO_STDIO)));
int putchar(int) __attribute__((unavailable(SYSLET_NO_STDIO)));
int getchar(void) __attribute__((unavailable(SYSLET_NO_STDIO)));
int scanf(const char *, ...) __attribute__((unavailable(SYSLET_NO_STDIO)));
int sprintf(char *, const char *, ...) __attribute__((unavailable(SYSLET_NO_STDIO)));
int snprintf(char *, size_t, const char *, ...) __attribute__((unavailable(SYSLET_NO_STDIO)));
extern int errno __attribute__((unavailable(SYSLET_NO_ERRNO)));

#endif /* SYSLET_H */
`;

/** The standard headers a program may include: each one is syslet.h. */
export const STD_HEADERS: readonly string[] = ['stdio.h', 'stdlib.h', 'string.h', 'unistd.h', 'fcntl.h', 'assert.h', 'errno.h', 'time.h'];

/** The text of one of STD_HEADERS. */
export function stdHeaderText(name: string): string {
  return `/* <${name}>: in a syslet program, everything is in syslet.h (docs/c.md). */\n#include "${HEADER_FILE}"\n`;
}

/**
 * Every name syslet.h declares at file scope (macros, types, functions,
 * variables; not struct tags, which C keeps apart): a program's own globals
 * must not take them.
 */
export function headerNames(text = SYSLET_H): Set<string> {
  const out = new Set<string>();
  const add = (re: RegExp) => {
    for (const m of text.matchAll(re)) out.add(m[1]);
  };
  add(/^#define\s+(\w+)/gm);
  add(/^typedef\s+.*?\b(\w+)\s*(?:__attribute__.*)?;$/gm);
  add(/^(?!typedef|extern)[A-Za-z_][\w ]*?[\s*]([A-Za-z_]\w*)\s*\(/gm);
  add(/^(?:struct\s+\w+|char|long)\s+\**(\w+)\s*[[;]/gm);
  add(/^extern\s+[\w\s]*?\**(\w+)\s*(?:__attribute__.*)?;$/gm);
  return out;
}
