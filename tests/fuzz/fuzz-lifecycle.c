// SPDX-License-Identifier: GPL-2.0
/*
 * Lifecycle loop: cycles chosen by the seed, each of which takes part of
 * the stack away while it is in use and then checks that a fresh setup
 * carries messages again:
 *
 *   vpair-reload   mctp_vpair unloaded under traffic on pairs across three
 *                  namespaces, with a partial message in a reassembly
 *   i2c-reload     i2c_mctp unloaded under SMBus traffic, partial message
 *   sim-reload     smbus_sim (the bus itself) unloaded under that traffic
 *   core-reload    af_mctp: refused while a socket is open; then unloaded
 *                  (after its users) from namespaces that keep addresses,
 *                  gateway routes and neighbours, and loaded again
 *   vpair-reasm    a vpair end deleted, moved or downed in the middle of a
 *                  reassembly with pending and preallocated keys
 *   smbus-reasm    the same on SMBus: client deleted, or the segment
 *   netns          namespaces torn down with open sockets, keys, routes,
 *                  neighbours and partial messages: by the exit of the
 *                  process inside, or by the close of the last socket
 *                  after the process left
 *
 * The kernel log, kmemleak and the slab counts (tests/fuzz/run-fuzz)
 * judge the rest. Runs in its own network namespace; leaves every module
 * loaded, as it found them.
 */
#define _GNU_SOURCE
#include <sys/socket.h>

#include "fuzz-common.h"
#include "lifecycle-util.h"

#define REASM_TYPE	0x7e	/* partial messages; traffic uses LC_TYPE */
#define HOST_EID	8
#define PEER_EID	9
#define FAR_EID		20

static const char *const stack[] = { "af_mctp", "mctp_vpair", "smbus_sim",
				     "i2c_mctp" };

struct lc {
	struct fz_opts *o;
	struct fz_rng r;
	unsigned long cycle, failures;
	unsigned long done[7];
};

#define FAIL(l, ...)						\
	do {							\
		fz_fail((l)->o, (l)->cycle, 0, __VA_ARGS__);	\
		(l)->failures++;				\
	} while (0)

static int load_all(void)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < sizeof(stack) / sizeof(stack[0]); i++)
		rc = lc_mod_load(stack[i]);
	return rc;
}

/* ---- vpairs across namespaces with traffic ---- */

struct vnet {
	int ns[3];
	struct mtl_pair p[2];	/* ns0 <-> ns1, ns1 <-> ns2 */
	pid_t pid[4];
};

static void echo_fn(void *arg)
{
	lc_echo_forever(*(int *)arg);
}

struct req_arg {
	int ns;
	uint8_t eid;
};

static void req_fn(void *arg)
{
	struct req_arg *a = arg;

	lc_request_forever(a->ns, a->eid);
}

static int vnet_up(struct lc *l, struct vnet *v)
{
	struct req_arg ra[2];
	int rc;

	memset(v, 0, sizeof(*v));
	for (int i = 0; i < 4; i++)
		v->pid[i] = -1;
	for (int i = 0; i < 3; i++) {
		v->ns[i] = mtl_netns_new();
		if (v->ns[i] < 0)
			return v->ns[i];
	}
	rc = mtl_pair_create(&v->p[0], "lv0", "lv0p", v->ns[0], v->ns[1]);
	if (!rc)
		rc = mtl_pair_setup(&v->p[0], HOST_EID, PEER_EID);
	if (!rc)
		rc = mtl_pair_create(&v->p[1], "lv1", "lv1p", v->ns[1], v->ns[2]);
	if (!rc)
		rc = mtl_pair_setup(&v->p[1], FAR_EID, FAR_EID + 1);
	if (rc)
		return rc;
	ra[0] = (struct req_arg){ v->ns[0], PEER_EID };
	ra[1] = (struct req_arg){ v->ns[2], FAR_EID };
	v->pid[0] = lc_spawn(echo_fn, &v->ns[1]);
	v->pid[1] = lc_spawn(req_fn, &ra[0]);
	v->pid[2] = lc_spawn(req_fn, &ra[1]);
	(void)l;
	return 0;
}

