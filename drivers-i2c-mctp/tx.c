// SPDX-License-Identifier: GPL-2.0
/*
 * Transmit. ndo_start_xmit only queues; a worker thread per netdev sends
 * each packet as an SMBus block write with PEC, under the adapter's bus
 * lock. The lock is taken per packet, or kept across packets while a
 * request flow holds the bus (flow.c). The bus lock is an rt_mutex, so it
 * is only ever taken and released by the worker.
 *
 * Locking a mux channel with I2C_LOCK_SEGMENT is what __i2c_transfer()
 * on that channel expects: for a parent-locked mux it locks the mux and
 * the root adapter; for a mux-locked mux it locks the mux (the transfer
 * then locks the parent itself, so locking the root here would deadlock).
 */

#include <linux/i2c.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/wait.h>

#include "i2c-mctp.h"

/* another master won: DSP0237 senders retry */
#define MI2C_ARB_RETRIES	3

netdev_tx_t mi2c_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct mi2c_dev *mdev = netdev_priv(dev);
	bool first;

	spin_lock(&mdev->txq.lock);
	if (unlikely(mdev->dying)) {
		spin_unlock(&mdev->txq.lock);
		DEV_STATS_INC(dev, tx_dropped);
		kfree_skb(skb);
		return NETDEV_TX_OK;
	}
	__skb_queue_tail(&mdev->txq, skb);
	first = skb_queue_len(&mdev->txq) == 1;
	if (skb_queue_len(&mdev->txq) >= MI2C_TXQ_LEN)
		netif_stop_queue(dev);
	spin_unlock(&mdev->txq.lock);

	/*
	 * Onto a queue that was not empty: the worker has that packet still
	 * to dequeue, so it cannot be asleep on an empty queue.
	 */
	if (first)
		wake_up(&mdev->wq);
	return NETDEV_TX_OK;
}

void mi2c_tx_purge(struct mi2c_dev *mdev)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&mdev->txq))) {
		DEV_STATS_INC(mdev->dev, tx_dropped);
		kfree_skb(skb);
	}
}

static struct sk_buff *mi2c_tx_dequeue(struct mi2c_dev *mdev)
{
	struct net_device *dev = mdev->dev;
	struct sk_buff *skb;
	bool wake;

	spin_lock_bh(&mdev->txq.lock);
	skb = __skb_dequeue(&mdev->txq);
	wake = skb && netif_queue_stopped(dev) && netif_running(dev) &&
	       !mdev->dying && skb_queue_len(&mdev->txq) <= MI2C_TXQ_LEN / 2;
	if (wake)
		netif_wake_queue(dev);
	spin_unlock_bh(&mdev->txq.lock);
	return skb;
}

/*
 * The frame of @skb, from dest to PEC: checks the DSP0237 header that
 * header_ops built and appends the PEC. The frame stays in the skb when it
 * is linear, unshared and has the tailroom the device asks for (the PEC is
 * written there, outside skb->len); otherwise it is copied into tx_buf.
 * Returns the frame and sets *lenp, or NULL.
 */
static u8 *mi2c_tx_frame(struct mi2c_dev *mdev, struct sk_buff *skb,
			 unsigned int *lenp)
{
	unsigned int len = skb->len;
	const struct mi2c_frame *f;
	u8 *buf;

	if (len < sizeof(*f) || len > MI2C_BUF_LEN - 1)
		return NULL;
	if (!skb_is_nonlinear(skb) && !skb_cloned(skb) &&
	    skb_tailroom(skb) >= 1) {
		buf = skb->data;
	} else {
		buf = mdev->tx_buf;
		if (skb_copy_bits(skb, 0, buf, len))
			return NULL;
	}
	f = mi2c_frame_of(buf);
	if (f->smbus.dest & 1 || mi2c_addr_of(f->smbus.dest) == 0 ||
	    f->smbus.cmd != MI2C_CMD_MCTP ||
	    mi2c_frame_len(f->smbus.count) != len)
		return NULL;
	buf[len] = mi2c_pec(0, buf, len);
	*lenp = len + 1;
	return buf;
}

