/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MCTP over SMBus/I2C (DSP0237): definitions shared by the files of
 * i2c_mctp.ko.
 *
 * Files and what they own:
 *   main.c    module parameters, init/exit, the i2c driver, the bus
 *             notifier that follows mux channel adapters
 *   client.c  one bound i2c client: probe/remove, slave registration,
 *             the set of netdevs of its adapter tree
 *   netdev.c  one netdev per bus: setup, netdev and header ops,
 *             register/unregister
 *   rx.c      the slave callback: framing, PEC, delivery to the core
 *   tx.c      the transmit worker: bus lock, SMBus block write with PEC
 *   flow.c    request flows that keep the bus locked, and their bound
 *   mux.c     adapter tree walk and the crediting of received packets to
 *             the netdev of the mux channel they came through
 *   ipmb.c    IPMB consumer of non-MCTP writes (character device)
 *   stats.c   error counters and the per-netdev "smbus" sysfs group
 *
 * Objects and lifetimes
 *   struct mi2c_client: one per probed i2c client (our own slave address
 *   on a root adapter), i2c clientdata. Lives from probe to remove.
 *   struct mi2c_dev: netdev private data, one per bus (the root adapter
 *   and every mux channel adapter below it). Published on mcli->devs
 *   (RCU) and in the crediting pointers of mux.c; unpublished and an RCU
 *   grace period waited for before the netdev is unregistered and freed.
 *
 * Names, the same in every file: "dev" is the net_device (as in the rest
 * of the kernel's networking code), "mdev" its struct mi2c_dev, "mcli"
 * the struct mi2c_client, "adap" an i2c_adapter.
 *
 * Locking
 *   mi2c_lock (mutex, main.c): the client list and every mcli->devs
 *       change; held across netdev creation and removal.
 *   mcli->sel_lock (spinlock, irqsave): writers of mcli->sel/held.
 *   mdev->flow_lock (spinlock, irqsave): the flow table of one netdev.
 *   mdev->txq.lock (spinlock, BH): the transmit queue.
 *   The i2c bus lock of mdev->adap is taken and released only by that
 *   netdev's worker thread (it is an rt_mutex: owner semantics).
 */
#ifndef I2C_MCTP_H
#define I2C_MCTP_H

#include <linux/atomic.h>
#include <linux/i2c.h>
#include <linux/irq_work.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>

#include <net/mctp-binding.h>

#define MI2C_DRV_NAME		"mctp-smbus"

/* ---- DSP0237 framing ---- */

#define MI2C_CMD_MCTP		0x0f
#define MI2C_HDR_LEN		4	/* dest, command, byte count, source */
#define MI2C_MAX_COUNT		255	/* byte count is one byte */
#define MI2C_MIN_MTU		68
#define MI2C_MAX_MTU		(MI2C_MAX_COUNT - 1)	/* source byte */
#define MI2C_MCTP_HDR_LEN	sizeof(struct mctp_hdr)
/* dest (implied by the address phase), command, count, data, PEC */
#define MI2C_BUF_LEN		(3 + MI2C_MAX_COUNT + 1)
#define MI2C_NADDR		128	/* 7-bit addresses */

/* dest/source bytes carry the 7-bit address shifted left by one */
struct mi2c_hdr {
	u8	dest;
	u8	cmd;
	u8	count;	/* bytes after this one, PEC excluded */
	u8	src;	/* (address << 1) | 1 */
};

/*
 * A frame seen from its destination byte: the SMBus header, then the MCTP
 * header. Received frames (rx_buf), transmitted frames and the link
 * header of an outgoing skb all start there.
 */
struct mi2c_frame {
	struct mi2c_hdr	smbus;
	struct mctp_hdr	mctp;
};

static inline const struct mi2c_frame *mi2c_frame_of(const u8 *buf)
{
	BUILD_BUG_ON(sizeof(struct mi2c_frame) != MI2C_HDR_LEN + 4);
	return (const struct mi2c_frame *)buf;
}

/* The 7-bit address in a destination or source byte. */
static inline u8 mi2c_addr_of(u8 addr_byte)
{
	return addr_byte >> 1;
}

/*
 * The frame-length rule of DSP0237, in one place: the byte count counts
 * the source byte and the MCTP packet; a frame from its destination byte
 * to its last data byte is the destination, command and count bytes and
 * what the count counts. The PEC byte follows, outside both.
 */
static inline u8 mi2c_count_for(unsigned int mctp_len)
{
	return 1 + mctp_len;
}

static inline unsigned int mi2c_frame_len(unsigned int count)
{
	return 3 + count;
}

/* ---- counters (stats.c) ---- */

enum mi2c_counter {
	MI2C_RX_BAD_CMD,	/* not MCTP, no IPMB consumer */
	MI2C_RX_BAD_LEN,	/* byte count vs bytes received, too short */
	MI2C_RX_BAD_PEC,
	MI2C_RX_BAD_SRC,	/* source byte: R/W bit or reserved address */
	MI2C_RX_OVERFLOW,	/* write longer than any DSP0237 frame */
	MI2C_RX_NOMEM,
	MI2C_RX_IPMB,		/* passed to the IPMB consumer */
	MI2C_RX_IPMB_BAD,	/* non-MCTP write that is not IPMB either */
	MI2C_RX_IPMB_DROP,	/* IPMB queue full */
	MI2C_TX_NAK,		/* address not acknowledged */
	MI2C_TX_IO_ERROR,	/* data byte NAK, mux select failure (-EIO) */
	MI2C_TX_ARB_LOST,	/* every lost arbitration, retried or not */
	MI2C_TX_TIMEOUT,
	MI2C_TX_BUS_ERR,	/* any other adapter error (mux select...) */
	MI2C_TX_BAD_FRAME,	/* no valid DSP0237 header from above */
	MI2C_TX_ABORTED,	/* later fragments of a failed message */
	MI2C_FLOW_HOLDS,	/* bus holds taken for request flows */
	MI2C_FLOW_RELEASED,	/* flows ended by the core */
	MI2C_FLOW_EXPIRED,	/* flows ended by the bound */
	MI2C_FLOW_ERRORS,	/* flows ended by a transmit error */
	MI2C_NR_COUNTERS
};

/* ---- request flows (flow.c) ---- */

#define MI2C_MAX_FLOWS		32
#define MI2C_GONE_FLOWS		32
#define MI2C_HOLD_MS_MAX	10000

/* what identifies the response of a flow's request */
struct mi2c_flow_peer {
	u8		addr;		/* peer 7-bit address */
	u8		peer_eid;	/* request's destination EID */
	u8		local_eid;	/* request's source EID */
	u8		tag;		/* request's TO and tag bits */
};

struct mi2c_flow {
	u64			cookie;
	unsigned long		deadline;	/* jiffies */
	unsigned long		last_tx;	/* jiffies */
	struct mi2c_flow_peer	peer;
};

enum mi2c_flow_class {
	MI2C_FLOW_NONE,		/* no cookie, or one already released */
	MI2C_FLOW_MEMBER,	/* a flow that holds the bus */
	MI2C_FLOW_NEW,
};

/* remembered failed messages, whose later fragments are not sent */
#define MI2C_ABORT_SLOTS	4

struct mi2c_abort {
	bool	active;
	u8	addr;
	u8	dest, src, tag;	/* MCTP header: EIDs, TO and tag bits */
};

/* ---- one netdev per bus ---- */

#define MI2C_TXQ_LEN		64
#define MI2C_TX_QUEUE_LEN	1100	/* qdisc: 64 KiB at the minimum MTU */

struct mi2c_client;

struct mi2c_dev {
	struct net_device	*dev;
	struct mi2c_client	*mcli;
	struct i2c_adapter	*adap;		/* holds a device reference */
	bool			is_channel;	/* mux channel below the root */
	struct list_head	node;		/* mcli->devs, RCU */

	/* transmit: start_xmit queues, the worker sends */
	struct sk_buff_head	txq;
	wait_queue_head_t	wq;
	struct task_struct	*worker;
	bool			dying;		/* txq.lock */

	/* worker only */
	bool			bus_locked;
	unsigned long		hold_start;
	struct mi2c_abort	aborts[MI2C_ABORT_SLOTS];
	unsigned int		abort_next;
	u8			tx_buf[MI2C_BUF_LEN + 1];

	/* request flows holding the bus; flow_lock */
	spinlock_t		flow_lock;
	struct mi2c_flow	flows[MI2C_MAX_FLOWS];
	unsigned int		nflows;
	u64			gone[MI2C_GONE_FLOWS];
	unsigned int		gone_next;
	bool			flow_kick;

	unsigned int		hold_ms;	/* bound; READ_ONCE */
	atomic_long_t		counters[MI2C_NR_COUNTERS];
};

/* ---- one bound client ---- */

struct mi2c_ipmb;

struct mi2c_client {
	struct i2c_client	*client;
	u8			addr;		/* own 7-bit address */
	struct list_head	node;		/* client list, mi2c_lock */
	struct list_head	devs;		/* mi2c_lock writers, RCU */

	/* crediting of received packets (mux.c); RCU readers */
	spinlock_t		sel_lock;
	struct mi2c_dev __rcu	*root;		/* netdev of the root adapter */
	struct mi2c_dev __rcu	*sel;		/* last channel we sent on */
	struct mi2c_dev __rcu	*held;		/* channel holding a flow */
	struct mi2c_dev __rcu	*hint[MI2C_NADDR]; /* last mdev per address */

	/* frames received where netif_rx() cannot be called, see rx.c */
	struct sk_buff_head	rx_defer;
	struct irq_work		rx_work;

	/* slave receive state, slave callback only; rx_pos 0: no write */
	unsigned int		rx_pos;
	bool			rx_overflow;
	u8			rx_buf[MI2C_BUF_LEN];

	struct mi2c_ipmb	*ipmb;		/* NULL if disabled */
};

/* main.c */
extern struct mutex mi2c_lock;
unsigned int mi2c_default_hold_ms(void);
bool mi2c_learn_enabled(void);
bool mi2c_ipmb_enabled(void);
void mi2c_learn(struct net_device *dev, u8 eid, u8 addr);

/* client.c */
extern struct i2c_driver mi2c_driver;
struct mi2c_client *mi2c_client_find(struct i2c_adapter *root);

/* pec.c: SMBus PEC (CRC-8, poly 0x07) continued from @crc */
u8 mi2c_pec(u8 crc, const u8 *buf, size_t len);
int mi2c_pec_init(void);

/* netdev.c */
int mi2c_dev_create(struct mi2c_client *mcli, struct i2c_adapter *adap,
		    struct net *net);
void mi2c_dev_quiesce(struct mi2c_dev *mdev);
void mi2c_dev_stop(struct mi2c_dev *mdev);
void mi2c_dev_destroy(struct mi2c_dev *mdev);

/* rx.c */
int mi2c_slave_cb(struct i2c_client *client, enum i2c_slave_event event,
		  u8 *val);
void mi2c_rx_init(struct mi2c_client *mcli);
void mi2c_rx_stop(struct mi2c_client *mcli);

/* tx.c */
netdev_tx_t mi2c_start_xmit(struct sk_buff *skb, struct net_device *dev);
int mi2c_worker(void *arg);
void mi2c_tx_purge(struct mi2c_dev *mdev);

/* flow.c */
void mi2c_release_flow(struct net_device *dev, u64 cookie);
enum mi2c_flow_class mi2c_flow_classify(struct mi2c_dev *mdev, u64 cookie);
bool mi2c_flow_add(struct mi2c_dev *mdev, u64 cookie, const u8 *frame);
void mi2c_flow_touch(struct mi2c_dev *mdev, u64 cookie, const u8 *frame);
void mi2c_flow_drop(struct mi2c_dev *mdev, u64 cookie);
void mi2c_flow_rx_seen(struct mi2c_dev *mdev, u8 addr,
		       const struct mctp_hdr *hdr);
long mi2c_flow_service(struct mi2c_dev *mdev, bool *empty);
bool mi2c_flow_kicked(struct mi2c_dev *mdev);
void mi2c_flow_flush(struct mi2c_dev *mdev);
unsigned int mi2c_flow_count(struct mi2c_dev *mdev);

/* mux.c */
struct i2c_adapter *mi2c_root_adapter(struct i2c_adapter *adap);
int mi2c_mux_attach_all(struct mi2c_client *mcli, struct net *net);
void mi2c_mux_adapter_added(struct i2c_adapter *adap);
void mi2c_mux_adapter_removed(struct i2c_adapter *adap);
struct mi2c_dev *mi2c_rx_dev(struct mi2c_client *mcli, u8 addr,
			     bool addr_valid);
void mi2c_mux_tx_note(struct mi2c_dev *mdev, u8 addr);
void mi2c_mux_set_held(struct mi2c_dev *mdev, bool held);
void mi2c_mux_forget(struct mi2c_dev *mdev);

/* ipmb.c */
int mi2c_ipmb_create(struct mi2c_client *mcli);
void mi2c_ipmb_destroy(struct mi2c_client *mcli);
void mi2c_ipmb_rx(struct mi2c_client *mcli, struct mi2c_dev *mdev,
		  const u8 *buf, unsigned int len, bool overflow);

/* stats.c */
extern const struct attribute_group mi2c_attr_group;

static inline void mi2c_count(struct mi2c_dev *mdev, enum mi2c_counter c)
{
	atomic_long_inc(&mdev->counters[c]);
}

#endif /* I2C_MCTP_H */
