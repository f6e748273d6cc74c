// SPDX-License-Identifier: GPL-2.0
/*
 * MCTP neighbour table: the physical address of a peer EID on one
 * interface, used by output for the link header.
 *
 * Entries live in mn->neigh_hash, hashed by EID; lookups walk a bucket
 * under RCU; mn->neigh_order holds them newest first, the order dumps
 * list them in. Every change happens under mn->neigh_lock (irqsave, because
 * learning runs in whatever context a binding receives in); netlink
 * writers also hold RTNL. An entry holds a reference on its struct
 * mctp_dev, and an interface's entries are removed when the interface
 * leaves (mctp_neigh_remove_dev, from the netdev notifier). An entry is
 * never edited in place: a changed address is a new entry replacing the
 * old one, so readers never see a torn address.
 *
 * Entries are static (netlink) or learnt (mctp_neigh_learn(), a binding's
 * option). A learnt entry never replaces a static one; a static one
 * replaces a learnt one; at most MCTP_NEIGH_LEARN_MAX learnt entries
 * exist per namespace, so a bus full of spoofed sources cannot grow the
 * table without bound. Learnt entries follow the peer when it shows up at
 * a new address, and go when deleted, with their interface, or when nothing
 * came from the peer for neigh_learnt_ttl seconds (module parameter; 0:
 * never): a delayed work runs while learnt entries exist and removes the
 * stale ones under RTNL, announcing it. Packets refresh an entry's time
 * without the lock (at most once a second).
 *
 * Every change is announced with the payload of an RTM_NEWNEIGH or
 * RTM_DELNEIGH message on the "neigh" group of the generic netlink family
 * MCTP_NOTIFY_GENL_NAME (notify.c; never on rtnetlink, whose MCTP group
 * carries addresses only), including entries dropped with their
 * interface. Learning cannot send netlink messages where it runs, so it
 * marks the entry and a work item announces it under RTNL; a learnt entry
 * removed before it was announced goes without a word, so listeners
 * always see NEW before DEL.
 */
#include <linux/hashtable.h>
#include <linux/moduleparam.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <net/neighbour.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>

#include "mctp-core.h"
#include <net/mctp-binding.h>

#define MCTP_NEIGH_LEARN_MAX		1024
#define MCTP_NEIGH_ANNOUNCE_BATCH	8

static unsigned int neigh_learnt_ttl = 600;
module_param(neigh_learnt_ttl, uint, 0644);
MODULE_PARM_DESC(neigh_learnt_ttl,
		 "Seconds a learnt neighbour lasts without traffic from it (0: for ever; default 600)");

static unsigned long mctp_neigh_ttl(void)
{
	return READ_ONCE(neigh_learnt_ttl) * HZ;
}

/*
 * How long until the expiry work looks again at the latest: the TTL, or
 * with none (nothing expires) a minute, in case one is set meanwhile.
 */
static unsigned long mctp_neigh_expiry_period(void)
{
	return mctp_neigh_ttl() ?: 60 * HZ;
}

/* What a netlink message says about one entry. */
struct mctp_neigh_info {
	int		ifindex;
	mctp_eid_t	eid;
	u8		source;
	u8		halen;
	u8		ha[MAX_ADDR_LEN];
};

static struct mctp_net *mctp_neigh_ns(struct mctp_dev *mdev)
{
	return mctp_pernet(dev_net(mdev->dev));
}

/* neigh_lock or rcu_read_lock held. */
static struct mctp_neigh *mctp_neigh_find(struct mctp_net *mn,
					  struct mctp_dev *mdev, mctp_eid_t eid)
{
	struct mctp_neigh *n;

	hash_for_each_possible_rcu(mn->neigh_hash, n, hnode, eid,
				   lockdep_is_held(&mn->neigh_lock))
		if (n->dev == mdev && n->eid == eid)
			return n;
	return NULL;
}

/* neigh_lock held: put @n in, as the newest entry. */
static void mctp_neigh_link(struct mctp_net *mn, struct mctp_neigh *n)
{
	n->seq = ++mn->neigh_seq;
	list_add(&n->order, &mn->neigh_order);
	hash_add_rcu(mn->neigh_hash, &n->hnode, n->eid);
}

/* neigh_lock held: @new takes the place of @old in lookups, and is the
 * newest entry.
 */
static void mctp_neigh_replace(struct mctp_net *mn, struct mctp_neigh *old,
			       struct mctp_neigh *new)
{
	list_del(&old->order);
	new->seq = ++mn->neigh_seq;
	list_add(&new->order, &mn->neigh_order);
	hlist_replace_rcu(&old->hnode, &new->hnode);
}

