/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mctp-testlib: helpers for kernel tests and benchmarks of the AF_MCTP
 * stack. Plain rtnetlink over AF_NETLINK, network namespaces, AF_MCTP
 * socket shorthands and raw packet inject/capture with AF_PACKET. No
 * dependencies beyond the C library and kernel uAPI headers.
 *
 * Conventions: functions return 0 (or a count/length) on success and a
 * negative errno on failure; errno itself is not relied upon. A netlink
 * handle is bound to the network namespace it was opened in.
 */
#ifndef MCTP_TESTLIB_H
#define MCTP_TESTLIB_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>
#include <linux/mctp.h>

#include <linux/mctp-ext.h>

#ifndef AF_MCTP
#define AF_MCTP 45
#endif
#ifndef SOL_MCTP
#define SOL_MCTP 285
#endif
#ifndef ETH_P_MCTP
#define ETH_P_MCTP 0x00FA
#endif
#ifndef ARPHRD_MCTP
#define ARPHRD_MCTP 290
#endif

/* ---- netlink handle and raw requests ---- */

#define MTL_EXTACK_LEN 256

struct mtl_nl {
	int fd;
	uint32_t seq;
	uint32_t portid;
	/* extack message of the last request, "" if none */
	char extack[MTL_EXTACK_LEN];
	/* a route/neighbour notification socket (mtl_notify_open()): the
	 * family id, and whether mtl_nl_recv() leaves messages as they came
	 */
	uint16_t genl_family;
	bool genl_raw;
};

/* Open a NETLINK_ROUTE socket (extended ack enabled) in the current netns. */
int mtl_nl_open(struct mtl_nl *nl);
/* The same, in the namespace @nsfd (the caller stays where it is). */
int mtl_nl_open_ns(struct mtl_nl *nl, int nsfd);
/* Open a socket that listens to rtnetlink multicast group @group
 * (e.g. RTNLGRP_MCTP_IFADDR).
 */
int mtl_nl_open_group(struct mtl_nl *nl, unsigned int group);
void mtl_nl_close(struct mtl_nl *nl);

/*
 * Route and neighbour notifications (generic netlink family
 * MCTP_NOTIFY_GENL_NAME of mctp-ext.h): open a NETLINK_GENERIC socket in
 * the current namespace (or in @nsfd) joined to @group
 * (MCTP_NOTIFY_MCGRP_ROUTE or MCTP_NOTIFY_MCGRP_NEIGH). -ENOENT when the
 * kernel has no such family or group. mtl_nl_recv() on it returns each
 * notification in its rtnetlink form (nlmsghdr of type RTM_*, then the
 * same payload), so the rtnetlink parsers and waiters apply; a message
 * that is not a well-formed notification comes back as type
 * MTL_NOTIFY_BAD. With nl->genl_raw set, messages come as sent.
 */
#define MTL_NOTIFY_BAD	0xffff
/* A netlink socket of @protocol in the current netns (@nsfd < 0) or @nsfd. */
int mtl_nl_open_proto(struct mtl_nl *nl, int nsfd, int protocol);
/* Rewrite @len bytes of received notifications in @buf into their
 * rtnetlink form (as mtl_nl_recv() does); returns the new length.
 */
int mtl_notify_unwrap(const struct mtl_nl *nl, void *buf, int len);
int mtl_notify_open(struct mtl_nl *nl, const char *group);
int mtl_notify_open_ns(struct mtl_nl *nl, int nsfd, const char *group);
/* Resolve a generic netlink family (and, if @group, its multicast group
 * id into @grp_id) with a NETLINK_GENERIC handle @nl; returns the family
 * id or -ENOENT.
 */
int mtl_genl_resolve(struct mtl_nl *nl, const char *family, const char *group,
		     uint32_t *grp_id);

/*
 * Message builder. Attributes are appended to a fixed buffer; nested
 * attributes with mtl_msg_nest_start()/mtl_msg_nest_end(). A builder
 * overflow is sticky and makes mtl_nl_request() return -EMSGSIZE.
 */
#define MTL_MSG_MAX 8192

struct mtl_msg {
	union {
		struct nlmsghdr nlh;
		char buf[MTL_MSG_MAX];
	};
	bool overflow;
};

/* Start a message of @type with @flags (NLM_F_REQUEST is always added)
 * and a family header of @hdrlen bytes copied from @hdr (may be NULL
 * for zeroes). Returns a pointer to the family header in the message.
 */
