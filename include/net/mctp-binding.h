/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interface between the MCTP core (af_mctp.ko) and transport binding
 * drivers (i2c-mctp.ko, mctp_vpair.ko), with the MCTP transport header
 * both of them read.
 *
 * A binding driver allocates an ARPHRD_MCTP netdev and registers it with
 * mctp_netdev_register(). Received packets (starting at the MCTP transport
 * header) are handed to the core with skb->protocol = htons(ETH_P_MCTP)
 * through netif_rx(), after mctp_rx_cb_init() and optionally
 * mctp_rx_cb_set_haddr() for the physical source address.
 *
 * On transmit the core builds the link header with dev_hard_header(), so a
 * binding with a link header provides header_ops. An skb may carry a flow
 * cookie (mctp_skb_flow()): packets of one request/response flow carry the
 * same non-zero cookie, and ops->release_flow() tells the binding when that
 * flow has ended (response received, key expired, socket closed, tag
 * dropped). A binding that holds a bus for a flow must also release it on
 * its own after a bound, since a peer may never answer.
 */
#ifndef MCTP_BINDING_H
#define MCTP_BINDING_H

#include <linux/bits.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/types.h>

/* ---- the MCTP transport header (DSP0236), as on the wire ---- */

struct mctp_hdr {
	u8	ver;		/* low nibble: header version */
	u8	dest;		/* destination EID */
	u8	src;		/* source EID */
	u8	flags_seq_tag;	/* SOM, EOM, packet sequence, TO, tag */
};

#define MCTP_VER_MIN		1
#define MCTP_VER_MAX		1
#define MCTP_HDR_VER_MASK	GENMASK(3, 0)
#define MCTP_HDR_FLAG_SOM	BIT(7)
#define MCTP_HDR_FLAG_EOM	BIT(6)
#define MCTP_HDR_SEQ_SHIFT	4
#define MCTP_HDR_SEQ_MASK	GENMASK(1, 0)
#define MCTP_HDR_FLAG_TO	BIT(3)
#define MCTP_HDR_TAG_MASK	GENMASK(2, 0)
/* tag owner and tag: what tells one message exchange from another */
#define MCTP_HDR_TO_TAG_MASK	(MCTP_HDR_FLAG_TO | MCTP_HDR_TAG_MASK)

static inline bool mctp_hdr_som(const struct mctp_hdr *h)
{
	return h->flags_seq_tag & MCTP_HDR_FLAG_SOM;
}

static inline bool mctp_hdr_eom(const struct mctp_hdr *h)
{
	return h->flags_seq_tag & MCTP_HDR_FLAG_EOM;
}

static inline u8 mctp_hdr_to_tag(const struct mctp_hdr *h)
{
	return h->flags_seq_tag & MCTP_HDR_TO_TAG_MASK;
}

/* The MCTP header of a packet whose network header is set. */
static inline struct mctp_hdr *mctp_hdr(struct sk_buff *skb)
{
	return (struct mctp_hdr *)skb_network_header(skb);
}

#define MCTP_CB_MAGIC		0x4d435042	/* "MCPB" */
#define MCTP_CB_HADDR_LEN	8

/*
 * skb->cb layout shared by the core and bindings. The qdisc layer may
 * overwrite the first bytes of cb on transmit; the flow cookie sits at the
 * end of cb, beyond anything the qdisc and tc layers use, so that a binding
 * can read it in ndo_start_xmit.
 */
struct mctp_skb_cb {
	u32		magic;
	unsigned int	net;
	int		ifindex;	/* rx: arriving dev; tx: ext. addressing */
	u8		src;		/* rx: source EID after validation */
	u8		halen;
	u8		haddr[MCTP_CB_HADDR_LEN];
	u8		__pad[14];
	u64		flow;		/* must stay last: see above */
};

static inline struct mctp_skb_cb *mctp_cb(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct mctp_skb_cb) > sizeof(skb->cb));
	BUILD_BUG_ON(offsetof(struct mctp_skb_cb, flow) != 40);
	return (struct mctp_skb_cb *)skb->cb;
}

/* Receive side: a binding calls this before netif_rx(). */
static inline void mctp_rx_cb_init(struct sk_buff *skb)
{
	struct mctp_skb_cb *cb = mctp_cb(skb);

	memset(cb, 0, sizeof(*cb));
	cb->magic = MCTP_CB_MAGIC;
}

/* Receive side: record the physical source address (e.g. i2c address). */
static inline void mctp_rx_cb_set_haddr(struct sk_buff *skb, const u8 *haddr,
					u8 halen)
{
	struct mctp_skb_cb *cb = mctp_cb(skb);

	cb->halen = min_t(u8, halen, MCTP_CB_HADDR_LEN);
	memcpy(cb->haddr, haddr, cb->halen);
}

/* Transmit side: the flow cookie of this packet, 0 when it has none. */
static inline u64 mctp_skb_flow(struct sk_buff *skb)
{
	return mctp_cb(skb)->flow;
}

struct mctp_binding_ops {
	/* A flow whose packets went out on @dev has ended. May be called
	 * from softirq or process context, never with a binding lock held;
	 * must not sleep.
	 */
	void (*release_flow)(struct net_device *dev, u64 flow);
};

/*
 * Register @dev (type ARPHRD_MCTP) as an MCTP interface; @binding is a
 * DSP0239 physical binding id (MCTP_PHYS_BINDING_*). Takes RTNL.
 */
int mctp_netdev_register(struct net_device *dev,
			 const struct mctp_binding_ops *ops, u8 binding);
void mctp_netdev_unregister(struct net_device *dev);

/*
 * Neighbour learning, for bindings that offer it as an option: a packet
 * from source EID @eid arrived on @dev from physical address @haddr
 * (@halen must be the device's addr_len). The entry is in the table when
 * this returns, so an immediate reply finds it. Any context, never sleeps;
 * never replaces a static entry; bounded per namespace; the RTM_NEWNEIGH
 * announcement follows from a work item. Call it for every good packet:
 * that also keeps the entry from expiring (af_mctp's neigh_learnt_ttl).
 * Bindings may look it up with symbol_get() to work with cores that lack
 * it.
 */
void mctp_neigh_learn(struct net_device *dev, u8 eid, const u8 *haddr,
		      u8 halen);

#endif /* MCTP_BINDING_H */
