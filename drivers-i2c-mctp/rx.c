// SPDX-License-Identifier: GPL-2.0
/*
 * Receive: the i2c slave callback collects one write into a fixed buffer
 * (atomic context), then at STOP the frame is checked (command code, byte
 * count, PEC, source address) and handed to the MCTP core, or passed to
 * the IPMB consumer when it is not MCTP.
 *
 * rx_buf[0] holds our own address byte (address << 1, write), which the
 * PEC covers but the slave interface does not report; the bytes written
 * by the master follow.
 *
 * Controllers call the slave callback from their interrupt handler, where
 * netif_rx() is fine. Some call it from process context with interrupts
 * disabled (under a spinlock_irqsave), where netif_rx() must not run: it
 * would re-enable bottom halves with interrupts off. Frames received there
 * are queued and handed over from an irq_work, which runs in hard
 * interrupt context as soon as interrupts are enabled again; each such
 * frame holds a reference on its netdev until then.
 */

#include <linux/hardirq.h>
#include <linux/i2c.h>
#include <linux/if_ether.h>
#include <linux/irq_work.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include "i2c-mctp.h"

/* smallest frame: SMBus header, MCTP header, PEC */
#define MI2C_MIN_FRAME	(sizeof(struct mi2c_frame) + 1)

static void mi2c_rx_error(struct mi2c_dev *mdev, enum mi2c_counter c)
{
	struct net_device *dev = mdev->dev;

	mi2c_count(mdev, c);
	DEV_STATS_INC(dev, rx_errors);
	switch (c) {
	case MI2C_RX_BAD_LEN:
		DEV_STATS_INC(dev, rx_length_errors);
		break;
	case MI2C_RX_BAD_PEC:
		DEV_STATS_INC(dev, rx_crc_errors);
		break;
	case MI2C_RX_OVERFLOW:
		DEV_STATS_INC(dev, rx_over_errors);
		break;
	default:
		DEV_STATS_INC(dev, rx_frame_errors);
		break;
	}
}

static bool mi2c_src_valid(u8 src)
{
	u8 addr = mi2c_addr_of(src);

	/* R/W bit set; not a reserved address (0x00-0x07, 0x78-0x7f) */
	return (src & 1) && addr >= 0x08 && addr <= 0x77;
}

/* Check a collected MCTP frame; returns the counter of its fault. */
static int mi2c_rx_check(const u8 *buf, unsigned int len, bool overflow)
{
	u8 pec;

	if (overflow)
		return MI2C_RX_OVERFLOW;
	if (len < MI2C_MIN_FRAME ||
	    mi2c_frame_len(mi2c_frame_of(buf)->smbus.count) + 1 != len)
		return MI2C_RX_BAD_LEN;
	pec = mi2c_pec(0, buf, len - 1);
	if (pec != buf[len - 1])
		return MI2C_RX_BAD_PEC;
	if (!mi2c_src_valid(mi2c_frame_of(buf)->smbus.src))
		return MI2C_RX_BAD_SRC;
	return -1;
}

static void mi2c_rx_netif(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	unsigned int len = skb->len;

	if (netif_rx(skb) == NET_RX_SUCCESS) {
		DEV_STATS_INC(dev, rx_packets);
		DEV_STATS_ADD(dev, rx_bytes, len);
	} else {
		DEV_STATS_INC(dev, rx_dropped);
	}
}

static void mi2c_rx_work(struct irq_work *work)
{
	struct mi2c_client *mcli = container_of(work, struct mi2c_client,
						rx_work);
	struct net_device *dev;
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&mcli->rx_defer))) {
		dev = skb->dev;
		mi2c_rx_netif(skb);
		dev_put(dev);
	}
}

/* Whether netif_rx() may be called in the current context. */
static bool mi2c_rx_direct(void)
{
	return !irqs_disabled() || hardirq_count() || softirq_count();
}

void mi2c_rx_init(struct mi2c_client *mcli)
{
	skb_queue_head_init(&mcli->rx_defer);
	init_irq_work(&mcli->rx_work, mi2c_rx_work);
}

/*
 * After the slave callback is unregistered: wait for deferred frames to
 * be handed over. The queue is empty then; drop anything left anyway.
 */
void mi2c_rx_stop(struct mi2c_client *mcli)
{
	struct sk_buff *skb;

	irq_work_sync(&mcli->rx_work);
	while ((skb = skb_dequeue(&mcli->rx_defer))) {
		dev_put(skb->dev);
		kfree_skb(skb);
	}
}

