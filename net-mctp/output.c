// SPDX-License-Identifier: GPL-2.0
/*
 * MCTP output: turn one message into packets for a resolved destination.
 *
 * Remote destinations: the message is cut into packets of at most
 * dst->mtu bytes (a 4-byte MCTP header and up to mtu - 4 bytes of
 * message each), SOM on the first, EOM on the last, a 2-bit sequence
 * number counting from 0, the tag and TO bit on all. Each packet gets the
 * link header for the next hop's physical address and the key's flow
 * cookie, and goes to dev_queue_xmit(). Fragments are charged to the
 * sending socket, so a sender that outruns its link blocks in sendmsg
 * once its send buffer is spent, as with any datagram socket.
 *
 * Local destinations: the message goes to the input path as it is, as a
 * single SOM|EOM packet (cutting it up only to glue it back together
 * would change nothing the receiver can see), under local_bh_disable()
 * as a softirq receive would run. A full receive queue drops the message
 * the same way it drops one from the wire: the sender is not told.
 */

#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/sch_generic.h>

#include "mctp-core.h"

unsigned int mctp_msg_headroom(struct mctp_dev *mdev)
{
	return LL_RESERVED_SPACE(mdev->dev) + sizeof(struct mctp_hdr);
}

/* Physical address of the next hop, or NULL to let the device decide. */
static const u8 *mctp_dst_lladdr(struct mctp_dst *dst, u8 *buf)
{
	if (dst->halen)
		return dst->haddr;
	if (mctp_neigh_lookup(dst->dev, dst->nexthop, buf) >= 0)
		return buf;
	return NULL;
}

/* One complete MCTP packet at skb->data: link header, flow, transmit. */
static int mctp_xmit(struct mctp_dst *dst, struct sk_buff *skb,
		     const u8 *lladdr, u64 flow)
{
	struct net_device *dev = dst->dev->dev;
	int rc;

	skb->protocol = htons(ETH_P_MCTP);
	skb->dev = dev;

	rc = dev_hard_header(skb, dev, ETH_P_MCTP, lladdr, dev->dev_addr,
			     skb->len);
	if (rc < 0) {
		kfree_skb(skb);
		return -EHOSTUNREACH;
	}

	/* the qdisc and tc layers own the front of cb on transmit; the flow
	 * must lie beyond it
	 */
	BUILD_BUG_ON(sizeof(struct tc_skb_cb) >
		     offsetof(struct mctp_skb_cb, flow));
	memset(mctp_cb(skb), 0, sizeof(struct mctp_skb_cb));
	mctp_cb(skb)->flow = flow;

	/* as upstream: congestion is not an error, any other failure
	 * (queue full, device down) is -ENOBUFS
	 */
	rc = dev_queue_xmit(skb);
	return rc ? net_xmit_errno(rc) : 0;
}

static void mctp_put_hdr(struct mctp_hdr *hdr, mctp_eid_t saddr,
			 mctp_eid_t daddr, u8 flags_seq_tag)
{
	hdr->ver = MCTP_VER_MIN;
	hdr->dest = daddr;
	hdr->src = saddr;
	hdr->flags_seq_tag = flags_seq_tag;
}

/* Add the MCTP header in front of the message held by @skb. */
static int mctp_push_hdr(struct sk_buff *skb, unsigned int headroom,
			 mctp_eid_t saddr, mctp_eid_t daddr, u8 flags_seq_tag)
{
	if (skb_cow_head(skb, headroom + sizeof(struct mctp_hdr)))
		return -ENOMEM;

	skb_reset_transport_header(skb);
	skb_push(skb, sizeof(struct mctp_hdr));
	skb_reset_network_header(skb);
	mctp_put_hdr(mctp_hdr(skb), saddr, daddr, flags_seq_tag);
	return 0;
}

/* The flow cookie of a request's packets (keys passed here are owned). */
static u64 mctp_output_flow(struct mctp_sk_key *key, struct mctp_dst *dst)
{
	return key ? mctp_key_set_flow(key, dst->dev) : 0;
}

static int mctp_output_local(struct mctp_dst *dst, struct sk_buff *skb,
			     mctp_eid_t saddr, mctp_eid_t daddr, u8 tag)
{
	struct net_device *dev = dst->dev->dev;
	struct mctp_skb_cb *cb;
	int rc;

	rc = mctp_push_hdr(skb, 0, saddr, daddr,
			   MCTP_HDR_FLAG_SOM | MCTP_HDR_FLAG_EOM | tag);
	if (rc) {
		kfree_skb(skb);
		return rc;
	}

	skb->protocol = htons(ETH_P_MCTP);
	skb->dev = dev;
	skb->pkt_type = PACKET_HOST;

	cb = mctp_cb(skb);
	memset(cb, 0, sizeof(*cb));
	cb->magic = MCTP_CB_MAGIC;
	cb->net = dst->net;
	cb->ifindex = dev->ifindex;
	cb->src = saddr;

	local_bh_disable();
	mctp_input_local(dev_net(dev), skb);
	local_bh_enable();
	return 0;
}

