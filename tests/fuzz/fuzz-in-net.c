// SPDX-License-Identifier: GPL-2.0
/*
 * Run a command (trinity) inside the fuzzers' network (fuzz-net.h): in
 * namespace A, with namespace B kept alive, as root or (-u) as nobody
 * without capabilities.
 *
 *   fuzz-in-net [-u] COMMAND [ARGS...]
 */
#define _GNU_SOURCE
#include <fcntl.h>

#include "fuzz-common.h"
#include "fuzz-net.h"

int main(int argc, char **argv)
{
	bool unpriv = argc > 1 && !strcmp(argv[1], "-u");
	struct fz_net net;
	int rc;

	if (argc < 2 + unpriv) {
		fprintf(stderr, "usage: fuzz-in-net [-u] COMMAND [ARGS...]\n");
		return 2;
	}
	rc = fn_setup(&net);
	if (rc) {
		fprintf(stderr, "fuzz-in-net: network setup: %s\n", strerror(-rc));
		return 1;
	}
	/* B lives as long as the command: its fd stays open across exec */
	fcntl(net.ns[1], F_SETFD, 0);
	if (unpriv && fz_drop_privs()) {
		fprintf(stderr, "fuzz-in-net: cannot become nobody\n");
		return 1;
	}
	execvp(argv[1 + unpriv], argv + 1 + unpriv);
	fprintf(stderr, "fuzz-in-net: %s: %s\n", argv[1 + unpriv], strerror(errno));
	return 127;
}
