// SPDX-License-Identifier: GPL-2.0
/*
 * smbus-sim control interface in debugfs (see README.md): one command per
 * write, state readable with cat.
 *
 * Files of the top level and of a segment may take ssim_cfg_lock; files of
 * an object (SEG/NAME/...) must not, because deleting an object removes them
 * with the lock held.
 */
#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "smbus_sim.h"

#define SSIM_SPEED_MIN		10000
#define SSIM_SPEED_MAX		5000000
#define SSIM_TIMEOUT_MAX_MS	60000

static struct dentry *ssim_top_ctl;

/* Next space-separated token of *s, or NULL; *s moves past it. */
char *ssim_token(char **s)
{
	char *tok;

	if (!*s)
		return NULL;
	tok = skip_spaces(*s);
	if (!*tok) {
		*s = NULL;
		return NULL;
	}
	*s = tok;
	while (**s && !isspace(**s))
		(*s)++;
	if (**s) {
		**s = '\0';
		(*s)++;
	} else {
		*s = NULL;
	}
	return tok;
}

/* The value of "key=value", or NULL when @tok is about another key. */
char *ssim_kv(char *tok, const char *key)
{
	size_t len = strlen(key);

	if (strncmp(tok, key, len) || tok[len] != '=')
		return NULL;
	return tok + len + 1;
}

int ssim_parse_u32(const char *s, u32 *val)
{
	return kstrtou32(s, 0, val);
}

int ssim_parse_int(const char *s, int *val)
{
	return kstrtoint(s, 0, val);
}

int ssim_parse_addr(const char *s, u16 *addr)
{
	u16 v;

	if (kstrtou16(s, 0, &v) || v > 0x7f)
		return -EINVAL;
	*addr = v;
	return 0;
}

static int ssim_parse_speed(const char *s, u32 *speed)
{
	if (ssim_parse_u32(s, speed))
		return -EINVAL;
	if (*speed && (*speed < SSIM_SPEED_MIN || *speed > SSIM_SPEED_MAX))
		return -EINVAL;
	return 0;
}

static int ssim_parse_timeout(const char *s, u32 *ms)
{
	if (ssim_parse_u32(s, ms) || !*ms || *ms > SSIM_TIMEOUT_MAX_MS)
		return -EINVAL;
	return 0;
}

static int ssim_copy_cmd(const char __user *ubuf, size_t count, char *buf)
{
	if (!count || count >= SSIM_CMD_MAX)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	return 0;
}

struct dentry *ssim_obj_dir(struct ssim_obj *obj)
{
	obj->dir = debugfs_create_dir(obj->name, obj->seg->dir);
	return obj->dir;
}

/* ---- top level: "add SEG ..." / "del SEG" ---- */

static int ssim_top_opt(char *tok, u32 *n, u32 *speed, u32 *timeout)
{
	char *val;

	val = ssim_kv(tok, "adapters");
	if (val)
		return ssim_parse_u32(val, n);
	val = ssim_kv(tok, "speed");
	if (val)
		return ssim_parse_speed(val, speed);
	val = ssim_kv(tok, "timeout_ms");
	if (val)
		return ssim_parse_timeout(val, timeout);
	return -EINVAL;
}

static int ssim_top_add(char *p)
{
	u32 n = 2, speed = 0, timeout = 1000;
	char *name = ssim_token(&p), *tok;
	int ret;

	if (!name)
		return -EINVAL;
	while ((tok = ssim_token(&p)))
		if (ssim_top_opt(tok, &n, &speed, &timeout))
			return -EINVAL;
	mutex_lock(&ssim_cfg_lock);
	ret = ssim_seg_create(name, n, speed, timeout);
	mutex_unlock(&ssim_cfg_lock);
	return ret;
}

static int ssim_top_del(char *p)
{
	char *name = ssim_token(&p);
	struct ssim_seg *seg;

	if (!name || ssim_token(&p))
		return -EINVAL;
	mutex_lock(&ssim_cfg_lock);
	seg = ssim_seg_unlist(name);
	mutex_unlock(&ssim_cfg_lock);
	if (!seg)
		return -ENOENT;
	/* Unlocked: its files' handlers may be waiting for the lock. */
	ssim_seg_teardown(seg);
	return 0;
}

