// SPDX-License-Identifier: GPL-2.0
/*
 * MCTP input: the ETH_P_MCTP packet handler, matching of packets for
 * this host to keys and bound sockets, and message reassembly.
 *
 * mctp_pkt_rcv() accepts packets from MCTP devices only, checks the
 * header (version 1; source unicast or NULL; destination unicast, NULL
 * or broadcast), drops packets whose source EID is local (they were sent
 * by this host: a loop), and routes by destination: a destination served
 * by a local route, the broadcast EID, and the NULL EID on a packet sent
 * to our physical address go to mctp_input_local(); others are forwarded
 * unchanged when a route leads on and forwarding allows it (sysctl.c);
 * the rest are dropped.
 *
 * mctp_input_local() looks for a key first (a response to a tag we own,
 * or the rest of a request being reassembled); otherwise a start of
 * message with TO set is a new request for the socket bound to its
 * type. A single-packet message is queued to the socket at once; a
 * longer one is reassembled on a key, in sequence order, into a head skb
 * whose frag_list holds the rest. A gap in the sequence, an oversized
 * message or a reassembly over the namespace's memory budget drops the
 * partial message: on a request's key the key ends, on a response key
 * the rest of that response is ignored until a new start arrives. A new
 * start replaces a partial message with the same key.
 *
 * A completed message ends its key with mctp_key_done(); for a
 * preallocated tag that only resets the key for the next exchange.
 */

#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/sock.h>

#include "mctp-core.h"

/* What a packet's header says, taken before the header is pulled. */
struct mctp_rx {
	unsigned int	net;
	mctp_eid_t	dest;
	mctp_eid_t	src;
	u8		tag;
	u8		seq;
	bool		to;
	bool		som;
	bool		eom;
};

static void mctp_rx_parse(struct sk_buff *skb, struct mctp_rx *rx)
{
	const struct mctp_hdr *mh = mctp_hdr(skb);
	u8 fst = mh->flags_seq_tag;

	rx->net = mctp_cb(skb)->net;
	rx->dest = mh->dest;
	rx->src = mh->src;
	rx->tag = fst & MCTP_HDR_TAG_MASK;
	rx->seq = (fst >> MCTP_HDR_SEQ_SHIFT) & MCTP_HDR_SEQ_MASK;
	rx->to = fst & MCTP_HDR_FLAG_TO;
	rx->som = fst & MCTP_HDR_FLAG_SOM;
	rx->eom = fst & MCTP_HDR_FLAG_EOM;
}

static void mctp_rx_drop(struct sk_buff *skb, enum skb_drop_reason reason)
{
	if (skb->dev)
		dev_core_stats_rx_dropped_inc(skb->dev);
	kfree_skb_reason(skb, reason);
}

static int mctp_deliver(struct sock *sk, struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	int rc;

	if (!sk) {
		mctp_rx_drop(skb, SKB_DROP_REASON_NO_SOCKET);
		return -ENOENT;
	}

	rc = sock_queue_rcv_skb(sk, skb);
	if (rc) {
		if (dev)
			dev_core_stats_rx_dropped_inc(dev);
		kfree_skb_reason(skb, SKB_DROP_REASON_SOCKET_RCVBUFF);
	}
	return rc;
}

/* ---- packets matching a key ---- */

#define MCTP_RX_NEW	1	/* not for this key: handle as a new message */

/* Start of message on a key. Called with key->lock held; releases it. */
static int mctp_rx_key_som(struct net *net, struct mctp_sk_key *key,
			   struct sk_buff *skb, const struct mctp_rx *rx)
	__releases(&key->lock)
{
	struct mctp_sock *msk;
	int rc;

	/* a new request reusing the tag of one still being reassembled:
	 * the old one is abandoned, the new one looks for its socket
	 */
	if (!key->owned) {
		spin_unlock(&key->lock);
		mctp_key_done(net, key);
		return MCTP_RX_NEW;
	}

	/* a response (re)starts: a partial one is replaced */
	mctp_reasm_reset(net, key);

	if (rx->eom) {
		msk = key->sk;
		spin_unlock(&key->lock);
		rc = mctp_deliver(msk ? &msk->sk : NULL, skb);
		mctp_key_done(net, key);
		return rc;
	}

	rc = mctp_reasm_start(net, key, &skb, rx->seq);
	spin_unlock(&key->lock);
	if (rc && skb)
		mctp_rx_drop(skb, SKB_DROP_REASON_NOMEM);
	return rc;
}

