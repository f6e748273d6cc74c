// SPDX-License-Identifier: GPL-2.0
/*
 * Request flows. A packet with a flow cookie (mctp_skb_flow()) belongs to
 * a request whose response must come back over the same bus, so after it
 * is sent the worker keeps the bus (and so the mux channel) locked. A flow
 * ends when the core releases it (response received, key gone), when a
 * transmit of it fails, or at its deadline: hold_ms after its last packet
 * went out or after the last packet of its response arrived (a long
 * response on a slow bus keeps the hold while it comes in), but never
 * later than MI2C_HOLD_MS_MAX after the flow's last packet went out. The
 * bus is unlocked as soon as no flow is left.
 *
 * The table is shared with release_flow (softirq or process context) and
 * the receive path (atomic), under flow_lock. Only the worker locks and
 * unlocks the bus; the others kick it.
 */

#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

#include "i2c-mctp.h"

static unsigned long mi2c_hold_jiffies(struct mi2c_dev *mdev)
{
	return msecs_to_jiffies(READ_ONCE(mdev->hold_ms));
}

/* The response to come from a transmitted frame. */
static void mi2c_flow_peer_set(struct mi2c_flow_peer *p, const u8 *frame)
{
	const struct mi2c_frame *f = mi2c_frame_of(frame);

	p->addr = mi2c_addr_of(f->smbus.dest);
	p->peer_eid = f->mctp.dest;
	p->local_eid = f->mctp.src;
	p->tag = mctp_hdr_to_tag(&f->mctp);
}

/*
 * Whether a received MCTP header from @addr answers the flow's request:
 * from its destination to its source, the request's tag, tag owner clear.
 */
static bool mi2c_flow_answers(const struct mi2c_flow_peer *p, u8 addr,
			      const struct mctp_hdr *hdr)
{
	return (p->tag & MCTP_HDR_FLAG_TO) && p->addr == addr &&
	       p->peer_eid == hdr->src && p->local_eid == hdr->dest &&
	       (p->tag & ~MCTP_HDR_FLAG_TO) == mctp_hdr_to_tag(hdr);
}

/* flow_lock held */
static int mi2c_flow_find(struct mi2c_dev *mdev, u64 cookie)
{
	unsigned int i;

	for (i = 0; i < mdev->nflows; i++)
		if (mdev->flows[i].cookie == cookie)
			return i;
	return -1;
}

/* flow_lock held */
static bool mi2c_flow_is_gone(struct mi2c_dev *mdev, u64 cookie)
{
	unsigned int i;

	for (i = 0; i < MI2C_GONE_FLOWS; i++)
		if (mdev->gone[i] == cookie)
			return true;
	return false;
}

/* flow_lock held */
static void mi2c_flow_del(struct mi2c_dev *mdev, unsigned int i)
{
	mdev->flows[i] = mdev->flows[--mdev->nflows];
	if (!mdev->nflows)
		WRITE_ONCE(mdev->flow_kick, true);
}

/*
 * Binding op: the core ended a flow. A flow not (yet) in the table is
 * remembered, so that packets of it still queued do not start a hold.
 */
void mi2c_release_flow(struct net_device *dev, u64 cookie)
{
	struct mi2c_dev *mdev = netdev_priv(dev);
	unsigned long flags;
	bool kick = false;
	int i;

	if (!cookie)
		return;
	spin_lock_irqsave(&mdev->flow_lock, flags);
	i = mi2c_flow_find(mdev, cookie);
	if (i >= 0) {
		mi2c_flow_del(mdev, i);
		mi2c_count(mdev, MI2C_FLOW_RELEASED);
		kick = true;
	} else {
		mdev->gone[mdev->gone_next] = cookie;
		mdev->gone_next = (mdev->gone_next + 1) % MI2C_GONE_FLOWS;
	}
	spin_unlock_irqrestore(&mdev->flow_lock, flags);

	if (kick)
		wake_up(&mdev->wq);
}

enum mi2c_flow_class mi2c_flow_classify(struct mi2c_dev *mdev, u64 cookie)
{
	enum mi2c_flow_class cls;
	unsigned long flags;

	if (!cookie || !READ_ONCE(mdev->hold_ms))
		return MI2C_FLOW_NONE;

	spin_lock_irqsave(&mdev->flow_lock, flags);
	if (mi2c_flow_find(mdev, cookie) >= 0)
		cls = MI2C_FLOW_MEMBER;
	else if (mi2c_flow_is_gone(mdev, cookie))
		cls = MI2C_FLOW_NONE;
	else
		cls = MI2C_FLOW_NEW;
	spin_unlock_irqrestore(&mdev->flow_lock, flags);
	return cls;
}

/*
 * Worker: a new flow's first packet (@frame, from dest) went out. False if
 * the table is full.
 */