static ssize_t ssim_top_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	char buf[SSIM_CMD_MAX], *p = buf, *verb;
	int ret = ssim_copy_cmd(ubuf, count, buf);

	if (ret)
		return ret;
	verb = ssim_token(&p);
	if (verb && !strcmp(verb, "add"))
		ret = ssim_top_add(p);
	else if (verb && !strcmp(verb, "del"))
		ret = ssim_top_del(p);
	else
		ret = -EINVAL;
	return ret ?: count;
}

static int ssim_top_show(struct seq_file *m, void *unused)
{
	mutex_lock(&ssim_cfg_lock);
	ssim_seg_names(m);
	mutex_unlock(&ssim_cfg_lock);
	return 0;
}

static int ssim_top_open(struct inode *inode, struct file *file)
{
	return single_open(file, ssim_top_show, NULL);
}

static const struct file_operations ssim_top_fops = {
	.owner = THIS_MODULE,
	.open = ssim_top_open,
	.read = seq_read,
	.write = ssim_top_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/* ---- SEG/control ---- */

struct ssim_opts {
	char *on;
	char *parent;
	u16 addr;
	bool has_addr;
	u32 channels;
	int idle;
};

static int ssim_parse_idle(const char *s, int *idle)
{
	if (!strcmp(s, "disconnect"))
		*idle = SSIM_IDLE_DISCONNECT;
	else if (!strcmp(s, "as-is"))
		*idle = SSIM_IDLE_AS_IS;
	else if (ssim_parse_int(s, idle) || *idle < 0)
		return -EINVAL;
	return 0;
}

static int ssim_parse_opt(char *tok, struct ssim_opts *o)
{
	char *val;

	val = ssim_kv(tok, "on");
	if (val) {
		o->on = val;
		return 0;
	}
	val = ssim_kv(tok, "parent");
	if (val) {
		o->parent = val;
		return 0;
	}
	val = ssim_kv(tok, "addr");
	if (val) {
		o->has_addr = true;
		return ssim_parse_addr(val, &o->addr);
	}
	val = ssim_kv(tok, "channels");
	if (val)
		return ssim_parse_u32(val, &o->channels);
	val = ssim_kv(tok, "idle");
	if (val)
		return ssim_parse_idle(val, &o->idle);
	return -EINVAL;
}

static int ssim_parse_opts(char *p, struct ssim_opts *o)
{
	char *tok;

	while ((tok = ssim_token(&p)))
		if (ssim_parse_opt(tok, o))
			return -EINVAL;
	return 0;
}

/* Create a device or adapter on the bus named by on= (default: root). */
static int ssim_seg_add_on(struct ssim_seg *seg, const char *verb,
			   const char *name, struct ssim_opts *o)
{
	struct ssim_obj *owner;
	struct ssim_bus *bus;

	bus = ssim_bus_lookup(seg, o->on ?: "root", &owner);
	if (!bus)
		return -ENOENT;
	if (!strcmp(verb, "add-adapter"))
		return ssim_adapter_create(seg, name, bus, owner);
	if (!strcmp(verb, "add-nvme-basic"))
		return ssim_nvme_basic_create(seg, name, bus, owner,
					      o->has_addr ? o->addr : 0x6a);
	if (!o->has_addr)
		return -EINVAL;
	if (!strcmp(verb, "add-tmp75"))
		return ssim_tmp75_create(seg, name, bus, owner, o->addr);
	return ssim_ipmb_create(seg, name, bus, owner, o->addr);
}

static int ssim_seg_cmd(struct ssim_seg *seg, char *p)
{
	struct ssim_opts o = {
		.addr = 0x70, .channels = 4, .idle = SSIM_IDLE_DISCONNECT,
	};
	char *verb = ssim_token(&p), *name = ssim_token(&p);

	if (!verb || !name)
		return -EINVAL;
	if (!strcmp(verb, "del"))
		return ssim_token(&p) ? -EINVAL : ssim_obj_del(seg, name);
	if (ssim_parse_opts(p, &o))
		return -EINVAL;
	if (!strcmp(verb, "add-mux")) {
		if (!o.parent)
			return -EINVAL;
		return ssim_mux_create(seg, name, o.parent, o.addr, o.channels,
				       o.idle);
	}
	if (!strcmp(verb, "add-adapter") || !strcmp(verb, "add-tmp75") ||
	    !strcmp(verb, "add-ipmb") || !strcmp(verb, "add-nvme-basic"))
		return ssim_seg_add_on(seg, verb, name, &o);
	return -EINVAL;
}

/* ---- segment files ---- */

static struct ssim_seg *ssim_file_seg(struct file *file)
{
	return ((struct seq_file *)file->private_data)->private;
}

static ssize_t ssim_seg_write(struct file *file, const char __user *ubuf,
			      size_t count,
			      int (*fn)(struct ssim_seg *seg, char *cmd))
{
	char buf[SSIM_CMD_MAX];
	int ret = ssim_copy_cmd(ubuf, count, buf);

	if (ret)
		return ret;
	ret = fn(ssim_file_seg(file), buf);
	return ret ?: count;
}

/* A segment file: ssim_NAME_show() to read, ssim_NAME_write() to write. */
#define SSIM_SEG_OPEN(_name)						\
static int ssim_##_name##_open(struct inode *inode, struct file *file)	\
{									\
	return single_open(file, ssim_##_name##_show, inode->i_private);	\
}

#define SSIM_SEG_RO_FILE(_name)						\
SSIM_SEG_OPEN(_name)							\
static const struct file_operations ssim_##_name##_fops = {		\
	.owner = THIS_MODULE,						\
	.open = ssim_##_name##_open,					\
	.read = seq_read,						\
	.llseek = seq_lseek,						\
	.release = single_release,					\
}

#define SSIM_SEG_FILE(_name)						\
SSIM_SEG_OPEN(_name)							\
static ssize_t ssim_##_name##_fwrite(struct file *file,		\
				     const char __user *ubuf,		\
				     size_t count, loff_t *ppos)	\
{									\
	return ssim_seg_write(file, ubuf, count, ssim_##_name##_write);	\
}									\
static const struct file_operations ssim_##_name##_fops = {		\
	.owner = THIS_MODULE,						\
	.open = ssim_##_name##_open,					\
	.read = seq_read,						\
	.write = ssim_##_name##_fwrite,					\
	.llseek = seq_lseek,						\
	.release = single_release,					\
}