int mctp_neigh_lookup(struct mctp_dev *mdev, mctp_eid_t eid, u8 *haddr)
{
	struct mctp_neigh *n;
	int rc = -ENOENT;

	rcu_read_lock();
	n = mctp_neigh_find(mctp_neigh_ns(mdev), mdev, eid);
	if (n) {
		if (haddr)
			memcpy(haddr, n->ha, n->halen);
		rc = n->halen;
	}
	rcu_read_unlock();
	return rc;
}

static void mctp_neigh_info(const struct mctp_neigh *n,
			    struct mctp_neigh_info *info)
{
	info->ifindex = n->dev->dev->ifindex;
	info->eid = n->eid;
	info->source = n->source;
	info->halen = n->halen;
	memcpy(info->ha, n->ha, sizeof(info->ha));
}

/* ---- netlink messages ---- */

static size_t mctp_neigh_msgsize(void)
{
	return NLMSG_ALIGN(sizeof(struct ndmsg)) +
	       nla_total_size(1) +		/* NDA_DST */
	       nla_total_size(MAX_ADDR_LEN);	/* NDA_LLADDR */
}

/* The payload of a neighbour message: the fixed header @ndm, attributes. */
static int mctp_neigh_fill(struct sk_buff *skb, struct ndmsg *ndm,
			   const struct mctp_neigh_info *info)
{
	memset(ndm, 0, sizeof(*ndm));
	ndm->ndm_family = AF_MCTP;
	ndm->ndm_ifindex = info->ifindex;
	ndm->ndm_state = info->source == MCTP_NEIGH_STATIC ? NUD_PERMANENT :
							     NUD_REACHABLE;
	ndm->ndm_type = RTN_UNICAST;

	if (nla_put_u8(skb, NDA_DST, info->eid) ||
	    nla_put(skb, NDA_LLADDR, info->halen, info->ha))
		return -EMSGSIZE;
	return 0;
}

static int mctp_fill_neigh(struct sk_buff *skb,
			   const struct mctp_neigh_info *info, int type,
			   u32 portid, u32 seq, unsigned int flags)
{
	struct nlmsghdr *nlh;

	nlh = nlmsg_put(skb, portid, seq, type, sizeof(struct ndmsg), flags);
	if (!nlh)
		return -EMSGSIZE;
	if (mctp_neigh_fill(skb, nlmsg_data(nlh), info)) {
		nlmsg_cancel(skb, nlh);
		return -EMSGSIZE;
	}
	nlmsg_end(skb, nlh);
	return 0;
}

/*
 * Announce a change on the notification family. @req is NULL for changes
 * not caused by a request. RTNL held, process context.
 */
static void mctp_neigh_notify_info(struct net *net,
				   const struct mctp_neigh_info *info, int type,
				   const struct nlmsghdr *req, u32 portid)
{
	u8 cmd = type == RTM_NEWNEIGH ? MCTP_NOTIFY_CMD_NEWNEIGH :
					MCTP_NOTIFY_CMD_DELNEIGH;
	struct mctp_notify msg;
	struct ndmsg *ndm;

	ndm = mctp_notify_start(&msg, net, MCTP_NOTIFY_GRP_NEIGH, cmd, portid,
				req ? req->nlmsg_seq : 0, sizeof(*ndm),
				mctp_neigh_msgsize());
	if (!ndm)
		return;
	if (mctp_neigh_fill(msg.skb, ndm, info)) {
		/* mctp_neigh_msgsize() is wrong */
		WARN_ON_ONCE(1);
		mctp_notify_abort(&msg);
		return;
	}
	mctp_notify_send(&msg);
}

/* RTNL held, so @n cannot go away meanwhile. */
static void mctp_neigh_notify(struct mctp_neigh *n, int type,
			      const struct nlmsghdr *req, u32 portid)
{
	struct mctp_neigh_info info;

	mctp_neigh_info(n, &info);
	mctp_neigh_notify_info(dev_net(n->dev->dev), &info, type, req, portid);
}

/* ---- table changes ---- */

/* A new entry, not in the table yet, without its device reference. */
static struct mctp_neigh *mctp_neigh_new(struct mctp_dev *mdev,
					 mctp_eid_t eid, u8 source,
					 const u8 *ha, u8 halen, gfp_t gfp)
{
	struct mctp_neigh *n = kzalloc(sizeof(*n), gfp);

	if (!n)
		return NULL;
	n->dev = mdev;
	n->eid = eid;
	n->source = source;
	n->halen = halen;
	memcpy(n->ha, ha, halen);
	n->seen = jiffies;
	return n;
}

