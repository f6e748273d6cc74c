/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interfaces of the AF_MCTP core module (af_mctp.ko).
 *
 * Files and what they own:
 *   main.c     module init/exit: claims AF_MCTP, sets up the parts in order
 *   socket.c   socket ops (bind, connect, sendmsg, recvmsg, ioctl,
 *              sockopt), the protocol family's registration
 *   bind.c     the bind table: which socket receives a request
 *   key.c      tags and keys: allocation, lookup, expiry, release
 *   reassembly.c  a key's partial message and the reassembly memory
 *   route.c    route table, lookup (incl. gateways), RTM_*ROUTE handlers
 *   output.c   output: fragmentation, link header, dev_queue_xmit,
 *              local delivery
 *   input.c    ETH_P_MCTP handler: validation, key/bind match, forwarding,
 *              queueing to sockets
 *   device.c   per-netdev state, netdev notifier, binding registration,
 *              RTM_*ADDR handlers, IFLA_AF_SPEC (AF_MCTP) link ops
 *   neigh.c    neighbour table, RTM_*NEIGH handlers
 *   notify.c   route and neighbour change notifications (generic netlink)
 *   netns.c    per-namespace state and its init/exit order
 *   sysctl.c   per-namespace settings (/proc/sys/net/mctp/)
 *   stats.c    per-namespace counters (/proc/net/mctp_stat)
 *
 * Locking
 *   RTNL      all configuration: device state (net, addresses), routes,
 *             neighbours. Config writers hold RTNL.
 *   RCU       every data-path lookup: devices (mn->devs), route lookup
 *             tables (mn->rtables), neighbours, binds.
 *   mn->bind_lock  (spinlock, BH) writers of the bind table.
 *   mn->keys_lock  (spinlock, BH) the key hash and every msk->keys list.
 *   key->lock      (spinlock, BH) one key's reassembly and valid flag.
 *   Order: mn->keys_lock, then key->lock. Never take keys_lock with a
 *   key->lock held. No binding callback is called with either held.
 *
 * Lifetimes
 *   struct mctp_dev: refcounted; the netdev notifier creates it on
 *   NETDEV_REGISTER of an MCTP link (ARPHRD_MCTP, the loopback device or
 *   an ARPHRD_NONE device such as a tun) and unpublishes it on
 *   NETDEV_UNREGISTER (after dropping its routes, neighbours and flows);
 *   freed after an RCU grace period once the last reference is gone. It
 *   holds a reference on the net_device.
 *   struct mctp_route: owned by mn->routes (RTNL); freed after RCU.
 *   struct mctp_sk_key: refcounted; one reference held by the key tables
 *   while the key is valid, others by in-flight users.
 */
#ifndef MCTP_CORE_H
#define MCTP_CORE_H

#include <linux/atomic.h>
#include <linux/hashtable.h>
#include <linux/list.h>
#include <linux/mctp.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/sysctl.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <net/sock.h>

#include <net/mctp-binding.h>
#include <uapi/linux/mctp-ext.h>

#define MCTP_INITIAL_DEFAULT_NET	1
#define MCTP_MSG_MAXLEN			(64 * 1024)	/* incl. type byte */
#define MCTP_KEY_LIFETIME		(6 * HZ)
#define MCTP_MIN_MTU			68	/* DSP0236 baseline */
#define MCTP_TYPE_IC_BIT		0x80	/* message integrity check flag of the type byte */
#define MCTP_GW_MAX_DEPTH		32	/* gateway routes followed, as upstream */
#define MCTP_REASM_NS_LIMIT		(4 * 1024 * 1024) /* bytes per netns */

/* unicast EIDs that may be assigned to an interface: 8..254 */
static inline bool mctp_address_unicast(mctp_eid_t eid)
{
	return eid >= 8 && eid < 255;
}

static inline bool mctp_address_broadcast(mctp_eid_t eid)
{
	return eid == MCTP_ADDR_ANY;
}

static inline bool mctp_address_null(mctp_eid_t eid)
{
	return eid == MCTP_ADDR_NULL;
}

