// SPDX-License-Identifier: GPL-2.0
/*
 * mctp_vpair: two virtual MCTP interfaces joined back to back.
 *
 *   ip link add mv0 type mctpvpair [peer_name mv1]
 *
 * creates mv0 and its peer (named by IFLA_MCTP_VPAIR_PEER_NAME, or mv0's
 * name with a "p" appended). A packet sent on one end is received on the
 * other. Either end may be moved to another network namespace; deleting
 * either end deletes both.
 *
 * The ends are plain ARPHRD_MCTP netdevs without a link-layer address or
 * header; the MCTP core's netdev notifier attaches them with binding
 * MCTP_PHYS_BINDING_UNSPEC and no binding ops. MTU: the DSP0236 baseline
 * (68 bytes, MCTP header included) by default, so that messages are
 * fragmented as on a real bus; it may be raised up to one whole maximum
 * message (64 KiB plus the MCTP header) per packet.
 */
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>

#include <net/mctp-binding.h>
#include <uapi/linux/mctp-ext.h>

#define VPAIR_HDR_LEN		4		/* MCTP transport header */
#define VPAIR_MIN_MTU		68		/* DSP0236 baseline */
#define VPAIR_MAX_MTU		(64 * 1024 + VPAIR_HDR_LEN)

struct mctp_vpair {
	struct net_device __rcu	*peer;	/* RTNL writes, RCU reads */
};

static struct rtnl_link_ops mctp_vpair_link_ops;

static struct net_device *vpair_peer_rtnl(struct net_device *dev)
{
	struct mctp_vpair *vp = netdev_priv(dev);

	return rtnl_dereference(vp->peer);
}

/* ---- data path ---- */

/* Hand @skb to @peer as a received MCTP packet. */
static int vpair_forward(struct net_device *dev, struct net_device *peer,
			 struct sk_buff *skb)
{
	skb_orphan(skb);
	skb_scrub_packet(skb, !net_eq(dev_net(dev), dev_net(peer)));
	skb->dev = peer;
	skb->protocol = htons(ETH_P_MCTP);
	skb->pkt_type = PACKET_HOST;
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	mctp_rx_cb_init(skb);
	return netif_rx(skb);
}

static netdev_tx_t vpair_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct mctp_vpair *vp = netdev_priv(dev);
	unsigned int len = skb->len;
	struct net_device *peer;

	rcu_read_lock();
	peer = rcu_dereference(vp->peer);
	if (unlikely(!peer || !netif_running(peer))) {
		dev_dstats_tx_dropped(dev);
		kfree_skb(skb);
		goto out;
	}

	if (vpair_forward(dev, peer, skb) == NET_RX_SUCCESS) {
		dev_dstats_tx_add(dev, len);
		dev_dstats_rx_add(peer, len);
	} else {
		dev_dstats_tx_dropped(dev);
		dev_dstats_rx_dropped(peer);
	}
out:
	rcu_read_unlock();
	return NETDEV_TX_OK;
}

/* ---- device ops ---- */

static int vpair_open(struct net_device *dev)
{
	struct net_device *peer = vpair_peer_rtnl(dev);

	if (!peer)
		return -ENOTCONN;
	if (peer->flags & IFF_UP) {
		netif_carrier_on(dev);
		netif_carrier_on(peer);
	}
	return 0;
}

static int vpair_stop(struct net_device *dev)
{
	struct net_device *peer = vpair_peer_rtnl(dev);

	netif_carrier_off(dev);
	if (peer)
		netif_carrier_off(peer);
	return 0;
}

static int vpair_get_iflink(const struct net_device *dev)
{
	struct mctp_vpair *vp = netdev_priv(dev);
	struct net_device *peer;
	int iflink = 0;

	rcu_read_lock();
	peer = rcu_dereference(vp->peer);
	if (peer)
		iflink = READ_ONCE(peer->ifindex);
	rcu_read_unlock();
	return iflink;
}

static const struct net_device_ops vpair_netdev_ops = {
	.ndo_open	= vpair_open,
	.ndo_stop	= vpair_stop,
	.ndo_start_xmit	= vpair_xmit,
	.ndo_get_iflink	= vpair_get_iflink,
};

static void vpair_setup(struct net_device *dev)
{
	dev->type = ARPHRD_MCTP;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->mtu = VPAIR_MIN_MTU;
	dev->min_mtu = VPAIR_MIN_MTU;
	dev->max_mtu = VPAIR_MAX_MTU;
	dev->tx_queue_len = 0;
	dev->flags = IFF_NOARP | IFF_POINTOPOINT;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->lltx = true;
	dev->netdev_ops = &vpair_netdev_ops;
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_DSTATS;
	dev->needs_free_netdev = true;
}

/* ---- rtnetlink ---- */

static const struct nla_policy vpair_policy[IFLA_MCTP_VPAIR_MAX + 1] = {
	[IFLA_MCTP_VPAIR_PEER_NAME] = { .type = NLA_STRING,
					.len = IFNAMSIZ - 1 },
};

