// SPDX-License-Identifier: GPL-2.0
/*
 * smbus-sim TMP75-like temperature sensor: pointer register selecting
 * temperature (0), configuration (1), hysteresis (2) and over-temperature (3)
 * registers, plus counters of every access so tests can prove that bus
 * scans and other traffic left it alone.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "smbus_sim.h"

#define SSIM_TMP75_MIN_MC	(-55000)
#define SSIM_TMP75_MAX_MC	127937

enum { SSIM_TMP75_TEMP, SSIM_TMP75_CONF, SSIM_TMP75_THYST, SSIM_TMP75_TOS };

struct ssim_tmp75 {
	struct ssim_obj obj;
	struct ssim_ep ep;
	/* seg->lock */
	int temp_mc;
	u8 config;
	u16 thyst;
	u16 tos;
	u8 ptr;
	bool ptr_next;		/* the next written byte sets the pointer */
	unsigned int idx;	/* byte within the register */
	u64 accesses;
	u64 writes;
	u64 reads;
	u64 bytes_written;
	u64 bytes_read;
};

static u16 ssim_tmp75_reg16(const struct ssim_tmp75 *t)
{
	switch (t->ptr) {
	case SSIM_TMP75_THYST:
		return t->thyst;
	case SSIM_TMP75_TOS:
		return t->tos;
	default:
		/* 12 bits, left-justified, 1/16 C per step */
		return (u16)(DIV_ROUND_CLOSEST(t->temp_mc * 16, 1000) * 16);
	}
}

static u8 ssim_tmp75_read_byte(struct ssim_tmp75 *t)
{
	unsigned int i = t->idx++;
	u16 v;

	t->bytes_read++;
	if (t->ptr == SSIM_TMP75_CONF)
		return t->config;
	v = ssim_tmp75_reg16(t);
	return (i & 1) ? v & 0xff : v >> 8;
}

static u16 ssim_tmp75_set_byte(u16 reg, unsigned int i, u8 val)
{
	if (i & 1)
		return ((reg & 0xff00) | val) & 0xfff0;
	return ((val << 8) | (reg & 0x00ff)) & 0xfff0;
}

static void ssim_tmp75_write_byte(struct ssim_tmp75 *t, u8 val)
{
	unsigned int i;

	t->bytes_written++;
	if (t->ptr_next) {
		t->ptr = val & 3;
		t->ptr_next = false;
		t->idx = 0;
		return;
	}
	i = t->idx++;
	if (t->ptr == SSIM_TMP75_CONF)
		t->config = val;
	else if (t->ptr == SSIM_TMP75_THYST)
		t->thyst = ssim_tmp75_set_byte(t->thyst, i, val);
	else if (t->ptr == SSIM_TMP75_TOS)
		t->tos = ssim_tmp75_set_byte(t->tos, i, val);
}

static int ssim_tmp75_event(struct ssim_ep *ep, enum i2c_slave_event ev,
			    u8 *val)
{
	struct ssim_tmp75 *t = container_of(ep, struct ssim_tmp75, ep);

	switch (ev) {
	case I2C_SLAVE_WRITE_REQUESTED:
		t->ptr_next = true;
		break;
	case I2C_SLAVE_WRITE_RECEIVED:
		ssim_tmp75_write_byte(t, *val);
		break;
	case I2C_SLAVE_READ_REQUESTED:
		t->idx = 0;
		*val = ssim_tmp75_read_byte(t);
		break;
	case I2C_SLAVE_READ_PROCESSED:
		*val = ssim_tmp75_read_byte(t);
		break;
	default:
		break;
	}
	return 0;
}

static void ssim_tmp75_addressed(struct ssim_ep *ep, const struct i2c_msg *msg)
{
	struct ssim_tmp75 *t = container_of(ep, struct ssim_tmp75, ep);

	t->accesses++;
	if (msg->flags & I2C_M_RD)
		t->reads++;
	else
		t->writes++;
}

static const struct ssim_ep_ops ssim_tmp75_ep_ops = {
	.event = ssim_tmp75_event,
	.addressed = ssim_tmp75_addressed,
};