/* Middle or end of message on a key. Called with key->lock held; releases
 * it.
 */
static int mctp_rx_key_cont(struct net *net, struct mctp_sk_key *key,
			    struct sk_buff *skb, const struct mctp_rx *rx)
	__releases(&key->lock)
{
	struct mctp_sock *msk;
	struct sk_buff *head;
	int rc;

	if (!mctp_reasm_active(key)) {
		spin_unlock(&key->lock);
		mctp_rx_drop(skb, SKB_DROP_REASON_NOT_SPECIFIED);
		return -ENOENT;
	}

	rc = mctp_reasm_append(net, key, skb, rx->seq);
	if (rc) {
		mctp_reasm_abandon(net, key);
		spin_unlock(&key->lock);
		mctp_rx_drop(skb, SKB_DROP_REASON_NOT_SPECIFIED);
		if (!key->owned)
			mctp_key_done(net, key);
		return rc;
	}

	if (!rx->eom) {
		spin_unlock(&key->lock);
		return 0;
	}

	head = mctp_reasm_take(net, key);
	msk = key->sk;
	spin_unlock(&key->lock);

	rc = mctp_deliver(msk ? &msk->sk : NULL, head);
	mctp_key_done(net, key);
	return rc;
}

static int mctp_rx_key(struct net *net, struct mctp_sk_key *key,
		       struct sk_buff *skb, const struct mctp_rx *rx)
{
	spin_lock(&key->lock);

	if (!key->valid) {
		spin_unlock(&key->lock);
		return MCTP_RX_NEW;
	}
	key->rx_ifindex = mctp_cb(skb)->ifindex;

	if (rx->som)
		return mctp_rx_key_som(net, key, skb, rx);
	return mctp_rx_key_cont(net, key, skb, rx);
}

/* ---- new requests ---- */

static int mctp_rx_new(struct net *net, struct sk_buff *skb,
		       const struct mctp_rx *rx)
{
	struct mctp_sk_key *key;
	struct mctp_sock *msk;
	u8 type;
	int rc;

	/* without a key, only the start of a request means anything */
	if (!rx->som || !rx->to) {
		mctp_rx_drop(skb, SKB_DROP_REASON_NO_SOCKET);
		return -ENOENT;
	}

	type = skb->data[0] & 0x7f;	/* without the IC bit */
	msk = mctp_bind_lookup(net, rx->net, type, rx->dest, rx->src);
	if (!msk) {
		mctp_rx_drop(skb, SKB_DROP_REASON_NO_SOCKET);
		return -ENOENT;
	}

	if (rx->eom)
		return mctp_deliver(&msk->sk, skb);

	key = mctp_key_create_rx(msk, rx->net, rx->dest, rx->src, rx->tag);
	if (IS_ERR_OR_NULL(key)) {
		mctp_rx_drop(skb, SKB_DROP_REASON_NOT_SPECIFIED);
		return key ? PTR_ERR(key) : -ENOMEM;
	}

	spin_lock(&key->lock);
	key->rx_ifindex = mctp_cb(skb)->ifindex;
	rc = key->valid ? mctp_reasm_start(net, key, &skb, rx->seq) : -ENOENT;
	spin_unlock(&key->lock);

	if (rc) {
		if (skb)
			mctp_rx_drop(skb, SKB_DROP_REASON_NOMEM);
		mctp_key_done(net, key);
	}
	mctp_key_unref(key);
	return rc;
}

