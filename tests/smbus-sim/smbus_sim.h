/* SPDX-License-Identifier: GPL-2.0 */
/*
 * smbus-sim: simulated SMBus/I2C segments built from real i2c adapters.
 *
 * Object model: a segment (struct ssim_seg) owns a root bus and named
 * objects (adapters, muxes, devices). A bus (struct ssim_bus) is one piece of
 * wire: the root bus, or the bus behind one mux channel. Everything that
 * answers at an address on a bus is an endpoint (struct ssim_ep).
 *
 * Locking: ssim_cfg_lock (mutex) serialises configuration (creating and
 * deleting segments and objects). seg->lock (spinlock, bottom halves off) protects
 * everything a transfer touches: endpoint lists, mux registers, fault rules,
 * statistics, device registers and the wire schedule; it is only taken in
 * process context. Slave events are delivered with seg->lock held.
 */
#ifndef SMBUS_SIM_H
#define SMBUS_SIM_H

#include <linux/i2c.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#define SSIM_NAME_LEN		16
#define SSIM_MAX_SEGMENTS	16
#define SSIM_MAX_OBJS		160
#define SSIM_MAX_FAULTS		32
#define SSIM_MAX_SEG_ADAPTERS	64
#define SSIM_MAX_SLAVES		8
#define SSIM_MAX_CHANS		8
#define SSIM_CMD_MAX		256

struct dentry;
struct device;
struct seq_file;
struct task_struct;
struct ssim_seg;
struct ssim_obj;
struct ssim_mux;
struct ssim_ep;

/* One piece of wire: the segment's root bus or a mux channel's bus. */
struct ssim_bus {
	struct ssim_seg *seg;
	struct list_head eps;		/* struct ssim_ep, under seg->lock */
	struct list_head muxes;		/* struct ssim_mux on this bus */
	struct ssim_mux *up_mux;	/* NULL for the root bus */
	unsigned int up_chan;
};

struct ssim_ep_ops {
	/* A slave event; seg->lock held, BHs off. Returns 0 or -errno. */
	int (*event)(struct ssim_ep *ep, enum i2c_slave_event ev, u8 *val);
	/* Optional: a master addressed this endpoint (faults not yet applied). */
	void (*addressed)(struct ssim_ep *ep, const struct i2c_msg *msg);
};

/* Something that answers at a 7-bit address on a bus. */
struct ssim_ep {
	struct list_head node;
	struct ssim_obj *obj;		/* owner, also the sender identity */
	const struct ssim_ep_ops *ops;
	struct i2c_client *client;	/* for adapter slaves */
	u16 addr;
	bool linked;
};

struct ssim_obj_ops {
	const char *kind;
	/* Rest of the topology line after "NAME KIND"; seg->lock not held. */
	void (*show)(struct ssim_obj *obj, struct seq_file *m);
	/* "NAME BUSNR" lines for the i2c adapters this object provides. */
	void (*list_adapters)(struct ssim_obj *obj, struct seq_file *m);
	/* Adapter named by suffix (NULL: the object's own adapter). */
	struct i2c_adapter *(*adapter)(struct ssim_obj *obj, const char *sub);
	/* Bus named by suffix ("2" for channel 2). */
	struct ssim_bus *(*child_bus)(struct ssim_obj *obj, const char *sub);
	/* Take the object off the wire and free it; its debugfs dir is gone. */
	void (*destroy)(struct ssim_obj *obj);
};

/* A named object in a segment. */
struct ssim_obj {
	struct list_head node;		/* seg->objs, creation order */
	char name[SSIM_NAME_LEN];
	const struct ssim_obj_ops *ops;
	struct ssim_seg *seg;
	struct ssim_bus *bus;		/* where the object sits */
	struct ssim_obj *depends;	/* kept busy by this object, or NULL */
	unsigned int users;		/* objects depending on this one */
	struct dentry *dir;		/* per-object debugfs dir, or NULL */
	ktime_t late;			/* overslept end of its last timed transfer */
};