static int ssim_ctl_show(struct seq_file *m, void *unused)
{
	seq_puts(m, "add-adapter NAME [on=BUS]\n"
		    "add-mux NAME parent=ADAPTER [addr=0x70] [channels=4] [idle=disconnect|as-is|K]\n"
		    "add-tmp75 NAME addr=A [on=BUS]\n"
		    "add-ipmb NAME addr=A [on=BUS]\n"
		    "add-nvme-basic NAME [addr=0x6a] [on=BUS]\n"
		    "del NAME\n");
	return 0;
}

static int ssim_ctl_write(struct ssim_seg *seg, char *cmd)
{
	int ret;

	mutex_lock(&ssim_cfg_lock);
	ret = seg->dead ? -ENODEV : ssim_seg_cmd(seg, cmd);
	mutex_unlock(&ssim_cfg_lock);
	return ret;
}
SSIM_SEG_FILE(ctl);

static int ssim_topology_show(struct seq_file *m, void *unused)
{
	struct ssim_seg *seg = m->private;
	struct ssim_obj *obj;

	mutex_lock(&ssim_cfg_lock);
	if (!seg->dead) {
		list_for_each_entry(obj, &seg->objs, node) {
			seq_printf(m, "%s %s ", obj->name, obj->ops->kind);
			obj->ops->show(obj, m);
		}
	}
	mutex_unlock(&ssim_cfg_lock);
	return 0;
}

SSIM_SEG_RO_FILE(topology);

static int ssim_adapters_show(struct seq_file *m, void *unused)
{
	struct ssim_seg *seg = m->private;
	struct ssim_obj *obj;

	mutex_lock(&ssim_cfg_lock);
	if (!seg->dead) {
		list_for_each_entry(obj, &seg->objs, node)
			if (obj->ops->list_adapters)
				obj->ops->list_adapters(obj, m);
	}
	mutex_unlock(&ssim_cfg_lock);
	return 0;
}

SSIM_SEG_RO_FILE(adapters);