/*
 * Lookups only compare n->dev with their own device, never dereference it,
 * so the device reference can go now; the entry itself waits for RCU.
 * Any context.
 */
static void mctp_neigh_free(struct mctp_neigh *n)
{
	mctp_dev_put(n->dev);
	kfree_rcu(n, rcu);
}

/* neigh_lock held: take @n out of the table onto @dead. */
static void mctp_neigh_unlink(struct mctp_net *mn, struct mctp_neigh *n,
			      struct list_head *dead)
{
	hash_del_rcu(&n->hnode);
	list_del(&n->order);
	if (n->source == MCTP_NEIGH_LEARNT)
		mn->neigh_learnt--;
	list_add_tail(&n->gc, dead);
}

/*
 * RTNL held, neigh_lock not: announce the removal of the entries on @dead
 * (those that were announced at all) and free them. The announce work
 * holds RTNL too, so n->announce is stable here.
 */
static void mctp_neigh_reap(struct list_head *dead,
			    const struct nlmsghdr *req, u32 portid)
{
	struct mctp_neigh *n, *tmp;

	list_for_each_entry_safe(n, tmp, dead, gc) {
		if (!n->announce)
			mctp_neigh_notify(n, RTM_DELNEIGH, req, portid);
		list_del(&n->gc);
		mctp_neigh_free(n);
	}
}

void mctp_neigh_remove_dev(struct mctp_dev *mdev)
{
	struct mctp_net *mn = mctp_neigh_ns(mdev);
	struct hlist_node *tmp;
	struct mctp_neigh *n;
	unsigned long flags;
	unsigned int bkt;
	LIST_HEAD(dead);

	ASSERT_RTNL();
	spin_lock_irqsave(&mn->neigh_lock, flags);
	hash_for_each_safe(mn->neigh_hash, bkt, tmp, n, hnode)
		if (n->dev == mdev)
			mctp_neigh_unlink(mn, n, &dead);
	spin_unlock_irqrestore(&mn->neigh_lock, flags);
	mctp_neigh_reap(&dead, NULL, 0);
}

/*
 * Announce learnt entries, a batch at a time: their details are copied
 * under the lock (learning may replace an entry at any moment), and sent
 * after it. RTNL keeps netlink writers, and so RTM_DELNEIGH, out meanwhile.
 */
static void mctp_neigh_announce_work(struct work_struct *work)
{
	struct mctp_net *mn = container_of(work, struct mctp_net, neigh_work);
	struct mctp_neigh_info batch[MCTP_NEIGH_ANNOUNCE_BATCH];
	struct net *net = NULL;
	unsigned int i, count, bkt;
	struct mctp_neigh *n;
	unsigned long flags;

	rtnl_lock();
	do {
		count = 0;
		spin_lock_irqsave(&mn->neigh_lock, flags);
		hash_for_each(mn->neigh_hash, bkt, n, hnode) {
			if (!n->announce)
				continue;
			if (count == MCTP_NEIGH_ANNOUNCE_BATCH)
				break;
			n->announce = false;
			net = dev_net(n->dev->dev);
			mctp_neigh_info(n, &batch[count++]);
		}
		spin_unlock_irqrestore(&mn->neigh_lock, flags);

		for (i = 0; i < count; i++)
			mctp_neigh_notify_info(net, &batch[i], RTM_NEWNEIGH,
					       NULL, 0);
	} while (count == MCTP_NEIGH_ANNOUNCE_BATCH);
	rtnl_unlock();
}

/*
 * Remove learnt entries nothing came from for the TTL, and come back when
 * the next one is due, while learnt entries remain.
 */
