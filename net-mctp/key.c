// SPDX-License-Identifier: GPL-2.0
/*
 * MCTP tags and keys.
 *
 * A key binds a message tag to a socket, for one (network, local EID,
 * peer EID, tag, tag owner) tuple:
 *
 *  - owned keys (key->owned): we sent a request with TO=1 and this tag;
 *    incoming responses (TO=0) with that tag from the peer match it. A
 *    peer of MCTP_ADDR_ANY is a broadcast request: any peer may answer. A
 *    local EID of MCTP_ADDR_ANY (preallocated tags) accepts any
 *    destination.
 *  - rx keys (!key->owned): a peer sent us a multi-packet request with
 *    TO=1; the key collects its continuation packets.
 *
 * Lifetime. A key is "live" while it is linked in both mn->keys (hashed by
 * network and peer) and its socket's msk->keys; the two links together own
 * one reference. Ending a key unlinks it (under mn->keys_lock), marks it
 * invalid, frees its partial reassembly, tells the binding that its flow
 * ended and drops that reference. Lookups only walk the tables, so an ended
 * key never matches again: a late reply cannot reach a later user of the
 * same tag through it. Every live key holds a reference on its socket; the
 * socket ends all of its keys when it is released and refuses new ones
 * from then on (SOCK_DEAD, set under mn->keys_lock).
 *
 * Preallocated keys (SIOCMCTPALLOCTAG*) do not expire and survive the
 * replies they receive (mctp_key_done() only resets their reassembly and
 * flow); they end on SIOCMCTPDROPTAG* or socket release. Other keys expire
 * MCTP_KEY_LIFETIME after creation, driven by a timer per socket.
 *
 * While a key is linked, key->net, local_addr, peer_addr, tag, owned,
 * manual_alloc, sk and expiry do not change, so they are read without
 * key->lock.
 *
 * Bounds. Keys a user creates from process context (requests and
 * SIOCMCTPALLOCTAG*) are charged to the socket like socket options
 * (sock_kmalloc: optmem_max, and the memory cgroup), so a socket cannot
 * hold more of them than its option memory allows. Preallocated keys are
 * further limited per socket and per namespace (sysctls
 * prealloc_tags_per_sock and prealloc_tags_per_netns; -ENOBUFS beyond).
 * Keys made by the receive path (a peer's multi-packet request, answers to
 * a broadcast) are bounded by the tag space: one per (network, local EID,
 * peer, tag). No path walks every key of the namespace with bottom halves
 * off: a broadcast tag is chosen from per-network tag counts (tag_use),
 * and the walks done when a socket closes, a device goes or a namespace
 * dies take the lock for one batch or one hash bucket at a time.
 */
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/sched.h>
#include <linux/hashtable.h>
#include <linux/jiffies.h>
#include <linux/lockdep.h>
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <net/sock.h>

#include "mctp-core.h"

#define MCTP_TAG_VALUES		8
#define MCTP_KEYS_BATCH		64	/* keys ended per lock hold */

/* Owned keys of one network, per tag value (mn->tag_use, keys_lock). */
struct mctp_tag_use {
	struct hlist_node	node;
	unsigned int		net;
	unsigned int		nkeys;
	unsigned int		per_tag[MCTP_TAG_VALUES];
};

static u32 mctp_key_hkey(unsigned int net, mctp_eid_t peer)
{
	return (net << 8) | peer;
}

/* @match accepts @eid: equal, or @match is the wildcard */
static bool mctp_eid_matches(mctp_eid_t match, mctp_eid_t eid)
{
	return match == eid || match == MCTP_ADDR_ANY;
}

static struct mctp_net *mctp_key_mn(const struct mctp_sk_key *key)
{
	return mctp_pernet(sock_net(&key->sk->sk));
}

/*
 * A new, unlinked key of @msk with one reference (the caller's). With
 * @charge the memory is charged to the socket (process context only).
 */
