// SPDX-License-Identifier: GPL-2.0
/*
 * smbus-sim-slave: an i2c slave backend for tests. Bound like any client
 * ("smbus-sim-slave 0x10NN" to new_device), it logs the slave events it gets
 * as one text line per transaction and answers reads with the bytes of the
 * last write. Works on any adapter with slave support.
 */
#include <linux/debugfs.h>
#include <linux/i2c.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "smbus_sim.h"

#define SSIM_SLAVE_LINES	64
#define SSIM_SLAVE_LINE		800
#define SSIM_SLAVE_DATA		256

struct ssim_slave_line {
	unsigned int len;
	char s[SSIM_SLAVE_LINE];
};

struct ssim_slave {
	struct i2c_client *client;
	struct dentry *dir;
	spinlock_t lock;		/* everything below */
	struct ssim_slave_line *ring;
	unsigned int head;
	unsigned int count;
	struct ssim_slave_line cur;	/* the transaction in progress */
	bool open;
	bool reading;
	unsigned int rcount;
	u8 data[SSIM_SLAVE_DATA];
	unsigned int wlen;
	unsigned int ridx;
	int nak_at;
};

static struct dentry *ssim_slave_root;

static __printf(2, 3) void ssim_slave_put(struct ssim_slave *s,
					   const char *fmt, ...)
{
	struct ssim_slave_line *l = &s->cur;
	va_list args;
	int n;

	if (l->len >= SSIM_SLAVE_LINE - 1)
		return;
	va_start(args, fmt);
	n = vscnprintf(l->s + l->len, SSIM_SLAVE_LINE - l->len, fmt, args);
	va_end(args);
	l->len += n;
}

/* Start a line or continue it with a separator. */
static void ssim_slave_token(struct ssim_slave *s, const char *tok)
{
	ssim_slave_put(s, s->open ? " %s" : "%s", tok);
	s->open = true;
}

static void ssim_slave_end_read(struct ssim_slave *s)
{
	if (!s->reading)
		return;
	ssim_slave_put(s, " %u", s->rcount);
	s->reading = false;
}

static void ssim_slave_commit(struct ssim_slave *s)
{
	s->ring[s->head] = s->cur;
	s->head = (s->head + 1) % SSIM_SLAVE_LINES;
	if (s->count < SSIM_SLAVE_LINES)
		s->count++;
	s->cur.len = 0;
	s->open = false;
}

static u8 ssim_slave_rbyte(struct ssim_slave *s)
{
	return s->ridx < s->wlen ? s->data[s->ridx] : 0xff;
}

static int ssim_slave_write_byte(struct ssim_slave *s, u8 val)
{
	if (s->nak_at >= 0 && s->wlen == s->nak_at) {
		ssim_slave_put(s, " N");
		return -EIO;
	}
	ssim_slave_put(s, " %02x", val);
	if (s->wlen < SSIM_SLAVE_DATA)
		s->data[s->wlen++] = val;
	return 0;
}

static int ssim_slave_cb(struct i2c_client *client, enum i2c_slave_event ev,
			 u8 *val)
{
	struct ssim_slave *s = i2c_get_clientdata(client);
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&s->lock, flags);
	switch (ev) {
	case I2C_SLAVE_WRITE_REQUESTED:
		ssim_slave_end_read(s);
		ssim_slave_token(s, "W");
		s->wlen = 0;
		break;
	case I2C_SLAVE_WRITE_RECEIVED:
		ret = ssim_slave_write_byte(s, *val);
		break;
	case I2C_SLAVE_READ_REQUESTED:
		ssim_slave_end_read(s);
		ssim_slave_token(s, "R");
		s->reading = true;
		s->rcount = 1;
		s->ridx = 0;
		*val = ssim_slave_rbyte(s);
		break;
	case I2C_SLAVE_READ_PROCESSED:
		s->rcount++;
		s->ridx++;
		*val = ssim_slave_rbyte(s);
		break;
	case I2C_SLAVE_STOP:
		ssim_slave_end_read(s);
		ssim_slave_token(s, "P");
		ssim_slave_commit(s);
		break;
	}
	spin_unlock_irqrestore(&s->lock, flags);
	return ret;
}