/* Whether this fragment belongs to a message whose earlier part failed. */
static bool mi2c_tx_aborted(struct mi2c_dev *mdev, const u8 *buf)
{
	const struct mi2c_frame *f = mi2c_frame_of(buf);
	unsigned int i;

	for (i = 0; i < MI2C_ABORT_SLOTS; i++) {
		struct mi2c_abort *a = &mdev->aborts[i];

		if (!a->active || a->addr != f->smbus.dest ||
		    a->dest != f->mctp.dest || a->src != f->mctp.src ||
		    a->tag != mctp_hdr_to_tag(&f->mctp))
			continue;
		if (mctp_hdr_som(&f->mctp) || mctp_hdr_eom(&f->mctp))
			a->active = false;
		return !mctp_hdr_som(&f->mctp);
	}
	return false;
}

/* A fragment failed: drop the rest of its message. */
static void mi2c_tx_abort_note(struct mi2c_dev *mdev, const u8 *buf)
{
	const struct mi2c_frame *f = mi2c_frame_of(buf);
	struct mi2c_abort *a;

	if (mctp_hdr_eom(&f->mctp))
		return;
	a = &mdev->aborts[mdev->abort_next];
	mdev->abort_next = (mdev->abort_next + 1) % MI2C_ABORT_SLOTS;
	a->active = true;
	a->addr = f->smbus.dest;
	a->dest = f->mctp.dest;
	a->src = f->mctp.src;
	a->tag = mctp_hdr_to_tag(&f->mctp);
}

static void mi2c_tx_error(struct mi2c_dev *mdev, const u8 *frame, int rc)
{
	enum mi2c_counter c;

	switch (rc) {
	case -ENXIO:
	case -ENODEV:
		c = MI2C_TX_NAK;
		break;
	case -EREMOTEIO:
	case -EIO:
		c = MI2C_TX_IO_ERROR;
		break;
	case -EAGAIN:
		/* counted per attempt in mi2c_tx_write() */
		goto out;
	case -ETIMEDOUT:
		c = MI2C_TX_TIMEOUT;
		break;
	default:
		c = MI2C_TX_BUS_ERR;
		break;
	}
	mi2c_count(mdev, c);
out:
	DEV_STATS_INC(mdev->dev, tx_errors);
	net_dbg_ratelimited("%s: transfer to 0x%02x failed: %d\n",
			    mdev->dev->name, mi2c_addr_of(frame[0]), rc);
}

static void mi2c_bus_lock(struct mi2c_dev *mdev)
{
	i2c_lock_bus(mdev->adap, I2C_LOCK_SEGMENT);
}

static void mi2c_bus_unlock(struct mi2c_dev *mdev)
{
	i2c_unlock_bus(mdev->adap, I2C_LOCK_SEGMENT);
}

/* Start holding the bus for flows (it is locked already). */
static void mi2c_hold_start(struct mi2c_dev *mdev)
{
	WRITE_ONCE(mdev->bus_locked, true);
	mdev->hold_start = jiffies;
	mi2c_mux_set_held(mdev, true);
}

static void mi2c_hold_end(struct mi2c_dev *mdev)
{
	mi2c_mux_set_held(mdev, false);
	WRITE_ONCE(mdev->bus_locked, false);
	mi2c_bus_unlock(mdev);
}

/*
 * One write of @frame (@len bytes from dest to PEC) with the bus locked.
 * A lost arbitration is retried a few times.
 */
static int mi2c_tx_write(struct mi2c_dev *mdev, u8 *frame, unsigned int len)
{
	struct i2c_msg msg = {
		.addr	= mi2c_addr_of(frame[0]),
		.flags	= 0,
		.len	= len - 1,
		.buf	= frame + 1,
	};
	unsigned int tries = 0;
	int rc;

	mi2c_mux_tx_note(mdev, msg.addr);
	for (;;) {
		rc = __i2c_transfer(mdev->adap, &msg, 1);
		if (rc != -EAGAIN)
			break;
		mi2c_count(mdev, MI2C_TX_ARB_LOST);
		if (++tries > MI2C_ARB_RETRIES)
			break;
	}
	if (rc == 1)
		return 0;
	return rc < 0 ? rc : -EIO;
}

