// SPDX-License-Identifier: GPL-2.0
/*
 * smbus-sim adapters: real i2c adapters attached to a simulated bus, master
 * and slave, as a controller with target mode would be.
 */
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "smbus_sim.h"

struct ssim_port {
	struct ssim_obj obj;
	struct i2c_adapter adap;
	struct ssim_ep slaves[SSIM_MAX_SLAVES];	/* client != NULL: in use */
};

static struct ssim_port *ssim_port_of(struct i2c_adapter *adap)
{
	return i2c_get_adapdata(adap);
}

static int ssim_port_xfer(struct i2c_adapter *adap, struct i2c_msg *msgs,
			  int num)
{
	struct ssim_port *port = ssim_port_of(adap);

	return ssim_wire_xfer(&port->obj, msgs, num, adap->timeout);
}

static u32 ssim_port_func(struct i2c_adapter *adap)
{
	return I2C_FUNC_I2C | I2C_FUNC_SMBUS_EMUL |
	       I2C_FUNC_SMBUS_READ_BLOCK_DATA |
	       I2C_FUNC_SMBUS_BLOCK_PROC_CALL | I2C_FUNC_SLAVE;
}

static int ssim_slave_ep_event(struct ssim_ep *ep, enum i2c_slave_event ev,
			       u8 *val)
{
	return i2c_slave_event(ep->client, ev, val);
}

static const struct ssim_ep_ops ssim_slave_ep_ops = {
	.event = ssim_slave_ep_event,
};

static int ssim_port_reg_slave(struct i2c_client *client)
{
	struct ssim_port *port = ssim_port_of(client->adapter);
	struct ssim_seg *seg = port->obj.seg;
	struct ssim_ep *free = NULL;
	int i, ret = 0;

	if (client->flags & I2C_CLIENT_TEN)
		return -EAFNOSUPPORT;
	spin_lock_bh(&seg->lock);
	for (i = 0; i < SSIM_MAX_SLAVES; i++) {
		struct ssim_ep *ep = &port->slaves[i];

		if (ep->client && ep->addr == client->addr)
			ret = -EBUSY;
		else if (!ep->client && !free)
			free = ep;
	}
	if (!ret && !free)
		ret = -EBUSY;
	if (!ret) {
		free->client = client;
		free->addr = client->addr;
		__ssim_ep_link(port->obj.bus, free);
	}
	spin_unlock_bh(&seg->lock);
	return ret;
}

static int ssim_port_unreg_slave(struct i2c_client *client)
{
	struct ssim_port *port = ssim_port_of(client->adapter);
	struct ssim_seg *seg = port->obj.seg;
	int i, ret = -ENOENT;

	spin_lock_bh(&seg->lock);
	for (i = 0; i < SSIM_MAX_SLAVES; i++) {
		struct ssim_ep *ep = &port->slaves[i];

		if (ep->client != client)
			continue;
		__ssim_ep_unlink(ep);
		ep->client = NULL;
		ret = 0;
	}
	spin_unlock_bh(&seg->lock);
	return ret;
}

static const struct i2c_algorithm ssim_port_algo = {
	.xfer = ssim_port_xfer,
	.functionality = ssim_port_func,
	.reg_slave = ssim_port_reg_slave,
	.unreg_slave = ssim_port_unreg_slave,
};

static void ssim_port_show(struct ssim_obj *obj, struct seq_file *m)
{
	struct ssim_port *port = container_of(obj, struct ssim_port, obj);
	u16 addrs[SSIM_MAX_SLAVES];
	char bus[SSIM_NAME_LEN + 4];
	int i, n = 0;

	spin_lock_bh(&obj->seg->lock);
	for (i = 0; i < SSIM_MAX_SLAVES; i++)
		if (port->slaves[i].client)
			addrs[n++] = port->slaves[i].addr;
	spin_unlock_bh(&obj->seg->lock);

	ssim_bus_name(obj->bus, bus, sizeof(bus));
	seq_printf(m, "bus=%d on=%s slaves=", port->adap.nr, bus);
	for (i = 0; i < n; i++)
		seq_printf(m, "%s0x%02x", i ? "," : "", addrs[i]);
	seq_puts(m, n ? "\n" : "-\n");
}

static void ssim_port_list(struct ssim_obj *obj, struct seq_file *m)
{
	struct ssim_port *port = container_of(obj, struct ssim_port, obj);

	seq_printf(m, "%s %d\n", obj->name, port->adap.nr);
}

static struct i2c_adapter *ssim_port_adapter(struct ssim_obj *obj,
					     const char *sub)
{
	struct ssim_port *port = container_of(obj, struct ssim_port, obj);

	return sub ? NULL : &port->adap;
}

static void ssim_port_destroy(struct ssim_obj *obj)
{
	struct ssim_port *port = container_of(obj, struct ssim_port, obj);
	int i;

	/* Unbinds every client; slaves go through ssim_port_unreg_slave(). */
	i2c_del_adapter(&port->adap);
	spin_lock_bh(&obj->seg->lock);
	for (i = 0; i < SSIM_MAX_SLAVES; i++)
		__ssim_ep_unlink(&port->slaves[i]);
	spin_unlock_bh(&obj->seg->lock);
	kfree(port);
}

static const struct ssim_obj_ops ssim_port_ops = {
	.kind = "adapter",
	.show = ssim_port_show,
	.list_adapters = ssim_port_list,
	.adapter = ssim_port_adapter,
	.destroy = ssim_port_destroy,
};

int ssim_adapter_create(struct ssim_seg *seg, const char *name,
			struct ssim_bus *bus, struct ssim_obj *depends)
{
	struct ssim_port *port;
	int i, ret;

	ret = ssim_obj_check(seg, name);
	if (ret)
		return ret;
	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return -ENOMEM;
	/* Slaves may register as soon as the adapter exists. */
	port->obj.seg = seg;
	port->obj.bus = bus;
	for (i = 0; i < SSIM_MAX_SLAVES; i++) {
		port->slaves[i].obj = &port->obj;
		port->slaves[i].ops = &ssim_slave_ep_ops;
	}
	port->adap.owner = THIS_MODULE;
	port->adap.algo = &ssim_port_algo;
	port->adap.dev.parent = ssim_parent_dev;
	port->adap.timeout = ssim_seg_timeout(seg);
	snprintf(port->adap.name, sizeof(port->adap.name), "smbus-sim %s/%s",
		 seg->name, name);
	i2c_set_adapdata(&port->adap, port);
	ret = i2c_add_adapter(&port->adap);
	if (ret) {
		kfree(port);
		return ret;
	}
	ssim_obj_add(seg, &port->obj, name, &ssim_port_ops, bus, depends);
	return 0;
}

/* Apply SEG/timeout_ms to every adapter of the segment. */
void ssim_adapters_set_timeout(struct ssim_seg *seg)
{
	struct ssim_port *port;
	struct ssim_obj *obj;

	lockdep_assert_held(&ssim_cfg_lock);
	list_for_each_entry(obj, &seg->objs, node) {
		if (obj->ops != &ssim_port_ops)
			continue;
		port = container_of(obj, struct ssim_port, obj);
		WRITE_ONCE(port->adap.timeout, ssim_seg_timeout(seg));
	}
}
