// SPDX-License-Identifier: GPL-2.0
/*
 * Mux trees. Our slave address lives on the root adapter, but every mux
 * channel below it is a bus of its own with its own netdev. This file
 * finds the channel adapters (at probe and as they come and go) and
 * decides which netdev a frame received on the root slave is credited to.
 *
 * Crediting: a device behind a mux channel can only reach us while its
 * channel is selected, and the channel stays selected while we hold the
 * bus for a flow on it. So a frame goes to
 *   1. the netdev we last sent to its source address on (the address
 *      hint), unless that is another channel of the mux while a channel
 *      holds the bus for a flow: then the holding channel;
 *   2. with no hint, the channel holding the bus, else the channel we
 *      last sent on (the one the mux still selects), else the root.
 * Channels with the same parent adapter count as one mux.
 */

#include <linux/device.h>
#include <linux/i2c.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <net/net_namespace.h>

#include "i2c-mctp.h"

struct i2c_adapter *mi2c_root_adapter(struct i2c_adapter *adap)
{
	struct i2c_adapter *parent;

	while ((parent = i2c_parent_is_i2c_adapter(adap)))
		adap = parent;
	return adap;
}

/* ---- finding channel adapters ---- */

struct mi2c_found {
	struct list_head	node;
	struct i2c_adapter	*adap;	/* holds a device reference */
};

struct mi2c_walk {
	struct i2c_adapter	*root;
	struct list_head	found;
};

static int mi2c_walk_one(struct device *d, void *data)
{
	struct i2c_adapter *adap = i2c_verify_adapter(d);
	struct mi2c_walk *w = data;
	struct mi2c_found *f;

	if (!adap || adap == w->root || mi2c_root_adapter(adap) != w->root)
		return 0;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	get_device(&adap->dev);
	f->adap = adap;
	list_add_tail(&f->node, &w->found);
	return 0;
}

/*
 * Create a netdev for every mux channel below the client's root adapter.
 * The adapters are collected first, so that no netdev is registered
 * under the i2c core's own lock. Caller holds mi2c_lock.
 */
int mi2c_mux_attach_all(struct mi2c_client *mcli, struct net *net)
{
	struct mi2c_walk w = { .root = mcli->client->adapter };
	struct mi2c_found *f, *tmp;
	int rc, err;

	INIT_LIST_HEAD(&w.found);
	rc = i2c_for_each_dev(&w, mi2c_walk_one);

	list_for_each_entry_safe(f, tmp, &w.found, node) {
		if (!rc) {
			err = mi2c_dev_create(mcli, f->adap, net);
			if (err)
				dev_warn(&f->adap->dev,
					 "no MCTP interface for this channel: %d\n",
					 err);
		}
		list_del(&f->node);
		put_device(&f->adap->dev);
		kfree(f);
	}
	return rc;
}

/* The namespace new channel netdevs go to: the root netdev's. */
static struct net *mi2c_client_net(struct mi2c_client *mcli)
{
	struct mi2c_dev *root;
	struct net *net = NULL;

	rcu_read_lock();
	root = rcu_dereference(mcli->root);
	if (root)
		net = maybe_get_net(dev_net(root->dev));
	rcu_read_unlock();
	return net ?: get_net(&init_net);
}

/* Bus notifier: an adapter appeared; it may be a channel of ours. */
void mi2c_mux_adapter_added(struct i2c_adapter *adap)
{
	struct i2c_adapter *root = mi2c_root_adapter(adap);
	struct mi2c_client *mcli;
	struct net *net;
	int rc;

	if (root == adap)
		return;
	mutex_lock(&mi2c_lock);
	mcli = mi2c_client_find(root);
	if (mcli) {
		net = mi2c_client_net(mcli);
		rc = mi2c_dev_create(mcli, adap, net);
		put_net(net);
		if (rc)
			dev_warn(&adap->dev,
				 "no MCTP interface for this channel: %d\n", rc);
	}
	mutex_unlock(&mi2c_lock);
}