static int ssim_speed_show(struct seq_file *m, void *unused)
{
	struct ssim_seg *seg = m->private;

	seq_printf(m, "%u\n", READ_ONCE(seg->speed));
	return 0;
}

static int ssim_speed_write(struct ssim_seg *seg, char *cmd)
{
	u32 speed;

	if (ssim_parse_speed(strim(cmd), &speed))
		return -EINVAL;
	WRITE_ONCE(seg->speed, speed);
	return 0;
}
SSIM_SEG_FILE(speed);

static int ssim_timeout_show(struct seq_file *m, void *unused)
{
	struct ssim_seg *seg = m->private;

	seq_printf(m, "%u\n", READ_ONCE(seg->timeout_ms));
	return 0;
}

static int ssim_timeout_write(struct ssim_seg *seg, char *cmd)
{
	u32 ms;

	if (ssim_parse_timeout(strim(cmd), &ms))
		return -EINVAL;
	mutex_lock(&ssim_cfg_lock);
	if (!seg->dead) {
		WRITE_ONCE(seg->timeout_ms, ms);
		ssim_adapters_set_timeout(seg);
	}
	mutex_unlock(&ssim_cfg_lock);
	return 0;
}
SSIM_SEG_FILE(timeout);

static int ssim_faults_show(struct seq_file *m, void *unused)
{
	ssim_fault_list(m->private, m);
	return 0;
}

static int ssim_faults_write(struct ssim_seg *seg, char *cmd)
{
	return ssim_fault_cmd(seg, cmd);
}
SSIM_SEG_FILE(faults);

static int ssim_stats_show(struct seq_file *m, void *unused)
{
	struct ssim_seg *seg = m->private;
	struct ssim_stats st;

	spin_lock_bh(&seg->lock);
	st = seg->stats;
	spin_unlock_bh(&seg->lock);
	seq_printf(m, "xfers %llu\nmsgs %llu\nbytes %llu\nnak_addr %llu\n",
		   st.xfers, st.msgs, st.bytes, st.nak_addr);
	seq_printf(m, "nak_data %llu\narb_lost %llu\ntimeouts %llu\ntruncated %llu\n",
		   st.nak_data, st.arb_lost, st.timeouts, st.truncated);
	seq_printf(m, "corrupted %llu\nmux_fail %llu\ngone %llu\naddr_conflicts %llu\n",
		   st.corrupted, st.mux_fail, st.gone, st.addr_conflicts);
	seq_printf(m, "wire_ns %llu\n", st.wire_ns);
	return 0;
}

static int ssim_stats_write(struct ssim_seg *seg, char *cmd)
{
	spin_lock_bh(&seg->lock);
	memset(&seg->stats, 0, sizeof(seg->stats));
	spin_unlock_bh(&seg->lock);
	return 0;
}
SSIM_SEG_FILE(stats);

/* Called with ssim_cfg_lock held, before the segment is listed. */
int ssim_control_seg_add(struct ssim_seg *seg, struct dentry *root)
{
	struct dentry *d = debugfs_create_dir(seg->name, root);

	if (IS_ERR(d))
		return PTR_ERR(d);
	seg->dir = d;
	debugfs_create_file("control", 0644, d, seg, &ssim_ctl_fops);
	debugfs_create_file("adapters", 0444, d, seg, &ssim_adapters_fops);
	debugfs_create_file("topology", 0444, d, seg, &ssim_topology_fops);
	debugfs_create_file("speed", 0644, d, seg, &ssim_speed_fops);
	debugfs_create_file("timeout_ms", 0644, d, seg, &ssim_timeout_fops);
	debugfs_create_file("faults", 0644, d, seg, &ssim_faults_fops);
	debugfs_create_file("stats", 0644, d, seg, &ssim_stats_fops);
	return 0;
}

int ssim_control_init(struct dentry *root)
{
	ssim_top_ctl = debugfs_create_file("control", 0644, root, NULL,
					   &ssim_top_fops);
	return PTR_ERR_OR_ZERO(ssim_top_ctl);
}

/* After this no new command can start. */
void ssim_control_exit(void)
{
	debugfs_remove(ssim_top_ctl);
	ssim_top_ctl = NULL;
}
