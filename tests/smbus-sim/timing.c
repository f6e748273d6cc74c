// SPDX-License-Identifier: GPL-2.0
/*
 * smbus-sim wire timing: how long a transaction holds the wire, the wire's
 * schedule (one transaction on it, at most one waiting for it to be free)
 * and arbitration between masters that start at the same moment.
 *
 * Bit budget of a transaction: per message one (repeated) start bit and
 * 9 bits (8 data + ACK) for the address byte and for every data byte; one
 * stop bit at the end.
 */
#include <linux/hrtimer.h>
#include <linux/math64.h>
#include <linux/sched.h>

#include "smbus_sim.h"

/* Bytes after the address byte a message puts on the wire. */
static u64 ssim_msg_bytes(const struct i2c_msg *msg)
{
	/* Length not known before the count byte: assume a full block. */
	if (msg->flags & I2C_M_RECV_LEN)
		return msg->len + I2C_SMBUS_BLOCK_MAX;
	return msg->len;
}

/*
 * Bits a transaction puts on the wire when the plan's fault cuts it short or
 * message @nak_msg is NAKed at its address (-1: none).
 */
u64 ssim_plan_bits(const struct i2c_msg *msgs, int num,
		   const struct ssim_plan *plan, int nak_msg)
{
	u64 bits = 0, n;
	int i;

	for (i = 0; i < num; i++) {
		bits += 1 + 9;
		if (i == nak_msg)
			break;
		n = ssim_msg_bytes(&msgs[i]);
		if (plan->msg == i && plan->type == SSIM_F_NAK_DATA) {
			bits += 9 * min_t(u64, n, plan->byte + 1);
			break;
		}
		if (plan->msg == i && plan->type == SSIM_F_TRUNCATE) {
			bits += 9 * min_t(u64, n, plan->len);
			break;
		}
		bits += 9 * n;
	}
	return bits + 1;
}

u64 ssim_xfer_bits(const struct i2c_msg *msgs, int num)
{
	struct ssim_plan none = { .type = SSIM_F_NONE, .msg = -1 };

	return ssim_plan_bits(msgs, num, &none, -1);
}

ktime_t ssim_bits_time(u32 speed, u64 bits)
{
	return ns_to_ktime(div_u64(bits * NSEC_PER_SEC, speed));
}

/* Bytes of the first message as arbitration sees them. */
static unsigned int ssim_arb_len(const struct i2c_msg *msg)
{
	return (msg->flags & I2C_M_RD) ? 1 : 1 + msg->len;
}

static u8 ssim_arb_byte(const struct i2c_msg *msg, unsigned int i)
{
	if (!i)
		return (msg->addr << 1) | (msg->flags & I2C_M_RD ? 1 : 0);
	return msg->buf[i - 1];
}

/*
 * Two masters start together: the one sending a 0 where the other sends a 1
 * wins (open drain). Returns true when @a wins; *lose_bits is when the loser
 * notices. A prefix of the other loses, and an identical newcomer @a loses.
 */
static bool ssim_arbitrate(const struct i2c_msg *a, const struct i2c_msg *b,
			   u64 *lose_bits)
{
	unsigned int la = ssim_arb_len(a), lb = ssim_arb_len(b);
	unsigned int n = min(la, lb), i;
	u8 x, y;

	for (i = 0; i < n; i++) {
		x = ssim_arb_byte(a, i);
		y = ssim_arb_byte(b, i);
		if (x != y) {
			*lose_bits = 1 + 9 * i + (8 - __fls(x ^ y));
			return x < y;
		}
	}
	*lose_bits = 1 + 9 * n + 1;
	return la > lb;
}

static void ssim_wire_done(struct ssim_seg *seg, const struct ssim_slot *slot)
{
	if (ktime_after(slot->end, seg->free_at))
		seg->free_at = slot->end;
}

/* Forget transactions that are over; promote the waiting one once due. */
static void ssim_wire_advance(struct ssim_seg *seg, ktime_t now)
{
	if (seg->cur && !ktime_before(now, seg->cur->end)) {
		ssim_wire_done(seg, seg->cur);
		seg->cur = NULL;
	}
	if (!seg->cur && seg->next && !ktime_before(now, seg->next->start)) {
		seg->cur = seg->next;
		seg->next = NULL;
	}
}

/*
 * When the wire is free, a master starts now; but the time this simulation
 * overslept the end of a transfer is nobody's doing: not that of the master
 * that sent it (its next transfer follows late), nor that of the slave that
 * received it late (its answer follows late). So the start moves back by
 * that much, never before the wire became free. Back-to-back transfers and
 * request/response turnarounds then run at wire speed however coarse the
 * host's timers are; only the software's own time between them counts.
 */
static ktime_t ssim_wire_free_start(struct ssim_seg *seg,
				    struct ssim_obj *from, ktime_t now)
{
	ktime_t start = ktime_sub(now, max(from->late, seg->late));

	from->late = 0;
	seg->late = 0;
	return ktime_before(start, seg->free_at) ? seg->free_at : start;
}