static void vnet_down(struct vnet *v)
{
	for (int i = 0; i < 4; i++)
		lc_kill(&v->pid[i]);
	for (int i = 0; i < 2; i++)
		if (v->p[i].ns[0] > 0)
			mtl_pair_destroy(&v->p[i]);
	for (int i = 0; i < 3; i++)
		if (v->ns[i] > 0)
			close(v->ns[i]);
}

/* A fresh pair carries a message (the stack works after a cycle). */
static void check_vpair_works(struct lc *l)
{
	static uint8_t out[700], in[800];
	struct mtl_pair p = { .ns = { -1, -1 } };
	int nsa = mtl_netns_new(), nsb = mtl_netns_new(), a = -1, b = -1;
	int rc = nsa < 0 || nsb < 0 ? -EIO : 0;

	if (!rc)
		rc = mtl_pair_create(&p, "lc0", "lc0p", nsa, nsb);
	if (!rc)
		rc = mtl_pair_setup(&p, HOST_EID, PEER_EID);
	if (!rc) {
		a = mk_socket_ns(nsa);
		b = mk_socket_ns(nsb);
		rc = a < 0 || b < 0 ? -EIO :
		     mtl_bind(b, MCTP_NET_ANY, MCTP_ADDR_ANY, LC_TYPE);
	}
	if (!rc) {
		mtl_pattern(out, sizeof(out), l->cycle);
		rc = mtl_sendto(a, MCTP_NET_ANY, PEER_EID, LC_TYPE,
				MCTP_TAG_OWNER, out, sizeof(out));
		rc = rc < 0 ? rc : mtl_recv(b, in, sizeof(in), 0, NULL, 3000);
		rc = rc == sizeof(out) && !memcmp(in, out, sizeof(out)) ? 0 :
		     rc < 0 ? rc : -EBADMSG;
	}
	if (rc)
		FAIL(l, "a fresh vpair carries no message: %s", strerror(-rc));
	if (a >= 0)
		close(a);
	if (b >= 0)
		close(b);
	if (p.ns[0] > 0)
		mtl_pair_destroy(&p);
	if (nsa >= 0)
		close(nsa);
	if (nsb >= 0)
		close(nsb);
}

static void cyc_vpair_reload(struct lc *l)
{
	struct vnet v;
	struct mk_inj t;
	int rc = vnet_up(l, &v);

	if (!rc)
		rc = mk_inj_setup(&t, HOST_EID, PEER_EID, 0);
	if (rc) {
		FAIL(l, "vpair setup: %s", strerror(-rc));
	} else {
		int s = mk_socket();

		if (s >= 0)
			mtl_bind(s, MCTP_NET_ANY, MCTP_ADDR_ANY, LC_TYPE);
		lc_inject_partial(&t, HOST_EID, PEER_EID, fz_below(&l->r, 8),
				  1 + fz_below(&l->r, 6));
		usleep(fz_below(&l->r, 300000));
		rc = lc_mod_unload("mctp_vpair", 10000);
		if (rc)
			FAIL(l, "rmmod mctp_vpair under traffic: %s",
			     strerror(-rc));
		if (s >= 0)
			close(s);
		mk_inj_teardown(&t);	/* the pair is gone unless rmmod failed */
	}
	vnet_down(&v);
	rc = lc_mod_load("mctp_vpair");
	if (rc)
		FAIL(l, "insmod mctp_vpair: %s", strerror(-rc));
}

/* ---- SMBus ---- */

struct snet {
	struct st_pair p;
	pid_t pid;
};