void *mtl_msg_init(struct mtl_msg *m, uint16_t type, uint16_t flags,
		   const void *hdr, size_t hdrlen);
/* Append an attribute; returns a pointer to its payload or NULL. */
void *mtl_msg_put(struct mtl_msg *m, uint16_t type, const void *data,
		  size_t len);
void *mtl_msg_put_u8(struct mtl_msg *m, uint16_t type, uint8_t v);
void *mtl_msg_put_u32(struct mtl_msg *m, uint16_t type, uint32_t v);
void *mtl_msg_put_str(struct mtl_msg *m, uint16_t type, const char *s);
struct nlattr *mtl_msg_nest_start(struct mtl_msg *m, uint16_t type);
void mtl_msg_nest_end(struct mtl_msg *m, struct nlattr *nest);

/*
 * Send one request (NLM_F_ACK is added) and wait for its answer. Returns
 * 0 or the negative errno of the kernel's answer; the extack message (if
 * any) is left in nl->extack. nlmsg_len is taken as is, so a caller may
 * shorten it to build truncated requests.
 */
int mtl_nl_request(struct mtl_nl *nl, struct nlmsghdr *req);

/*
 * Dump: send @req (NLM_F_DUMP added) and call @cb for every answer
 * message until NLMSG_DONE. @cb returns 0 to go on, non-zero to record
 * an error (returned after the dump is drained). Returns the number of
 * messages passed to @cb or a negative errno.
 */
typedef int (*mtl_dump_cb)(const struct nlmsghdr *nlh, void *arg);
int mtl_nl_dump(struct mtl_nl *nl, struct nlmsghdr *req, mtl_dump_cb cb,
		void *arg);

/*
 * Receive one multicast message from a group socket into @buf, waiting
 * at most @timeout_ms. Returns the message length, 0 on timeout or a
 * negative errno.
 */
int mtl_nl_recv(struct mtl_nl *nl, void *buf, size_t len, int timeout_ms);
/* Drop everything queued on a group socket. */
void mtl_nl_drain(struct mtl_nl *nl);

/* Attribute walk helpers: fill tb[0..max] from the attributes that follow
 * a family header of @hdrlen bytes in @nlh, or inside @nest.
 */
int mtl_attr_parse(struct nlattr **tb, int max, const struct nlmsghdr *nlh,
		   size_t hdrlen);
int mtl_attr_parse_nested(struct nlattr **tb, int max,
			  const struct nlattr *nest);

/* ---- links ---- */

struct mtl_link {
	int ifindex;
	char name[IFNAMSIZ];
	unsigned short type;		/* ARPHRD_* */
	unsigned int flags;		/* IFF_* */
	unsigned int mtu;
	unsigned int min_mtu, max_mtu;	/* 0 if not reported */
	uint8_t addr_len;
	uint8_t addr[32];
	bool has_mctp;			/* IFLA_AF_SPEC has an AF_MCTP nest */
	bool has_net;
	uint32_t net;			/* IFLA_MCTP_NET */
	bool has_phys_binding;
	uint8_t phys_binding;		/* IFLA_MCTP_PHYS_BINDING */
};

int mtl_link_get(struct mtl_nl *nl, int ifindex, struct mtl_link *out);
int mtl_link_get_by_name(struct mtl_nl *nl, const char *name,
			 struct mtl_link *out);
/* Returns the ifindex of @name in @nl's namespace, or -ENODEV. */
int mtl_link_index(struct mtl_nl *nl, const char *name);
int mtl_link_up(struct mtl_nl *nl, int ifindex);
int mtl_link_down(struct mtl_nl *nl, int ifindex);
int mtl_link_set_mtu(struct mtl_nl *nl, int ifindex, unsigned int mtu);
/* IFLA_AF_SPEC / AF_MCTP / IFLA_MCTP_NET */
int mtl_link_set_net(struct mtl_nl *nl, int ifindex, uint32_t net);
/* Move a link into the namespace @nsfd (IFLA_NET_NS_FD). */
int mtl_link_set_netns(struct mtl_nl *nl, int ifindex, int nsfd);
int mtl_link_del(struct mtl_nl *nl, int ifindex);
/* Create a vpair "@a" <-> "@b" (either name may be NULL: kernel picks). */
int mtl_vpair_create(struct mtl_nl *nl, const char *a, const char *b);

/* ---- addresses ---- */