/* ---- per-netdev state (device.c) ---- */

struct mctp_dev {
	struct net_device		*dev;
	netdevice_tracker		dev_tracker;
	refcount_t			refs;
	unsigned int			net;	/* RTNL writes, READ_ONCE reads */
	u8				binding; /* MCTP_PHYS_BINDING_* */
	const struct mctp_binding_ops	*ops;

	/* Local EIDs. Written under RTNL + addrs_lock; readers hold
	 * addrs_lock (or RTNL).
	 */
	u8				*addrs;
	size_t				num_addrs;
	spinlock_t			addrs_lock;

	/* forwarded packets that arrived here in the current window */
	unsigned long			fwd_window;	/* jiffies */
	atomic_t			fwd_count;

	struct rcu_head			rcu;
};

/* Caller holds rcu_read_lock; no reference taken. */
struct mctp_dev *mctp_dev_get_rcu(const struct net_device *dev);
/* Returns a held reference, or NULL. */
struct mctp_dev *mctp_dev_get(const struct net_device *dev);
/* Caller holds RTNL; no reference taken. */
struct mctp_dev *mctp_dev_get_rtnl(const struct net_device *dev);
void mctp_dev_hold(struct mctp_dev *mdev);
void mctp_dev_put(struct mctp_dev *mdev);
/* First local EID of @mdev, or MCTP_ADDR_NULL if it has none. */
mctp_eid_t mctp_dev_saddr(struct mctp_dev *mdev);
/* Tell the binding a flow on this device ended (no locks held). */
void mctp_dev_release_flow(struct mctp_dev *mdev, u64 flow);

int mctp_device_init(void);
void mctp_device_exit(void);

/* ---- routes (route.c) ---- */

struct mctp_route {
	unsigned int		net;	/* gateway routes: their own net */
	mctp_eid_t		min, max;
	unsigned char		type;	/* RTN_UNICAST or RTN_LOCAL */
	unsigned int		mtu;	/* 0: the device's MTU */

	/* exactly one of these is set */
	struct mctp_dev		*dev;		/* direct: holds a reference */
	struct mctp_fq_addr	gateway;	/* gateway: eid != 0 */

	struct list_head	list;	/* mn->routes, RTNL */
	struct rcu_head		rcu;
};

/*
 * The result of a route lookup: where a packet to one EID goes. Holds a
 * reference on dev; release with mctp_dst_release().
 */
struct mctp_dst {
	struct mctp_dev		*dev;
	unsigned int		mtu;	/* path MTU */
	unsigned int		net;
	mctp_eid_t		nexthop; /* EID for the neighbour lookup */
	bool			local;	/* deliver to this host */
	u8			halen;	/* physical dest when known (ext addr) */
	u8			haddr[MAX_ADDR_LEN];
};

/* 0 with *dst filled, -EHOSTUNREACH with no route (also for a gateway
 * chain that does not end at a device within MCTP_GW_MAX_DEPTH routes).
 */
int mctp_route_lookup(struct net *net, unsigned int netid, mctp_eid_t daddr,
		      struct mctp_dst *dst);
/* Extended addressing: direct to @ifindex with the given lladdr. */
int mctp_dst_from_extaddr(struct net *net, int ifindex, u8 halen,
			  const u8 *haddr, struct mctp_dst *dst);
void mctp_dst_release(struct mctp_dst *dst);

unsigned int mctp_default_net(struct net *net);

/* device.c -> route.c, under RTNL */
int mctp_route_add_local(struct mctp_dev *mdev, mctp_eid_t addr);
int mctp_route_remove_local(struct mctp_dev *mdev, mctp_eid_t addr);
void mctp_route_remove_dev(struct mctp_dev *mdev);   /* notifies */
/* Move @mdev and its routes to @new_net, all or nothing (-ENOMEM). */
int mctp_route_dev_set_net(struct mctp_dev *mdev, unsigned int new_net);
/* Whether @eid is a local EID in network @netid. */
bool mctp_route_is_local(struct net *net, unsigned int netid, mctp_eid_t eid);