static struct mctp_sk_key *mctp_key_alloc(struct mctp_sock *msk,
					  unsigned int net, mctp_eid_t local,
					  mctp_eid_t peer, u8 tag, bool owned,
					  bool charge, gfp_t gfp)
{
	struct mctp_sk_key *key;

	if (charge)
		key = sock_kmalloc(&msk->sk, sizeof(*key), gfp | __GFP_ZERO);
	else
		key = kzalloc(sizeof(*key), gfp);
	if (!key)
		return NULL;

	key->sk = msk;
	key->charged = charge;
	key->net = net;
	key->local_addr = local;
	key->peer_addr = peer;
	key->tag = tag & MCTP_TAG_MASK;
	key->owned = owned;
	key->valid = true;
	refcount_set(&key->refs, 1);
	spin_lock_init(&key->lock);
	INIT_HLIST_NODE(&key->hlist);
	INIT_HLIST_NODE(&key->sklist);
	return key;
}

/*
 * Last reference gone: nobody else can reach the key, so its state is
 * read without key->lock. Normally the reassembly and flow were already
 * released when the key ended; this covers keys that never got that far.
 * A key that was never linked is freed in the context that allocated it,
 * which still holds its socket.
 */
static void mctp_key_free(struct mctp_sk_key *key)
{
	struct mctp_sock *msk = key->sk;
	bool held = key->sk_held;

	kfree_skb_list(mctp_reasm_detach(mctp_key_mn(key), key));
	if (key->flow_dev) {
		mctp_dev_release_flow(key->flow_dev, key->flow);
		mctp_dev_put(key->flow_dev);
	}

	if (key->charged)
		sock_kfree_s(&msk->sk, key, sizeof(*key));
	else
		kfree(key);
	if (held)
		sock_put(&msk->sk);
}

void mctp_key_hold(struct mctp_sk_key *key)
{
	refcount_inc(&key->refs);
}

/* Call with no MCTP lock held: the last put releases the key's flow. */
void mctp_key_unref(struct mctp_sk_key *key)
{
	if (refcount_dec_and_test(&key->refs))
		mctp_key_free(key);
}

/*
 * Take a reference if the key is still valid.
 * Locking: caller holds mn->keys_lock (BH off); takes key->lock.
 */
static bool __mctp_key_get_valid(struct mctp_sk_key *key)
{
	bool valid;

	spin_lock(&key->lock);
	valid = key->valid;
	if (valid)
		refcount_inc(&key->refs);
	spin_unlock(&key->lock);
	return valid;
}

/* Locking: caller holds mn->keys_lock. */
static struct mctp_tag_use *__mctp_tag_use_find(struct mctp_net *mn,
						unsigned int net)
{
	struct mctp_tag_use *use;

	hash_for_each_possible(mn->tag_use, use, node, net)
		if (use->net == net)
			return use;
	return NULL;
}

/*
 * Count an owned key in its network's tag use; @spare (may be NULL) is
 * consumed when the network has no record yet.
 * Locking: caller holds mn->keys_lock.
 */
static int __mctp_tag_use_add(struct mctp_net *mn, struct mctp_sk_key *key,
			      struct mctp_tag_use **spare)
{
	struct mctp_tag_use *use = __mctp_tag_use_find(mn, key->net);

	if (!use) {
		if (!spare || !*spare)
			return -ENOMEM;
		use = *spare;
		*spare = NULL;
		use->net = key->net;
		hash_add(mn->tag_use, &use->node, use->net);
	}
	use->nkeys++;
	use->per_tag[key->tag]++;
	return 0;
}

/* Locking: caller holds mn->keys_lock. */
static void __mctp_tag_use_del(struct mctp_net *mn, struct mctp_sk_key *key)
{
	struct mctp_tag_use *use = __mctp_tag_use_find(mn, key->net);

	if (WARN_ON_ONCE(!use || !use->per_tag[key->tag]))
		return;
	use->per_tag[key->tag]--;
	if (--use->nkeys)
		return;
	hash_del(&use->node);
	kfree(use);
}

