// SPDX-License-Identifier: GPL-2.0
/*
 * smbus-sim muxes: a PCA954x-like switch on the kernel's i2c-mux core. The
 * control register (bit K connects channel K) sits on the wire at the mux
 * address; selecting a channel is a real 1-byte write from the parent.
 */
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/i2c-mux.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "smbus_sim.h"

static struct ssim_mux *ssim_mux_of(struct i2c_mux_core *muxc)
{
	return *(struct ssim_mux **)i2c_mux_priv(muxc);
}

/* Set the register through the wire, as a driver would; parent locked. */
static int ssim_mux_write(struct ssim_mux *mux, u8 mask, bool select)
{
	struct ssim_seg *seg = mux->obj.seg;
	struct i2c_msg msg = {
		.addr = mux->ep.addr, .flags = 0, .len = 1, .buf = &mask,
	};
	bool fail, same;
	int ret;

	spin_lock_bh(&seg->lock);
	fail = select && ssim_fault_mux(seg, mux->ep.addr);
	if (fail)
		seg->stats.mux_fail++;
	same = mux->mask == mask;
	spin_unlock_bh(&seg->lock);
	if (fail)
		return -EIO;
	if (same)
		return 0;
	ret = __i2c_transfer(mux->parent, &msg, 1);
	if (ret == 1)
		return 0;
	return ret < 0 ? ret : -EIO;
}

static void ssim_mux_count(struct ssim_mux *mux, u64 *counter)
{

	spin_lock_bh(&mux->obj.seg->lock);
	(*counter)++;
	spin_unlock_bh(&mux->obj.seg->lock);
}

static int ssim_mux_select(struct i2c_mux_core *muxc, u32 chan)
{
	struct ssim_mux *mux = ssim_mux_of(muxc);
	int ret = ssim_mux_write(mux, BIT(chan), true);

	ssim_mux_count(mux, ret ? &mux->select_errors : &mux->selects);
	return ret;
}

static int ssim_mux_deselect(struct i2c_mux_core *muxc, u32 chan)
{
	struct ssim_mux *mux = ssim_mux_of(muxc);
	u8 mask = mux->idle == SSIM_IDLE_DISCONNECT ? 0 : BIT(mux->idle);

	ssim_mux_count(mux, &mux->deselects);
	return ssim_mux_write(mux, mask, false);
}

/* The control register on the wire; seg->lock held. */
static int ssim_mux_reg_event(struct ssim_ep *ep, enum i2c_slave_event ev,
			      u8 *val)
{
	struct ssim_mux *mux = container_of(ep, struct ssim_mux, ep);

	switch (ev) {
	case I2C_SLAVE_WRITE_RECEIVED:
		mux->mask = *val & (BIT(mux->nchan) - 1);
		break;
	case I2C_SLAVE_READ_REQUESTED:
	case I2C_SLAVE_READ_PROCESSED:
		*val = mux->mask;
		break;
	default:
		break;
	}
	return 0;
}

static const struct ssim_ep_ops ssim_mux_ep_ops = {
	.event = ssim_mux_reg_event,
};

static void ssim_mux_idle_name(const struct ssim_mux *mux, char *buf,
			       size_t len)
{
	if (mux->idle == SSIM_IDLE_AS_IS)
		strscpy(buf, "as-is", len);
	else if (mux->idle == SSIM_IDLE_DISCONNECT)
		strscpy(buf, "disconnect", len);
	else
		snprintf(buf, len, "%d", mux->idle);
}

static void ssim_mux_show(struct ssim_obj *obj, struct seq_file *m)
{
	struct ssim_mux *mux = container_of(obj, struct ssim_mux, obj);
	char bus[SSIM_NAME_LEN + 4], idle[16];
	unsigned int k;

	ssim_bus_name(obj->bus, bus, sizeof(bus));
	ssim_mux_idle_name(mux, idle, sizeof(idle));
	seq_printf(m, "parent=%s on=%s addr=0x%02x channels=%u idle=%s selected=0x%02x\n",
		   mux->parent_name, bus, mux->ep.addr, mux->nchan, idle,
		   READ_ONCE(mux->mask));
	for (k = 0; k < mux->nchan; k++)
		seq_printf(m, "%s.%u channel bus=%d\n", obj->name, k,
			   mux->chan[k].adap->nr);
}

static void ssim_mux_list(struct ssim_obj *obj, struct seq_file *m)
{
	struct ssim_mux *mux = container_of(obj, struct ssim_mux, obj);
	unsigned int k;

	for (k = 0; k < mux->nchan; k++)
		seq_printf(m, "%s.%u %d\n", obj->name, k,
			   mux->chan[k].adap->nr);
}

static int ssim_mux_chan(struct ssim_mux *mux, const char *sub)
{
	unsigned int k;

	if (!sub || kstrtouint(sub, 10, &k) || k >= mux->nchan)
		return -EINVAL;
	return k;
}

static struct i2c_adapter *ssim_mux_adapter(struct ssim_obj *obj,
					    const char *sub)
{
	struct ssim_mux *mux = container_of(obj, struct ssim_mux, obj);
	int k = ssim_mux_chan(mux, sub);

	return k < 0 ? NULL : mux->chan[k].adap;
}

static struct ssim_bus *ssim_mux_child_bus(struct ssim_obj *obj,
					   const char *sub)
{
	struct ssim_mux *mux = container_of(obj, struct ssim_mux, obj);
	int k = ssim_mux_chan(mux, sub);

	return k < 0 ? NULL : &mux->chan[k].bus;
}