static void mctp_neigh_expiry_work(struct work_struct *work)
{
	struct mctp_net *mn = container_of(to_delayed_work(work),
					   struct mctp_net, neigh_expiry);
	unsigned long ttl = mctp_neigh_ttl(), now = jiffies;
	/* no entry left is due later than a whole period from now */
	unsigned long next = now + mctp_neigh_expiry_period();
	struct hlist_node *tmp;
	struct mctp_neigh *n;
	unsigned long flags;
	unsigned int bkt;
	bool left;
	LIST_HEAD(dead);

	rtnl_lock();
	spin_lock_irqsave(&mn->neigh_lock, flags);
	hash_for_each_safe(mn->neigh_hash, bkt, tmp, n, hnode) {
		unsigned long due = READ_ONCE(n->seen) + ttl;

		if (n->source != MCTP_NEIGH_LEARNT || !ttl)
			continue;
		if (!time_before(now, due))
			mctp_neigh_unlink(mn, n, &dead);
		else if (time_before(due, next))
			next = due;
	}
	left = mn->neigh_learnt;
	spin_unlock_irqrestore(&mn->neigh_lock, flags);
	mctp_neigh_reap(&dead, NULL, 0);
	rtnl_unlock();

	if (left)
		schedule_delayed_work(&mn->neigh_expiry, next - now);
}

/* Whether learning @ha for @n's EID replaces @n: learnt, another address. */
static bool mctp_neigh_learn_replaces(const struct mctp_neigh *n,
				      const u8 *ha, u8 halen)
{
	return n->source == MCTP_NEIGH_LEARNT &&
	       (n->halen != halen || memcmp(n->ha, ha, halen));
}

/* neigh_lock held: put @new in, replacing a learnt entry; false if not. */
static bool mctp_neigh_learn_insert(struct mctp_net *mn,
				    struct mctp_neigh *new,
				    struct mctp_neigh **old)
{
	struct mctp_neigh *n = mctp_neigh_find(mn, new->dev, new->eid);

	*old = NULL;
	if (n) {
		if (!mctp_neigh_learn_replaces(n, new->ha, new->halen))
			return false;
		mctp_neigh_replace(mn, n, new);
		*old = n;
		return true;
	}
	if (mn->neigh_learnt >= MCTP_NEIGH_LEARN_MAX)
		return false;
	mctp_neigh_link(mn, new);
	mn->neigh_learnt++;
	return true;
}

void mctp_neigh_learn(struct net_device *dev, u8 eid, const u8 *haddr,
		      u8 halen)
{
	struct mctp_neigh *new, *old;
	struct mctp_dev *mdev;
	struct mctp_net *mn;
	unsigned long flags;
	bool added;

	if (!mctp_address_unicast(eid) || !halen || halen > MAX_ADDR_LEN ||
	    halen != dev->addr_len)
		return;

	rcu_read_lock();
	mdev = mctp_dev_get_rcu(dev);
	if (!mdev)
		goto out;
	mn = mctp_neigh_ns(mdev);
	/* the common case, nothing to learn, without allocating or locking */
	old = mctp_neigh_find(mn, mdev, eid);
	if (old && !mctp_neigh_learn_replaces(old, haddr, halen)) {
		if (old->source == MCTP_NEIGH_LEARNT &&
		    time_after(jiffies, READ_ONCE(old->seen) + HZ))
			WRITE_ONCE(old->seen, jiffies);
		goto out;
	}

	new = mctp_neigh_new(mdev, eid, MCTP_NEIGH_LEARNT, haddr, halen,
			     GFP_ATOMIC);
	if (!new)
		goto out;
	new->announce = true;

	spin_lock_irqsave(&mn->neigh_lock, flags);
	/* an interface leaving has left the xarray before its entries go */
	added = xa_load(&mn->devs, dev->ifindex) == mdev &&
		mctp_neigh_learn_insert(mn, new, &old);
	if (added)
		mctp_dev_hold(mdev);
	spin_unlock_irqrestore(&mn->neigh_lock, flags);

	if (!added) {
		kfree(new);
		goto out;
	}
	if (old)
		mctp_neigh_free(old);
	/* under RCU: the namespace cannot finish dying before this */
	schedule_work(&mn->neigh_work);
	schedule_delayed_work(&mn->neigh_expiry, mctp_neigh_expiry_period());
out:
	rcu_read_unlock();
}
EXPORT_SYMBOL_GPL(mctp_neigh_learn);

void mctp_neigh_net_init(struct mctp_net *mn)
{
	hash_init(mn->neigh_hash);
	INIT_LIST_HEAD(&mn->neigh_order);
	mn->neigh_seq = 0;
	spin_lock_init(&mn->neigh_lock);
	mn->neigh_learnt = 0;
	INIT_WORK(&mn->neigh_work, mctp_neigh_announce_work);
	INIT_DELAYED_WORK(&mn->neigh_expiry, mctp_neigh_expiry_work);
}

