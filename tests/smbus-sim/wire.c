// SPDX-License-Identifier: GPL-2.0
/*
 * smbus-sim wire: which endpoint hears a master, and the slave events a
 * transfer turns into. Everything here runs with seg->lock held except
 * ssim_wire_xfer() itself, which may sleep when the segment has timing.
 */
#include <linux/sched.h>

#include "smbus_sim.h"

void ssim_bus_init(struct ssim_bus *bus, struct ssim_seg *seg,
		   struct ssim_mux *up_mux, unsigned int up_chan)
{
	bus->seg = seg;
	INIT_LIST_HEAD(&bus->eps);
	INIT_LIST_HEAD(&bus->muxes);
	bus->up_mux = up_mux;
	bus->up_chan = up_chan;
}

void __ssim_ep_link(struct ssim_bus *bus, struct ssim_ep *ep)
{
	lockdep_assert_held(&bus->seg->lock);
	list_add_tail(&ep->node, &bus->eps);
	ep->linked = true;
}

void __ssim_ep_unlink(struct ssim_ep *ep)
{
	if (!ep->linked)
		return;
	list_del(&ep->node);
	ep->linked = false;
}

/* Is a channel bus connected to the bus its mux sits on? */
bool ssim_bus_connected(const struct ssim_bus *bus)
{
	return bus->up_mux && (bus->up_mux->mask & BIT(bus->up_chan));
}

/* Search @bus and every channel bus connected below it. */
static struct ssim_ep *ssim_find(struct ssim_bus *bus,
				 const struct ssim_obj *from, u16 addr,
				 struct ssim_ep *found, unsigned int *hits)
{
	struct ssim_mux *mux;
	struct ssim_ep *ep;
	unsigned int k;

	list_for_each_entry(ep, &bus->eps, node) {
		if (ep->addr != addr || ep->obj == from)
			continue;
		if (!found)
			found = ep;
		(*hits)++;
	}
	list_for_each_entry(mux, &bus->muxes, node)
		for (k = 0; k < mux->nchan; k++)
			if (mux->mask & BIT(k))
				found = ssim_find(&mux->chan[k].bus, from, addr,
						  found, hits);
	return found;
}

/* The endpoint at @addr electrically connected to @from, or NULL. */
static struct ssim_ep *ssim_lookup(struct ssim_obj *from, u16 addr,
				   unsigned int *hits)
{
	struct ssim_bus *bus = from->bus;

	*hits = 0;
	while (ssim_bus_connected(bus))
		bus = bus->up_mux->obj.bus;
	return ssim_find(bus, from, addr, NULL, hits);
}

static struct ssim_ep *ssim_resolve(struct ssim_seg *seg,
				    struct ssim_obj *from, u16 addr)
{
	unsigned int hits;
	struct ssim_ep *ep = ssim_lookup(from, addr, &hits);

	if (hits > 1)
		seg->stats.addr_conflicts++;
	return ep;
}

static int ssim_ev(struct ssim_ep *ep, enum i2c_slave_event ev, u8 *val)
{
	return ep->ops->event(ep, ev, val);
}

static void ssim_stop(struct ssim_ep *ep)
{
	u8 val = 0;

	ssim_ev(ep, I2C_SLAVE_STOP, &val);
}

/* Address phase: 0 when @ep ACKs, else the master's error. */
static int ssim_addr_phase(struct ssim_seg *seg, struct ssim_ep *ep,
			   const struct ssim_plan *plan, bool hit)
{
	if (hit) {
		switch (plan->type) {
		case SSIM_F_NAK_ADDR:
			seg->stats.nak_addr++;
			return -ENXIO;
		case SSIM_F_GONE:
			seg->stats.gone++;
			return -ENXIO;
		case SSIM_F_ARB_LOSS:
			seg->stats.arb_lost++;
			return -EAGAIN;
		default:
			break;
		}
	}
	if (!ep) {
		seg->stats.nak_addr++;
		return -ENXIO;
	}
	return 0;
}

