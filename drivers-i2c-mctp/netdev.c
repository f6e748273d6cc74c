// SPDX-License-Identifier: GPL-2.0
/*
 * One MCTP netdev per bus (root adapter or mux channel): setup, netdev
 * and header ops, creation and removal.
 */

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/kthread.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "i2c-mctp.h"
#include <uapi/linux/mctp-ext.h>

/* Build the DSP0237 header in front of the MCTP packet at skb->data. */
static int mi2c_header_create(struct sk_buff *skb, struct net_device *ndev,
			      unsigned short type, const void *daddr,
			      const void *saddr, unsigned int len)
{
	unsigned int plen = skb->len;
	struct mi2c_hdr *hdr;
	u8 dst, src;

	if (!daddr)
		return -EINVAL;
	dst = *(const u8 *)daddr;
	src = saddr ? *(const u8 *)saddr : ndev->dev_addr[0];
	if (dst >= MI2C_NADDR || src >= MI2C_NADDR)
		return -EINVAL;
	if (plen < MI2C_MCTP_HDR_LEN || plen > MI2C_MAX_MTU)
		return -EMSGSIZE;
	if (skb_cow_head(skb, MI2C_HDR_LEN))
		return -ENOMEM;

	hdr = skb_push(skb, MI2C_HDR_LEN);
	skb_reset_mac_header(skb);
	hdr->dest = dst << 1;
	hdr->cmd = MI2C_CMD_MCTP;
	hdr->count = mi2c_count_for(plen);
	hdr->src = (src << 1) | 1;
	return MI2C_HDR_LEN;
}

/* Source hardware address of a received frame (packet sockets). */
static int mi2c_header_parse(const struct sk_buff *skb,
			     const struct net_device *ndev,
			     unsigned char *haddr)
{
	const struct mi2c_hdr *hdr = (const void *)skb_mac_header(skb);

	if (!skb_mac_header_was_set(skb) ||
	    skb_network_header(skb) - skb_mac_header(skb) < MI2C_HDR_LEN)
		return 0;
	haddr[0] = mi2c_addr_of(hdr->src);
	return 1;
}

static const struct header_ops mi2c_header_ops = {
	.create	= mi2c_header_create,
	.parse	= mi2c_header_parse,
};

static int mi2c_ndo_open(struct net_device *ndev)
{
	netif_start_queue(ndev);
	return 0;
}

/* Down: drop what is queued and let go of any held bus. */
static int mi2c_ndo_stop(struct net_device *ndev)
{
	struct mi2c_dev *dev = netdev_priv(ndev);

	netif_stop_queue(ndev);
	mi2c_tx_purge(dev);
	mi2c_flow_flush(dev);
	return 0;
}

static const struct net_device_ops mi2c_netdev_ops = {
	.ndo_open	= mi2c_ndo_open,
	.ndo_stop	= mi2c_ndo_stop,
	.ndo_start_xmit	= mi2c_start_xmit,
};

static const struct mctp_binding_ops mi2c_binding_ops = {
	.release_flow	= mi2c_release_flow,
};

static void mi2c_setup(struct net_device *ndev)
{
	ndev->type = ARPHRD_MCTP;
	ndev->flags = IFF_NOARP;
	ndev->mtu = MI2C_MIN_MTU;
	ndev->min_mtu = MI2C_MIN_MTU;
	ndev->max_mtu = MI2C_MAX_MTU;
	ndev->hard_header_len = MI2C_HDR_LEN;
	ndev->needed_tailroom = 1;	/* PEC */
	ndev->addr_len = 1;
	ndev->tx_queue_len = MI2C_TX_QUEUE_LEN;
	ndev->netdev_ops = &mi2c_netdev_ops;
	ndev->header_ops = &mi2c_header_ops;
}

static void mi2c_dev_init(struct mi2c_dev *dev, struct net_device *ndev,
			  struct mi2c_client *mcli, struct i2c_adapter *adap)
{
	int i;