struct ssim_stats {
	u64 xfers;
	u64 msgs;
	u64 bytes;
	u64 nak_addr;
	u64 nak_data;
	u64 arb_lost;
	u64 timeouts;
	u64 truncated;
	u64 corrupted;
	u64 mux_fail;
	u64 gone;
	u64 addr_conflicts;
	u64 wire_ns;
};

/* A transaction's place on a timed wire. */
struct ssim_slot {
	ktime_t start;
	ktime_t end;
	ktime_t lose_at;
	const struct i2c_msg *msg0;
	struct task_struct *task;	/* woken when it loses arbitration */
	bool lost;
};

struct ssim_seg {
	struct list_head node;		/* ssim_segments */
	char name[SSIM_NAME_LEN];
	spinlock_t lock;
	struct ssim_bus root;
	struct list_head objs;
	unsigned int nobjs;
	struct list_head faults;
	unsigned int nfaults;
	unsigned int fault_id;
	struct ssim_slot *cur;		/* on the wire now */
	struct ssim_slot *next;		/* starts when cur ends */
	ktime_t free_at;		/* end of the last transaction */
	ktime_t late;			/* how late the last one was delivered */
	struct ssim_stats stats;
	u32 speed;			/* Hz; 0 = no timing */
	unsigned int timeout_ms;
	struct dentry *dir;
	bool dead;
};

/* A mux channel: the bus behind it and the i2c-mux core's adapter for it. */
struct ssim_chan {
	struct ssim_bus bus;
	struct i2c_adapter *adap;
};

/* A mux sitting on obj.bus at ep.addr; mask bit K connects channel K. */
struct ssim_mux {
	struct ssim_obj obj;
	struct ssim_ep ep;		/* the control register */
	struct list_head node;		/* obj.bus->muxes */
	struct device *dev;		/* the mux device for the i2c-mux core */
	struct i2c_mux_core *muxc;
	struct i2c_adapter *parent;
	char parent_name[2 * SSIM_NAME_LEN];
	unsigned int nchan;
	int idle;			/* SSIM_IDLE_* or a channel */
	u8 mask;			/* seg->lock */
	u64 selects;
	u64 deselects;
	u64 select_errors;
	struct ssim_chan chan[SSIM_MAX_CHANS];
};

/* Fault rule types; SSIM_F_SRC_GONE only appears in plans. */
enum ssim_fault_type {
	SSIM_F_NONE,
	SSIM_F_NAK_ADDR,
	SSIM_F_NAK_DATA,
	SSIM_F_ARB_LOSS,
	SSIM_F_CORRUPT,
	SSIM_F_TRUNCATE,
	SSIM_F_STUCK,
	SSIM_F_MUX_FAIL,
	SSIM_F_GONE,
	SSIM_F_SRC_GONE,
};

/* What the fault rules decided for one transfer. */
struct ssim_plan {
	enum ssim_fault_type type;
	int msg;			/* index of the affected message */
	int byte;
	int len;
	u8 mask;
};

/* core.c */
extern struct mutex ssim_cfg_lock;
extern struct device *ssim_parent_dev;
struct ssim_seg *ssim_seg_find(const char *name);
int ssim_seg_create(const char *name, unsigned int nadapters, u32 speed,
		    unsigned int timeout_ms);
struct ssim_seg *ssim_seg_unlist(const char *name);
void ssim_seg_teardown(struct ssim_seg *seg);
int ssim_seg_unlist_all(struct list_head *out);
void ssim_seg_names(struct seq_file *m);
int ssim_obj_check(struct ssim_seg *seg, const char *name);
void ssim_obj_add(struct ssim_seg *seg, struct ssim_obj *obj, const char *name,
		  const struct ssim_obj_ops *ops, struct ssim_bus *bus,
		  struct ssim_obj *depends);
int ssim_obj_del(struct ssim_seg *seg, const char *name);
struct ssim_obj *ssim_obj_find(struct ssim_seg *seg, const char *name);
struct ssim_bus *ssim_bus_lookup(struct ssim_seg *seg, const char *name,
				 struct ssim_obj **owner);
