/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the lifecycle loop: the project's modules (loaded from
 * /lib/modules/mctp, where kernel/vm puts them), traffic processes that
 * run until killed, and partial messages left in a reassembly.
 */
#ifndef LIFECYCLE_UTIL_H
#define LIFECYCLE_UTIL_H

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include "smbus-test.h"

#define LC_MODDIR	"/lib/modules/mctp"
#define LC_TYPE		0x7f

/* ---- modules ---- */

static inline bool lc_mod_loaded(const char *name)
{
	char line[256];
	size_t n = strlen(name);
	bool found = false;
	FILE *f = fopen("/proc/modules", "re");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = !strncmp(line, name, n) && line[n] == ' ';
	fclose(f);
	return found;
}

static inline int lc_mod_load(const char *name)
{
	char path[128];
	int fd, rc;

	if (lc_mod_loaded(name))
		return 0;
	snprintf(path, sizeof(path), LC_MODDIR "/%s.ko", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	rc = syscall(SYS_finit_module, fd, "", 0) < 0 ? -errno : 0;
	close(fd);
	return rc;
}

/*
 * Unload @name, retrying for up to @ms while something still holds it
 * (namespaces and sockets are released asynchronously). Returns 0 or
 * the last error.
 */
static inline int lc_mod_unload(const char *name, int ms)
{
	double end = mk_now() + ms / 1000.0;
	int rc;

	for (;;) {
		rc = syscall(SYS_delete_module, name, O_NONBLOCK) < 0 ? -errno : 0;
		if (!rc || rc == -ENOENT || mk_now() >= end)
			return rc;
		usleep(50000);
	}
}

/* ---- traffic until killed ---- */

static inline pid_t lc_spawn(void (*fn)(void *arg), void *arg)
{
	pid_t pid = fork();

	if (!pid) {
		fn(arg);
		_exit(0);
	}
	return pid;
}

static inline void lc_kill(pid_t *pid)
{
	if (*pid > 0) {
		kill(*pid, SIGKILL);
		waitpid(*pid, NULL, 0);
	}
	*pid = -1;
}

/* A responder in @ns: answers every request of LC_TYPE, forever. */
static inline void lc_echo_forever(int ns)
{
	static uint8_t buf[ST_MAXMSG + 1];
	int fd = mk_socket_ns(ns);

	if (fd < 0 || mtl_bind(fd, MCTP_NET_ANY, MCTP_ADDR_ANY, LC_TYPE))
		_exit(1);
	for (;;)
		if (st_echo_one(fd, buf, sizeof(buf), 1000) == -EBADF)
			_exit(1);
}

/* Requests of varying size from @ns to @eid, forever; errors ignored. */
static inline void lc_request_forever(int ns, uint8_t eid)
{
	static uint8_t buf[4096];
	int fd = mk_socket_ns(ns);

	if (fd < 0)
		_exit(1);
	for (unsigned int i = 0;; i++) {
		size_t len = 1 + (i * 97) % sizeof(buf);

		mtl_pattern(buf, len, i);
		if (mtl_sendto(fd, MCTP_NET_ANY, eid, LC_TYPE, MCTP_TAG_OWNER,
			       buf, len) < 0)
			usleep(2000);
		mk_drain(fd);
	}
}

/* ---- partial messages ---- */

/*
 * The first @n packets (SOM, not EOM) of a request from @src to @dst
 * with tag @tag on an mk_inj peer end. Returns 0 or -errno.
 */
static inline int lc_inject_partial(struct mk_inj *t, uint8_t dst, uint8_t src,
				    uint8_t tag, int n)
{
	uint8_t pl[64];
	int rc = 0;

	memset(pl, 0xa5, sizeof(pl));
	pl[0] = LC_TYPE;
	for (int i = 0; !rc && i < n; i++)
		rc = mk_inject(t, dst, src, mk_fst(i == 0, false, i & 3, true,
						   tag), pl, sizeof(pl));
	return rc;
}

/*
 * The same on SMBus: packets @first .. @first + @n - 1 of a request of
 * @type, framed and written to @addr from adapter @bus, claiming to come
 * from @from; the last one ends the message if @eom.
 */
static inline int lc_smbus_packets(int bus, uint8_t addr, uint8_t from,
				   uint8_t dst, uint8_t src, uint8_t tag,
				   uint8_t type, int first, int n, bool eom)
{
	uint8_t pkt[68], frame[80];
	int rc = 0;

	memset(pkt, 0x5a, sizeof(pkt));
	for (int i = first; !rc && i < first + n; i++) {
		mtl_hdr((void *)pkt, dst, src, i == 0, eom && i == first + n - 1,
			i & 3, true, tag);
		pkt[4] = i ? 0x5a : type;
		rc = st_i2c_write(bus, addr, frame,
				  st_frame(frame, addr, from, pkt, sizeof(pkt)));
	}
	return rc;
}

#endif /* LIFECYCLE_UTIL_H */
