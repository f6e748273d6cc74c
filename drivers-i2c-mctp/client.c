// SPDX-License-Identifier: GPL-2.0
/*
 * The bound i2c client: our own slave address on a root adapter. Probe
 * registers the slave callback and creates one netdev for the root
 * adapter and one per mux channel below it; remove undoes all of it.
 */

#include <linux/i2c.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/nsproxy.h>
#include <linux/slab.h>
#include <net/net_namespace.h>

#include "i2c-mctp.h"

static LIST_HEAD(mi2c_clients);	/* mi2c_lock */

/* Caller holds mi2c_lock. */
struct mi2c_client *mi2c_client_find(struct i2c_adapter *root)
{
	struct mi2c_client *mcli;

	list_for_each_entry(mcli, &mi2c_clients, node)
		if (mcli->client->adapter == root)
			return mcli;
	return NULL;
}

static int mi2c_client_check(struct i2c_client *client)
{
	struct i2c_adapter *adap = client->adapter;

	if (client->flags & I2C_CLIENT_TEN) {
		dev_err(&client->dev, "MCTP over SMBus needs a 7-bit address\n");
		return -EINVAL;
	}
	if (mi2c_root_adapter(adap) != adap) {
		dev_err(&client->dev,
			"bind to the root adapter of the mux tree, not to a mux channel\n");
		return -EINVAL;
	}
	if (!i2c_check_functionality(adap, I2C_FUNC_I2C)) {
		dev_err(&client->dev, "adapter cannot do plain i2c writes\n");
		return -EOPNOTSUPP;
	}
	if (!(client->flags & I2C_CLIENT_SLAVE))
		dev_warn(&client->dev,
			 "address 0x%02x not marked as own (I2C_OWN_SLAVE_ADDRESS)\n",
			 client->addr);
	return 0;
}

static struct mi2c_client *mi2c_client_alloc(struct i2c_client *client)
{
	struct mi2c_client *mcli;

	mcli = kzalloc(sizeof(*mcli), GFP_KERNEL);
	if (!mcli)
		return NULL;
	mcli->client = client;
	mcli->addr = client->addr & 0x7f;
	INIT_LIST_HEAD(&mcli->devs);
	spin_lock_init(&mcli->sel_lock);
	mi2c_rx_init(mcli);
	return mcli;
}

/*
 * Stop every worker of @mcli, so that no bus hold is left: unregistering
 * the slave takes the bus lock. All let go of the bus first, so that no
 * worker waits for the bus held by another. Caller holds mi2c_lock.
 */
static void mi2c_client_stop_devs(struct mi2c_client *mcli)
{
	struct mi2c_dev *mdev;

	list_for_each_entry(mdev, &mcli->devs, node)
		mi2c_dev_quiesce(mdev);
	list_for_each_entry(mdev, &mcli->devs, node)
		mi2c_dev_stop(mdev);
}

/* Remove every netdev of @mcli. Caller holds mi2c_lock. */
static void mi2c_client_remove_devs(struct mi2c_client *mcli)
{
	struct mi2c_dev *mdev, *tmp;

	/* channels first, the root netdev last */
	list_for_each_entry_safe_reverse(mdev, tmp, &mcli->devs, node)
		mi2c_dev_destroy(mdev);
}

static int mi2c_probe(struct i2c_client *client)
{
	struct net *net = current->nsproxy->net_ns;
	struct mi2c_client *mcli;
	int rc;

	rc = mi2c_client_check(client);
	if (rc)
		return rc;

	mutex_lock(&mi2c_lock);
	if (mi2c_client_find(client->adapter)) {
		dev_err(&client->dev, "adapter already has an MCTP client\n");
		rc = -EBUSY;
		goto out_unlock;
	}
	mcli = mi2c_client_alloc(client);
	if (!mcli) {
		rc = -ENOMEM;
		goto out_unlock;
	}
	i2c_set_clientdata(client, mcli);

	rc = mi2c_dev_create(mcli, client->adapter, net);
	if (rc)
		goto err_free;
	rc = mi2c_mux_attach_all(mcli, net);
	if (rc)
		goto err_devs;
	if (mi2c_ipmb_enabled()) {
		rc = mi2c_ipmb_create(mcli);
		if (rc)
			goto err_devs;
	}
	rc = i2c_slave_register(client, mi2c_slave_cb);
	if (rc) {
		dev_err(&client->dev, "slave registration failed: %d\n", rc);
		goto err_ipmb;
	}
	list_add(&mcli->node, &mi2c_clients);
	mutex_unlock(&mi2c_lock);
	return 0;

err_ipmb:
	mi2c_ipmb_destroy(mcli);
err_devs:
	mi2c_client_remove_devs(mcli);
err_free:
	kfree(mcli);
	i2c_set_clientdata(client, NULL);
out_unlock:
	mutex_unlock(&mi2c_lock);
	return rc;
}

static void mi2c_remove(struct i2c_client *client)
{
	struct mi2c_client *mcli = i2c_get_clientdata(client);
	int rc;

	mutex_lock(&mi2c_lock);
	list_del(&mcli->node);
	mi2c_client_stop_devs(mcli);

	/* no receive callbacks after this */
	rc = i2c_slave_unregister(client);
	if (!rc)
		mi2c_rx_stop(mcli);
	mi2c_ipmb_destroy(mcli);
	mi2c_client_remove_devs(mcli);
	mutex_unlock(&mi2c_lock);

	if (rc) {
		/* the adapter may still call us: keep the memory */
		dev_err(&client->dev, "slave unregistration failed: %d\n", rc);
		return;
	}
	kfree(mcli);
}

static const struct i2c_device_id mi2c_id[] = {
	{ MI2C_DRV_NAME },
	{}
};
MODULE_DEVICE_TABLE(i2c, mi2c_id);

static const struct of_device_id mi2c_of_match[] = {
	{ .compatible = "mctp-stack,smbus" },
	{}
};
MODULE_DEVICE_TABLE(of, mi2c_of_match);

struct i2c_driver mi2c_driver = {
	.driver = {
		.name		= MI2C_DRV_NAME,
		.of_match_table	= mi2c_of_match,
	},
	.probe		= mi2c_probe,
	.remove		= mi2c_remove,
	.id_table	= mi2c_id,
};