int mctp_input_local(struct net *net, struct sk_buff *skb)
{
	struct mctp_sk_key *key;
	struct mctp_rx rx;
	int rc;

	/* from here on the packet belongs to us, not to a local sender */
	skb_orphan(skb);

	/* a header and the message type byte */
	if (!pskb_may_pull(skb, sizeof(struct mctp_hdr) + 1)) {
		if (skb->dev)
			DEV_STATS_INC(skb->dev, rx_length_errors);
		mctp_rx_drop(skb, SKB_DROP_REASON_PKT_TOO_SMALL);
		return -EINVAL;
	}

	mctp_rx_parse(skb, &rx);
	skb_pull(skb, sizeof(struct mctp_hdr));
	skb_reset_transport_header(skb);

	rcu_read_lock();

	key = mctp_lookup_key(net, rx.net, rx.dest, rx.src, rx.tag, rx.to);
	/* a key we own answers TO=0 packets, a peer's key TO=1 packets */
	if (key && key->owned == rx.to) {
		mctp_key_unref(key);
		key = NULL;
	}

	rc = MCTP_RX_NEW;
	if (key) {
		rc = mctp_rx_key(net, key, skb, &rx);
		mctp_key_unref(key);
	}
	if (rc == MCTP_RX_NEW)
		rc = mctp_rx_new(net, skb, &rx);

	rcu_read_unlock();
	return rc;
}

/* ---- packet handler ---- */

static bool mctp_rx_hdr_valid(struct sk_buff *skb)
{
	const struct mctp_hdr *mh;
	u8 ver;

	if (!pskb_may_pull(skb, sizeof(struct mctp_hdr)))
		return false;
	skb_reset_network_header(skb);
	mh = mctp_hdr(skb);

	ver = mh->ver & MCTP_HDR_VER_MASK;
	if (ver < MCTP_VER_MIN || ver > MCTP_VER_MAX)
		return false;

	/* source: unicast or NULL; destination: those or broadcast */
	if (!mctp_address_unicast(mh->src) && !mctp_address_null(mh->src))
		return false;
	return mctp_address_unicast(mh->dest) ||
	       mctp_address_null(mh->dest) ||
	       mctp_address_broadcast(mh->dest);
}

static void mctp_rx_cb_fill(struct sk_buff *skb, struct mctp_dev *mdev)
{
	struct mctp_skb_cb *cb = mctp_cb(skb);

	/* keep the physical source a binding recorded; clear anything
	 * else someone left in cb. Only binding devices record one: what a
	 * tun or the loopback device leaves in cb is not ours.
	 */
	if (skb->dev->type != ARPHRD_MCTP || cb->magic != MCTP_CB_MAGIC) {
		memset(cb, 0, sizeof(*cb));
		cb->magic = MCTP_CB_MAGIC;
	}
	cb->net = READ_ONCE(mdev->net);
	cb->ifindex = skb->dev->ifindex;
	cb->src = mctp_hdr(skb)->src;
	cb->flow = 0;
}

/* Whether one more forwarded packet from @mdev fits its rate (sysctl
 * forward_rate, counted over windows of a tenth of a second).
 */
static bool mctp_fwd_rate_ok(struct mctp_net *mn, struct mctp_dev *mdev)
{
	int rate = READ_ONCE(mn->sysctl.forward_rate);
	unsigned long now = jiffies;

	if (!rate)
		return true;
	if (time_after_eq(now, READ_ONCE(mdev->fwd_window) + HZ / 10)) {
		WRITE_ONCE(mdev->fwd_window, now);
		atomic_set(&mdev->fwd_count, 0);
	}
	return atomic_inc_return(&mdev->fwd_count) <= max(rate / 10, 1);
}

/*
 * Packet for an EID that is not local: send it on, if forwarding is on in
 * its network, it does not go back out of the device it came in on
 * (unless forward_same_dev allows it) and the arrival device is within
 * its forwarding rate. A drop is counted in mctp_stat and rx_dropped.
 */
static int mctp_rx_forward(struct net *net, struct mctp_dev *mdev,
			   struct sk_buff *skb, struct mctp_dst *dst)
{
	struct mctp_net *mn = mctp_pernet(net);
	enum mctp_stat_item why;