/* Bus notifier: an adapter is going; drop its netdev if it has one. */
void mi2c_mux_adapter_removed(struct i2c_adapter *adap)
{
	struct mi2c_client *mcli;
	struct mi2c_dev *mdev;

	mutex_lock(&mi2c_lock);
	mcli = mi2c_client_find(mi2c_root_adapter(adap));
	if (mcli) {
		list_for_each_entry(mdev, &mcli->devs, node) {
			if (mdev->adap == adap) {
				mi2c_dev_destroy(mdev);
				break;
			}
		}
	}
	mutex_unlock(&mi2c_lock);
}

/* ---- crediting received frames ---- */

static bool mi2c_same_mux(struct mi2c_dev *a, struct mi2c_dev *b)
{
	return a->is_channel && b->is_channel &&
	       a->adap->dev.parent == b->adap->dev.parent;
}

/* Caller holds rcu_read_lock. */
struct mi2c_dev *mi2c_rx_dev(struct mi2c_client *mcli, u8 addr,
			     bool addr_valid)
{
	struct mi2c_dev *held = rcu_dereference(mcli->held);
	struct mi2c_dev *mdev = NULL;

	if (addr_valid)
		mdev = rcu_dereference(mcli->hint[addr]);
	if (mdev && held && mdev != held && mi2c_same_mux(mdev, held))
		mdev = held;
	if (!mdev)
		mdev = held;
	if (!mdev)
		mdev = rcu_dereference(mcli->sel);
	if (!mdev)
		mdev = rcu_dereference(mcli->root);
	return mdev;
}

/* Worker: about to send to @addr on @mdev. */
void mi2c_mux_tx_note(struct mi2c_dev *mdev, u8 addr)
{
	struct mi2c_client *mcli = mdev->mcli;
	unsigned long flags;

	if (rcu_access_pointer(mcli->hint[addr]) != mdev)
		rcu_assign_pointer(mcli->hint[addr], mdev);
	if (!mdev->is_channel || rcu_access_pointer(mcli->sel) == mdev)
		return;
	spin_lock_irqsave(&mcli->sel_lock, flags);
	rcu_assign_pointer(mcli->sel, mdev);
	spin_unlock_irqrestore(&mcli->sel_lock, flags);
}

/* Worker: @mdev starts or stops holding the bus for flows. */
void mi2c_mux_set_held(struct mi2c_dev *mdev, bool held)
{
	struct mi2c_client *mcli = mdev->mcli;
	unsigned long flags;

	if (!mdev->is_channel)
		return;
	spin_lock_irqsave(&mcli->sel_lock, flags);
	if (held)
		rcu_assign_pointer(mcli->held, mdev);
	else if (rcu_access_pointer(mcli->held) == mdev)
		RCU_INIT_POINTER(mcli->held, NULL);
	spin_unlock_irqrestore(&mcli->sel_lock, flags);
}

/*
 * @mdev is going (its worker has stopped): clear every pointer to it. The
 * caller waits for an RCU grace period before freeing it.
 */
void mi2c_mux_forget(struct mi2c_dev *mdev)
{
	struct mi2c_client *mcli = mdev->mcli;
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&mcli->sel_lock, flags);
	for (i = 0; i < MI2C_NADDR; i++)
		if (rcu_access_pointer(mcli->hint[i]) == mdev)
			RCU_INIT_POINTER(mcli->hint[i], NULL);
	if (rcu_access_pointer(mcli->sel) == mdev)
		RCU_INIT_POINTER(mcli->sel, NULL);
	if (rcu_access_pointer(mcli->held) == mdev)
		RCU_INIT_POINTER(mcli->held, NULL);
	if (rcu_access_pointer(mcli->root) == mdev)
		RCU_INIT_POINTER(mcli->root, NULL);
	spin_unlock_irqrestore(&mcli->sel_lock, flags);
}
