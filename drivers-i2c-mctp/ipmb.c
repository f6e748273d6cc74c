// SPDX-License-Identifier: GPL-2.0
/*
 * IPMB on the same slave address. Writes to us whose first byte is not
 * the MCTP command code are IPMB messages (the first byte is netFn/LUN):
 * they are queued for a character device, /dev/ipmb-mctp-<adapter nr>,
 * with the framing of the kernel's ipmb-dev-int driver:
 *
 *   read():  one message per call:
 *            [len][rs_sa][netFn/rsLUN][chk1][rq_sa][rqSeq/rqLUN][cmd]
 *            [data...][chk2]
 *            len counts the bytes after itself; rs_sa is our own address
 *            (8-bit form). A short buffer truncates the message.
 *   write(): [len][rs_sa][netFn/rqLUN][chk1][rq_sa][...][chk2], len >= 7;
 *            the bytes after rs_sa go out as one plain i2c write to the
 *            7-bit address rs_sa >> 1 (the "i2c-protocol" mode of
 *            ipmb-dev-int). Returns the count written.
 *   poll():  readable while a message is queued; always writable.
 *
 * Only frames with a valid IPMB header checksum are queued; others count
 * as rx_ipmb_bad. The queue holds at most MI2C_IPMB_QLEN messages.
 */

#include <linux/fs.h>
#include <linux/i2c.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "i2c-mctp.h"

#define MI2C_IPMB_MAX		240	/* message incl. the length byte */
#define MI2C_IPMB_MIN		7	/* rs_sa .. cmd, chk2 */
#define MI2C_IPMB_QLEN		256

struct mi2c_ipmb_msg {
	struct list_head	node;
	u8			data[MI2C_IPMB_MAX];	/* [len][rs_sa]... */
};

struct mi2c_ipmb {
	struct miscdevice	misc;
	char			name[32];
	struct kref		ref;

	struct mutex		lock;		/* client, writers */
	struct i2c_client	*client;	/* NULL once removed */

	spinlock_t		qlock;
	struct list_head	queue;
	unsigned int		qlen;
	bool			dead;
	wait_queue_head_t	wait;
};

static void mi2c_ipmb_free(struct kref *ref)
{
	struct mi2c_ipmb *ipmb = container_of(ref, struct mi2c_ipmb, ref);
	struct mi2c_ipmb_msg *m, *tmp;

	list_for_each_entry_safe(m, tmp, &ipmb->queue, node)
		kfree(m);
	kfree(ipmb);
}

static struct mi2c_ipmb *mi2c_ipmb_file(struct file *file)
{
	return container_of(file->private_data, struct mi2c_ipmb, misc);
}

/* Receive path (atomic): queue one non-MCTP write. */
void mi2c_ipmb_rx(struct mi2c_client *mcli, struct mi2c_dev *mdev,
		  const u8 *buf, unsigned int len, bool overflow)
{
	struct mi2c_ipmb *ipmb = mcli->ipmb;
	struct mi2c_ipmb_msg *m;
	unsigned long flags;

	/* buf[0] is our own address byte: it is rs_sa */
	if (overflow || len < MI2C_IPMB_MIN || len > MI2C_IPMB_MAX - 1 ||
	    (u8)(buf[0] + buf[1] + buf[2])) {
		mi2c_count(mdev, MI2C_RX_IPMB_BAD);
		return;
	}
	m = kmalloc(sizeof(*m), GFP_ATOMIC);
	if (!m) {
		mi2c_count(mdev, MI2C_RX_IPMB_DROP);
		return;
	}
	m->data[0] = len;
	memcpy(&m->data[1], buf, len);

	spin_lock_irqsave(&ipmb->qlock, flags);
	if (ipmb->qlen >= MI2C_IPMB_QLEN) {
		spin_unlock_irqrestore(&ipmb->qlock, flags);
		kfree(m);
		mi2c_count(mdev, MI2C_RX_IPMB_DROP);
		return;
	}
	list_add_tail(&m->node, &ipmb->queue);
	ipmb->qlen++;
	spin_unlock_irqrestore(&ipmb->qlock, flags);

	mi2c_count(mdev, MI2C_RX_IPMB);
	wake_up_interruptible(&ipmb->wait);
}

static struct mi2c_ipmb_msg *mi2c_ipmb_pop(struct mi2c_ipmb *ipmb)
{
	struct mi2c_ipmb_msg *m;

	spin_lock_irq(&ipmb->qlock);
	m = list_first_entry_or_null(&ipmb->queue, struct mi2c_ipmb_msg, node);
	if (m) {
		list_del(&m->node);
		ipmb->qlen--;
	}
	spin_unlock_irq(&ipmb->qlock);
	return m;
}