struct mtl_addr {
	int ifindex;
	uint8_t family, prefixlen, flags, scope;
	bool has_local, has_address;
	uint8_t local, address;
};

int mtl_addr_add(struct mtl_nl *nl, int ifindex, uint8_t eid);
int mtl_addr_del(struct mtl_nl *nl, int ifindex, uint8_t eid);
/* Parse an RTM_NEWADDR/RTM_DELADDR message; 0 or -EINVAL. */
int mtl_addr_parse(const struct nlmsghdr *nlh, struct mtl_addr *out);
/* Dump addresses (all links if @ifindex is 0) into @out[0..max-1].
 * Returns the number found (may exceed max; extra entries not stored).
 */
int mtl_addr_dump(struct mtl_nl *nl, int ifindex, struct mtl_addr *out,
		  int max);

/* ---- routes ---- */

struct mtl_route {
	uint8_t family, dst_len, src_len, tos, table, protocol, scope, type;
	uint32_t rtm_flags;
	bool has_dst;
	uint8_t dst;
	int oif;			/* 0 if no RTA_OIF */
	bool has_gateway;
	struct mctp_fq_addr gateway;
	bool has_metrics;
	uint32_t mtu;			/* RTAX_MTU, 0 if absent */
};

/* Direct route: @dst .. @dst + @extent via @oif, MTU metric if @mtu. */
int mtl_route_add(struct mtl_nl *nl, uint8_t dst, uint8_t extent, int oif,
		  uint32_t mtu);
int mtl_route_del(struct mtl_nl *nl, uint8_t dst, uint8_t extent, int oif);
/* Gateway route in network @net via gateway EID @gw. */
int mtl_route_add_gw(struct mtl_nl *nl, uint8_t dst, uint8_t extent,
		     uint32_t net, uint8_t gw, uint32_t mtu);
int mtl_route_del_gw(struct mtl_nl *nl, uint8_t dst, uint8_t extent,
		     uint32_t net, uint8_t gw);
int mtl_route_parse(const struct nlmsghdr *nlh, struct mtl_route *out);
int mtl_route_dump(struct mtl_nl *nl, struct mtl_route *out, int max);

/* ---- neighbours ---- */

struct mtl_neigh {
	int ifindex;
	uint8_t family, state, flags, type;
	bool has_dst;
	uint8_t eid;
	int lladdr_len;			/* -1 if no NDA_LLADDR */
	uint8_t lladdr[32];
};

int mtl_neigh_add(struct mtl_nl *nl, int ifindex, uint8_t eid,
		  const void *lladdr, size_t lladdr_len);
int mtl_neigh_del(struct mtl_nl *nl, int ifindex, uint8_t eid);
int mtl_neigh_parse(const struct nlmsghdr *nlh, struct mtl_neigh *out);
int mtl_neigh_dump(struct mtl_nl *nl, int ifindex, struct mtl_neigh *out,
		   int max);

/* ---- network namespaces ---- */

/* fd of the current network namespace. */
int mtl_netns_current(void);
/* Create a new netns and return its fd; the caller stays in (returns to)
 * the namespace it was in. Loopback of the new netns is left down.
 */
int mtl_netns_new(void);
/* Enter the namespace @nsfd (setns). */
int mtl_netns_enter(int nsfd);
/* socket(2) in namespace @nsfd without moving the caller. */
int mtl_socket_ns(int nsfd, int domain, int type, int protocol);

/*
 * A vpair with each end in its own namespace, up, with addresses and
 * routes to each other set up by mtl_pair_setup():
 *   ns[0]: ifindex[0] has eid[0], route eid[1] -> ifindex[0]
 *   ns[1]: ifindex[1] has eid[1], route eid[0] -> ifindex[1]
 * Either ns may be the caller's own (pass mtl_netns_current()).
 */
struct mtl_pair {
	int ns[2];
	int ifindex[2];
	char name[2][IFNAMSIZ];
};

/* Create "@a"/"@b" in the caller's netns and move them into @ns_a/@ns_b
 * (-1: leave it where it is); both ends are brought up.
 */
int mtl_pair_create(struct mtl_pair *p, const char *a, const char *b,
		    int ns_a, int ns_b);
/* Add EID @eid_a on end 0, @eid_b on end 1 and routes to each other. */
int mtl_pair_setup(struct mtl_pair *p, uint8_t eid_a, uint8_t eid_b);
/* Delete the pair (through end 0). */
int mtl_pair_destroy(struct mtl_pair *p);

