// SPDX-License-Identifier: GPL-2.0
/*
 * smbus-sim core: the module, its segments and the named objects in them.
 */
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "smbus_sim.h"

DEFINE_MUTEX(ssim_cfg_lock);
struct device *ssim_parent_dev;

static LIST_HEAD(ssim_segments);
static unsigned int ssim_nsegs;
static struct platform_device *ssim_pdev;
static struct dentry *ssim_debugfs;

int ssim_check_name(const char *name)
{
	size_t len = strlen(name);
	size_t i;

	if (!len || len >= SSIM_NAME_LEN)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-'))
			return -EINVAL;
	}
	return 0;
}

struct ssim_seg *ssim_seg_find(const char *name)
{
	struct ssim_seg *seg;

	lockdep_assert_held(&ssim_cfg_lock);
	list_for_each_entry(seg, &ssim_segments, node)
		if (!strcmp(seg->name, name))
			return seg;
	return NULL;
}

void ssim_seg_names(struct seq_file *m)
{
	struct ssim_seg *seg;

	lockdep_assert_held(&ssim_cfg_lock);
	list_for_each_entry(seg, &ssim_segments, node)
		seq_printf(m, "%s\n", seg->name);
}

unsigned long ssim_seg_timeout(struct ssim_seg *seg)
{
	return msecs_to_jiffies(READ_ONCE(seg->timeout_ms));
}

static struct ssim_seg *ssim_seg_alloc(const char *name, u32 speed,
				       unsigned int timeout_ms)
{
	struct ssim_seg *seg = kzalloc(sizeof(*seg), GFP_KERNEL);

	if (!seg)
		return NULL;
	strscpy(seg->name, name, sizeof(seg->name));
	spin_lock_init(&seg->lock);
	ssim_bus_init(&seg->root, seg, NULL, 0);
	INIT_LIST_HEAD(&seg->objs);
	INIT_LIST_HEAD(&seg->faults);
	seg->speed = speed;
	seg->timeout_ms = timeout_ms;
	return seg;
}

static void ssim_obj_unlink(struct ssim_obj *obj)
{
	list_del(&obj->node);
	obj->seg->nobjs--;
	if (obj->depends)
		obj->depends->users--;
}

/* Destroy everything in a segment that is no longer reachable from debugfs. */
void ssim_seg_teardown(struct ssim_seg *seg)
{
	struct ssim_obj *obj;

	debugfs_remove_recursive(seg->dir);
	seg->dir = NULL;
	/* Reverse creation order: dependents always come after their parent. */
	while (!list_empty(&seg->objs)) {
		obj = list_last_entry(&seg->objs, struct ssim_obj, node);
		obj->dir = NULL;
		ssim_obj_unlink(obj);
		obj->ops->destroy(obj);
	}
	ssim_faults_free(seg);
	kfree(seg);
}

int ssim_seg_create(const char *name, unsigned int nadapters, u32 speed,
		    unsigned int timeout_ms)
{
	struct ssim_seg *seg;
	char aname[SSIM_NAME_LEN];
	unsigned int i;
	int ret;

	lockdep_assert_held(&ssim_cfg_lock);
	ret = ssim_check_name(name);
	if (ret)
		return ret;
	if (ssim_seg_find(name))
		return -EEXIST;
	if (ssim_nsegs >= SSIM_MAX_SEGMENTS)
		return -ENOSPC;
	if (nadapters > SSIM_MAX_SEG_ADAPTERS)
		return -EINVAL;
	seg = ssim_seg_alloc(name, speed, timeout_ms);
	if (!seg)
		return -ENOMEM;
	for (i = 0; i < nadapters; i++) {
		snprintf(aname, sizeof(aname), "a%u", i);
		ret = ssim_adapter_create(seg, aname, &seg->root, NULL);
		if (ret)
			goto fail;
	}
	/* debugfs last: nothing can reach a half-built segment. */
	ret = ssim_control_seg_add(seg, ssim_debugfs);
	if (ret)
		goto fail;
	list_add_tail(&seg->node, &ssim_segments);
	ssim_nsegs++;
	return 0;

fail:
	ssim_seg_teardown(seg);
	return ret;
}

/* Take a segment off the list; the caller tears it down without the lock. */
struct ssim_seg *ssim_seg_unlist(const char *name)
{
	struct ssim_seg *seg;

	lockdep_assert_held(&ssim_cfg_lock);
	seg = ssim_seg_find(name);
	if (!seg)
		return NULL;
	seg->dead = true;
	list_del(&seg->node);
	ssim_nsegs--;
	return seg;
}

int ssim_seg_unlist_all(struct list_head *out)
{
	struct ssim_seg *seg;
	int n = 0;

	lockdep_assert_held(&ssim_cfg_lock);
	list_for_each_entry(seg, &ssim_segments, node) {
		seg->dead = true;
		n++;
	}
	list_splice_init(&ssim_segments, out);
	ssim_nsegs = 0;
	return n;
}

struct ssim_obj *ssim_obj_find(struct ssim_seg *seg, const char *name)
{
	struct ssim_obj *obj;

	lockdep_assert_held(&ssim_cfg_lock);
	list_for_each_entry(obj, &seg->objs, node)
		if (!strcmp(obj->name, name))
			return obj;
	return NULL;
}

/* Names taken by the segment's own debugfs files and by bus names. */
static const char * const ssim_reserved[] = {
	"root", "control", "adapters", "topology", "speed", "timeout_ms",
	"faults", "stats",
};