	if (!mctp_forwarding_on(mn, mctp_cb(skb)->net))
		why = MCTP_STAT_FWD_OFF;
	else if (dst->dev == mdev && !READ_ONCE(mn->sysctl.forward_same_dev))
		why = MCTP_STAT_FWD_SAME_DEV;
	else if (!mctp_fwd_rate_ok(mn, mdev))
		why = MCTP_STAT_FWD_RATE;
	else {
		mctp_stat_inc(mn, MCTP_STAT_FWD);
		return mctp_dst_output(dst, skb);
	}

	mctp_stat_inc(mn, why);
	mctp_rx_drop(skb, SKB_DROP_REASON_NOT_SPECIFIED);
	return -EHOSTUNREACH;
}

static int mctp_rx_route(struct net *net, struct mctp_dev *mdev,
			 struct sk_buff *skb)
{
	mctp_eid_t dest = mctp_hdr(skb)->dest;
	struct mctp_dst dst;
	int rc;

	if (mctp_address_null(dest)) {
		/* NULL EID: for whoever owns the physical address */
		if (skb->pkt_type != PACKET_HOST) {
			mctp_rx_drop(skb, SKB_DROP_REASON_OTHERHOST);
			return -EHOSTUNREACH;
		}
		return mctp_input_local(net, skb);
	}

	if (mctp_address_broadcast(dest))
		return mctp_input_local(net, skb);

	rc = mctp_route_lookup(net, mctp_cb(skb)->net, dest, &dst);
	if (rc) {
		mctp_stat_inc(mctp_pernet(net), MCTP_STAT_FWD_NO_ROUTE);
		mctp_rx_drop(skb, SKB_DROP_REASON_NOT_SPECIFIED);
		return rc;
	}

	if (dst.local)
		rc = mctp_input_local(net, skb);
	else
		rc = mctp_rx_forward(net, mdev, skb, &dst);
	mctp_dst_release(&dst);
	return rc;
}

/*
 * A packet from the wire that claims a local EID as its source was sent
 * by this host: it came back (a forwarding loop, or a link looped onto
 * itself), or a peer uses our EID. Either way it is not answered.
 */
static bool mctp_rx_src_is_local(struct net *net, struct sk_buff *skb)
{
	mctp_eid_t src = mctp_hdr(skb)->src;

	if (!mctp_address_unicast(src) ||
	    !mctp_route_is_local(net, mctp_cb(skb)->net, src))
		return false;
	mctp_stat_inc(mctp_pernet(net), MCTP_STAT_RX_LOCAL_SRC);
	return true;
}

static int mctp_pkt_rcv(struct sk_buff *skb, struct net_device *dev,
			struct packet_type *pt, struct net_device *orig_dev)
{
	struct mctp_dev *mdev;
	int rc = NET_RX_DROP;

	rcu_read_lock();

	mdev = mctp_dev_get_rcu(dev);
	if (!mdev) {
		kfree_skb_reason(skb, SKB_DROP_REASON_UNHANDLED_PROTO);
		goto out;
	}

	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb) {
		dev_core_stats_rx_dropped_inc(dev);
		goto out;
	}

	if (!mctp_rx_hdr_valid(skb)) {
		DEV_STATS_INC(dev, rx_errors);
		mctp_rx_drop(skb, SKB_DROP_REASON_NOT_SPECIFIED);
		goto out;
	}

	mctp_rx_cb_fill(skb, mdev);
	if (mctp_rx_src_is_local(dev_net(dev), skb)) {
		mctp_rx_drop(skb, SKB_DROP_REASON_NOT_SPECIFIED);
		goto out;
	}
	if (!mctp_rx_route(dev_net(dev), mdev, skb))
		rc = NET_RX_SUCCESS;
out:
	rcu_read_unlock();
	return rc;
}

static struct packet_type mctp_packet_type __read_mostly = {
	.type	= cpu_to_be16(ETH_P_MCTP),
	.func	= mctp_pkt_rcv,
};

int mctp_input_init(void)
{
	dev_add_pack(&mctp_packet_type);
	return 0;
}

void mctp_input_exit(void)
{
	dev_remove_pack(&mctp_packet_type);
}