/* The pair's own sockets: a second bind like p->srv's would be refused. */
static void smbus_traffic(void *arg)
{
	struct st_pair *p = arg;

	for (unsigned int i = 0;; i++)
		st_roundtrip(p->cli, p->srv, ST_B_EID, 1 + (i * 97) % 2000, i,
			     200);
}

static int snet_up(struct snet *s)
{
	int rc = st_pair_setup(&s->p, "lcs", NULL);

	s->pid = -1;
	if (!rc)
		s->pid = lc_spawn(smbus_traffic, &s->p);
	return rc;
}

static void snet_down(struct snet *s)
{
	lc_kill(&s->pid);
	st_pair_teardown(&s->p);
}

static void check_smbus_works(struct lc *l)
{
	struct snet s;
	int rc = st_pair_setup(&s.p, "lcc", NULL);

	if (!rc)
		rc = st_roundtrip(s.p.cli, s.p.srv, ST_B_EID, 300, l->cycle,
				  3000);
	if (rc)
		FAIL(l, "a fresh SMBus pair carries no message: %s",
		     strerror(-rc));
	st_pair_teardown(&s.p);
}

/* Unload @mod (i2c_mctp or smbus_sim) under SMBus traffic. */
static void cyc_smbus_reload(struct lc *l, const char *mod)
{
	struct snet s;
	int rc = snet_up(&s);

	if (rc) {
		FAIL(l, "SMBus setup: %s", strerror(-rc));
	} else {
		lc_smbus_packets(s.p.bus_a, ST_B_ADDR, ST_A_ADDR + 4, ST_B_EID,
				 0x33, fz_below(&l->r, 8), LC_TYPE, 0,
				 1 + fz_below(&l->r, 4), false);
		usleep(fz_below(&l->r, 300000));
		rc = lc_mod_unload(mod, 10000);
		if (rc)
			FAIL(l, "rmmod %s under traffic: %s", mod, strerror(-rc));
	}
	lc_kill(&s.pid);
	rc = lc_mod_load(mod);
	if (rc)
		FAIL(l, "insmod %s: %s", mod, strerror(-rc));
	snet_down(&s);
}

/* ---- the core module ---- */

static void cyc_core_reload(struct lc *l)
{
	struct mtl_pair p = { .ns = { -1, -1 } };
	struct mtl_nl nl;
	int ns[2] = { mtl_netns_new(), mtl_netns_new() }, s, rc;
	struct mctp_ioc_tag_ctl ctl = { .peer_addr = PEER_EID };

	rc = ns[0] < 0 || ns[1] < 0 ? -EIO :
	     mtl_pair_create(&p, "lk0", "lk0p", ns[0], ns[1]);
	if (!rc)
		rc = mtl_pair_setup(&p, HOST_EID, PEER_EID);
	if (!rc)
		rc = mtl_nl_open_ns(&nl, ns[0]);
	if (rc) {
		FAIL(l, "core setup: %s", strerror(-rc));
		goto out;
	}
	/* state that outlives the devices: a gateway route, a neighbour */
	mtl_route_add_gw(&nl, 50, 4, 1, PEER_EID, 0);
	mtl_neigh_add(&nl, p.ifindex[0], PEER_EID, NULL, 0);
	mtl_nl_close(&nl);
	s = mk_socket_ns(ns[0]);
	if (s >= 0) {
		ioctl(s, SIOCMCTPALLOCTAG, &ctl);
		mtl_sendto(s, MCTP_NET_ANY, PEER_EID, LC_TYPE, MCTP_TAG_OWNER,
			   "x", 1);
		if (lc_mod_unload("af_mctp", 0) == 0)
			FAIL(l, "af_mctp unloaded under an open socket");
		close(s);
	}
	/* the devices go with their modules; the namespaces stay */
	for (int i = 3; i >= 0; i--) {
		if (i == 2)
			continue;	/* smbus_sim does not use the core */
		rc = lc_mod_unload(stack[i], 10000);
		if (rc)
			FAIL(l, "rmmod %s: %s", stack[i], strerror(-rc));
	}
out:
	rc = load_all();
	if (rc)
		FAIL(l, "loading the stack again: %s", strerror(-rc));
	for (int i = 0; i < 2; i++) {
		if (ns[i] >= 0)
			close(ns[i]);
		if (p.ns[i] > 0)
			close(p.ns[i]);
	}
}