/* Whether @msk may hold one more preallocated key. Locking: keys_lock. */
static bool __mctp_prealloc_allowed(struct mctp_net *mn,
				    struct mctp_sock *msk)
{
	if (msk->nkeys_prealloc >= READ_ONCE(mn->sysctl.prealloc_tags_per_sock) ||
	    mn->nkeys_prealloc >= READ_ONCE(mn->sysctl.prealloc_tags_per_netns)) {
		mctp_stat_inc(mn, MCTP_STAT_TAG_LIMIT);
		return false;
	}
	return true;
}

/*
 * Link a new key of @msk into the tables. Fails if the socket is being
 * released (-EINVAL) or a limit is reached (-ENOBUFS). Takes the table
 * reference and a socket reference. @spare: see __mctp_tag_use_add().
 * Locking: caller holds mn->keys_lock (BH off).
 */
static int __mctp_key_link(struct mctp_net *mn, struct mctp_sock *msk,
			   struct mctp_sk_key *key,
			   struct mctp_tag_use **spare)
{
	lockdep_assert_held(&mn->keys_lock);

	if (key->manual_alloc && !__mctp_prealloc_allowed(mn, msk))
		return -ENOBUFS;
	if (key->owned && __mctp_tag_use_add(mn, key, spare))
		return -ENOMEM;

	/* SOCK_DEAD is set under keys_lock before the socket drops its own
	 * reference, so a socket that is not dead here still holds one.
	 */
	if (sock_flag(&msk->sk, SOCK_DEAD) ||
	    !refcount_inc_not_zero(&msk->sk.sk_refcnt)) {
		if (key->owned)
			__mctp_tag_use_del(mn, key);
		return -EINVAL;
	}

	key->sk_held = true;
	refcount_inc(&key->refs);
	if (!key->manual_alloc) {
		key->expiry = jiffies + MCTP_KEY_LIFETIME;
		timer_reduce(&msk->key_expiry, key->expiry);
	} else {
		msk->nkeys_prealloc++;
		mn->nkeys_prealloc++;
	}
	mn->nkeys++;
	hash_add(mn->keys, &key->hlist,
		 mctp_key_hkey(key->net, key->peer_addr));
	hlist_add_head(&key->sklist, &msk->keys);
	return 0;
}

/*
 * Unlink a key and mark it invalid; false if it was not linked. The caller
 * then owns the table reference and must pass the key to
 * mctp_key_finish() once keys_lock is dropped. key->hlist is free again
 * and may carry the key on a private list until then.
 * Locking: caller holds mn->keys_lock (BH off); takes key->lock.
 */
static bool __mctp_key_unlink(struct mctp_net *mn, struct mctp_sk_key *key)
{
	if (hlist_unhashed(&key->sklist))
		return false;

	hlist_del_init(&key->sklist);
	hash_del(&key->hlist);
	mn->nkeys--;
	if (key->manual_alloc) {
		key->sk->nkeys_prealloc--;
		mn->nkeys_prealloc--;
	}
	if (key->owned)
		__mctp_tag_use_del(mn, key);

	spin_lock(&key->lock);
	key->valid = false;
	mctp_reasm_close(key);
	spin_unlock(&key->lock);
	return true;
}

/*
 * Detach the key's partial reassembly and transmit flow, then free the one
 * and release the other.
 * Locking: takes key->lock (BH); the flow is released with no lock held.
 */
static void mctp_key_release_state(struct mctp_net *mn,
				   struct mctp_sk_key *key)
{
	struct mctp_dev *flow_dev;
	struct sk_buff *reasm;
	u64 flow;

	spin_lock_bh(&key->lock);
	reasm = mctp_reasm_detach(mn, key);
	key->rx_ifindex = 0;
	flow_dev = key->flow_dev;
	flow = key->flow;
	key->flow_dev = NULL;
	key->flow = 0;
	spin_unlock_bh(&key->lock);

	if (flow_dev) {
		mctp_dev_release_flow(flow_dev, flow);
		mctp_dev_put(flow_dev);
	}
	kfree_skb_list(reasm);
}

/* Second half of ending a key; no lock held. */
static void mctp_key_finish(struct mctp_net *mn, struct mctp_sk_key *key)
{
	mctp_key_release_state(mn, key);
	mctp_key_unref(key);
}