int mctp_routes_init(void);
void mctp_routes_exit(void);

/* ---- neighbours (neigh.c) ---- */

struct mctp_neigh {
	struct mctp_dev		*dev;	/* holds a reference */
	mctp_eid_t		eid;
	u8			source;	/* static (netlink) or learnt */
	u8			halen;
	bool			announce; /* learnt, RTM_NEWNEIGH not sent yet */
	u8			ha[MAX_ADDR_LEN];
	unsigned long		seen;	/* learnt: jiffies of the last packet */
	struct hlist_node	hnode;	/* mn->neigh_hash[eid], RCU */
	struct list_head	order;	/* mn->neigh_order, neigh_lock */
	u64			seq;	/* when it went in: dump order */
	struct list_head	gc;	/* unlinked, waiting to be announced */
	struct rcu_head		rcu;
};

#define MCTP_NEIGH_STATIC	0
#define MCTP_NEIGH_LEARNT	1

/* Copies the lladdr into @haddr (MAX_ADDR_LEN bytes); returns its length
 * or -ENOENT. Callable under RCU or in any context.
 */
int mctp_neigh_lookup(struct mctp_dev *mdev, mctp_eid_t eid, u8 *haddr);
void mctp_neigh_remove_dev(struct mctp_dev *mdev);	/* RTNL, notifies */

int mctp_neigh_init(void);
void mctp_neigh_exit(void);

/* ---- route and neighbour notifications (notify.c) ---- */

enum mctp_notify_group {
	MCTP_NOTIFY_GRP_ROUTE,
	MCTP_NOTIFY_GRP_NEIGH,
};

/* One notification being built; RTNL held, process context. */
struct mctp_notify {
	struct sk_buff		*skb;
	void			*hdr;	/* the fixed header after genlmsghdr */
	struct net		*net;
	enum mctp_notify_group	grp;
};

/*
 * Start a message for @grp of @net with command @cmd: @size bytes of
 * payload (the zeroed fixed header of @hdrlen bytes included, attributes
 * after it). Returns the fixed header to fill, then attributes go into
 * msg->skb; NULL when nobody listens or on failure (listeners are told).
 * Finish with mctp_notify_send() or, if filling failed, mctp_notify_abort().
 */
void *mctp_notify_start(struct mctp_notify *msg, struct net *net,
			enum mctp_notify_group grp, u8 cmd, u32 portid,
			u32 seq, size_t hdrlen, size_t size);
void mctp_notify_send(struct mctp_notify *msg);
void mctp_notify_abort(struct mctp_notify *msg);

int mctp_notify_init(void);
void mctp_notify_exit(void);

/* ---- sockets (af_mctp.c) ---- */

struct mctp_sock {
	struct sock		sk;

	/* bind(): MCTP_NET_ANY / MCTP_ADDR_ANY act as wildcards */
	unsigned int		bind_net;
	mctp_eid_t		bind_addr;
	u8			bind_type;
	bool			bound;

	/* connect(): only accept requests from this peer */
	bool			bind_peer_set;
	unsigned int		bind_peer_net;
	mctp_eid_t		bind_peer_addr;

	bool			addr_ext;	/* MCTP_OPT_ADDR_EXT */

	/* socket.c only: requests recently received through recvmsg(),
	 * so that a response leaves from the EID the request was sent to
	 */
#define MCTP_SK_REQ_SLOTS	16
	atomic64_t		req_seen[MCTP_SK_REQ_SLOTS];

	struct hlist_node	bind_node;	/* mn->binds[type], RCU */

	struct hlist_head	keys;		/* under mn->keys_lock */
	unsigned int		nkeys_prealloc;	/* under mn->keys_lock */
	struct timer_list	key_expiry;
};

static inline struct mctp_sock *mctp_sk(const struct sock *sk)
{
	return container_of(sk, struct mctp_sock, sk);
}