static int ssim_slave_log_show(struct seq_file *m, void *unused)
{
	struct ssim_slave *s = m->private;
	struct ssim_slave_line *copy;
	unsigned int i, n, first;
	unsigned long flags;

	copy = kvmalloc_array(SSIM_SLAVE_LINES, sizeof(*copy), GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	spin_lock_irqsave(&s->lock, flags);
	n = s->count;
	first = (s->head + SSIM_SLAVE_LINES - n) % SSIM_SLAVE_LINES;
	for (i = 0; i < n; i++)
		copy[i] = s->ring[(first + i) % SSIM_SLAVE_LINES];
	spin_unlock_irqrestore(&s->lock, flags);
	for (i = 0; i < n; i++)
		seq_printf(m, "%.*s\n", (int)copy[i].len, copy[i].s);
	kvfree(copy);
	return 0;
}

static int ssim_slave_log_open(struct inode *inode, struct file *file)
{
	return single_open(file, ssim_slave_log_show, inode->i_private);
}

/* Any write clears the log. */
static ssize_t ssim_slave_log_write(struct file *file, const char __user *buf,
				    size_t count, loff_t *ppos)
{
	struct ssim_slave *s = ((struct seq_file *)file->private_data)->private;
	unsigned long flags;

	spin_lock_irqsave(&s->lock, flags);
	s->count = 0;
	s->head = 0;
	spin_unlock_irqrestore(&s->lock, flags);
	return count;
}

static const struct file_operations ssim_slave_log_fops = {
	.owner = THIS_MODULE,
	.open = ssim_slave_log_open,
	.read = seq_read,
	.write = ssim_slave_log_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int ssim_slave_ctl_show(struct seq_file *m, void *unused)
{
	struct ssim_slave *s = m->private;

	seq_printf(m, "nak=%d\n", READ_ONCE(s->nak_at));
	return 0;
}

static int ssim_slave_ctl_open(struct inode *inode, struct file *file)
{
	return single_open(file, ssim_slave_ctl_show, inode->i_private);
}

static ssize_t ssim_slave_ctl_write(struct file *file, const char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	struct ssim_slave *s = ((struct seq_file *)file->private_data)->private;
	char buf[32], *p = buf, *tok, *val;
	unsigned long flags;
	int nak;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	tok = ssim_token(&p);
	val = tok ? ssim_kv(tok, "nak") : NULL;
	if (!val || ssim_parse_int(val, &nak) || nak < -1)
		return -EINVAL;
	spin_lock_irqsave(&s->lock, flags);
	s->nak_at = nak;
	spin_unlock_irqrestore(&s->lock, flags);
	return count;
}

static const struct file_operations ssim_slave_ctl_fops = {
	.owner = THIS_MODULE,
	.open = ssim_slave_ctl_open,
	.read = seq_read,
	.write = ssim_slave_ctl_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int ssim_slave_probe(struct i2c_client *client)
{
	struct ssim_slave *s;
	int ret;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->ring = kvcalloc(SSIM_SLAVE_LINES, sizeof(*s->ring), GFP_KERNEL);
	if (!s->ring) {
		kfree(s);
		return -ENOMEM;
	}
	spin_lock_init(&s->lock);
	s->client = client;
	s->nak_at = -1;
	i2c_set_clientdata(client, s);
	s->dir = debugfs_create_dir(dev_name(&client->dev), ssim_slave_root);
	debugfs_create_file("log", 0644, s->dir, s, &ssim_slave_log_fops);
	debugfs_create_file("ctl", 0644, s->dir, s, &ssim_slave_ctl_fops);
	ret = i2c_slave_register(client, ssim_slave_cb);
	if (ret) {
		debugfs_remove_recursive(s->dir);
		kvfree(s->ring);
		kfree(s);
	}
	return ret;
}

static void ssim_slave_remove(struct i2c_client *client)
{
	struct ssim_slave *s = i2c_get_clientdata(client);

	i2c_slave_unregister(client);
	debugfs_remove_recursive(s->dir);
	kvfree(s->ring);
	kfree(s);
}

static const struct i2c_device_id ssim_slave_id[] = {
	{ "smbus-sim-slave" },
	{ }
};
MODULE_DEVICE_TABLE(i2c, ssim_slave_id);

static struct i2c_driver ssim_slave_driver = {
	.driver = {
		.name = "smbus-sim-slave",
	},
	.probe = ssim_slave_probe,
	.remove = ssim_slave_remove,
	.id_table = ssim_slave_id,
};

int ssim_slave_init(struct dentry *root)
{
	ssim_slave_root = debugfs_create_dir("slave", root);
	return i2c_add_driver(&ssim_slave_driver);
}

void ssim_slave_exit(void)
{
	i2c_del_driver(&ssim_slave_driver);
}