	dev->ndev = ndev;
	dev->mcli = mcli;
	dev->adap = adap;
	dev->is_channel = adap != mcli->client->adapter;
	INIT_LIST_HEAD(&dev->node);
	skb_queue_head_init(&dev->txq);
	init_waitqueue_head(&dev->wq);
	spin_lock_init(&dev->flow_lock);
	dev->hold_ms = mi2c_default_hold_ms();
	for (i = 0; i < MI2C_NR_COUNTERS; i++)
		atomic_long_set(&dev->counters[i], 0);
}

static struct mi2c_dev *mi2c_dev_find(struct mi2c_client *mcli,
				      struct i2c_adapter *adap)
{
	struct mi2c_dev *dev;

	list_for_each_entry(dev, &mcli->devs, node)
		if (dev->adap == adap)
			return dev;
	return NULL;
}

static void mi2c_dev_publish(struct mi2c_dev *dev)
{
	struct mi2c_client *mcli = dev->mcli;

	if (dev->is_channel)
		list_add_tail_rcu(&dev->node, &mcli->devs);
	else
		list_add_rcu(&dev->node, &mcli->devs);
	if (!dev->is_channel)
		rcu_assign_pointer(mcli->root, dev);
}

/*
 * Create, start and register the netdev of @adap in @net. Caller holds
 * mi2c_lock. An adapter that already has one is left alone.
 */
int mi2c_dev_create(struct mi2c_client *mcli, struct i2c_adapter *adap,
		    struct net *net)
{
	struct net_device *ndev;
	struct mi2c_dev *dev;
	char name[IFNAMSIZ];
	int rc;

	lockdep_assert_held(&mi2c_lock);
	if (mi2c_dev_find(mcli, adap))
		return 0;

	snprintf(name, sizeof(name), "mctpi2c%d", i2c_adapter_id(adap));
	ndev = alloc_netdev(sizeof(*dev), name, NET_NAME_ENUM, mi2c_setup);
	if (!ndev)
		return -ENOMEM;
	dev_net_set(ndev, net);
	SET_NETDEV_DEV(ndev, &adap->dev);
	dev_addr_set(ndev, &mcli->addr);
	ndev->sysfs_groups[0] = &mi2c_attr_group;

	dev = netdev_priv(ndev);
	mi2c_dev_init(dev, ndev, mcli, adap);
	get_device(&adap->dev);

	dev->worker = kthread_run(mi2c_worker, dev, "%s-tx", name);
	if (IS_ERR(dev->worker)) {
		rc = PTR_ERR(dev->worker);
		goto err_free;
	}

	rc = mctp_netdev_register(ndev, &mi2c_binding_ops,
				  MCTP_PHYS_BINDING_SMBUS);
	if (rc) {
		dev_err(&adap->dev, "registering %s failed: %d\n", name, rc);
		goto err_worker;
	}
	mi2c_dev_publish(dev);
	return 0;

err_worker:
	kthread_stop(dev->worker);
err_free:
	put_device(&adap->dev);
	free_netdev(ndev);
	return rc;
}

/*
 * Stop transmitting without waiting: nothing new is queued, what is
 * queued is dropped and the flows end, so the worker lets go of the bus.
 */
void mi2c_dev_quiesce(struct mi2c_dev *dev)
{
	spin_lock_bh(&dev->txq.lock);
	dev->dying = true;
	spin_unlock_bh(&dev->txq.lock);
	mi2c_tx_purge(dev);
	mi2c_flow_flush(dev);
}

/* Quiesce and end the worker. Caller holds mi2c_lock. */
void mi2c_dev_stop(struct mi2c_dev *dev)
{
	lockdep_assert_held(&mi2c_lock);
	if (!dev->worker)
		return;
	mi2c_dev_quiesce(dev);
	kthread_stop(dev->worker);
	dev->worker = NULL;
	mi2c_tx_purge(dev);
}

/*
 * Stop, unpublish, unregister and free one netdev. Caller holds
 * mi2c_lock.
 */
void mi2c_dev_destroy(struct mi2c_dev *dev)
{
	struct net_device *ndev = dev->ndev;
	struct i2c_adapter *adap = dev->adap;

	mi2c_dev_stop(dev);

	list_del_rcu(&dev->node);
	mi2c_mux_forget(dev);
	synchronize_rcu();

	mctp_netdev_unregister(ndev);
	mi2c_tx_purge(dev);
	free_netdev(ndev);
	put_device(&adap->dev);
}