/* bind.c: publish or withdraw a socket's bind (lock_sock held) */
int mctp_bind_insert(struct mctp_sock *msk);
void mctp_bind_remove(struct mctp_sock *msk);
/*
 * Find the socket that receives a request of @type sent to @daddr in
 * network @netid by (@peer_net, @saddr); the most specific bind wins.
 * Caller holds rcu_read_lock; no reference taken.
 */
struct mctp_sock *mctp_bind_lookup(struct net *net, unsigned int netid,
				   u8 type, mctp_eid_t daddr,
				   mctp_eid_t saddr);

/* ---- keys and tags (key.c) ---- */

struct mctp_sk_key {
	unsigned int		net;
	mctp_eid_t		local_addr;	/* MCTP_ADDR_ANY: any */
	mctp_eid_t		peer_addr;	/* MCTP_ADDR_ANY: broadcast */
	u8			tag;		/* 3 bits */
	bool			owned;		/* we own the tag (TO=1 out) */
	bool			manual_alloc;	/* SIOCMCTPALLOCTAG* */
	bool			charged;	/* memory charged to sk */
	bool			sk_held;	/* linked once: holds a sk ref */

	/* the owning socket, set at allocation; a reference is held from
	 * the time the key is linked (sk_held)
	 */
	struct mctp_sock	*sk;
	struct hlist_node	hlist;	/* mn->keys, keys_lock */
	struct hlist_node	sklist;	/* msk->keys, keys_lock */
	refcount_t		refs;

	spinlock_t		lock;	/* everything below */
	bool			valid;
	unsigned long		expiry;	/* jiffies */
	int			rx_ifindex; /* dev its packets arrive on, 0 */

	/* reassembly */
	struct sk_buff		*reasm_head;
	struct sk_buff		**reasm_tailp;
	bool			reasm_dead;
	u8			last_seq;
	unsigned int		reasm_len;

	/* transmit flow: the binding is told when this key ends */
	u64			flow;
	struct mctp_dev		*flow_dev;	/* held reference, or NULL */
};

/*
 * Allocate a tag for a message from @local to @peer in @netid and create
 * its key, bound to @msk. -EBUSY if all eight tags to that peer are taken.
 */
struct mctp_sk_key *mctp_alloc_local_tag(struct mctp_sock *msk,
					 unsigned int netid,
					 mctp_eid_t local, mctp_eid_t peer,
					 bool manual, u8 *tagp);
/* A preallocated (SIOCMCTPALLOCTAG) key of @msk for @peer/@tag, held;
 * ERR_PTR(-ENOENT) if none.
 */
struct mctp_sk_key *mctp_lookup_prealloc_tag(struct mctp_sock *msk,
					     unsigned int netid,
					     mctp_eid_t peer, u8 tag);
/* Drop a preallocated tag (SIOCMCTPDROPTAG*). */
int mctp_drop_prealloc_tag(struct mctp_sock *msk, unsigned int netid,
			   mctp_eid_t peer, u8 tag);

/*
 * Key for an incoming packet (net, dest, src, tag and TO of the header).
 * Returns a held key with key->lock NOT held, or NULL.
 */
struct mctp_sk_key *mctp_lookup_key(struct net *net, unsigned int netid,
				    mctp_eid_t daddr, mctp_eid_t saddr,
				    u8 tag, bool tag_owner);
/* Create and insert a key for reassembly of an incoming request. Returns
 * it held (the caller unrefs), or NULL (no memory, socket closing, or a
 * key for the same tuple exists).
 */
struct mctp_sk_key *mctp_key_create_rx(struct mctp_sock *msk,
				       unsigned int netid, mctp_eid_t local,
				       mctp_eid_t peer, u8 tag);
void mctp_key_hold(struct mctp_sk_key *key);
void mctp_key_unref(struct mctp_sk_key *key);
/* End a key (reply complete, expiry, error). Releases its flow. Safe if
 * already done. A preallocated key only has its reassembly and flow reset:
 * it stays until SIOCMCTPDROPTAG* or socket close. Call with neither
 * keys_lock nor key->lock held (also for mctp_key_unref()).
 */