/* Finish every key on a private list built by __mctp_key_unlink(). */
static void mctp_keys_finish_list(struct mctp_net *mn,
				  struct hlist_head *gone)
{
	struct mctp_sk_key *key;
	struct hlist_node *tmp;

	hlist_for_each_entry_safe(key, tmp, gone, hlist) {
		hlist_del_init(&key->hlist);
		mctp_key_finish(mn, key);
	}
}

/*
 * Find a valid key for exactly (net, peer, tag, owned) whose local EID
 * accepts @local. With @hold, a reference is taken.
 * Locking: caller holds mn->keys_lock (BH off); takes key->lock.
 */
static struct mctp_sk_key *__mctp_key_find(struct mctp_net *mn,
					   unsigned int net, mctp_eid_t local,
					   mctp_eid_t peer, u8 tag, bool owned,
					   bool hold)
{
	struct mctp_sk_key *key;
	bool valid;

	hash_for_each_possible(mn->keys, key, hlist, mctp_key_hkey(net, peer)) {
		if (key->net != net || key->peer_addr != peer ||
		    key->tag != tag || key->owned != owned ||
		    !mctp_eid_matches(key->local_addr, local))
			continue;

		if (hold)
			valid = __mctp_key_get_valid(key);
		else
			valid = READ_ONCE(key->valid);
		if (valid)
			return key;
	}
	return NULL;
}

/*
 * First response from @peer to a broadcast request (@parent has peer ANY):
 * give that peer a key of its own, so that its reassembly and completion
 * do not end the broadcast key, which keeps accepting other peers' answers
 * until it expires or is dropped. Returns the new key with a reference for
 * the caller, or NULL.
 * Locking: caller holds mn->keys_lock (BH off).
 */
static struct mctp_sk_key *__mctp_key_bcast_child(struct mctp_net *mn,
						  struct mctp_sk_key *parent,
						  mctp_eid_t local,
						  mctp_eid_t peer)
{
	struct mctp_sk_key *key;

	key = mctp_key_alloc(parent->sk, parent->net, local, peer,
			     parent->tag, true, false, GFP_ATOMIC);
	if (!key)
		return NULL;

	/* the parent is an owned key of this network: its tag use exists */
	if (__mctp_key_link(mn, parent->sk, key, NULL)) {
		mctp_key_unref(key);	/* unlinked: plain kfree */
		return NULL;
	}
	return key;
}

/*
 * Incoming packet from @saddr to @daddr with @tag. A request (TO=1) matches
 * the rx key of a multi-packet request in progress; a response (TO=0)
 * matches the owned key of our request to that peer, or the owned key of a
 * broadcast request, through a per-peer key created on first use.
 * Locking: takes mn->keys_lock (BH) and, nested, key->lock.
 */
struct mctp_sk_key *mctp_lookup_key(struct net *net, unsigned int netid,
				    mctp_eid_t daddr, mctp_eid_t saddr,
				    u8 tag, bool tag_owner)
{
	struct mctp_net *mn = mctp_pernet(net);
	struct mctp_sk_key *key, *parent;
	bool owned = !tag_owner;

	tag &= MCTP_TAG_MASK;

	spin_lock_bh(&mn->keys_lock);
	key = __mctp_key_find(mn, netid, daddr, saddr, tag, owned, true);
	if (!key && owned && saddr != MCTP_ADDR_ANY) {
		parent = __mctp_key_find(mn, netid, daddr, MCTP_ADDR_ANY, tag,
					 true, false);
		if (parent)
			key = __mctp_key_bcast_child(mn, parent, daddr, saddr);
	}
	spin_unlock_bh(&mn->keys_lock);

	return key;
}

/*
 * Key for the continuation packets of a request from @peer. NULL when out
 * of memory, when the socket is being released, or when a key for the same
 * (net, local, peer, tag) already exists (a racing start of message).
 * Returns the key with a reference for the caller.
 * Locking: takes mn->keys_lock (BH). Callable from softirq.
 */
