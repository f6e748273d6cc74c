// SPDX-License-Identifier: GPL-2.0
/*
 * smbus-sim IPMB responder: takes IPMB requests written to its address and
 * answers each with a master write to the requester's slave address.
 *
 * Request on the wire:  rsSA | netFn/rsLUN chk1 rqSA rqSeq/rqLUN cmd data chk2
 * Response:             rqSA | netFn+1/rqLUN chk1 rsSA rqSeq/rsLUN cmd cc data chk2
 * (rsSA and rqSA are 8-bit slave addresses; chk1 covers the first two bytes,
 * chk2 the rest; each makes its bytes sum to zero modulo 256.)
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "smbus_sim.h"

#define SSIM_IPMB_MAX		64
#define SSIM_IPMB_QLEN		8
#define SSIM_IPMB_MIN_REQ	6	/* netFn..cmd and chk2, no data */
#define SSIM_IPMB_NETFN_APP	0x06
#define SSIM_IPMB_CMD_DEVID	0x01
#define SSIM_IPMB_CC_OK		0x00
#define SSIM_IPMB_CC_BADCMD	0xc1

struct ssim_ipmb_rsp {
	u16 addr;
	u8 len;
	u8 buf[SSIM_IPMB_MAX];
};

struct ssim_ipmb_stats {
	u64 requests;
	u64 bad_checksum;
	u64 shorts;
	u64 ignored;
	u64 dropped;
	u64 responses;
	u64 response_errors;
	int last_error;
};

struct ssim_ipmb {
	struct ssim_obj obj;
	struct ssim_ep ep;
	struct work_struct work;
	/* seg->lock */
	u8 req[SSIM_IPMB_MAX];
	unsigned int len;
	bool writing;
	bool overflow;
	struct ssim_ipmb_rsp q[SSIM_IPMB_QLEN];
	unsigned int qhead;
	unsigned int qlen;
	struct ssim_ipmb_stats st;
};