static void ssim_mux_unlink(struct ssim_mux *mux)
{

	spin_lock_bh(&mux->obj.seg->lock);
	__ssim_ep_unlink(&mux->ep);
	list_del(&mux->node);
	spin_unlock_bh(&mux->obj.seg->lock);
}

static void ssim_mux_destroy(struct ssim_obj *obj)
{
	struct ssim_mux *mux = container_of(obj, struct ssim_mux, obj);

	i2c_mux_del_adapters(mux->muxc);
	ssim_mux_unlink(mux);
	/* Frees muxc too: the i2c-mux core allocated it as a devres. */
	device_unregister(mux->dev);
	kfree(mux);
}

static const struct ssim_obj_ops ssim_mux_ops = {
	.kind = "mux",
	.show = ssim_mux_show,
	.list_adapters = ssim_mux_list,
	.adapter = ssim_mux_adapter,
	.child_bus = ssim_mux_child_bus,
	.destroy = ssim_mux_destroy,
};

static void ssim_mux_dev_release(struct device *dev)
{
	kfree(dev);
}

/* The device the i2c-mux core hangs its channel links on. */
static struct device *ssim_mux_dev_create(struct ssim_seg *seg,
					  const char *name)
{
	struct device *dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	int ret;

	if (!dev)
		return ERR_PTR(-ENOMEM);
	device_initialize(dev);
	dev->parent = ssim_parent_dev;
	dev->release = ssim_mux_dev_release;
	ret = dev_set_name(dev, "%s:%s", seg->name, name);
	if (!ret)
		ret = device_add(dev);
	if (ret) {
		put_device(dev);
		return ERR_PTR(ret);
	}
	return dev;
}

static int ssim_mux_add_channels(struct ssim_mux *mux)
{
	unsigned int k;
	int ret;

	for (k = 0; k < mux->nchan; k++) {
		ret = i2c_mux_add_adapter(mux->muxc, 0, k);
		if (ret)
			return ret;
		mux->chan[k].adap = mux->muxc->adapter[k];
	}
	return 0;
}

static struct ssim_mux *ssim_mux_alloc(struct ssim_seg *seg,
				       struct ssim_bus *bus, u16 addr,
				       unsigned int nchan, int idle)
{
	struct ssim_mux *mux = kzalloc(sizeof(*mux), GFP_KERNEL);
	unsigned int k;

	if (!mux)
		return NULL;
	mux->obj.seg = seg;
	mux->obj.bus = bus;
	mux->ep.obj = &mux->obj;
	mux->ep.ops = &ssim_mux_ep_ops;
	mux->ep.addr = addr;
	mux->nchan = nchan;
	mux->idle = idle;
	for (k = 0; k < nchan; k++)
		ssim_bus_init(&mux->chan[k].bus, seg, mux, k);
	return mux;
}

static int ssim_mux_counters_show(struct seq_file *m, void *unused)
{
	struct ssim_mux *mux = m->private;
	u64 sel, desel, err;
	u8 mask;

	spin_lock_bh(&mux->obj.seg->lock);
	sel = mux->selects;
	desel = mux->deselects;
	err = mux->select_errors;
	mask = mux->mask;
	spin_unlock_bh(&mux->obj.seg->lock);
	seq_printf(m, "selects %llu\ndeselects %llu\nselect_errors %llu\nselected 0x%02x\n",
		   sel, desel, err, mask);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ssim_mux_counters);

int ssim_mux_create(struct ssim_seg *seg, const char *name,
		    const char *parent, u16 addr, unsigned int nchan,
		    int idle)
{
	struct i2c_adapter *padap;
	struct ssim_obj *owner;
	struct ssim_bus *bus;
	struct ssim_mux *mux;
	int ret;

	ret = ssim_obj_check(seg, name);
	if (ret)
		return ret;
	if (!nchan || nchan > SSIM_MAX_CHANS || idle >= (int)nchan)
		return -EINVAL;
	padap = ssim_adapter_lookup(seg, parent, &owner, &bus);
	if (!padap)
		return -ENOENT;
	mux = ssim_mux_alloc(seg, bus, addr, nchan, idle);
	if (!mux)
		return -ENOMEM;
	mux->parent = padap;
	strscpy(mux->parent_name, parent, sizeof(mux->parent_name));
	mux->dev = ssim_mux_dev_create(seg, name);
	if (IS_ERR(mux->dev)) {
		ret = PTR_ERR(mux->dev);
		kfree(mux);
		return ret;
	}
	mux->muxc = i2c_mux_alloc(padap, mux->dev, nchan, sizeof(mux), 0,
				  ssim_mux_select,
				  idle == SSIM_IDLE_AS_IS ? NULL :
				  ssim_mux_deselect);
	if (!mux->muxc) {
		ret = -ENOMEM;
		goto err_dev;
	}
	*(struct ssim_mux **)i2c_mux_priv(mux->muxc) = mux;

	/* On the wire before the channels exist: they select through it. */
	spin_lock_bh(&seg->lock);
	list_add_tail(&mux->node, &bus->muxes);
	__ssim_ep_link(bus, &mux->ep);
	spin_unlock_bh(&seg->lock);

	ret = ssim_mux_add_channels(mux);
	if (ret)
		goto err_chans;
	ssim_obj_add(seg, &mux->obj, name, &ssim_mux_ops, bus, owner);
	debugfs_create_file("counters", 0444, ssim_obj_dir(&mux->obj), mux,
			    &ssim_mux_counters_fops);
	return 0;

err_chans:
	i2c_mux_del_adapters(mux->muxc);
	ssim_mux_unlink(mux);
err_dev:
	device_unregister(mux->dev);
	kfree(mux);
	return ret;
}