static bool mi2c_ipmb_readable(struct mi2c_ipmb *ipmb)
{
	return READ_ONCE(ipmb->qlen) || READ_ONCE(ipmb->dead);
}

static ssize_t mi2c_ipmb_read(struct file *file, char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	struct mi2c_ipmb *ipmb = mi2c_ipmb_file(file);
	struct mi2c_ipmb_msg *m;
	size_t n;
	int rc;

	while (!(m = mi2c_ipmb_pop(ipmb))) {
		if (READ_ONCE(ipmb->dead))
			return -ENODEV;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		rc = wait_event_interruptible(ipmb->wait,
					      mi2c_ipmb_readable(ipmb));
		if (rc)
			return rc;
	}
	n = min_t(size_t, count, m->data[0] + 1);
	rc = copy_to_user(ubuf, m->data, n) ? -EFAULT : 0;
	kfree(m);
	return rc ?: n;
}

static ssize_t mi2c_ipmb_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	struct mi2c_ipmb *ipmb = mi2c_ipmb_file(file);
	u8 buf[MI2C_IPMB_MAX];
	struct i2c_msg msg;
	int rc;

	if (!count || count > sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	if (buf[0] < MI2C_IPMB_MIN || count < buf[0] + 1u)
		return -EINVAL;

	msg.addr = buf[1] >> 1;
	msg.flags = 0;
	msg.len = buf[0] - 1;
	msg.buf = &buf[2];

	mutex_lock(&ipmb->lock);
	if (ipmb->client)
		rc = i2c_transfer(ipmb->client->adapter, &msg, 1);
	else
		rc = -ENODEV;
	mutex_unlock(&ipmb->lock);

	if (rc < 0)
		return rc;
	return rc == 1 ? count : -EIO;
}

static __poll_t mi2c_ipmb_poll(struct file *file, poll_table *wait)
{
	struct mi2c_ipmb *ipmb = mi2c_ipmb_file(file);
	__poll_t mask = EPOLLOUT | EPOLLWRNORM;

	poll_wait(file, &ipmb->wait, wait);
	if (READ_ONCE(ipmb->qlen))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (READ_ONCE(ipmb->dead))
		mask |= EPOLLHUP | EPOLLERR;
	return mask;
}

static int mi2c_ipmb_open(struct inode *inode, struct file *file)
{
	kref_get(&mi2c_ipmb_file(file)->ref);
	return 0;
}

static int mi2c_ipmb_release(struct inode *inode, struct file *file)
{
	kref_put(&mi2c_ipmb_file(file)->ref, mi2c_ipmb_free);
	return 0;
}

static const struct file_operations mi2c_ipmb_fops = {
	.owner		= THIS_MODULE,
	.open		= mi2c_ipmb_open,
	.release	= mi2c_ipmb_release,
	.read		= mi2c_ipmb_read,
	.write		= mi2c_ipmb_write,
	.poll		= mi2c_ipmb_poll,
	.llseek		= noop_llseek,
};

int mi2c_ipmb_create(struct mi2c_client *mcli)
{
	struct i2c_client *client = mcli->client;
	struct mi2c_ipmb *ipmb;
	int rc;

	ipmb = kzalloc(sizeof(*ipmb), GFP_KERNEL);
	if (!ipmb)
		return -ENOMEM;
	kref_init(&ipmb->ref);
	mutex_init(&ipmb->lock);
	spin_lock_init(&ipmb->qlock);
	INIT_LIST_HEAD(&ipmb->queue);
	init_waitqueue_head(&ipmb->wait);
	ipmb->client = client;

	snprintf(ipmb->name, sizeof(ipmb->name), "ipmb-mctp-%d",
		 i2c_adapter_id(client->adapter));
	ipmb->misc.minor = MISC_DYNAMIC_MINOR;
	ipmb->misc.name = ipmb->name;
	ipmb->misc.fops = &mi2c_ipmb_fops;
	ipmb->misc.parent = &client->dev;
	rc = misc_register(&ipmb->misc);
	if (rc) {
		kfree(ipmb);
		return rc;
	}
	mcli->ipmb = ipmb;
	return 0;
}

/* After the slave callback is gone: no new opens, wake readers, drop. */
void mi2c_ipmb_destroy(struct mi2c_client *mcli)
{
	struct mi2c_ipmb *ipmb = mcli->ipmb;

	if (!ipmb)
		return;
	mcli->ipmb = NULL;
	misc_deregister(&ipmb->misc);

	mutex_lock(&ipmb->lock);
	ipmb->client = NULL;
	mutex_unlock(&ipmb->lock);

	WRITE_ONCE(ipmb->dead, true);
	wake_up_interruptible_all(&ipmb->wait);
	kref_put(&ipmb->ref, mi2c_ipmb_free);
}