/* Get Device ID: id, revision, firmware 1.00, IPMI 2.0, no extras. */
static const u8 ssim_ipmb_devid[] = {
	0x20, 0x01, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static u8 ssim_ipmb_sum(const u8 *p, unsigned int n)
{
	u8 sum = 0;

	while (n--)
		sum += *p++;
	return sum;
}

static void ssim_ipmb_build(struct ssim_ipmb *ib, const u8 *r,
			    struct ssim_ipmb_rsp *rsp)
{
	u8 netfn = r[0] >> 2, rs_lun = r[0] & 3, rq_sa = r[2];
	u8 *b = rsp->buf;
	unsigned int n = 0;

	b[n++] = ((netfn | 1) << 2) | (r[3] & 3);
	b[n] = -(u8)(rq_sa + b[0]);
	n++;
	b[n++] = ib->ep.addr << 1;
	b[n++] = (r[3] & ~3) | rs_lun;
	b[n++] = r[4];
	if (netfn == SSIM_IPMB_NETFN_APP && r[4] == SSIM_IPMB_CMD_DEVID) {
		b[n++] = SSIM_IPMB_CC_OK;
		memcpy(&b[n], ssim_ipmb_devid, sizeof(ssim_ipmb_devid));
		n += sizeof(ssim_ipmb_devid);
	} else {
		b[n++] = SSIM_IPMB_CC_BADCMD;
	}
	b[n] = -ssim_ipmb_sum(&b[2], n - 2);
	n++;
	rsp->addr = rq_sa >> 1;
	rsp->len = n;
}

/* A write transaction ended; seg->lock held. */
static void ssim_ipmb_request(struct ssim_ipmb *ib)
{
	const u8 *r = ib->req;
	u8 rs_sa = ib->ep.addr << 1;

	if (ib->overflow || ib->len < SSIM_IPMB_MIN_REQ) {
		ib->st.shorts++;
		return;
	}
	if ((u8)(rs_sa + r[0] + r[1]) ||
	    ssim_ipmb_sum(&r[2], ib->len - 2)) {
		ib->st.bad_checksum++;
		return;
	}
	if ((r[0] >> 2) & 1) {
		ib->st.ignored++;		/* odd netFn: a response, not for us */
		return;
	}
	ib->st.requests++;
	if (ib->qlen == SSIM_IPMB_QLEN) {
		ib->st.dropped++;
		return;
	}
	ssim_ipmb_build(ib, r, &ib->q[(ib->qhead + ib->qlen) % SSIM_IPMB_QLEN]);
	ib->qlen++;
	schedule_work(&ib->work);
}

static int ssim_ipmb_event(struct ssim_ep *ep, enum i2c_slave_event ev,
			   u8 *val)
{
	struct ssim_ipmb *ib = container_of(ep, struct ssim_ipmb, ep);

	switch (ev) {
	case I2C_SLAVE_WRITE_REQUESTED:
		ib->writing = true;
		ib->overflow = false;
		ib->len = 0;
		break;
	case I2C_SLAVE_WRITE_RECEIVED:
		if (ib->len < SSIM_IPMB_MAX)
			ib->req[ib->len++] = *val;
		else
			ib->overflow = true;
		break;
	case I2C_SLAVE_READ_REQUESTED:
	case I2C_SLAVE_READ_PROCESSED:
		ib->writing = false;
		*val = 0xff;
		break;
	case I2C_SLAVE_STOP:
		if (ib->writing)
			ssim_ipmb_request(ib);
		ib->writing = false;
		break;
	}
	return 0;
}

static const struct ssim_ep_ops ssim_ipmb_ep_ops = {
	.event = ssim_ipmb_event,
};

/* Send queued responses, one master write each, from the responder. */
static void ssim_ipmb_work(struct work_struct *work)
{
	struct ssim_ipmb *ib = container_of(work, struct ssim_ipmb, work);
	struct ssim_seg *seg = ib->obj.seg;
	struct ssim_ipmb_rsp rsp;
	struct i2c_msg msg;
	int ret;

	for (;;) {
		spin_lock_bh(&seg->lock);
		if (!ib->qlen) {
			spin_unlock_bh(&seg->lock);
			return;
		}
		rsp = ib->q[ib->qhead];
		ib->qhead = (ib->qhead + 1) % SSIM_IPMB_QLEN;
		ib->qlen--;
		spin_unlock_bh(&seg->lock);

		msg.addr = rsp.addr;
		msg.flags = 0;
		msg.len = rsp.len;
		msg.buf = rsp.buf;
		ret = ssim_wire_xfer(&ib->obj, &msg, 1, ssim_seg_timeout(seg));

		spin_lock_bh(&seg->lock);
		if (ret == 1) {
			ib->st.responses++;
		} else {
			ib->st.response_errors++;
			ib->st.last_error = ret;
		}
		spin_unlock_bh(&seg->lock);
	}
}

static int ssim_ipmb_counters_show(struct seq_file *m, void *unused)
{
	struct ssim_ipmb *ib = m->private;
	struct ssim_ipmb_stats c;

	spin_lock_bh(&ib->obj.seg->lock);
	c = ib->st;
	spin_unlock_bh(&ib->obj.seg->lock);
	seq_printf(m, "requests %llu\nbad_checksum %llu\nshort %llu\nignored %llu\n",
		   c.requests, c.bad_checksum, c.shorts, c.ignored);
	seq_printf(m, "dropped %llu\nresponses %llu\nresponse_errors %llu\nlast_error %d\n",
		   c.dropped, c.responses, c.response_errors, c.last_error);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ssim_ipmb_counters);

static void ssim_ipmb_show(struct ssim_obj *obj, struct seq_file *m)
{
	struct ssim_ipmb *ib = container_of(obj, struct ssim_ipmb, obj);
	char bus[SSIM_NAME_LEN + 4];

	ssim_bus_name(obj->bus, bus, sizeof(bus));
	seq_printf(m, "on=%s addr=0x%02x\n", bus, ib->ep.addr);
}

static void ssim_ipmb_destroy(struct ssim_obj *obj)
{
	struct ssim_ipmb *ib = container_of(obj, struct ssim_ipmb, obj);

	spin_lock_bh(&obj->seg->lock);
	__ssim_ep_unlink(&ib->ep);
	spin_unlock_bh(&obj->seg->lock);
	/* Off the wire: nothing queues work any more. */
	cancel_work_sync(&ib->work);
	kfree(ib);
}

static const struct ssim_obj_ops ssim_ipmb_ops = {
	.kind = "ipmb",
	.show = ssim_ipmb_show,
	.destroy = ssim_ipmb_destroy,
};

int ssim_ipmb_create(struct ssim_seg *seg, const char *name,
		     struct ssim_bus *bus, struct ssim_obj *depends, u16 addr)
{
	struct ssim_ipmb *ib;
	int ret;

	ret = ssim_obj_check(seg, name);
	if (ret)
		return ret;
	ib = kzalloc(sizeof(*ib), GFP_KERNEL);
	if (!ib)
		return -ENOMEM;
	ib->ep.obj = &ib->obj;
	ib->ep.ops = &ssim_ipmb_ep_ops;
	ib->ep.addr = addr;
	INIT_WORK(&ib->work, ssim_ipmb_work);
	ssim_obj_add(seg, &ib->obj, name, &ssim_ipmb_ops, bus, depends);
	debugfs_create_file("counters", 0444, ssim_obj_dir(&ib->obj), ib,
			    &ssim_ipmb_counters_fops);

	spin_lock_bh(&seg->lock);
	__ssim_ep_link(bus, &ib->ep);
	spin_unlock_bh(&seg->lock);
	return 0;
}