struct i2c_adapter *ssim_adapter_lookup(struct ssim_seg *seg,
					const char *name,
					struct ssim_obj **owner,
					struct ssim_bus **bus);
void ssim_bus_name(const struct ssim_bus *bus, char *buf, size_t len);
int ssim_check_name(const char *name);
unsigned long ssim_seg_timeout(struct ssim_seg *seg);

/* wire.c */
void ssim_bus_init(struct ssim_bus *bus, struct ssim_seg *seg,
		   struct ssim_mux *up_mux, unsigned int up_chan);
void __ssim_ep_link(struct ssim_bus *bus, struct ssim_ep *ep);
void __ssim_ep_unlink(struct ssim_ep *ep);
int ssim_wire_xfer(struct ssim_obj *from, struct i2c_msg *msgs, int num,
		   unsigned long timeout);
bool ssim_bus_connected(const struct ssim_bus *bus);

/* timing.c */
u64 ssim_xfer_bits(const struct i2c_msg *msgs, int num);
u64 ssim_plan_bits(const struct i2c_msg *msgs, int num,
		   const struct ssim_plan *plan, int nak_msg);
ktime_t ssim_bits_time(u32 speed, u64 bits);
void ssim_wire_reserve(struct ssim_seg *seg, struct ssim_slot *slot,
		       struct ssim_obj *from, u32 speed, u64 bits);
void ssim_wire_extend(struct ssim_seg *seg, struct ssim_slot *slot,
		      ktime_t end);
void ssim_wire_release(struct ssim_seg *seg, struct ssim_slot *slot,
		       struct ssim_obj *from, ktime_t woke);
void ssim_wire_delivered(struct ssim_obj *from, ktime_t end);
void ssim_sleep_until(ktime_t t, const bool *abort);

/* fault.c */
int ssim_fault_cmd(struct ssim_seg *seg, char *cmd);
void ssim_fault_plan(struct ssim_seg *seg, struct ssim_obj *from,
		     const struct i2c_msg *msgs, int num,
		     struct ssim_plan *plan);
bool ssim_fault_mux(struct ssim_seg *seg, u16 addr);
void ssim_fault_list(struct ssim_seg *seg, struct seq_file *m);
void ssim_faults_free(struct ssim_seg *seg);

/* adapter.c, mux.c, tmp75.c, ipmb.c, nvme_basic.c: object constructors */
int ssim_adapter_create(struct ssim_seg *seg, const char *name,
			struct ssim_bus *bus, struct ssim_obj *depends);
void ssim_adapters_set_timeout(struct ssim_seg *seg);
int ssim_mux_create(struct ssim_seg *seg, const char *name,
		    const char *parent, u16 addr, unsigned int nchan,
		    int idle);
int ssim_tmp75_create(struct ssim_seg *seg, const char *name,
		      struct ssim_bus *bus, struct ssim_obj *depends, u16 addr);
int ssim_ipmb_create(struct ssim_seg *seg, const char *name,
		     struct ssim_bus *bus, struct ssim_obj *depends, u16 addr);
int ssim_nvme_basic_create(struct ssim_seg *seg, const char *name,
			   struct ssim_bus *bus, struct ssim_obj *depends,
			   u16 addr);

#define SSIM_IDLE_AS_IS		(-1)
#define SSIM_IDLE_DISCONNECT	(-2)

/* slave.c: the smbus-sim-slave test backend */
int ssim_slave_init(struct dentry *root);
void ssim_slave_exit(void);

/* control.c: debugfs */
int ssim_control_init(struct dentry *root);
void ssim_control_exit(void);
int ssim_control_seg_add(struct ssim_seg *seg, struct dentry *root);
struct dentry *ssim_obj_dir(struct ssim_obj *obj);
char *ssim_token(char **s);
int ssim_parse_u32(const char *s, u32 *val);
int ssim_parse_int(const char *s, int *val);
int ssim_parse_addr(const char *s, u16 *addr);
char *ssim_kv(char *tok, const char *key);

#endif /* SMBUS_SIM_H */