static struct sk_buff *mctp_frag_alloc(struct sock *sk, struct sk_buff *msg,
				       struct net_device *dev,
				       unsigned int size)
{
	unsigned int headroom = LL_RESERVED_SPACE(dev);
	struct sk_buff *skb;

	skb = alloc_skb(headroom + sizeof(struct mctp_hdr) + size +
			READ_ONCE(dev->needed_tailroom),
			sk ? sk->sk_allocation : GFP_ATOMIC);
	if (!skb)
		return NULL;

	skb_reserve(skb, headroom);
	skb->priority = msg->priority;
	if (sk)
		skb_set_owner_w(skb, sk);
	return skb;
}

/* Send @msg (type byte and payload at msg->data) as several packets. */
static int mctp_output_frags(struct sock *sk, struct mctp_dst *dst,
			     struct sk_buff *msg, mctp_eid_t saddr,
			     mctp_eid_t daddr, u8 tag, const u8 *lladdr,
			     u64 flow)
{
	const unsigned int max = dst->mtu - sizeof(struct mctp_hdr);
	unsigned int pos, size;
	struct sk_buff *skb;
	u8 flags, seq = 0;
	int rc = 0;

	for (pos = 0; pos < msg->len; pos += size) {
		size = min(max, msg->len - pos);

		skb = mctp_frag_alloc(sk, msg, dst->dev->dev, size);
		if (!skb) {
			rc = -ENOMEM;
			break;
		}

		flags = tag | seq << MCTP_HDR_SEQ_SHIFT;
		if (pos == 0)
			flags |= MCTP_HDR_FLAG_SOM;
		if (pos + size == msg->len)
			flags |= MCTP_HDR_FLAG_EOM;

		skb_reset_network_header(skb);
		mctp_put_hdr(skb_put(skb, sizeof(struct mctp_hdr)), saddr,
			     daddr, flags);
		skb_reset_transport_header(skb);
		skb_copy_bits(msg, pos, skb_put(skb, size), size);

		rc = mctp_xmit(dst, skb, lladdr, flow);
		if (rc)
			break;
		seq = (seq + 1) & MCTP_HDR_SEQ_MASK;
	}

	consume_skb(msg);
	return rc;
}

int mctp_local_output(struct sock *sk, struct mctp_dst *dst,
		      struct sk_buff *skb, mctp_eid_t saddr,
		      mctp_eid_t daddr, u8 tag_flags, struct mctp_sk_key *key)
{
	const u8 tag = tag_flags & (MCTP_HDR_TAG_MASK | MCTP_HDR_FLAG_TO);
	u8 llbuf[MAX_ADDR_LEN];
	const u8 *lladdr;
	u64 flow;
	int rc;

	skb->priority = 0;

	if (dst->local)
		return mctp_output_local(dst, skb, saddr, daddr, tag);

	if (dst->mtu <= sizeof(struct mctp_hdr)) {
		kfree_skb(skb);
		return -EMSGSIZE;
	}

	flow = mctp_output_flow(key, dst);
	lladdr = mctp_dst_lladdr(dst, llbuf);

	if (skb->len + sizeof(struct mctp_hdr) > dst->mtu)
		return mctp_output_frags(sk, dst, skb, saddr, daddr, tag,
					 lladdr, flow);

	rc = mctp_push_hdr(skb, LL_RESERVED_SPACE(dst->dev->dev), saddr,
			   daddr, MCTP_HDR_FLAG_SOM | MCTP_HDR_FLAG_EOM | tag);
	if (rc) {
		kfree_skb(skb);
		return rc;
	}
	return mctp_xmit(dst, skb, lladdr, flow);
}

int mctp_dst_output(struct mctp_dst *dst, struct sk_buff *skb)
{
	u8 llbuf[MAX_ADDR_LEN];
	const u8 *lladdr;

	if (skb->len > dst->mtu) {
		kfree_skb(skb);
		return -EMSGSIZE;
	}

	/* the link header goes in front of a header we may share */
	if (skb_cow_head(skb, LL_RESERVED_SPACE(dst->dev->dev))) {
		kfree_skb(skb);
		return -ENOMEM;
	}

	skb_reset_network_header(skb);
	lladdr = mctp_dst_lladdr(dst, llbuf);
	return mctp_xmit(dst, skb, lladdr, 0);
}