static int ssim_tmp75_counters_show(struct seq_file *m, void *unused)
{
	struct ssim_tmp75 *t = m->private;
	struct ssim_seg *seg = t->obj.seg;
	u64 c[5];

	spin_lock_bh(&seg->lock);
	c[0] = t->accesses;
	c[1] = t->writes;
	c[2] = t->reads;
	c[3] = t->bytes_written;
	c[4] = t->bytes_read;
	spin_unlock_bh(&seg->lock);
	seq_printf(m, "accesses %llu\nwrites %llu\nreads %llu\nbytes_written %llu\nbytes_read %llu\n",
		   c[0], c[1], c[2], c[3], c[4]);
	return 0;
}

static int ssim_tmp75_counters_open(struct inode *inode, struct file *file)
{
	return single_open(file, ssim_tmp75_counters_show, inode->i_private);
}

/* Any write resets the counters. */
static ssize_t ssim_tmp75_counters_write(struct file *file,
					 const char __user *buf,
					 size_t count, loff_t *ppos)
{
	struct ssim_tmp75 *t = ((struct seq_file *)file->private_data)->private;

	spin_lock_bh(&t->obj.seg->lock);
	t->accesses = 0;
	t->writes = 0;
	t->reads = 0;
	t->bytes_written = 0;
	t->bytes_read = 0;
	spin_unlock_bh(&t->obj.seg->lock);
	return count;
}

static const struct file_operations ssim_tmp75_counters_fops = {
	.owner = THIS_MODULE,
	.open = ssim_tmp75_counters_open,
	.read = seq_read,
	.write = ssim_tmp75_counters_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int ssim_tmp75_temp_get(void *data, u64 *val)
{
	struct ssim_tmp75 *t = data;

	*val = (s64)READ_ONCE(t->temp_mc);
	return 0;
}

static int ssim_tmp75_temp_set(void *data, u64 val)
{
	struct ssim_tmp75 *t = data;
	s64 mc = (s64)val;

	if (mc < SSIM_TMP75_MIN_MC || mc > SSIM_TMP75_MAX_MC)
		return -ERANGE;
	spin_lock_bh(&t->obj.seg->lock);
	t->temp_mc = mc;
	spin_unlock_bh(&t->obj.seg->lock);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE_SIGNED(ssim_tmp75_temp_fops, ssim_tmp75_temp_get,
			 ssim_tmp75_temp_set, "%lld\n");

static void ssim_tmp75_show(struct ssim_obj *obj, struct seq_file *m)
{
	struct ssim_tmp75 *t = container_of(obj, struct ssim_tmp75, obj);
	char bus[SSIM_NAME_LEN + 4];

	ssim_bus_name(obj->bus, bus, sizeof(bus));
	seq_printf(m, "on=%s addr=0x%02x\n", bus, t->ep.addr);
}

static void ssim_tmp75_destroy(struct ssim_obj *obj)
{
	struct ssim_tmp75 *t = container_of(obj, struct ssim_tmp75, obj);

	spin_lock_bh(&obj->seg->lock);
	__ssim_ep_unlink(&t->ep);
	spin_unlock_bh(&obj->seg->lock);
	kfree(t);
}

static const struct ssim_obj_ops ssim_tmp75_ops = {
	.kind = "tmp75",
	.show = ssim_tmp75_show,
	.destroy = ssim_tmp75_destroy,
};

int ssim_tmp75_create(struct ssim_seg *seg, const char *name,
		      struct ssim_bus *bus, struct ssim_obj *depends, u16 addr)
{
	struct ssim_tmp75 *t;
	struct dentry *dir;
	int ret;

	ret = ssim_obj_check(seg, name);
	if (ret)
		return ret;
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t->ep.obj = &t->obj;
	t->ep.ops = &ssim_tmp75_ep_ops;
	t->ep.addr = addr;
	t->temp_mc = 25000;
	t->thyst = 75 << 8;
	t->tos = 80 << 8;
	ssim_obj_add(seg, &t->obj, name, &ssim_tmp75_ops, bus, depends);

	dir = ssim_obj_dir(&t->obj);
	debugfs_create_file("counters", 0644, dir, t, &ssim_tmp75_counters_fops);
	debugfs_create_file_unsafe("temp", 0644, dir, t, &ssim_tmp75_temp_fops);

	spin_lock_bh(&seg->lock);
	__ssim_ep_link(bus, &t->ep);
	spin_unlock_bh(&seg->lock);
	return 0;
}