/* ---- a device goes in the middle of a reassembly ---- */

static void cyc_vpair_reasm(struct lc *l)
{
	struct mctp_ioc_tag_ctl ctl = { .peer_addr = PEER_EID };
	uint8_t tag = fz_below(&l->r, 8), pl[8] = { LC_TYPE };
	int s, q, rc, other, n = 1 + fz_below(&l->r, 8);
	struct mk_inj t;

	rc = mk_inj_setup(&t, HOST_EID, PEER_EID, 0);
	s = mk_socket();
	q = mk_socket();
	if (rc || s < 0 || q < 0 ||
	    mtl_bind(s, MCTP_NET_ANY, MCTP_ADDR_ANY, LC_TYPE)) {
		FAIL(l, "reassembly setup: %s", strerror(-rc));
		goto out;
	}
	mtl_neigh_add(&t.nl, t.host_if, PEER_EID, NULL, 0);
	ioctl(q, SIOCMCTPALLOCTAG, &ctl);
	mtl_sendto(q, MCTP_NET_ANY, PEER_EID, LC_TYPE, MCTP_TAG_OWNER, "q", 1);
	lc_inject_partial(&t, HOST_EID, PEER_EID, tag, n);
	switch (fz_below(&l->r, 4)) {
	case 0:		/* the host end (and with it, the peer) */
		mtl_link_del(&t.nl, t.host_if);
		break;
	case 1: {	/* the peer end, from its namespace */
		struct mtl_nl pn;

		if (!mtl_nl_open_ns(&pn, t.peer_ns)) {
			mtl_link_del(&pn, t.peer_if);
			mtl_nl_close(&pn);
		}
		break;
	}
	case 2:		/* the host end moves away, then goes */
		other = mtl_netns_new();
		if (other >= 0) {
			mtl_link_set_netns(&t.nl, t.host_if, other);
			close(other);	/* the namespace takes the pair along */
		}
		break;
	default:	/* down, then deleted */
		mtl_link_down(&t.nl, t.host_if);
		mtl_link_del(&t.nl, t.host_if);
	}
	close(t.inj_fd);
	close(t.cap_fd);
	close(t.peer_ns);
	mtl_nl_close(&t.nl);
	/* the same names again: the old partial message must not complete */
	rc = mk_inj_setup(&t, HOST_EID, PEER_EID, 0);
	if (rc) {
		FAIL(l, "setup after the removal: %s", strerror(-rc));
		goto out;
	}
	mk_drain(s);
	mk_inject(&t, HOST_EID, PEER_EID, mk_fst(false, true, n & 3, true, tag),
		  "end", 3);
	if (!mk_quiet(s, 100))
		FAIL(l, "a reassembly survived the removal of its device");
	/* and a whole message goes through */
	mk_inject(&t, HOST_EID, PEER_EID, mk_fst(true, true, 0, true, tag), pl,
		  sizeof(pl));
	if (mtl_recv(s, pl, sizeof(pl), 0, NULL, 3000) != sizeof(pl) - 1)
		FAIL(l, "no message on the new device");
	mk_inj_teardown(&t);
out:
	if (s >= 0)
		close(s);
	if (q >= 0)
		close(q);
}

/*
 * B's client (or the whole segment) goes while B reassembles a request
 * from a device; B's client comes back and the request's last packet
 * arrives: it must not complete the old partial message.
 */