void mctp_key_done(struct net *net, struct mctp_sk_key *key);
/*
 * The key's packets go out on @mdev: returns the flow cookie they carry (0:
 * none). A flow lives on one device; when the key's packets move to another
 * one, the first is told that its flow ended.
 */
u64 mctp_key_set_flow(struct mctp_sk_key *key, struct mctp_dev *mdev);

/* Socket teardown: end every key of @msk. */
void mctp_sk_keys_release(struct mctp_sock *msk);
void mctp_sk_expiry_init(struct mctp_sock *msk);
/* A device is going away: end keys using it and their reassembly. */
void mctp_keys_dev_gone(struct net *net, struct mctp_dev *mdev);

/* ---- output (output.c) ---- */

/*
 * Send one message (skb holds the type byte and payload at skb->data,
 * with headroom reserved by the caller: mctp_msg_headroom()). Fragments
 * by dst->mtu, adds MCTP and link headers, transmits or delivers locally.
 * Always consumes skb. @key may be NULL (response with TO=0).
 */
int mctp_local_output(struct sock *sk, struct mctp_dst *dst,
		      struct sk_buff *skb, mctp_eid_t saddr,
		      mctp_eid_t daddr, u8 tag_flags, struct mctp_sk_key *key);
unsigned int mctp_msg_headroom(struct mctp_dev *mdev);
/* Forward one complete packet (skb->data at the MCTP header) along @dst.
 * Consumes skb.
 */
int mctp_dst_output(struct mctp_dst *dst, struct sk_buff *skb);

/* ---- input (input.c) ---- */

/* Entry for a packet addressed to this host (also used for local
 * delivery from output.c). Consumes skb. Runs with BH disabled.
 */
int mctp_input_local(struct net *net, struct sk_buff *skb);

/* socket.c: the protocol family, for main.c */
int mctp_socket_register(void);
void mctp_socket_open(void);
void mctp_socket_unregister(void);

struct mctp_net;

/* reassembly.c: a key's partial message; key->lock held */
struct sk_buff *mctp_reasm_detach(struct mctp_net *mn, struct mctp_sk_key *key);
struct sk_buff *mctp_reasm_take(struct net *net, struct mctp_sk_key *key);
void mctp_reasm_drop(struct net *net, struct mctp_sk_key *key);
int mctp_reasm_start(struct net *net, struct mctp_sk_key *key,
		     struct sk_buff **skbp, u8 seq);
int mctp_reasm_append(struct net *net, struct mctp_sk_key *key,
		      struct sk_buff *skb, u8 seq);
bool mctp_reasm_active(const struct mctp_sk_key *key);
void mctp_reasm_reset(struct net *net, struct mctp_sk_key *key);
void mctp_reasm_abandon(struct net *net, struct mctp_sk_key *key);
void mctp_reasm_close(struct mctp_sk_key *key);

int mctp_input_init(void);
void mctp_input_exit(void);

/* ---- per-namespace state (netns.c) ---- */

#define MCTP_BIND_HASH_BITS	8
#define MCTP_KEY_HASH_BITS	8
#define MCTP_TAG_USE_HASH_BITS	4
#define MCTP_NEIGH_HASH_BITS	8

struct mctp_rtable;	/* route.c: per-network lookup table */

/* Networks where forwarding is off (sysctl forwarding_off_nets). */
#define MCTP_FWD_OFF_MAX	32
struct mctp_fwd_off {
	unsigned int		n;
	u32			nets[MCTP_FWD_OFF_MAX];	/* sorted */
	struct rcu_head		rcu;
};

/* Per-namespace settings, /proc/sys/net/mctp/ (sysctl.c). */
struct mctp_sysctl {
	int			prealloc_tags_per_sock;
	int			prealloc_tags_per_netns;
	int			forwarding;
	int			forward_same_dev;
	int			forward_rate;	/* packets/s per arrival device */
	struct mctp_fwd_off __rcu *fwd_off;
	struct mutex		fwd_off_lock;	/* writers of fwd_off */
};

#define MCTP_PREALLOC_TAGS_PER_SOCK	256
#define MCTP_PREALLOC_TAGS_PER_NETNS	8192
#define MCTP_FORWARD_RATE		10000