struct mctp_sk_key *mctp_key_create_rx(struct mctp_sock *msk,
				       unsigned int netid, mctp_eid_t local,
				       mctp_eid_t peer, u8 tag)
{
	struct mctp_net *mn = mctp_pernet(sock_net(&msk->sk));
	struct mctp_sk_key *key;
	int rc;

	key = mctp_key_alloc(msk, netid, local, peer, tag, false, false,
			     GFP_ATOMIC);
	if (!key)
		return NULL;

	spin_lock_bh(&mn->keys_lock);
	if (__mctp_key_find(mn, netid, local, peer, key->tag, false, false))
		rc = -EEXIST;
	else
		rc = __mctp_key_link(mn, msk, key, NULL);
	spin_unlock_bh(&mn->keys_lock);

	if (rc) {
		mctp_key_unref(key);
		return NULL;
	}
	return key;
}

/*
 * Whether @key stops a new owned tag for (net, local, peer) from using its
 * tag value: an owned, valid key whose addresses overlap, counting
 * MCTP_ADDR_ANY on either side as overlapping everything.
 * Locking: caller holds mn->keys_lock (BH off); takes key->lock.
 */
static bool __mctp_key_blocks_tag(struct mctp_sk_key *key, unsigned int net,
				  mctp_eid_t local, mctp_eid_t peer)
{
	bool valid;

	if (key->net != net || !key->owned)
		return false;
	if (peer != MCTP_ADDR_ANY && !mctp_eid_matches(key->peer_addr, peer))
		return false;
	if (local != MCTP_ADDR_ANY && !mctp_eid_matches(key->local_addr, local))
		return false;

	spin_lock(&key->lock);
	valid = key->valid;
	spin_unlock(&key->lock);
	return valid;
}

/*
 * Bitmap of the tag values in use towards (net, local, peer). A broadcast
 * (peer ANY) collides with every owned key of the network, whatever its
 * local EID: that comes from the network's tag counts.
 * Locking: caller holds mn->keys_lock (BH off).
 */
static unsigned long __mctp_tags_busy(struct mctp_net *mn, unsigned int net,
				      mctp_eid_t local, mctp_eid_t peer)
{
	struct mctp_tag_use *use;
	unsigned long busy = 0;
	struct mctp_sk_key *key;
	unsigned int t;

	if (peer == MCTP_ADDR_ANY) {
		use = __mctp_tag_use_find(mn, net);
		for (t = 0; use && t < MCTP_TAG_VALUES; t++)
			if (use->per_tag[t])
				busy |= BIT(t);
		return busy;
	}

	hash_for_each_possible(mn->keys, key, hlist, mctp_key_hkey(net, peer))
		if (__mctp_key_blocks_tag(key, net, local, peer))
			busy |= BIT(key->tag);
	hash_for_each_possible(mn->keys, key, hlist,
			       mctp_key_hkey(net, MCTP_ADDR_ANY))
		if (__mctp_key_blocks_tag(key, net, local, peer))
			busy |= BIT(key->tag);
	return busy;
}

/*
 * Own a tag towards @peer (MCTP_ADDR_NULL counts as ANY: anyone may
 * answer) and create its key for @msk, charged to the socket. Returns the
 * key with a reference for the caller; ERR_PTR(-EBUSY) when all eight tag
 * values are in use, -ENOBUFS when @manual and a preallocation limit is
 * reached or when the socket's option memory (optmem_max) is spent.
 * Locking: takes mn->keys_lock (BH). Process context.
 */