/* Deliver a write message; 1 when the plan cut the transaction short. */
static int ssim_write(struct ssim_seg *seg, struct ssim_ep *ep,
		      const struct i2c_msg *msg, const struct ssim_plan *plan,
		      bool hit)
{
	int nak_at = -1, corrupt_at = -1, n = msg->len, i;
	u8 val = 0;
	int err;

	if (hit && plan->type == SSIM_F_NAK_DATA)
		nak_at = plan->byte;
	else if (hit && plan->type == SSIM_F_TRUNCATE)
		n = min_t(int, n, plan->len);
	else if (hit && plan->type == SSIM_F_CORRUPT)
		corrupt_at = plan->byte < 0 ? msg->len - 1 : plan->byte;

	/* A backend error here means: NAK every byte until the STOP. */
	err = ssim_ev(ep, I2C_SLAVE_WRITE_REQUESTED, &val);
	for (i = 0; i < n; i++) {
		if (err || i == nak_at) {
			seg->stats.nak_data++;
			return -EIO;
		}
		val = msg->buf[i];
		if (i == corrupt_at) {
			val ^= plan->mask;
			seg->stats.corrupted++;
		}
		err = ssim_ev(ep, I2C_SLAVE_WRITE_RECEIVED, &val);
	}
	if (err && n) {
		seg->stats.nak_data++;
		return -EIO;
	}
	if (n < msg->len) {
		seg->stats.truncated++;
		return 1;
	}
	return 0;
}

static int ssim_read(struct ssim_ep *ep, struct i2c_msg *msg)
{
	int total = msg->len, i;
	u8 val = 0;

	ssim_ev(ep, I2C_SLAVE_READ_REQUESTED, &val);
	if (!total)
		return 0;
	msg->buf[0] = val;
	if (msg->flags & I2C_M_RECV_LEN) {
		if (val > I2C_SMBUS_BLOCK_MAX)
			return -EPROTO;
		total += val;
		msg->len = total;
	}
	for (i = 1; i < total; i++) {
		val = 0;
		ssim_ev(ep, I2C_SLAVE_READ_PROCESSED, &val);
		msg->buf[i] = val;
	}
	return 0;
}

/* Carry out a transfer on the wire; seg->lock held. Returns num or -errno. */
static int ssim_run(struct ssim_seg *seg, struct ssim_obj *from,
		    struct i2c_msg *msgs, int num,
		    const struct ssim_plan *plan)
{
	struct ssim_ep *ep, *prev = NULL;
	int i, ret = 0;

	if (plan->type == SSIM_F_SRC_GONE) {
		seg->stats.gone++;
		return -ENXIO;
	}
	for (i = 0; i < num && !ret; i++) {
		struct i2c_msg *msg = &msgs[i];
		bool hit = plan->msg == i;

		ep = ssim_resolve(seg, from, msg->addr);
		if (ep && ep->ops->addressed)
			ep->ops->addressed(ep, msg);
		/* Repeated start to another address ends prev's transaction. */
		if (prev && prev != ep) {
			ssim_stop(prev);
			prev = NULL;
		}
		ret = ssim_addr_phase(seg, ep, plan, hit);
		if (ret)
			break;
		prev = ep;
		if (msg->flags & I2C_M_RD)
			ret = ssim_read(ep, msg);
		else
			ret = ssim_write(seg, ep, msg, plan, hit);
	}
	if (prev)
		ssim_stop(prev);
	return ret < 0 ? ret : num;
}

/* Index of the message NAKed at its address, or -1; nothing is delivered. */
static int ssim_probe(struct ssim_obj *from, const struct i2c_msg *msgs,
		      int num, const struct ssim_plan *plan)
{
	unsigned int hits;
	int i;

	if (plan->type == SSIM_F_SRC_GONE)
		return 0;
	for (i = 0; i < num; i++) {
		if (plan->msg == i && (plan->type == SSIM_F_NAK_ADDR ||
				       plan->type == SSIM_F_GONE ||
				       plan->type == SSIM_F_ARB_LOSS))
			return i;
		if (!ssim_lookup(from, msgs[i].addr, &hits))
			return i;
	}
	return -1;
}

static void ssim_count(struct ssim_seg *seg, const struct i2c_msg *msgs,
		       int num)
{
	int i;

	seg->stats.xfers++;
	seg->stats.msgs += num;
	for (i = 0; i < num; i++)
		seg->stats.bytes += msgs[i].len;
}

static int ssim_check_msgs(const struct i2c_msg *msgs, int num)
{
	int i;

	if (num < 1)
		return -EINVAL;
	for (i = 0; i < num; i++) {
		if (msgs[i].flags & I2C_M_TEN)
			return -EOPNOTSUPP;
		if (msgs[i].addr > 0x7f || (msgs[i].len && !msgs[i].buf))
			return -EINVAL;
		if ((msgs[i].flags & I2C_M_RECV_LEN) &&
		    (!(msgs[i].flags & I2C_M_RD) || msgs[i].len < 1))
			return -EINVAL;
	}
	return 0;
}

