/*
 * A read loop in one syslet, in C: read a chunk of a file, add what was read
 * to a total with umem_add, and go back to the read until it returns 0. The
 * first read of each page misses the page cache, so sys_async_exec returns
 * NULL and a cachemiss thread runs the loop; its final atom lands in the ring.
 */
#include "syslet.h"

#pragma syslet option disk_latency = 2ms

static struct syslet_uatom *ring[8];
static struct async_head_user ahu = { .completion_ring = ring, .ring_size_bytes = sizeof(ring) };

static long fd, nread, total, inc;
static char chunk[4096];
static char *bufp = chunk;
static long count = sizeof(chunk);
static long *ptotal = &total;

/* rd: read a chunk; stop when it reads nothing (0) or fails (< 0). */
static struct syslet_uatom rd, add;

int main(void)
{
	fd = open("/usr/share/dict/words", O_RDONLY);
	assert(fd >= 0);
	init_atom(&rd, __NR_read, &fd, &bufp, &count, NULL, NULL, NULL,
		  &nread, SYSLET_STOP_ON_NON_POSITIVE, &add);
	/* add: total += nread (umem_add takes the word's address and the increment) */
	init_atom(&add, __NR_umem_add, &ptotal, &nread, NULL, NULL, NULL, NULL,
		  &inc, 0, &rd);

	struct syslet_uatom *done = sys_async_exec(&rd, &ahu);
	if (!done) {
		printf("async_exec returned NULL: a cachemiss thread runs the loop\n");
		sys_async_wait(1, ahu.user_ring_idx, &ahu);
		done = async_reap(&ahu);
	}
	assert(done == &rd);
	printf("read %ld bytes in all; the last read returned %ld\n", total, nread);
	close(fd);
	return 0;
}