/* @a and @b start together: mark the loser and wake it; true if @a won. */
static bool ssim_wire_contend(struct ssim_slot *a, struct ssim_slot *b,
			      u32 speed)
{
	bool a_wins;
	struct ssim_slot *loser;
	u64 lose_bits;

	a_wins = ssim_arbitrate(a->msg0, b->msg0, &lose_bits);
	loser = a_wins ? b : a;
	loser->lose_at = ktime_add(loser->start,
				   ssim_bits_time(speed, lose_bits));
	WRITE_ONCE(loser->lost, true);
	if (loser->task)
		wake_up_process(loser->task);
	return a_wins;
}

/* @slot won against the transaction on the wire; the waiting one follows. */
static void ssim_wire_replace_cur(struct ssim_seg *seg, struct ssim_slot *slot)
{
	struct ssim_slot *next = seg->next;

	seg->cur = slot;
	if (next) {
		next->end = ktime_add(slot->end, ktime_sub(next->end, next->start));
		next->start = slot->end;
	}
}

/*
 * Give @slot its place: now if the wire is free, else when the current
 * transaction ends. Masters that start together arbitrate: one starting
 * within a bit time of the transaction on the wire, or two waiting for the
 * same bus-free moment. seg->lock held.
 */
void ssim_wire_reserve(struct ssim_seg *seg, struct ssim_slot *slot,
		       struct ssim_obj *from, u32 speed, u64 bits)
{
	ktime_t now = ktime_get(), dur = ssim_bits_time(speed, bits);
	struct ssim_slot *cur;

	lockdep_assert_held(&seg->lock);
	slot->task = current;
	ssim_wire_advance(seg, now);
	cur = seg->cur;
	if (!cur) {
		slot->start = ssim_wire_free_start(seg, from, now);
		slot->end = ktime_add(slot->start, dur);
		seg->cur = slot;
		return;
	}
	from->late = 0;
	if (ktime_before(now, ktime_add(cur->start, ssim_bits_time(speed, 1)))) {
		slot->start = cur->start;
		slot->end = ktime_add(slot->start, dur);
		if (ssim_wire_contend(slot, cur, speed))
			ssim_wire_replace_cur(seg, slot);
		return;
	}
	slot->start = cur->end;
	slot->end = ktime_add(slot->start, dur);
	if (!seg->next)
		seg->next = slot;
	else if (ssim_wire_contend(slot, seg->next, speed))
		seg->next = slot;
}

/*
 * @slot started; it really ends at @end (shorter after a NAK, longer on a
 * stuck bus). The transaction waiting behind it, if any, moves along.
 */
void ssim_wire_extend(struct ssim_seg *seg, struct ssim_slot *slot,
		      ktime_t end)
{
	ktime_t delta;

	lockdep_assert_held(&seg->lock);
	delta = ktime_sub(end, slot->end);
	slot->end = end;
	if (seg->cur == slot && seg->next) {
		seg->next->start = ktime_add(seg->next->start, delta);
		seg->next->end = ktime_add(seg->next->end, delta);
	}
}

#define SSIM_LATE_MAX_NS	(20 * NSEC_PER_MSEC)

/* How late @now is for something due at @due: 0 up to SSIM_LATE_MAX_NS. */
static ktime_t ssim_lateness(ktime_t now, ktime_t due)
{
	s64 late = ktime_to_ns(ktime_sub(now, due));

	return ns_to_ktime(clamp_t(s64, late, 0, SSIM_LATE_MAX_NS));
}

/*
 * @slot is over; its master woke at @woke. seg->lock held. The lateness of
 * that wakeup is the answering slave's (seg->late) when the transfer went
 * through, and then the master's own is set once the delivery is done
 * (ssim_wire_delivered()); after a lost arbitration it is the master's.
 */
void ssim_wire_release(struct ssim_seg *seg, struct ssim_slot *slot,
		       struct ssim_obj *from, ktime_t woke)
{
	lockdep_assert_held(&seg->lock);
	if (!slot->lost)
		ssim_wire_done(seg, slot);
	if (seg->cur == slot)
		seg->cur = NULL;
	if (seg->next == slot)
		seg->next = NULL;
	if (slot->lost)
		from->late = ssim_lateness(woke, slot->end);
	else
		seg->late = ssim_lateness(woke, slot->end);
	ssim_wire_advance(seg, ktime_get());
}

/*
 * @from's transfer that ended on the wire at @end has been delivered: the
 * receivers' handling of it ran here, on this CPU, in the softirq that
 * followed the unlock. On a real bus the receivers are other machines and
 * the master's next transfer does not wait for them, so that time is
 * counted as lateness too. Called without seg->lock: only @from's own
 * transfers, which the adapter serialises, use from->late.
 */
void ssim_wire_delivered(struct ssim_obj *from, ktime_t end)
{
	WRITE_ONCE(from->late, ssim_lateness(ktime_get(), end));
}

/* Sleep until @t (CLOCK_MONOTONIC) or until *@abort; signals do not wake. */
void ssim_sleep_until(ktime_t t, const bool *abort)
{
	ktime_t exp;

	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (!ktime_before(ktime_get(), t) || (abort && READ_ONCE(*abort)))
			break;
		exp = t;
		schedule_hrtimeout(&exp, HRTIMER_MODE_ABS);
	}
	__set_current_state(TASK_RUNNING);
}
