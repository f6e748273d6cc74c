// SPDX-License-Identifier: GPL-2.0
/*
 * The bind table of a namespace: which socket receives an incoming
 * request. Sockets are hashed by message type (mn->binds, changed under
 * mn->bind_lock, looked up under RCU); the most specific bind wins, as
 * socket.c's header describes.
 */

#include <linux/hashtable.h>
#include <linux/rcupdate.h>
#include <net/sock.h>

#include "mctp-core.h"

static bool mctp_bind_equal(const struct mctp_sock *a,
			    const struct mctp_sock *b)
{
	if (a->bind_type != b->bind_type || a->bind_net != b->bind_net ||
	    a->bind_addr != b->bind_addr ||
	    a->bind_peer_set != b->bind_peer_set)
		return false;
	return !a->bind_peer_set || a->bind_peer_addr == b->bind_peer_addr;
}

/*
 * Publish @msk's bind, unless an equal one exists.
 * Locking: lock_sock(@msk) held by the caller; takes mn->bind_lock (BH).
 */
int mctp_bind_insert(struct mctp_sock *msk)
{
	struct mctp_net *mn = mctp_pernet(sock_net(&msk->sk));
	struct mctp_sock *other;
	int rc = 0;

	spin_lock_bh(&mn->bind_lock);
	hash_for_each_possible(mn->binds, other, bind_node, msk->bind_type) {
		if (mctp_bind_equal(other, msk)) {
			rc = -EADDRINUSE;
			goto out;
		}
	}
	hash_add_rcu(mn->binds, &msk->bind_node, msk->bind_type);
	/* pairs with the acquire in mctp_sendmsg_saddr(): bind_* are set */
	smp_store_release(&msk->bound, true);
out:
	spin_unlock_bh(&mn->bind_lock);
	return rc;
}

/*
 * Unpublish @msk's bind. Lookups still walking past it are covered by
 * SOCK_RCU_FREE.
 * Locking: takes mn->bind_lock (BH).
 */
void mctp_bind_remove(struct mctp_sock *msk)
{
	struct mctp_net *mn = mctp_pernet(sock_net(&msk->sk));

	spin_lock_bh(&mn->bind_lock);
	if (msk->bound) {
		hash_del_rcu(&msk->bind_node);
		WRITE_ONCE(msk->bound, false);
	}
	spin_unlock_bh(&mn->bind_lock);
}

/* How specifically @msk accepts the request; -1: not at all. */
static int mctp_bind_score(const struct mctp_sock *msk, unsigned int netid,
			   u8 type, mctp_eid_t daddr, mctp_eid_t saddr)
{
	int score = 0;

	if (msk->bind_type != type)
		return -1;
	if (msk->bind_net != MCTP_NET_ANY) {
		if (msk->bind_net != netid)
			return -1;
		score += 1;
	}
	if (msk->bind_addr != MCTP_ADDR_ANY) {
		if (msk->bind_addr != daddr)
			return -1;
		score += 2;
	}
	if (msk->bind_peer_set && msk->bind_peer_addr != MCTP_ADDR_ANY) {
		if (msk->bind_peer_addr != saddr)
			return -1;
		score += 4;
	}
	return score;
}

/* Locking: caller holds rcu_read_lock. */
struct mctp_sock *mctp_bind_lookup(struct net *net, unsigned int netid,
				   u8 type, mctp_eid_t daddr,
				   mctp_eid_t saddr)
{
	struct mctp_net *mn = mctp_pernet(net);
	struct mctp_sock *msk, *best = NULL;
	int score, best_score = -1;

	RCU_LOCKDEP_WARN(!rcu_read_lock_any_held(), "bind lookup without RCU");

	type &= ~MCTP_TYPE_IC_BIT;
	hash_for_each_possible_rcu(mn->binds, msk, bind_node, type) {
		score = mctp_bind_score(msk, netid, type, daddr, saddr);
		if (score > best_score) {
			best = msk;
			best_score = score;
			if (score == 7)
				break;
		}
	}
	return best;
}