/* No timing: the whole transfer happens at once under the lock. */
static int ssim_xfer_now(struct ssim_seg *seg, struct ssim_obj *from,
			 struct i2c_msg *msgs, int num, unsigned long timeout)
{
	struct ssim_plan plan;
	int ret;

	spin_lock_bh(&seg->lock);
	ssim_count(seg, msgs, num);
	ssim_fault_plan(seg, from, msgs, num, &plan);
	if (plan.type == SSIM_F_STUCK) {
		seg->stats.timeouts++;
		ret = -ETIMEDOUT;
	} else {
		ret = ssim_run(seg, from, msgs, num, &plan);
	}
	spin_unlock_bh(&seg->lock);
	if (plan.type == SSIM_F_STUCK)
		schedule_timeout_uninterruptible(timeout);
	return ret;
}

/* Arbitration lost: return when the loser would have noticed. Unlocks. */
static int ssim_xfer_lost(struct ssim_seg *seg, struct ssim_slot *slot)
	__releases(&seg->lock)
{
	seg->stats.arb_lost++;
	spin_unlock_bh(&seg->lock);
	ssim_sleep_until(slot->lose_at, NULL);
	return -EAGAIN;
}

/*
 * With timing: take a place on the wire (waiting for the bus to become free
 * and arbitrating with masters that wait for the same moment), decide the
 * transfer's fate when it starts, and deliver it when its last bit is done.
 */
static int ssim_xfer_timed(struct ssim_seg *seg, struct ssim_obj *from,
			   struct i2c_msg *msgs, int num,
			   unsigned long timeout, u32 speed)
{
	struct ssim_slot slot = { .msg0 = &msgs[0] };
	struct ssim_plan plan;
	ktime_t t, woke;
	u64 bits;
	int ret;

	spin_lock_bh(&seg->lock);
	ssim_wire_reserve(seg, &slot, from, speed, ssim_xfer_bits(msgs, num));
	while (!slot.lost && ktime_before(ktime_get(), slot.start)) {
		t = slot.start;
		spin_unlock_bh(&seg->lock);
		ssim_sleep_until(t, &slot.lost);
		spin_lock_bh(&seg->lock);
	}
	ssim_count(seg, msgs, num);
	if (slot.lost)
		return ssim_xfer_lost(seg, &slot);
	ssim_fault_plan(seg, from, msgs, num, &plan);
	if (plan.type == SSIM_F_STUCK) {
		t = ktime_add_ns(slot.start, jiffies_to_nsecs(timeout));
	} else {
		bits = ssim_plan_bits(msgs, num, &plan,
				      ssim_probe(from, msgs, num, &plan));
		t = ktime_add(slot.start, ssim_bits_time(speed, bits));
	}
	ssim_wire_extend(seg, &slot, t);
	spin_unlock_bh(&seg->lock);

	/* Another master starting with us in the same bit may still win. */
	ssim_sleep_until(t, &slot.lost);
	woke = ktime_get();

	spin_lock_bh(&seg->lock);
	ssim_wire_release(seg, &slot, from, woke);
	if (slot.lost)
		return ssim_xfer_lost(seg, &slot);
	if (plan.type == SSIM_F_STUCK) {
		seg->stats.timeouts++;
		ret = -ETIMEDOUT;
	} else {
		ret = ssim_run(seg, from, msgs, num, &plan);
	}
	seg->stats.wire_ns += ktime_to_ns(ktime_sub(slot.end, slot.start));
	spin_unlock_bh(&seg->lock);
	ssim_wire_delivered(from, slot.end);
	return ret;
}

/*
 * A master transfer by @from (an adapter or a simulated device) on its bus.
 * Process context; returns @num or a negative errno as i2c adapters do.
 */
int ssim_wire_xfer(struct ssim_obj *from, struct i2c_msg *msgs, int num,
		   unsigned long timeout)
{
	struct ssim_seg *seg = from->seg;
	u32 speed;
	int ret;

	might_sleep();
	ret = ssim_check_msgs(msgs, num);
	if (ret)
		return ret;
	speed = READ_ONCE(seg->speed);
	if (!speed)
		return ssim_xfer_now(seg, from, msgs, num, timeout);
	return ssim_xfer_timed(seg, from, msgs, num, timeout, speed);
}