/* Per-namespace counters, /proc/net/mctp_stat (stats.c). */
enum mctp_stat_item {
	MCTP_STAT_TAG_LIMIT,		/* prealloc refused: limit reached */
	MCTP_STAT_RX_LOCAL_SRC,		/* dropped: source EID is ours */
	MCTP_STAT_FWD,			/* packets forwarded */
	MCTP_STAT_FWD_OFF,		/* dropped: forwarding off */
	MCTP_STAT_FWD_SAME_DEV,		/* dropped: back out of its device */
	MCTP_STAT_FWD_RATE,		/* dropped: over the forward rate */
	MCTP_STAT_FWD_NO_ROUTE,		/* dropped: no route onwards */
	MCTP_STAT_MAX
};

/* Whether packets arriving in network @netid may be forwarded (RCU). */
bool mctp_forwarding_on(struct mctp_net *mn, unsigned int netid);

int mctp_sysctl_net_init(struct net *net);
void mctp_sysctl_net_exit(struct net *net);
int mctp_stats_net_init(struct net *net);
void mctp_stats_net_exit(struct net *net);

struct mctp_net {
	unsigned int		default_net;

	/* devices: ifindex -> struct mctp_dev, RCU readers */
	struct xarray		devs;

	/* routes: list is the truth (RTNL); rtables is a lookup table per
	 * network id (net -> struct mctp_rtable), rebuilt under RTNL and
	 * published with RCU.
	 */
	struct list_head	routes;
	struct xarray		rtables;

	/* neighbours, hashed by EID; changed under neigh_lock (irqsave:
	 * learning runs in any context), by netlink also under RTNL
	 */
	DECLARE_HASHTABLE(neigh_hash, MCTP_NEIGH_HASH_BITS);
	spinlock_t		neigh_lock;
	unsigned int		neigh_learnt;	/* learnt entries, bounded */
	/* every entry, newest first (dumps list them so, as upstream) */
	struct list_head	neigh_order;
	u64			neigh_seq;	/* last entry's seq */
	struct work_struct	neigh_work;	/* announces learnt entries */
	struct delayed_work	neigh_expiry;	/* removes stale learnt ones */

	/* bound sockets, hashed by message type */
	DECLARE_HASHTABLE(binds, MCTP_BIND_HASH_BITS);
	spinlock_t		bind_lock;

	/* keys, hashed by (net, peer); owned-tag use per network, so that
	 * a broadcast tag is chosen without walking every key
	 */
	DECLARE_HASHTABLE(keys, MCTP_KEY_HASH_BITS);
	DECLARE_HASHTABLE(tag_use, MCTP_TAG_USE_HASH_BITS);
	spinlock_t		keys_lock;
	unsigned int		nkeys;		/* keys_lock */
	unsigned int		nkeys_prealloc;	/* keys_lock */

	/* bytes held by partial reassembly in this namespace */
	atomic_t		reasm_mem;
	unsigned int		reasm_limit;

	atomic64_t		next_flow;

	struct mctp_sysctl	sysctl;
	struct ctl_table_header	*sysctl_hdr;
	atomic_long_t		stats[MCTP_STAT_MAX];
};

/* set once by mctp_netns_init(); read on every packet */
extern unsigned int mctp_net_id;

static inline struct mctp_net *mctp_pernet(const struct net *net)
{
	return net_generic(net, mctp_net_id);
}

static inline void mctp_stat_inc(struct mctp_net *mn, enum mctp_stat_item i)
{
	atomic_long_inc(&mn->stats[i]);
}

int mctp_netns_init(void);
void mctp_netns_exit(void);

/* per-file namespace hooks, called in order by netns.c */
void mctp_device_net_init(struct net *net);
void mctp_routes_net_exit(struct net *net);
void mctp_neigh_net_init(struct mctp_net *mn);
void mctp_neigh_net_exit(struct net *net);
void mctp_keys_net_exit(struct net *net);

#endif /* MCTP_CORE_H */
