// SPDX-License-Identifier: GPL-2.0
/*
 * LD_PRELOAD library for trinity. Debian 12's trinity (1.9, 2023) knows
 * no PF_MCTP, so it is run with -P ALG (absent from the test kernels)
 * and this library turns each socket it opens in that domain for its
 * pool into an AF_MCTP datagram socket (TRINITY_SHIM=mctp, the default)
 * or a NETLINK_ROUTE socket (TRINITY_SHIM=route). Every other socket()
 * passes through. Trinity then runs its socket calls (bind, connect,
 * sendmsg, setsockopt, ioctl, ...) with random arguments on those.
 *
 * setsockopt() (the C library's, which trinity calls only while it sets
 * its pool up; its fuzzed calls are raw system calls) reports success
 * whatever the kernel said: trinity retries a refused option up to a
 * hundred times per socket, and its option generator (do_random_sso()
 * in 1.9) dereferences a truncated pointer now and then, which crashed
 * trinity before it started on almost every run.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/netlink.h>

#define SHIM_DOMAIN	38	/* AF_ALG */
#define MCTP_DOMAIN	45	/* AF_MCTP */

int socket(int domain, int type, int protocol)
{
	const char *mode = getenv("TRINITY_SHIM");
	/* non-blocking: a receive on a blocking pool socket waits (an MCTP
	 * socket rarely has a message queued), likely until trinity's
	 * watchdog ends it, and the run spent most of its time waiting */
	int flags = (type & SOCK_CLOEXEC) | SOCK_NONBLOCK;

	if (domain != SHIM_DOMAIN)
		return syscall(SYS_socket, domain, type, protocol);
	if (mode && !strcmp(mode, "route"))
		return syscall(SYS_socket, AF_NETLINK, SOCK_RAW | flags,
			       NETLINK_ROUTE);
	return syscall(SYS_socket, MCTP_DOMAIN, SOCK_DGRAM | flags, 0);
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	syscall(SYS_setsockopt, fd, level, name, val, len);
	return 0;
}