struct mctp_sk_key *mctp_alloc_local_tag(struct mctp_sock *msk,
					 unsigned int netid,
					 mctp_eid_t local, mctp_eid_t peer,
					 bool manual, u8 *tagp)
{
	struct mctp_net *mn = mctp_pernet(sock_net(&msk->sk));
	struct mctp_tag_use *spare = NULL;
	struct mctp_sk_key *key;
	unsigned long busy;
	int rc;

	if (peer == MCTP_ADDR_NULL)
		peer = MCTP_ADDR_ANY;

	/* charged: fails when the socket's option memory is spent */
	key = mctp_key_alloc(msk, netid, local, peer, 0, true, true,
			     GFP_KERNEL_ACCOUNT);
	if (!key)
		return ERR_PTR(-ENOBUFS);
	key->manual_alloc = manual;

retry:
	spin_lock_bh(&mn->keys_lock);
	/* the network's first owned key needs a tag use record */
	if (!spare && !__mctp_tag_use_find(mn, netid)) {
		spin_unlock_bh(&mn->keys_lock);
		spare = kzalloc(sizeof(*spare), GFP_KERNEL_ACCOUNT);
		if (spare)
			goto retry;
		mctp_key_unref(key);
		return ERR_PTR(-ENOMEM);
	}
	busy = __mctp_tags_busy(mn, netid, local, peer);
	if (busy == GENMASK(MCTP_TAG_VALUES - 1, 0)) {
		rc = -EBUSY;
	} else {
		key->tag = ffz(busy);
		rc = __mctp_key_link(mn, msk, key, &spare);
	}
	spin_unlock_bh(&mn->keys_lock);

	kfree(spare);
	if (rc) {
		mctp_key_unref(key);
		return ERR_PTR(rc);
	}
	*tagp = key->tag;
	return key;
}

/*
 * The preallocated key of @msk for @tag towards @peer (a key for peer ANY
 * serves every peer). Returns it with a reference, or ERR_PTR(-ENOENT).
 * Locking: takes mn->keys_lock (BH).
 */
struct mctp_sk_key *mctp_lookup_prealloc_tag(struct mctp_sock *msk,
					     unsigned int netid,
					     mctp_eid_t peer, u8 tag)
{
	struct mctp_net *mn = mctp_pernet(sock_net(&msk->sk));
	struct mctp_sk_key *key, *found = NULL;

	tag &= MCTP_TAG_MASK;

	spin_lock_bh(&mn->keys_lock);
	hlist_for_each_entry(key, &msk->keys, sklist) {
		if (!key->manual_alloc || key->net != netid ||
		    key->tag != tag || !mctp_eid_matches(key->peer_addr, peer))
			continue;
		if (__mctp_key_get_valid(key)) {
			found = key;
			break;
		}
	}
	spin_unlock_bh(&mn->keys_lock);

	return found ?: ERR_PTR(-ENOENT);
}

/*
 * End the preallocated key of @msk for exactly (netid, peer, tag); peer
 * NULL stands for ANY as at allocation. -EINVAL if there is none.
 * Locking: takes mn->keys_lock (BH); finishes keys with no lock held.
 */
int mctp_drop_prealloc_tag(struct mctp_sock *msk, unsigned int netid,
			   mctp_eid_t peer, u8 tag)
{
	struct mctp_net *mn = mctp_pernet(sock_net(&msk->sk));
	struct mctp_sk_key *key;
	struct hlist_node *tmp;
	HLIST_HEAD(gone);

	if (peer == MCTP_ADDR_NULL)
		peer = MCTP_ADDR_ANY;
	tag &= MCTP_TAG_MASK;

	spin_lock_bh(&mn->keys_lock);
	hlist_for_each_entry_safe(key, tmp, &msk->keys, sklist) {
		if (!key->manual_alloc || key->net != netid ||
		    key->peer_addr != peer || key->tag != tag)
			continue;
		if (__mctp_key_unlink(mn, key))
			hlist_add_head(&key->hlist, &gone);
	}
	spin_unlock_bh(&mn->keys_lock);

	if (hlist_empty(&gone))
		return -EINVAL;
	mctp_keys_finish_list(mn, &gone);
	return 0;
}

/*
 * A message on @key is complete (or failed). A preallocated key stays for
 * the next exchange: only its reassembly and flow are reset. Any other key
 * ends. Safe on a key that already ended.
 * Locking: takes mn->keys_lock (BH), then key->lock (BH); the caller must
 * hold neither.
 */
void mctp_key_done(struct net *net, struct mctp_sk_key *key)
{
	struct mctp_net *mn = mctp_pernet(net);
	bool unlinked;

	if (key->manual_alloc) {
		mctp_key_release_state(mn, key);
		return;
	}

	spin_lock_bh(&mn->keys_lock);
	unlinked = __mctp_key_unlink(mn, key);
	spin_unlock_bh(&mn->keys_lock);

	if (unlinked)
		mctp_key_finish(mn, key);
}

