// SPDX-License-Identifier: GPL-2.0
/*
 * smbus-sim fault injection: per-segment rules matched by address, each with
 * a count, consulted once per transfer (and once per mux select).
 */
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "smbus_sim.h"

#define SSIM_ALWAYS	(-1)
#define SSIM_ANY_ADDR	(-1)

struct ssim_fault {
	struct list_head node;		/* seg->faults */
	unsigned int id;
	int addr;			/* SSIM_ANY_ADDR or 7-bit */
	enum ssim_fault_type type;
	int byte;
	int len;
	u8 mask;
	int left;			/* SSIM_ALWAYS or hits to go */
	u64 hits;
};

static const char * const ssim_fault_names[] = {
	[SSIM_F_NAK_ADDR] = "nak-addr",
	[SSIM_F_NAK_DATA] = "nak-data",
	[SSIM_F_ARB_LOSS] = "arb-loss",
	[SSIM_F_CORRUPT] = "corrupt",
	[SSIM_F_TRUNCATE] = "truncate",
	[SSIM_F_STUCK] = "stuck",
	[SSIM_F_MUX_FAIL] = "mux-fail",
	[SSIM_F_GONE] = "gone",
};

static bool ssim_fault_addr_ok(const struct ssim_fault *f, u16 addr)
{
	return f->addr == SSIM_ANY_ADDR || f->addr == addr;
}

/* Does rule @f apply to message @msg? */
static bool ssim_fault_hits(const struct ssim_fault *f,
			    const struct i2c_msg *msg)
{
	bool wr = !(msg->flags & I2C_M_RD);

	if (!ssim_fault_addr_ok(f, msg->addr))
		return false;
	switch (f->type) {
	case SSIM_F_NAK_ADDR:
	case SSIM_F_ARB_LOSS:
	case SSIM_F_STUCK:
	case SSIM_F_GONE:
		return true;
	case SSIM_F_NAK_DATA:
		return wr && msg->len > f->byte;
	case SSIM_F_CORRUPT:
		return wr && msg->len > 0 && (f->byte < 0 || msg->len > f->byte);
	case SSIM_F_TRUNCATE:
		return wr && msg->len > f->len;
	default:
		return false;
	}
}

/* Is the sender itself at an address a "gone" rule unplugged? */
static bool ssim_fault_src_gone(const struct ssim_fault *f,
				const struct ssim_obj *from)
{
	const struct ssim_ep *ep;

	if (f->type != SSIM_F_GONE)
		return false;
	list_for_each_entry(ep, &from->bus->eps, node)
		if (ep->obj == from && ssim_fault_addr_ok(f, ep->addr))
			return true;
	return false;
}

static void ssim_fault_take(struct ssim_fault *f)
{
	f->hits++;
	if (f->left > 0)
		f->left--;
}

/* Decide the fault (at most one) a transfer suffers; seg->lock held. */
void ssim_fault_plan(struct ssim_seg *seg, struct ssim_obj *from,
		     const struct i2c_msg *msgs, int num,
		     struct ssim_plan *plan)
{
	struct ssim_fault *f;
	int i;

	lockdep_assert_held(&seg->lock);
	plan->type = SSIM_F_NONE;
	plan->msg = -1;
	list_for_each_entry(f, &seg->faults, node) {
		if (!f->left)
			continue;
		if (ssim_fault_src_gone(f, from)) {
			ssim_fault_take(f);
			plan->type = SSIM_F_SRC_GONE;
			plan->msg = 0;
			return;
		}
		for (i = 0; i < num; i++) {
			if (!ssim_fault_hits(f, &msgs[i]))
				continue;
			ssim_fault_take(f);
			plan->type = f->type;
			plan->msg = i;
			plan->byte = f->byte;
			plan->len = f->len;
			plan->mask = f->mask;
			return;
		}
	}
}

/* Should selecting a channel of the mux at @addr fail? seg->lock held. */
bool ssim_fault_mux(struct ssim_seg *seg, u16 addr)
{
	struct ssim_fault *f;

	lockdep_assert_held(&seg->lock);
	list_for_each_entry(f, &seg->faults, node) {
		if (f->left && f->type == SSIM_F_MUX_FAIL &&
		    ssim_fault_addr_ok(f, addr)) {
			ssim_fault_take(f);
			return true;
		}
	}
	return false;
}

static int ssim_fault_type(const char *s)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(ssim_fault_names); i++)
		if (ssim_fault_names[i] && !strcmp(s, ssim_fault_names[i]))
			return i;
	return -EINVAL;
}

static int ssim_fault_count(const char *s, int *left)
{
	int n;

	if (!strcmp(s, "once")) {
		*left = 1;
		return 0;
	}
	if (!strcmp(s, "always")) {
		*left = SSIM_ALWAYS;
		return 0;
	}
	if (ssim_parse_int(s, &n) || n < 1)
		return -EINVAL;
	*left = n;
	return 0;
}

static int ssim_fault_opt(struct ssim_fault *f, char *tok)
{
	u32 v;
	char *val;

	val = ssim_kv(tok, "byte");
	if (val)
		return ssim_parse_int(val, &f->byte) ?: (f->byte < -1 ? -EINVAL : 0);
	val = ssim_kv(tok, "len");
	if (val)
		return ssim_parse_int(val, &f->len) ?: (f->len < 0 ? -EINVAL : 0);
	val = ssim_kv(tok, "mask");
	if (val) {
		if (ssim_parse_u32(val, &v) || !v || v > 0xff)
			return -EINVAL;
		f->mask = v;
		return 0;
	}
	val = ssim_kv(tok, "count");
	if (val)
		return ssim_fault_count(val, &f->left);
	return -EINVAL;
}