/* All devices of @net are gone, so their entries went with them. */
void mctp_neigh_net_exit(struct net *net)
{
	struct mctp_net *mn = mctp_pernet(net);
	struct hlist_node *tmp;
	struct mctp_neigh *n;
	unsigned int bkt;

	cancel_work_sync(&mn->neigh_work);
	cancel_delayed_work_sync(&mn->neigh_expiry);
	WARN_ON_ONCE(!hash_empty(mn->neigh_hash));
	hash_for_each_safe(mn->neigh_hash, bkt, tmp, n, hnode) {
		hash_del_rcu(&n->hnode);
		list_del(&n->order);
		mctp_neigh_free(n);
	}
}

/* ---- RTM_{NEW,DEL,GET}NEIGH ---- */

static const struct nla_policy mctp_neigh_policy[NDA_MAX + 1] = {
	[NDA_DST]	= { .type = NLA_U8 },
	[NDA_LLADDR]	= { .type = NLA_BINARY, .len = MAX_ADDR_LEN },
};

static struct mctp_dev *mctp_neigh_req_dev(struct sk_buff *skb,
					   struct nlmsghdr *nlh,
					   struct netlink_ext_ack *extack)
{
	struct ndmsg *ndm = nlmsg_data(nlh);
	struct net_device *dev;
	struct mctp_dev *mdev;

	dev = __dev_get_by_index(sock_net(skb->sk), ndm->ndm_ifindex);
	if (!dev) {
		NL_SET_ERR_MSG(extack, "Interface not found");
		return ERR_PTR(-ENODEV);
	}

	mdev = mctp_dev_get_rtnl(dev);
	if (!mdev) {
		NL_SET_ERR_MSG(extack, "Not an MCTP interface");
		return ERR_PTR(-ENODEV);
	}
	return mdev;
}

/*
 * RTNL held. A static entry is added, or replaces a learnt one; its
 * announcement tells listeners of the new address either way.
 */
static int mctp_neigh_insert(struct mctp_dev *mdev, mctp_eid_t eid,
			     const struct nlattr *lladdr,
			     const struct nlmsghdr *nlh, u32 portid,
			     struct netlink_ext_ack *extack)
{
	struct mctp_net *mn = mctp_neigh_ns(mdev);
	struct mctp_neigh *n, *old;
	unsigned long flags;

	n = mctp_neigh_new(mdev, eid, MCTP_NEIGH_STATIC, nla_data(lladdr),
			   nla_len(lladdr), GFP_KERNEL);
	if (!n)
		return -ENOMEM;

	spin_lock_irqsave(&mn->neigh_lock, flags);
	old = mctp_neigh_find(mn, mdev, eid);
	if (old && old->source == MCTP_NEIGH_STATIC) {
		spin_unlock_irqrestore(&mn->neigh_lock, flags);
		kfree(n);
		NL_SET_ERR_MSG(extack, "Neighbour already exists");
		return -EEXIST;
	}
	mctp_dev_hold(mdev);
	if (old) {
		mctp_neigh_replace(mn, old, n);
		mn->neigh_learnt--;
	} else {
		mctp_neigh_link(mn, n);
	}
	spin_unlock_irqrestore(&mn->neigh_lock, flags);

	if (old)
		mctp_neigh_free(old);
	mctp_neigh_notify(n, RTM_NEWNEIGH, nlh, portid);
	return 0;
}

static int mctp_rtm_newneigh(struct sk_buff *skb, struct nlmsghdr *nlh,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[NDA_MAX + 1];
	struct mctp_dev *mdev;
	mctp_eid_t eid;
	int rc;

	rc = nlmsg_parse(nlh, sizeof(struct ndmsg), tb, NDA_MAX,
			 mctp_neigh_policy, extack);
	if (rc < 0)
		return rc;

	if (!tb[NDA_DST]) {
		NL_SET_ERR_MSG(extack, "Neighbour EID must be specified");
		return -EINVAL;
	}
	if (!tb[NDA_LLADDR]) {
		NL_SET_ERR_MSG(extack, "Neighbour lladdr must be specified");
		return -EINVAL;
	}

	eid = nla_get_u8(tb[NDA_DST]);
	if (!mctp_address_unicast(eid)) {
		NL_SET_ERR_MSG(extack, "Invalid neighbour EID");
		return -EINVAL;
	}

	mdev = mctp_neigh_req_dev(skb, nlh, extack);
	if (IS_ERR(mdev))
		return PTR_ERR(mdev);

	if (nla_len(tb[NDA_LLADDR]) != mdev->dev->addr_len) {
		NL_SET_ERR_MSG(extack, "Wrong lladdr length");
		return -EINVAL;
	}

	return mctp_neigh_insert(mdev, eid, tb[NDA_LLADDR], nlh,
				 NETLINK_CB(skb).portid, extack);
}