/*
 * Packets of @key leave through @mdev: the flow cookie they carry. A key
 * has at most one flow, on one device. A key whose packets move to another
 * device (its route changed) ends the flow on the first one, which is told
 * so, and starts a new flow, with a new cookie, on @mdev. A device already
 * unregistering gets no flow: mctp_keys_dev_gone() has run or is running
 * for it and would not see this one.
 * Locking: takes key->lock (BH); releases an old flow with no lock held.
 */
u64 mctp_key_set_flow(struct mctp_sk_key *key, struct mctp_dev *mdev)
{
	struct mctp_net *mn = mctp_key_mn(key);
	struct mctp_dev *old_dev = NULL;
	u64 old_flow = 0, flow = 0;

	spin_lock_bh(&key->lock);
	if (key->valid && key->flow_dev != mdev &&
	    READ_ONCE(mdev->dev->reg_state) == NETREG_REGISTERED) {
		old_dev = key->flow_dev;
		old_flow = key->flow;
		mctp_dev_hold(mdev);
		key->flow_dev = mdev;
		key->flow = atomic64_inc_return(&mn->next_flow);
	}
	if (key->flow_dev == mdev)
		flow = key->flow;
	spin_unlock_bh(&key->lock);

	if (old_dev) {
		mctp_dev_release_flow(old_dev, old_flow);
		mctp_dev_put(old_dev);
	}
	return flow;
}

/*
 * Per-socket expiry: end the keys whose lifetime is over and re-arm for
 * the earliest remaining one. Preallocated keys do not expire.
 * Locking: timer (softirq); takes mn->keys_lock.
 */
static void mctp_sk_expire_keys(struct timer_list *t)
{
	struct mctp_sock *msk = from_timer(msk, t, key_expiry);
	struct mctp_net *mn = mctp_pernet(sock_net(&msk->sk));
	unsigned long now = jiffies, next = 0;
	struct mctp_sk_key *key;
	struct hlist_node *tmp;
	bool rearm = false;
	HLIST_HEAD(gone);

	spin_lock_bh(&mn->keys_lock);
	hlist_for_each_entry_safe(key, tmp, &msk->keys, sklist) {
		if (key->manual_alloc)
			continue;
		if (time_after_eq(now, key->expiry)) {
			if (__mctp_key_unlink(mn, key))
				hlist_add_head(&key->hlist, &gone);
			continue;
		}
		if (!rearm || time_before(key->expiry, next))
			next = key->expiry;
		rearm = true;
	}
	if (rearm)
		mod_timer(&msk->key_expiry, next);
	spin_unlock_bh(&mn->keys_lock);

	mctp_keys_finish_list(mn, &gone);
}

void mctp_sk_expiry_init(struct mctp_sock *msk)
{
	INIT_HLIST_HEAD(&msk->keys);
	timer_setup(&msk->key_expiry, mctp_sk_expire_keys, 0);
}

/*
 * Socket release: refuse new keys, end every key of the socket, a batch
 * per lock hold, and stop the expiry timer for good.
 * Locking: takes mn->keys_lock (BH); process context (waits for the timer).
 */
void mctp_sk_keys_release(struct mctp_sock *msk)
{
	struct mctp_net *mn = mctp_pernet(sock_net(&msk->sk));
	struct mctp_sk_key *key;
	struct hlist_node *tmp;
	unsigned int n;
	bool more;

	spin_lock_bh(&mn->keys_lock);
	sock_set_flag(&msk->sk, SOCK_DEAD);
	spin_unlock_bh(&mn->keys_lock);

	do {
		HLIST_HEAD(gone);

		n = 0;
		spin_lock_bh(&mn->keys_lock);
		hlist_for_each_entry_safe(key, tmp, &msk->keys, sklist) {
			if (n++ == MCTP_KEYS_BATCH)
				break;
			if (__mctp_key_unlink(mn, key))
				hlist_add_head(&key->hlist, &gone);
		}
		more = !hlist_empty(&msk->keys);
		spin_unlock_bh(&mn->keys_lock);

		mctp_keys_finish_list(mn, &gone);
		cond_resched();
	} while (more);

	/* no key is left to re-arm it, and none can be added */
	timer_shutdown_sync(&msk->key_expiry);
}