/* Hand a good frame (PEC excluded) to the core. */
static void mi2c_rx_deliver(struct mi2c_dev *mdev, const u8 *buf,
			    unsigned int len)
{
	const struct mi2c_frame *f = mi2c_frame_of(buf);
	struct net_device *dev = mdev->dev;
	u8 src = mi2c_addr_of(f->smbus.src);
	struct sk_buff *skb;

	if (!netif_running(dev)) {
		DEV_STATS_INC(dev, rx_dropped);
		return;
	}
	skb = netdev_alloc_skb(dev, len);
	if (!skb) {
		mi2c_count(mdev, MI2C_RX_NOMEM);
		DEV_STATS_INC(dev, rx_dropped);
		return;
	}
	skb_put_data(skb, buf, len);
	skb_reset_mac_header(skb);
	skb_pull(skb, MI2C_HDR_LEN);
	skb_reset_network_header(skb);
	skb->protocol = htons(ETH_P_MCTP);
	skb->pkt_type = PACKET_HOST;
	mctp_rx_cb_init(skb);
	mctp_rx_cb_set_haddr(skb, &src, 1);

	mi2c_flow_rx_seen(mdev, src, &f->mctp);
	if (mi2c_learn_enabled() && f->mctp.src >= 8 && f->mctp.src < 0xff)
		mi2c_learn(dev, f->mctp.src, src);

	if (mi2c_rx_direct()) {
		mi2c_rx_netif(skb);
		return;
	}
	dev_hold(dev);
	skb_queue_tail(&mdev->mcli->rx_defer, skb);
	irq_work_queue(&mdev->mcli->rx_work);
}

/* A write ended (STOP): classify and deliver it. */
static noinline void mi2c_rx_frame(struct mi2c_client *mcli)
{
	unsigned int len = mcli->rx_pos;
	const u8 *buf = mcli->rx_buf;
	const struct mi2c_frame *f = mi2c_frame_of(buf);
	bool src_ok = len > 3 && mi2c_src_valid(f->smbus.src);
	struct mi2c_dev *mdev;
	int fault;

	if (len < 2)	/* address only: a probe or quick command */
		return;

	rcu_read_lock();
	mdev = mi2c_rx_dev(mcli, src_ok ? mi2c_addr_of(f->smbus.src) : 0, src_ok);
	if (!mdev)
		goto out;

	if (f->smbus.cmd != MI2C_CMD_MCTP) {
		if (mcli->ipmb)
			mi2c_ipmb_rx(mcli, mdev, buf, len, mcli->rx_overflow);
		else
			mi2c_rx_error(mdev, MI2C_RX_BAD_CMD);
		goto out;
	}

	fault = mi2c_rx_check(buf, len, mcli->rx_overflow);
	if (fault >= 0)
		mi2c_rx_error(mdev, fault);
	else
		mi2c_rx_deliver(mdev, buf, len - 1);
out:
	rcu_read_unlock();
}

/* Every slave event but a received byte. */
static noinline int mi2c_slave_event(struct mi2c_client *mcli,
				     enum i2c_slave_event event, u8 *val)
{
	switch (event) {
	case I2C_SLAVE_WRITE_REQUESTED:
		mcli->rx_buf[0] = mcli->addr << 1;
		mcli->rx_pos = 1;
		mcli->rx_overflow = false;
		break;
	case I2C_SLAVE_STOP:
		if (mcli->rx_pos)
			mi2c_rx_frame(mcli);
		mcli->rx_pos = 0;
		break;
	case I2C_SLAVE_READ_REQUESTED:
	case I2C_SLAVE_READ_PROCESSED:
		/* nothing to read from an MCTP endpoint */
		mcli->rx_pos = 0;
		*val = 0xff;
		break;
	default:
		break;
	}
	return 0;
}

/*
 * The controller calls this once per byte of a write, in its interrupt
 * handler: the byte case is kept to a few instructions and needs no stack
 * frame. rx_pos is 0 outside a write, else the next free slot of rx_buf.
 */
int mi2c_slave_cb(struct i2c_client *client, enum i2c_slave_event event,
		  u8 *val)
{
	struct mi2c_client *mcli = i2c_get_clientdata(client);
	unsigned int pos;

	if (unlikely(event != I2C_SLAVE_WRITE_RECEIVED))
		return mi2c_slave_event(mcli, event, val);

	pos = mcli->rx_pos;
	if (likely(pos - 1 < sizeof(mcli->rx_buf) - 1)) {
		mcli->rx_buf[pos] = *val;
		mcli->rx_pos = pos + 1;
	} else if (pos) {
		mcli->rx_overflow = true;
	}
	return 0;
}