/* Parse "ADDR TYPE [opts]" (@tok is ADDR) into a new rule. */
static struct ssim_fault *ssim_fault_parse(char *tok, char *cmd, int *err)
{
	struct ssim_fault *f;
	u16 addr;
	int type;

	*err = -EINVAL;
	if (!tok)
		return NULL;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f) {
		*err = -ENOMEM;
		return NULL;
	}
	if (!strcmp(tok, "any"))
		f->addr = SSIM_ANY_ADDR;
	else if (!ssim_parse_addr(tok, &addr))
		f->addr = addr;
	else
		goto bad;
	tok = ssim_token(&cmd);
	type = tok ? ssim_fault_type(tok) : -EINVAL;
	if (type < 0)
		goto bad;
	f->type = type;
	f->byte = type == SSIM_F_CORRUPT ? -1 : 0;
	f->mask = 0x01;
	f->left = type == SSIM_F_GONE ? SSIM_ALWAYS : 1;
	while ((tok = ssim_token(&cmd)))
		if (ssim_fault_opt(f, tok))
			goto bad;
	if (f->byte < 0 && type != SSIM_F_CORRUPT)
		goto bad;
	*err = 0;
	return f;
bad:
	kfree(f);
	return NULL;
}

static int ssim_fault_add(struct ssim_seg *seg, char *tok, char *cmd)
{
	struct ssim_fault *f;
	int err;

	f = ssim_fault_parse(tok, cmd, &err);
	if (!f)
		return err;
	spin_lock_bh(&seg->lock);
	if (seg->nfaults >= SSIM_MAX_FAULTS) {
		spin_unlock_bh(&seg->lock);
		kfree(f);
		return -ENOSPC;
	}
	f->id = ++seg->fault_id;
	list_add_tail(&f->node, &seg->faults);
	seg->nfaults++;
	spin_unlock_bh(&seg->lock);
	return 0;
}

/* Move rules (all, or the one with @id) to @out; seg->lock held. */
static int ssim_fault_take_out(struct ssim_seg *seg, int id,
			       struct list_head *out)
{
	struct ssim_fault *f, *tmp;
	int n = 0;

	list_for_each_entry_safe(f, tmp, &seg->faults, node) {
		if (id >= 0 && f->id != id)
			continue;
		list_move_tail(&f->node, out);
		seg->nfaults--;
		n++;
	}
	return n;
}

static int ssim_fault_remove(struct ssim_seg *seg, int id)
{
	struct ssim_fault *f, *tmp;
	LIST_HEAD(out);
	int n;

	spin_lock_bh(&seg->lock);
	n = ssim_fault_take_out(seg, id, &out);
	spin_unlock_bh(&seg->lock);
	list_for_each_entry_safe(f, tmp, &out, node)
		kfree(f);
	return n || id < 0 ? 0 : -ENOENT;
}

/* One command written to SEG/faults. */
int ssim_fault_cmd(struct ssim_seg *seg, char *cmd)
{
	char *p = cmd, *tok = ssim_token(&p);
	int id;

	if (!tok)
		return -EINVAL;
	if (!strcmp(tok, "clear"))
		return ssim_fault_remove(seg, -1);
	if (!strcmp(tok, "del")) {
		tok = ssim_token(&p);
		if (!tok || ssim_parse_int(tok, &id) || id < 0)
			return -EINVAL;
		return ssim_fault_remove(seg, id);
	}
	if (!strcmp(tok, "add"))
		tok = ssim_token(&p);
	/* "[add] ADDR TYPE [opts]" */
	return ssim_fault_add(seg, tok, p);
}

static void ssim_fault_show(struct seq_file *m, const struct ssim_fault *f)
{
	seq_printf(m, "%u ", f->id);
	if (f->addr == SSIM_ANY_ADDR)
		seq_puts(m, "any ");
	else
		seq_printf(m, "0x%02x ", f->addr);
	seq_puts(m, ssim_fault_names[f->type]);
	if (f->type == SSIM_F_NAK_DATA)
		seq_printf(m, " byte=%d", f->byte);
	else if (f->type == SSIM_F_CORRUPT)
		seq_printf(m, " byte=%d mask=0x%02x", f->byte, f->mask);
	else if (f->type == SSIM_F_TRUNCATE)
		seq_printf(m, " len=%d", f->len);
	if (f->left == SSIM_ALWAYS)
		seq_puts(m, " left=always");
	else
		seq_printf(m, " left=%d", f->left);
	seq_printf(m, " hits=%llu\n", f->hits);
}

void ssim_fault_list(struct ssim_seg *seg, struct seq_file *m)
{
	struct ssim_fault *f;

	spin_lock_bh(&seg->lock);
	list_for_each_entry(f, &seg->faults, node)
		ssim_fault_show(m, f);
	spin_unlock_bh(&seg->lock);
}

void ssim_faults_free(struct ssim_seg *seg)
{
	ssim_fault_remove(seg, -1);
}