/*
 * Up to @max keys of hash bucket @bkt that @match accepts, with a
 * reference each.
 * Locking: takes mn->keys_lock (BH) and, nested, key->lock.
 */
static unsigned int mctp_keys_collect(struct mctp_net *mn, unsigned int bkt,
				      bool (*match)(struct mctp_sk_key *key,
						    void *arg),
				      void *arg, struct mctp_sk_key **keys,
				      unsigned int max)
{
	struct mctp_sk_key *key;
	unsigned int n = 0;
	bool take;

	spin_lock_bh(&mn->keys_lock);
	hlist_for_each_entry(key, &mn->keys[bkt], hlist) {
		spin_lock(&key->lock);
		take = match(key, arg);
		if (take)
			refcount_inc(&key->refs);
		spin_unlock(&key->lock);
		if (take) {
			keys[n++] = key;
			if (n == max)
				break;
		}
	}
	spin_unlock_bh(&mn->keys_lock);
	return n;
}

/*
 * End every key that @match accepts, one hash bucket (or one batch) per
 * lock hold. Ending a key must make @match refuse it (it leaves the
 * table, or its state is reset), so the walk ends.
 * Locking: no lock held on entry; process context.
 */
static void mctp_keys_end_matching(struct net *net,
				   bool (*match)(struct mctp_sk_key *key,
						 void *arg),
				   void *arg)
{
	struct mctp_net *mn = mctp_pernet(net);
	struct mctp_sk_key *keys[16];
	unsigned int bkt, i, n;

	for (bkt = 0; bkt < HASH_SIZE(mn->keys); bkt++) {
		do {
			n = mctp_keys_collect(mn, bkt, match, arg, keys,
					      ARRAY_SIZE(keys));
			for (i = 0; i < n; i++) {
				mctp_key_done(net, keys[i]);
				mctp_key_unref(keys[i]);
			}
			cond_resched();
		} while (n == ARRAY_SIZE(keys));
	}
}

/* Locking: key->lock held. */
static bool mctp_key_uses_dev(struct mctp_sk_key *key, void *arg)
{
	struct mctp_dev *mdev = arg;

	return key->flow_dev == mdev || key->rx_ifindex == mdev->dev->ifindex;
}

/*
 * @mdev is going away: end the keys that use it, dropping their partial
 * reassembly and flow. Preallocated keys stay allocated to their socket,
 * with their reassembly and flow reset.
 * Locking: no lock held on entry (RTNL is); process context.
 */
void mctp_keys_dev_gone(struct net *net, struct mctp_dev *mdev)
{
	mctp_keys_end_matching(net, mctp_key_uses_dev, mdev);
}

/*
 * Namespace teardown: end every key left (only kernel sockets can still
 * own any: user sockets pin the namespace), one hash bucket per lock hold.
 * Locking: takes mn->keys_lock (BH); process context.
 */
void mctp_keys_net_exit(struct net *net)
{
	struct mctp_net *mn = mctp_pernet(net);
	struct mctp_sk_key *key;
	struct hlist_node *tmp;
	unsigned int bkt;

	for (bkt = 0; bkt < HASH_SIZE(mn->keys); bkt++) {
		HLIST_HEAD(gone);

		spin_lock_bh(&mn->keys_lock);
		hlist_for_each_entry_safe(key, tmp, &mn->keys[bkt], hlist)
			if (__mctp_key_unlink(mn, key))
				hlist_add_head(&key->hlist, &gone);
		spin_unlock_bh(&mn->keys_lock);

		mctp_keys_finish_list(mn, &gone);
		cond_resched();
	}
	WARN_ON_ONCE(!hash_empty(mn->tag_use));
}