static int mctp_rtm_delneigh(struct sk_buff *skb, struct nlmsghdr *nlh,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[NDA_MAX + 1];
	struct mctp_dev *mdev;
	struct mctp_neigh *n;
	struct mctp_net *mn;
	unsigned long flags;
	LIST_HEAD(dead);
	int rc;

	rc = nlmsg_parse(nlh, sizeof(struct ndmsg), tb, NDA_MAX,
			 mctp_neigh_policy, extack);
	if (rc < 0)
		return rc;

	if (!tb[NDA_DST]) {
		NL_SET_ERR_MSG(extack, "Neighbour EID must be specified");
		return -EINVAL;
	}

	mdev = mctp_neigh_req_dev(skb, nlh, extack);
	if (IS_ERR(mdev))
		return PTR_ERR(mdev);

	mn = mctp_neigh_ns(mdev);
	spin_lock_irqsave(&mn->neigh_lock, flags);
	n = mctp_neigh_find(mn, mdev, nla_get_u8(tb[NDA_DST]));
	if (n)
		mctp_neigh_unlink(mn, n, &dead);
	spin_unlock_irqrestore(&mn->neigh_lock, flags);
	if (!n) {
		NL_SET_ERR_MSG(extack, "Neighbour not found");
		return -ENOENT;
	}

	mctp_neigh_reap(&dead, nlh, NETLINK_CB(skb).portid);
	return 0;
}

/*
 * Dumps list the newest entry first, as upstream Linux does. A dump that
 * takes several parts resumes after the last entry it sent (by its seq),
 * so entries added or removed between two parts do not shift the others:
 * newer ones are not in this dump, removed ones are not missed.
 */
struct mctp_neigh_dump_ctx {
	u64	last_seq;	/* seq of the last entry sent, 0: none yet */
};

/* Runs under RTNL (registered without RTNL_FLAG_DUMP_UNLOCKED). */
static int mctp_rtm_dumpneigh(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct mctp_neigh_dump_ctx *ctx = (void *)cb->ctx;
	struct mctp_net *mn = mctp_pernet(sock_net(skb->sk));
	u32 portid = NETLINK_CB(cb->skb).portid;
	u32 seq = cb->nlh->nlmsg_seq;
	struct mctp_neigh_info info;
	struct mctp_neigh *n;
	unsigned long flags;
	int filter = 0;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));

	if (cb->nlh->nlmsg_len >= nlmsg_msg_size(sizeof(struct ndmsg))) {
		struct ndmsg *ndm = nlmsg_data(cb->nlh);

		filter = ndm->ndm_ifindex;
	} else if (cb->strict_check) {
		NL_SET_ERR_MSG(cb->extack, "Invalid header for MCTP neighbour dump request");
		return -EINVAL;
	}

	spin_lock_irqsave(&mn->neigh_lock, flags);
	list_for_each_entry(n, &mn->neigh_order, order) {
		if (ctx->last_seq && n->seq >= ctx->last_seq)
			continue;
		if (filter && n->dev->dev->ifindex != filter)
			continue;
		mctp_neigh_info(n, &info);
		if (mctp_fill_neigh(skb, &info, RTM_NEWNEIGH, portid, seq,
				    NLM_F_MULTI))
			break;
		ctx->last_seq = n->seq;
	}
	spin_unlock_irqrestore(&mn->neigh_lock, flags);
	return skb->len;
}

static const struct rtnl_msg_handler mctp_neigh_rtnl_handlers[] = {
	{ .owner = THIS_MODULE, .protocol = PF_MCTP, .msgtype = RTM_NEWNEIGH,
	  .doit = mctp_rtm_newneigh },
	{ .owner = THIS_MODULE, .protocol = PF_MCTP, .msgtype = RTM_DELNEIGH,
	  .doit = mctp_rtm_delneigh },
	{ .owner = THIS_MODULE, .protocol = PF_MCTP, .msgtype = RTM_GETNEIGH,
	  .dumpit = mctp_rtm_dumpneigh },
};

int mctp_neigh_init(void)
{
	return rtnl_register_many(mctp_neigh_rtnl_handlers);
}

void mctp_neigh_exit(void)
{
	rtnl_unregister_many(mctp_neigh_rtnl_handlers);
}