static void cyc_smbus_reasm(struct lc *l)
{
	uint8_t tag = fz_below(&l->r, 8), buf[16];
	int n = 1 + fz_below(&l->r, 6), how = fz_below(&l->r, 3), lsn, rc;
	struct snet s;

	rc = snet_up(&s);
	lsn = rc ? -1 : mk_socket_ns(s.p.b.ns);
	if (rc || lsn < 0 ||
	    mtl_bind(lsn, MCTP_NET_ANY, MCTP_ADDR_ANY, REASM_TYPE)) {
		FAIL(l, "SMBus setup: %s", strerror(-rc));
		goto out;
	}
	lc_smbus_packets(s.p.bus_a, ST_B_ADDR, ST_A_ADDR + 4, ST_B_EID, 0x34,
			 tag, REASM_TYPE, 0, n, false);
	if (how == 1)
		mtl_link_down(&s.p.b.nl, st_ifindex(&s.p.b, s.p.bus_b));
	if (how < 2)
		st_delete_device(s.p.bus_b, ST_B_ADDR);
	else
		st_sim("del %s", s.p.seg);
	lc_kill(&s.pid);
	if (how == 2)
		goto out;
	rc = st_bind(&s.p.b, s.p.bus_b, ST_B_ADDR);
	if (!rc)
		rc = st_link_setup(&s.p.b, s.p.bus_b, ST_B_EID, ST_A_EID,
				   ST_A_ADDR);
	if (rc) {
		FAIL(l, "B's client back: %s", strerror(-rc));
		goto out;
	}
	lc_smbus_packets(s.p.bus_a, ST_B_ADDR, ST_A_ADDR + 4, ST_B_EID, 0x34,
			 tag, REASM_TYPE, n, 1, true);
	if (!mk_quiet(lsn, 100))
		FAIL(l, "a reassembly survived the removal of B's client");
	lc_smbus_packets(s.p.bus_a, ST_B_ADDR, ST_A_ADDR + 4, ST_B_EID, 0x34,
			 tag, REASM_TYPE, 0, 1, true);
	if (mtl_recv(lsn, buf, sizeof(buf), MSG_TRUNC, NULL, 3000) != 63)
		FAIL(l, "no message on B's new client");
out:
	if (lsn >= 0)
		close(lsn);
	snet_down(&s);
}

/* ---- namespaces torn down with live state ---- */

/* Sets up live state in a new namespace; sends one socket to @sock. */
static int busy_child(struct lc *l, int sock)
{
	struct mctp_ioc_tag_ctl ctl = { .peer_addr = PEER_EID };
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct msghdr msg = { 0 };
	struct iovec iov = { (void *)"s", 1 };
	struct cmsghdr *cm;
	struct mk_inj t;
	int s, r;

	if (mk_unshare_net() || mk_inj_setup(&t, HOST_EID, PEER_EID, 3))
		return 10;
	mtl_route_add_gw(&t.nl, 50, 3, 1, PEER_EID, 0);
	mtl_neigh_add(&t.nl, t.host_if, PEER_EID, NULL, 0);
	s = mk_socket();
	r = mk_socket();
	if (s < 0 || r < 0 || mtl_bind(s, 1, MCTP_ADDR_ANY, LC_TYPE))
		return 11;
	for (int i = 0; i < 4; i++)
		mtl_sendto(r, 1, PEER_EID, LC_TYPE, MCTP_TAG_OWNER, "k", 1);
	ioctl(r, SIOCMCTPALLOCTAG, &ctl);
	lc_inject_partial(&t, HOST_EID, PEER_EID + 1, fz_below(&l->r, 8),
			  1 + fz_below(&l->r, 4));
	mk_inject(&t, HOST_EID, PEER_EID + 2, mk_fst(true, true, 0, true, 1),
		  (uint8_t[]){ LC_TYPE, 1, 2 }, 3);
	/* sometimes one socket outlives this process (and keeps the netns) */
	if (fz_one_in(&l->r, 2)) {
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		cm = CMSG_FIRSTHDR(&msg);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), fz_one_in(&l->r, 2) ? &s : &r, sizeof(int));
		if (sendmsg(sock, &msg, 0) < 0)
			return 12;
	}
	return 0;	/* exit with everything open */
}