static void mi2c_tx_skb(struct mi2c_dev *mdev, struct sk_buff *skb)
{
	struct net_device *dev = mdev->dev;
	u64 cookie = mctp_skb_flow(skb);
	enum mi2c_flow_class cls;
	bool locked_here = false;
	unsigned int len;
	u8 *frame;
	int rc;

	if (!netif_running(dev))
		goto drop;
	frame = mi2c_tx_frame(mdev, skb, &len);
	if (!frame) {
		mi2c_count(mdev, MI2C_TX_BAD_FRAME);
		DEV_STATS_INC(dev, tx_errors);
		goto drop;
	}
	if (mi2c_tx_aborted(mdev, frame)) {
		mi2c_count(mdev, MI2C_TX_ABORTED);
		goto drop;
	}

	cls = mi2c_flow_classify(mdev, cookie);
	if (!mdev->bus_locked) {
		mi2c_bus_lock(mdev);
		locked_here = true;
	}
	rc = mi2c_tx_write(mdev, frame, len);
	if (rc) {
		mi2c_tx_error(mdev, frame, rc);
		mi2c_tx_abort_note(mdev, frame);
		if (cls == MI2C_FLOW_MEMBER)
			mi2c_flow_drop(mdev, cookie);
	} else {
		DEV_STATS_INC(dev, tx_packets);
		DEV_STATS_ADD(dev, tx_bytes, len - MI2C_HDR_LEN - 1);
		if (cls == MI2C_FLOW_MEMBER)
			mi2c_flow_touch(mdev, cookie, frame);
		else if (cls == MI2C_FLOW_NEW &&
			 mi2c_flow_add(mdev, cookie, frame) && locked_here) {
			mi2c_hold_start(mdev);
			locked_here = false;
		}
	}
	if (locked_here)
		mi2c_bus_unlock(mdev);
	consume_skb(skb);
	return;

drop:
	DEV_STATS_INC(dev, tx_dropped);
	kfree_skb(skb);
}

/*
 * A new flow may join a hold only while the hold is younger than the
 * bound; otherwise the bus is let go first, so that a stream of
 * overlapping requests cannot keep it forever.
 */
static bool mi2c_tx_must_wait(struct mi2c_dev *mdev, struct sk_buff *skb)
{
	unsigned long bound = msecs_to_jiffies(READ_ONCE(mdev->hold_ms));

	if (!mdev->bus_locked || !time_after(jiffies, mdev->hold_start + bound))
		return false;
	return mi2c_flow_classify(mdev, mctp_skb_flow(skb)) == MI2C_FLOW_NEW;
}

static bool mi2c_worker_pending(struct mi2c_dev *mdev)
{
	return !skb_queue_empty_lockless(&mdev->txq) || mi2c_flow_kicked(mdev) ||
	       kthread_should_stop();
}

static bool mi2c_worker_kicked(struct mi2c_dev *mdev)
{
	return mi2c_flow_kicked(mdev) || kthread_should_stop();
}

int mi2c_worker(void *arg)
{
	struct mi2c_dev *mdev = arg;
	struct sk_buff *skb = NULL;
	long timeout;
	bool empty;

	while (!kthread_should_stop()) {
		timeout = mi2c_flow_service(mdev, &empty);
		if (empty && mdev->bus_locked)
			mi2c_hold_end(mdev);

		if (!skb)
			skb = mi2c_tx_dequeue(mdev);
		if (!skb) {
			wait_event_idle_timeout(mdev->wq, mi2c_worker_pending(mdev),
						timeout);
			continue;
		}
		if (mi2c_tx_must_wait(mdev, skb)) {
			wait_event_idle_timeout(mdev->wq, mi2c_worker_kicked(mdev),
						timeout);
			continue;
		}
		mi2c_tx_skb(mdev, skb);
		skb = NULL;
	}

	if (skb) {
		DEV_STATS_INC(mdev->dev, tx_dropped);
		kfree_skb(skb);
	}
	mi2c_flow_flush(mdev);
	if (mdev->bus_locked)
		mi2c_hold_end(mdev);
	mi2c_tx_purge(mdev);
	return 0;
}
