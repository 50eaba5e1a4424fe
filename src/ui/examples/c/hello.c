/*
 * Hello World, after Ingo Molnar's syslet design document (2007), in C.
 * One write atom to standard output. Nothing blocks, so sys_async_exec
 * returns the atom itself (the cached path) and nothing is posted to the ring.
 * The v5 calls take the ring head (struct async_head_user) as their last
 * argument; syslet.h is the playground's own header (docs/c.md).
 */
#include "syslet.h"

static struct syslet_uatom *completion_ring[4];
static struct async_head_user ahu = {
	.completion_ring = completion_ring,
	.ring_size_bytes = sizeof(completion_ring),
};

int main(int argc, char *argv[])
{
	unsigned long int fd_out = 1; /* standard output */
	char *buf = "Hello Syslet World!\n";
	unsigned long size = strlen(buf);
	struct syslet_uatom atom, *done;

	/*
	 * Simple syslet consisting of a single atom:
	 */
	init_atom(&atom, __NR_write, &fd_out, &buf, &size,
		  NULL, NULL, NULL, NULL, 0, NULL);
	done = sys_async_exec(&atom, &ahu);
	if (!done) {
		sys_async_wait(1, ahu.user_ring_idx, &ahu);
		if (completion_ring[ahu.user_ring_idx] == &atom) {
			async_reap(&ahu);
			printf("completed an async syslet atom!\n");
		}
	} else {
		printf("completed an cached syslet atom!\n");
	}
	return 0;
}