/* ---- AF_MCTP socket shorthands ---- */

void mtl_sockaddr(struct sockaddr_mctp *a, unsigned int net, uint8_t eid,
		  uint8_t type, uint8_t tag);
int mtl_mctp_socket(void);
int mtl_bind(int fd, unsigned int net, uint8_t eid, uint8_t type);
int mtl_connect(int fd, unsigned int net, uint8_t eid, uint8_t type);
/* Returns bytes sent or -errno. */
ssize_t mtl_sendto(int fd, unsigned int net, uint8_t eid, uint8_t type,
		   uint8_t tag, const void *buf, size_t len);
/*
 * Wait up to @timeout_ms for a message, then recvfrom(@flags). Returns
 * the recvfrom() result, -ETIMEDOUT or -errno; @src may be NULL.
 */
ssize_t mtl_recv(int fd, void *buf, size_t len, int flags,
		 struct sockaddr_mctp *src, int timeout_ms);
/* Whether something is queued for reading within @timeout_ms. */
bool mtl_readable(int fd, int timeout_ms);

/* ---- raw packets (AF_PACKET on an MCTP netdev, no link header) ---- */

struct mtl_mctp_hdr {
	uint8_t ver;
	uint8_t dest;
	uint8_t src;
	uint8_t flags_seq_tag;
};

#define MTL_HDR_SOM	0x80
#define MTL_HDR_EOM	0x40
#define MTL_HDR_TO	0x08
#define MTL_HDR_SEQ(s)	(((s) & 3) << 4)

/* Fill an MCTP header (version 1) and return its flags byte. */
uint8_t mtl_hdr(struct mtl_mctp_hdr *h, uint8_t dest, uint8_t src, bool som,
		bool eom, uint8_t seq, bool to, uint8_t tag);

/* Packet socket for injecting ETH_P_MCTP frames on @ifindex (current
 * netns). Injected frames leave through the device's transmit path, so
 * on a vpair they arrive at the other end.
 */
int mtl_pkt_inject_open(int ifindex);
/* The same for a device of namespace @nsfd (the caller stays put). */
int mtl_pkt_inject_open_ns(int nsfd, int ifindex);
int mtl_pkt_inject(int fd, int ifindex, const void *buf, size_t len);
/* Packet socket capturing every frame seen on @ifindex, both
 * directions (ETH_P_ALL).
 */
int mtl_pkt_capture_open(int ifindex);
int mtl_pkt_capture_open_ns(int nsfd, int ifindex);
/*
 * Receive one captured ETH_P_MCTP frame within @timeout_ms; other
 * protocols are skipped. @outgoing (may be NULL) tells the direction.
 * Returns its length, -ETIMEDOUT or -errno.
 */
ssize_t mtl_pkt_capture(int fd, void *buf, size_t len, bool *outgoing,
			int timeout_ms);
/* Only report frames received by the device (PACKET_IGNORE_OUTGOING). */
int mtl_pkt_ignore_outgoing(int fd);
void mtl_pkt_drain(int fd);

/* ---- misc ---- */

/* Wait until @fd is readable or @timeout_ms passed; 1, 0 or -errno. */
int mtl_poll_in(int fd, int timeout_ms);
/* Fill @buf with a position-dependent pattern seeded by @seed. */
void mtl_pattern(void *buf, size_t len, unsigned int seed);
/* Whether the file /proc/net/... or a module is present: whether an
 * AF_MCTP socket can be created at all.
 */
bool mtl_mctp_available(void);

/* ---- /proc files of a namespace (nsfd < 0: the caller's own) ---- */

/* Read the file at @path (e.g. "/proc/sys/net/mctp/forwarding") as seen
 * from namespace @nsfd into @buf (NUL-terminated); bytes read or -errno.
 */
ssize_t mtl_proc_read_ns(int nsfd, const char *path, char *buf, size_t len);
/* Write @val to @path as seen from namespace @nsfd; 0 or -errno. */
int mtl_proc_write_ns(int nsfd, const char *path, const char *val);
/* Set /proc/sys/net/mctp/@name in namespace @nsfd; 0 or -errno. */
int mtl_mctp_sysctl(int nsfd, const char *name, const char *val);
/* The counter @name of /proc/net/mctp_stat in namespace @nsfd, or -errno
 * (-ENOENT: no such counter).
 */
long long mtl_mctp_stat(int nsfd, const char *name);

#endif /* MCTP_TESTLIB_H */