static int vpair_validate(struct nlattr *tb[], struct nlattr *data[],
			  struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS] || tb[IFLA_BROADCAST]) {
		NL_SET_ERR_MSG(extack, "MCTP vpair devices have no link-layer address");
		return -EINVAL;
	}
	if (data && data[IFLA_MCTP_VPAIR_PEER_NAME]) {
		char name[IFNAMSIZ];

		nla_strscpy(name, data[IFLA_MCTP_VPAIR_PEER_NAME], IFNAMSIZ);
		if (!dev_valid_name(name)) {
			NL_SET_ERR_MSG_ATTR(extack,
					    data[IFLA_MCTP_VPAIR_PEER_NAME],
					    "Invalid peer device name");
			return -EINVAL;
		}
	}
	return 0;
}

/* The peer's name: given, or @dev's (already resolved) name plus "p". */
static int vpair_peer_name(struct net_device *dev, struct nlattr *data[],
			   char *name, unsigned char *assign,
			   struct netlink_ext_ack *extack)
{
	if (data && data[IFLA_MCTP_VPAIR_PEER_NAME]) {
		nla_strscpy(name, data[IFLA_MCTP_VPAIR_PEER_NAME], IFNAMSIZ);
		*assign = NET_NAME_USER;
	} else {
		if (snprintf(name, IFNAMSIZ, "%sp", dev->name) >= IFNAMSIZ) {
			NL_SET_ERR_MSG(extack, "Name too long to derive the peer's; name the peer explicitly");
			return -EINVAL;
		}
		*assign = NET_NAME_PREDICTABLE;
	}

	if (!strcmp(name, dev->name) ||
	    (!strchr(name, '%') && __dev_get_by_name(dev_net(dev), name))) {
		NL_SET_ERR_MSG(extack, "Peer device name already in use");
		return -EEXIST;
	}
	return 0;
}

static void vpair_link(struct net_device *a, struct net_device *b)
{
	struct mctp_vpair *va = netdev_priv(a), *vb = netdev_priv(b);

	rcu_assign_pointer(va->peer, b);
	rcu_assign_pointer(vb->peer, a);
}

static void vpair_unlink(struct net_device *dev)
{
	struct mctp_vpair *vp = netdev_priv(dev);

	RCU_INIT_POINTER(vp->peer, NULL);
}

static int vpair_newlink(struct net *src_net, struct net_device *dev,
			 struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	struct net_device *peer;
	unsigned char assign;
	char name[IFNAMSIZ];
	int rc;

	/* resolve a "%d" template now: the peer's name may derive from it */
	if (strchr(dev->name, '%')) {
		rc = dev_alloc_name(dev, dev->name);
		if (rc < 0)
			return rc;
	}

	rc = vpair_peer_name(dev, data, name, &assign, extack);
	if (rc)
		return rc;

	/* same link parameters (MTU, queue settings) as the first end */
	peer = rtnl_create_link(dev_net(dev), name, assign,
				&mctp_vpair_link_ops, tb, extack);
	if (IS_ERR(peer))
		return PTR_ERR(peer);

	rc = register_netdevice(dev);
	if (rc)
		goto err_free_peer;

	rc = register_netdevice(peer);
	if (rc) {
		NL_SET_ERR_MSG(extack, "Cannot register the peer device");
		goto err_unregister_dev;
	}

	netif_carrier_off(dev);
	netif_carrier_off(peer);
	vpair_link(dev, peer);

	rc = rtnl_configure_link(peer, NULL, 0, NULL);
	if (rc)
		goto err_unregister_both;
	return 0;

err_unregister_both:
	vpair_unlink(dev);
	vpair_unlink(peer);
	unregister_netdevice(peer);
	unregister_netdevice(dev);
	return rc;

err_unregister_dev:
	free_netdev(peer);
	unregister_netdevice(dev);
	return rc;

err_free_peer:
	free_netdev(peer);
	return rc;
}

static void vpair_dellink(struct net_device *dev, struct list_head *head)
{
	struct net_device *peer = vpair_peer_rtnl(dev);

	/* netdevs are freed only after an RCU grace period following their
	 * unregistration, so readers of the peer pointers stay safe
	 */
	vpair_unlink(dev);
	unregister_netdevice_queue(dev, head);

	if (peer) {
		vpair_unlink(peer);
		unregister_netdevice_queue(peer, head);
	}
}

static struct net *vpair_get_link_net(const struct net_device *dev)
{
	struct mctp_vpair *vp = netdev_priv(dev);
	struct net_device *peer = rcu_dereference_rtnl(vp->peer);

	return peer ? dev_net(peer) : dev_net(dev);
}

static struct rtnl_link_ops mctp_vpair_link_ops = {
	.kind		= MCTP_VPAIR_KIND,
	.priv_size	= sizeof(struct mctp_vpair),
	.setup		= vpair_setup,
	.maxtype	= IFLA_MCTP_VPAIR_MAX,
	.policy		= vpair_policy,
	.validate	= vpair_validate,
	.newlink	= vpair_newlink,
	.dellink	= vpair_dellink,
	.get_link_net	= vpair_get_link_net,
};

static int __init mctp_vpair_init(void)
{
	return rtnl_link_register(&mctp_vpair_link_ops);
}

static void __exit mctp_vpair_exit(void)
{
	/* deletes every pair in every namespace */
	rtnl_link_unregister(&mctp_vpair_link_ops);
}

module_init(mctp_vpair_init);
module_exit(mctp_vpair_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Virtual MCTP interface pair");
MODULE_ALIAS_RTNL_LINK(MCTP_VPAIR_KIND);
