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
static int mi2c_header_create(struct sk_buff *skb, struct net_device *dev,
			      unsigned short type, const void *daddr,
			      const void *saddr, unsigned int len)
{
	unsigned int plen = skb->len;
	struct mi2c_hdr *hdr;
	u8 dst, src;

	if (!daddr)
		return -EINVAL;
	dst = *(const u8 *)daddr;
	src = saddr ? *(const u8 *)saddr : dev->dev_addr[0];
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
			     const struct net_device *dev,
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

static int mi2c_ndo_open(struct net_device *dev)
{
	netif_start_queue(dev);
	return 0;
}

/* Down: drop what is queued and let go of any held bus. */
static int mi2c_ndo_stop(struct net_device *dev)
{
	struct mi2c_dev *mdev = netdev_priv(dev);

	netif_stop_queue(dev);
	mi2c_tx_purge(mdev);
	mi2c_flow_flush(mdev);
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

static void mi2c_setup(struct net_device *dev)
{
	dev->type = ARPHRD_MCTP;
	dev->flags = IFF_NOARP;
	dev->mtu = MI2C_MIN_MTU;
	dev->min_mtu = MI2C_MIN_MTU;
	dev->max_mtu = MI2C_MAX_MTU;
	dev->hard_header_len = MI2C_HDR_LEN;
	dev->needed_tailroom = 1;	/* PEC */
	dev->addr_len = 1;
	dev->tx_queue_len = MI2C_TX_QUEUE_LEN;
	dev->netdev_ops = &mi2c_netdev_ops;
	dev->header_ops = &mi2c_header_ops;
}

static void mi2c_dev_init(struct mi2c_dev *mdev, struct net_device *dev,
			  struct mi2c_client *mcli, struct i2c_adapter *adap)
{
	int i;

	mdev->dev = dev;
	mdev->mcli = mcli;
	mdev->adap = adap;
	mdev->is_channel = adap != mcli->client->adapter;
	INIT_LIST_HEAD(&mdev->node);
	skb_queue_head_init(&mdev->txq);
	init_waitqueue_head(&mdev->wq);
	spin_lock_init(&mdev->flow_lock);
	mdev->hold_ms = mi2c_default_hold_ms();
	for (i = 0; i < MI2C_NR_COUNTERS; i++)
		atomic_long_set(&mdev->counters[i], 0);
}

static struct mi2c_dev *mi2c_dev_find(struct mi2c_client *mcli,
				      struct i2c_adapter *adap)
{
	struct mi2c_dev *mdev;

	list_for_each_entry(mdev, &mcli->devs, node)
		if (mdev->adap == adap)
			return mdev;
	return NULL;
}

static void mi2c_dev_publish(struct mi2c_dev *mdev)
{
	struct mi2c_client *mcli = mdev->mcli;

	if (mdev->is_channel)
		list_add_tail_rcu(&mdev->node, &mcli->devs);
	else
		list_add_rcu(&mdev->node, &mcli->devs);
	if (!mdev->is_channel)
		rcu_assign_pointer(mcli->root, mdev);
}

/*
 * Create, start and register the netdev of @adap in @net. Caller holds
 * mi2c_lock. An adapter that already has one is left alone.
 */
int mi2c_dev_create(struct mi2c_client *mcli, struct i2c_adapter *adap,
		    struct net *net)
{
	struct net_device *dev;
	struct mi2c_dev *mdev;
	char name[IFNAMSIZ];
	int rc;

	lockdep_assert_held(&mi2c_lock);
	if (mi2c_dev_find(mcli, adap))
		return 0;

	snprintf(name, sizeof(name), "mctpi2c%d", i2c_adapter_id(adap));
	dev = alloc_netdev(sizeof(*mdev), name, NET_NAME_ENUM, mi2c_setup);
	if (!dev)
		return -ENOMEM;
	dev_net_set(dev, net);
	SET_NETDEV_DEV(dev, &adap->dev);
	dev_addr_set(dev, &mcli->addr);
	dev->sysfs_groups[0] = &mi2c_attr_group;

	mdev = netdev_priv(dev);
	mi2c_dev_init(mdev, dev, mcli, adap);
	get_device(&adap->dev);

	mdev->worker = kthread_run(mi2c_worker, mdev, "%s-tx", name);
	if (IS_ERR(mdev->worker)) {
		rc = PTR_ERR(mdev->worker);
		goto err_free;
	}

	rc = mctp_netdev_register(dev, &mi2c_binding_ops,
				  MCTP_PHYS_BINDING_SMBUS);
	if (rc) {
		dev_err(&adap->dev, "registering %s failed: %d\n", name, rc);
		goto err_worker;
	}
	mi2c_dev_publish(mdev);
	return 0;

err_worker:
	kthread_stop(mdev->worker);
err_free:
	put_device(&adap->dev);
	free_netdev(dev);
	return rc;
}

/*
 * Stop transmitting without waiting: nothing new is queued, what is
 * queued is dropped and the flows end, so the worker lets go of the bus.
 */
void mi2c_dev_quiesce(struct mi2c_dev *mdev)
{
	spin_lock_bh(&mdev->txq.lock);
	mdev->dying = true;
	spin_unlock_bh(&mdev->txq.lock);
	mi2c_tx_purge(mdev);
	mi2c_flow_flush(mdev);
}

/* Quiesce and end the worker. Caller holds mi2c_lock. */
void mi2c_dev_stop(struct mi2c_dev *mdev)
{
	lockdep_assert_held(&mi2c_lock);
	if (!mdev->worker)
		return;
	mi2c_dev_quiesce(mdev);
	kthread_stop(mdev->worker);
	mdev->worker = NULL;
	mi2c_tx_purge(mdev);
}

/*
 * Stop, unpublish, unregister and free one netdev. Caller holds
 * mi2c_lock.
 */
void mi2c_dev_destroy(struct mi2c_dev *mdev)
{
	struct net_device *dev = mdev->dev;
	struct i2c_adapter *adap = mdev->adap;

	mi2c_dev_stop(mdev);

	list_del_rcu(&mdev->node);
	mi2c_mux_forget(mdev);
	synchronize_rcu();

	mctp_netdev_unregister(dev);
	mi2c_tx_purge(mdev);
	free_netdev(dev);
	put_device(&adap->dev);
}