/* May @name be added to @seg? Call before building the object. */
int ssim_obj_check(struct ssim_seg *seg, const char *name)
{
	int ret = ssim_check_name(name);

	if (ret)
		return ret;
	if (match_string(ssim_reserved, ARRAY_SIZE(ssim_reserved), name) >= 0)
		return -EINVAL;
	if (ssim_obj_find(seg, name))
		return -EEXIST;
	if (seg->nobjs >= SSIM_MAX_OBJS)
		return -ENOSPC;
	return 0;
}

void ssim_obj_add(struct ssim_seg *seg, struct ssim_obj *obj, const char *name,
		  const struct ssim_obj_ops *ops, struct ssim_bus *bus,
		  struct ssim_obj *depends)
{
	lockdep_assert_held(&ssim_cfg_lock);
	strscpy(obj->name, name, sizeof(obj->name));
	obj->ops = ops;
	obj->seg = seg;
	obj->bus = bus;
	obj->depends = depends;
	if (depends)
		depends->users++;
	list_add_tail(&obj->node, &seg->objs);
	seg->nobjs++;
}

int ssim_obj_del(struct ssim_seg *seg, const char *name)
{
	struct ssim_obj *obj;

	lockdep_assert_held(&ssim_cfg_lock);
	obj = ssim_obj_find(seg, name);
	if (!obj)
		return -ENOENT;
	if (obj->users)
		return -EBUSY;
	/* Object files never take ssim_cfg_lock, so this cannot deadlock. */
	debugfs_remove_recursive(obj->dir);
	obj->dir = NULL;
	ssim_obj_unlink(obj);
	obj->ops->destroy(obj);
	return 0;
}

/* Split "m0.2" into the object and the suffix after the dot. */
static struct ssim_obj *ssim_obj_split(struct ssim_seg *seg, const char *name,
				       const char **sub)
{
	char base[SSIM_NAME_LEN];
	const char *dot = strchr(name, '.');

	*sub = NULL;
	if (!dot)
		return ssim_obj_find(seg, name);
	if (dot - name >= SSIM_NAME_LEN)
		return NULL;
	memcpy(base, name, dot - name);
	base[dot - name] = '\0';
	*sub = dot + 1;
	return ssim_obj_find(seg, base);
}

struct ssim_bus *ssim_bus_lookup(struct ssim_seg *seg, const char *name,
				 struct ssim_obj **owner)
{
	struct ssim_obj *obj;
	const char *sub;

	*owner = NULL;
	if (!strcmp(name, "root"))
		return &seg->root;
	obj = ssim_obj_split(seg, name, &sub);
	if (!obj || !sub || !obj->ops->child_bus)
		return NULL;
	*owner = obj;
	return obj->ops->child_bus(obj, sub);
}

struct i2c_adapter *ssim_adapter_lookup(struct ssim_seg *seg,
					const char *name,
					struct ssim_obj **owner,
					struct ssim_bus **bus)
{
	struct i2c_adapter *adap;
	struct ssim_obj *obj;
	const char *sub;

	obj = ssim_obj_split(seg, name, &sub);
	if (!obj || !obj->ops->adapter)
		return NULL;
	adap = obj->ops->adapter(obj, sub);
	if (!adap)
		return NULL;
	*owner = obj;
	*bus = sub ? obj->ops->child_bus(obj, sub) : obj->bus;
	return *bus ? adap : NULL;
}

void ssim_bus_name(const struct ssim_bus *bus, char *buf, size_t len)
{
	if (!bus->up_mux)
		strscpy(buf, "root", len);
	else
		snprintf(buf, len, "%s.%u", bus->up_mux->obj.name,
			 bus->up_chan);
}

static int __init ssim_init(void)
{
	int ret;

	ssim_pdev = platform_device_register_simple("smbus-sim",
						    PLATFORM_DEVID_NONE,
						    NULL, 0);
	if (IS_ERR(ssim_pdev))
		return PTR_ERR(ssim_pdev);
	ssim_parent_dev = &ssim_pdev->dev;

	ssim_debugfs = debugfs_create_dir("smbus-sim", NULL);
	if (IS_ERR(ssim_debugfs)) {
		ret = PTR_ERR(ssim_debugfs);
		goto err_pdev;
	}
	ret = ssim_slave_init(ssim_debugfs);
	if (ret)
		goto err_debugfs;
	ret = ssim_control_init(ssim_debugfs);
	if (ret)
		goto err_slave;
	return 0;

err_slave:
	ssim_slave_exit();
err_debugfs:
	debugfs_remove_recursive(ssim_debugfs);
err_pdev:
	platform_device_unregister(ssim_pdev);
	return ret;
}

static void __exit ssim_exit(void)
{
	struct ssim_seg *seg, *tmp;
	LIST_HEAD(dead);

	ssim_control_exit();
	mutex_lock(&ssim_cfg_lock);
	ssim_seg_unlist_all(&dead);
	mutex_unlock(&ssim_cfg_lock);
	list_for_each_entry_safe_reverse(seg, tmp, &dead, node) {
		list_del(&seg->node);
		ssim_seg_teardown(seg);
	}
	ssim_slave_exit();
	debugfs_remove_recursive(ssim_debugfs);
	platform_device_unregister(ssim_pdev);
}

module_init(ssim_init);
module_exit(ssim_exit);

MODULE_DESCRIPTION("Simulated SMBus/I2C segments: multi-master adapters, muxes, timing, faults");
MODULE_LICENSE("GPL");