bool mi2c_flow_add(struct mi2c_dev *mdev, u64 cookie, const u8 *frame)
{
	struct mi2c_flow *f;
	unsigned long flags;
	bool added = false;

	spin_lock_irqsave(&mdev->flow_lock, flags);
	if (mdev->nflows < MI2C_MAX_FLOWS) {
		f = &mdev->flows[mdev->nflows++];
		f->cookie = cookie;
		mi2c_flow_peer_set(&f->peer, frame);
		f->last_tx = jiffies;
		f->deadline = f->last_tx + mi2c_hold_jiffies(mdev);
		added = true;
	}
	spin_unlock_irqrestore(&mdev->flow_lock, flags);

	if (added)
		mi2c_count(mdev, MI2C_FLOW_HOLDS);
	return added;
}

/* Worker: another packet (@frame) of a flow went out. */
void mi2c_flow_touch(struct mi2c_dev *mdev, u64 cookie, const u8 *frame)
{
	struct mi2c_flow *f;
	unsigned long flags;
	int i;

	spin_lock_irqsave(&mdev->flow_lock, flags);
	i = mi2c_flow_find(mdev, cookie);
	if (i >= 0) {
		f = &mdev->flows[i];
		mi2c_flow_peer_set(&f->peer, frame);
		f->last_tx = jiffies;
		f->deadline = f->last_tx + mi2c_hold_jiffies(mdev);
	}
	spin_unlock_irqrestore(&mdev->flow_lock, flags);
}

/* Worker: a packet of a flow could not be sent; the flow is over. */
void mi2c_flow_drop(struct mi2c_dev *mdev, u64 cookie)
{
	unsigned long flags;
	bool found = false;
	int i;

	spin_lock_irqsave(&mdev->flow_lock, flags);
	i = mi2c_flow_find(mdev, cookie);
	if (i >= 0) {
		mi2c_flow_del(mdev, i);
		found = true;
	}
	spin_unlock_irqrestore(&mdev->flow_lock, flags);

	if (found)
		mi2c_count(mdev, MI2C_FLOW_ERRORS);
}

/*
 * Receive path: a packet (MCTP header @hdr) from @addr arrived. If it is
 * part of the response to a flow's request, the response is still coming
 * in: give it time, up to the cap.
 */
void mi2c_flow_rx_seen(struct mi2c_dev *mdev, u8 addr,
		       const struct mctp_hdr *hdr)
{
	unsigned long flags, deadline, cap;
	struct mi2c_flow *f;
	unsigned int i;

	if (!READ_ONCE(mdev->nflows))
		return;
	deadline = jiffies + mi2c_hold_jiffies(mdev);
	spin_lock_irqsave(&mdev->flow_lock, flags);
	for (i = 0; i < mdev->nflows; i++) {
		f = &mdev->flows[i];
		if (!mi2c_flow_answers(&f->peer, addr, hdr))
			continue;
		cap = f->last_tx + msecs_to_jiffies(MI2C_HOLD_MS_MAX);
		if (time_before(f->deadline, deadline))
			f->deadline = time_before(deadline, cap) ? deadline : cap;
	}
	spin_unlock_irqrestore(&mdev->flow_lock, flags);
}

/*
 * Worker: end flows past their deadline. Sets *empty when no flow is
 * left and returns the time until the next deadline.
 */
long mi2c_flow_service(struct mi2c_dev *mdev, bool *empty)
{
	long timeout = MAX_SCHEDULE_TIMEOUT;
	unsigned long now = jiffies, flags;
	unsigned int i, expired = 0;

	/* nothing held and nothing changed: the common case, without the lock */
	if (!READ_ONCE(mdev->nflows) && !READ_ONCE(mdev->flow_kick)) {
		*empty = true;
		return timeout;
	}

	spin_lock_irqsave(&mdev->flow_lock, flags);
	for (i = 0; i < mdev->nflows; ) {
		if (time_after_eq(now, mdev->flows[i].deadline)) {
			mi2c_flow_del(mdev, i);
			expired++;
			continue;
		}
		timeout = min_t(long, timeout, mdev->flows[i].deadline - now);
		i++;
	}
	WRITE_ONCE(mdev->flow_kick, false);
	*empty = !mdev->nflows;
	spin_unlock_irqrestore(&mdev->flow_lock, flags);

	while (expired--)
		mi2c_count(mdev, MI2C_FLOW_EXPIRED);
	return timeout;
}

bool mi2c_flow_kicked(struct mi2c_dev *mdev)
{
	return READ_ONCE(mdev->flow_kick);
}

/* The interface went down: every flow ends now. */
void mi2c_flow_flush(struct mi2c_dev *mdev)
{
	unsigned long flags;

	spin_lock_irqsave(&mdev->flow_lock, flags);
	mdev->nflows = 0;
	WRITE_ONCE(mdev->flow_kick, true);
	spin_unlock_irqrestore(&mdev->flow_lock, flags);
	wake_up(&mdev->wq);
}

unsigned int mi2c_flow_count(struct mi2c_dev *mdev)
{
	return READ_ONCE(mdev->nflows);
}