static void cyc_netns(struct lc *l)
{
	char cbuf[CMSG_SPACE(sizeof(int))], c;
	struct iovec iov = { &c, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	int sv[2], status, kept = -1;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv))
		return;
	pid = fork();
	if (!pid)
		_exit(busy_child(l, sv[1]));
	close(sv[1]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		FAIL(l, "namespace child: status 0x%x", status);
	if (recvmsg(sv[0], &msg, MSG_DONTWAIT) == 1 && CMSG_FIRSTHDR(&msg))
		memcpy(&kept, CMSG_DATA(CMSG_FIRSTHDR(&msg)), sizeof(int));
	close(sv[0]);
	if (kept >= 0) {
		/* the namespace lives on through this socket alone */
		mtl_sendto(kept, 1, PEER_EID, LC_TYPE, MCTP_TAG_OWNER, "z", 1);
		mk_drain(kept);
		usleep(fz_below(&l->r, 200000));
		close(kept);
	}
}

/* ---- the loop ---- */

enum { C_VPAIR_RELOAD, C_I2C_RELOAD, C_SIM_RELOAD, C_CORE_RELOAD,
       C_VPAIR_REASM, C_SMBUS_REASM, C_NETNS, C_MAX };

static const char *const names[C_MAX] = {
	"vpair-reload", "i2c-reload", "sim-reload", "core-reload",
	"vpair-reasm", "smbus-reasm", "netns",
};

static const unsigned int weights[C_MAX] = { 2, 2, 1, 1, 3, 3, 3 };

int main(int argc, char **argv)
{
	struct fz_opts o = { .name = "fuzz-lifecycle", .ops = 30, .workers = 1 };
	struct lc l = { .o = &o };
	double t0;
	int rc;

	fz_parse(argc, argv, &o, NULL, NULL, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	fz_seed(&l.r, o.seed, 0);
	rc = load_all();
	if (!rc && (mk_unshare_net() || st_private_mounts()))
		rc = -errno;
	if (rc) {
		printf("FUZZ-FAIL: %s: setup: %s\n", o.name, strerror(-rc));
		return 1;
	}
	t0 = fz_now();
	for (l.cycle = 0; l.cycle < o.ops && !fz_time_up(&o, t0); l.cycle++) {
		int c = fz_weighted(&l.r, weights, C_MAX);

		if (o.verbose)
			printf("cycle %lu: %s\n", l.cycle, names[c]);
		switch (c) {
		case C_VPAIR_RELOAD:
			cyc_vpair_reload(&l);
			break;
		case C_I2C_RELOAD:
			cyc_smbus_reload(&l, "i2c_mctp");
			break;
		case C_SIM_RELOAD:
			cyc_smbus_reload(&l, "smbus_sim");
			break;
		case C_CORE_RELOAD:
			cyc_core_reload(&l);
			break;
		case C_VPAIR_REASM:
			cyc_vpair_reasm(&l);
			break;
		case C_SMBUS_REASM:
			cyc_smbus_reasm(&l);
			break;
		default:
			cyc_netns(&l);
		}
		l.done[c]++;
		/* every few cycles: does the stack still work? */
		if (l.cycle % 4 == 3 || l.cycle + 1 == o.ops) {
			check_vpair_works(&l);
			check_smbus_works(&l);
		}
	}
	for (int c = 0; c < C_MAX; c++)
		printf("%s: %s %lu\n", o.name, names[c], l.done[c]);
	rc = load_all();
	if (rc)
		FAIL(&l, "the stack is not loaded at the end: %s", strerror(-rc));
	fz_result(&o, l.cycle, fz_now() - t0, l.failures);
	return l.failures ? 1 : 0;
}
