// SPDX-License-Identifier: GPL-2.0
/*
 * MCTP neighbour table: the physical address of a peer EID on one
 * interface, used by output for the link header.
 *
 * Entries live in mn->neigh_hash, hashed by EID. Writers hold RTNL;
 * lookups walk a bucket under RCU. Each entry holds a reference on its
 * struct mctp_dev, so an interface's entries are removed when the interface
 * leaves (mctp_neigh_remove_dev, from the netdev notifier).
 *
 * Every change is announced to RTNLGRP_MCTP_IFADDR (RTM_NEWNEIGH,
 * RTM_DELNEIGH), including entries dropped with their interface.
 */
#include <linux/hashtable.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/neighbour.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>

#include "mctp-core.h"

static struct mctp_net *mctp_neigh_ns(struct mctp_dev *mdev)
{
	return mctp_pernet(dev_net(mdev->dev));
}

int mctp_neigh_lookup(struct mctp_dev *mdev, mctp_eid_t eid, u8 *haddr)
{
	struct mctp_net *mn = mctp_neigh_ns(mdev);
	struct mctp_neigh *n;
	int rc = -ENOENT;

	rcu_read_lock();
	hash_for_each_possible_rcu(mn->neigh_hash, n, hnode, eid) {
		if (n->dev != mdev || n->eid != eid)
			continue;
		if (haddr)
			memcpy(haddr, n->ha, n->halen);
		rc = n->halen;
		break;
	}
	rcu_read_unlock();
	return rc;
}

/* RTNL held. */
static struct mctp_neigh *mctp_neigh_find(struct mctp_net *mn,
					  struct mctp_dev *mdev, mctp_eid_t eid)
{
	struct mctp_neigh *n;

	hash_for_each_possible(mn->neigh_hash, n, hnode, eid)
		if (n->dev == mdev && n->eid == eid)
			return n;
	return NULL;
}

/* ---- netlink messages ---- */

static size_t mctp_neigh_msgsize(void)
{
	return NLMSG_ALIGN(sizeof(struct ndmsg)) +
	       nla_total_size(1) +		/* NDA_DST */
	       nla_total_size(MAX_ADDR_LEN);	/* NDA_LLADDR */
}

static int mctp_fill_neigh(struct sk_buff *skb, struct mctp_neigh *n,
			   int type, u32 portid, u32 seq, unsigned int flags)
{
	struct nlmsghdr *nlh;
	struct ndmsg *ndm;

	nlh = nlmsg_put(skb, portid, seq, type, sizeof(*ndm), flags);
	if (!nlh)
		return -EMSGSIZE;

	ndm = nlmsg_data(nlh);
	memset(ndm, 0, sizeof(*ndm));
	ndm->ndm_family = AF_MCTP;
	ndm->ndm_ifindex = n->dev->dev->ifindex;
	ndm->ndm_state = n->source == MCTP_NEIGH_STATIC ? NUD_PERMANENT : 0;
	ndm->ndm_type = RTN_UNICAST;

	if (nla_put_u8(skb, NDA_DST, n->eid) ||
	    nla_put(skb, NDA_LLADDR, n->halen, n->ha)) {
		nlmsg_cancel(skb, nlh);
		return -EMSGSIZE;
	}

	nlmsg_end(skb, nlh);
	return 0;
}

/* @req is NULL for changes not caused by a request (device removal). */
static void mctp_neigh_notify(struct mctp_neigh *n, int type,
			      const struct nlmsghdr *req, u32 portid)
{
	struct net *net = dev_net(n->dev->dev);
	struct sk_buff *skb;
	int rc;

	skb = nlmsg_new(mctp_neigh_msgsize(), GFP_KERNEL);
	if (!skb) {
		rtnl_set_sk_err(net, RTNLGRP_MCTP_IFADDR, -ENOBUFS);
		return;
	}

	rc = mctp_fill_neigh(skb, n, type, portid, req ? req->nlmsg_seq : 0, 0);
	if (rc) {
		kfree_skb(skb);
		rtnl_set_sk_err(net, RTNLGRP_MCTP_IFADDR, rc);
		return;
	}

	rtnl_notify(skb, net, portid, RTNLGRP_MCTP_IFADDR, req, GFP_KERNEL);
}

/* ---- table changes (RTNL) ---- */

/*
 * Lookups only compare n->dev with their own device, never dereference it,
 * so the device reference can go now; the entry itself waits for RCU.
 */
static void mctp_neigh_unlink(struct mctp_neigh *n)
{
	hash_del_rcu(&n->hnode);
	mctp_dev_put(n->dev);
	kfree_rcu(n, rcu);
}

void mctp_neigh_remove_dev(struct mctp_dev *mdev)
{
	struct mctp_net *mn = mctp_neigh_ns(mdev);
	struct hlist_node *tmp;
	struct mctp_neigh *n;
	unsigned int bkt;

	ASSERT_RTNL();
	hash_for_each_safe(mn->neigh_hash, bkt, tmp, n, hnode) {
		if (n->dev != mdev)
			continue;
		mctp_neigh_notify(n, RTM_DELNEIGH, NULL, 0);
		mctp_neigh_unlink(n);
	}
}

/* All devices of @net are gone, so their entries went with them. */
void mctp_neigh_net_exit(struct net *net)
{
	struct mctp_net *mn = mctp_pernet(net);
	struct hlist_node *tmp;
	struct mctp_neigh *n;
	unsigned int bkt;

	WARN_ON_ONCE(!hash_empty(mn->neigh_hash));
	hash_for_each_safe(mn->neigh_hash, bkt, tmp, n, hnode)
		mctp_neigh_unlink(n);
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

static int mctp_neigh_insert(struct mctp_dev *mdev, mctp_eid_t eid,
			     const struct nlattr *lladdr,
			     const struct nlmsghdr *nlh, u32 portid)
{
	struct mctp_neigh *n;

	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return -ENOMEM;

	mctp_dev_hold(mdev);
	n->dev = mdev;
	n->eid = eid;
	n->source = MCTP_NEIGH_STATIC;
	n->halen = nla_len(lladdr);
	nla_memcpy(n->ha, lladdr, sizeof(n->ha));

	hash_add_rcu(mctp_neigh_ns(mdev)->neigh_hash, &n->hnode, eid);
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
		NL_SET_ERR_MSG(extack, "Neighbour EID (NDA_DST) missing");
		return -EINVAL;
	}
	if (!tb[NDA_LLADDR]) {
		NL_SET_ERR_MSG(extack, "Neighbour link-layer address (NDA_LLADDR) missing");
		return -EINVAL;
	}

	eid = nla_get_u8(tb[NDA_DST]);
	if (!mctp_address_unicast(eid)) {
		NL_SET_ERR_MSG(extack, "Neighbour EID must be unicast (8-254)");
		return -EINVAL;
	}

	mdev = mctp_neigh_req_dev(skb, nlh, extack);
	if (IS_ERR(mdev))
		return PTR_ERR(mdev);

	if (nla_len(tb[NDA_LLADDR]) != mdev->dev->addr_len) {
		NL_SET_ERR_MSG(extack, "Link-layer address length does not match the interface");
		return -EINVAL;
	}

	if (mctp_neigh_find(mctp_neigh_ns(mdev), mdev, eid)) {
		NL_SET_ERR_MSG(extack, "Neighbour already exists");
		return -EEXIST;
	}

	return mctp_neigh_insert(mdev, eid, tb[NDA_LLADDR], nlh,
				 NETLINK_CB(skb).portid);
}

static int mctp_rtm_delneigh(struct sk_buff *skb, struct nlmsghdr *nlh,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[NDA_MAX + 1];
	struct mctp_dev *mdev;
	struct mctp_neigh *n;
	int rc;

	rc = nlmsg_parse(nlh, sizeof(struct ndmsg), tb, NDA_MAX,
			 mctp_neigh_policy, extack);
	if (rc < 0)
		return rc;

	if (!tb[NDA_DST]) {
		NL_SET_ERR_MSG(extack, "Neighbour EID (NDA_DST) missing");
		return -EINVAL;
	}

	mdev = mctp_neigh_req_dev(skb, nlh, extack);
	if (IS_ERR(mdev))
		return PTR_ERR(mdev);

	n = mctp_neigh_find(mctp_neigh_ns(mdev), mdev,
			    nla_get_u8(tb[NDA_DST]));
	if (!n || n->source != MCTP_NEIGH_STATIC) {
		NL_SET_ERR_MSG(extack, "Neighbour not found");
		return -ENOENT;
	}

	mctp_neigh_notify(n, RTM_DELNEIGH, nlh, NETLINK_CB(skb).portid);
	mctp_neigh_unlink(n);
	return 0;
}

/*
 * Dumps visit entries in (EID, ifindex) order and resume after the last
 * one sent, so entries added or removed between two parts of a dump do
 * not shift the others.
 */
struct mctp_neigh_dump_ctx {
	unsigned int	eid;		/* EID being visited */
	int		ifindex;	/* last ifindex sent for it */
};

/* The entry for @eid with the smallest ifindex above @after. RTNL held. */
static struct mctp_neigh *mctp_neigh_dump_next(struct mctp_net *mn,
					       mctp_eid_t eid, int after,
					       int filter)
{
	struct mctp_neigh *n, *best = NULL;
	int ifindex;

	hash_for_each_possible(mn->neigh_hash, n, hnode, eid) {
		ifindex = n->dev->dev->ifindex;
		if (n->eid != eid || ifindex <= after)
			continue;
		if (filter && ifindex != filter)
			continue;
		if (!best || ifindex < best->dev->dev->ifindex)
			best = n;
	}
	return best;
}

/* Runs under RTNL (registered without RTNL_FLAG_DUMP_UNLOCKED). */
static int mctp_rtm_dumpneigh(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct mctp_neigh_dump_ctx *ctx = (void *)cb->ctx;
	struct mctp_net *mn = mctp_pernet(sock_net(skb->sk));
	u32 portid = NETLINK_CB(cb->skb).portid;
	u32 seq = cb->nlh->nlmsg_seq;
	struct mctp_neigh *n;
	int filter = 0;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));

	if (cb->nlh->nlmsg_len >= nlmsg_msg_size(sizeof(struct ndmsg))) {
		struct ndmsg *ndm = nlmsg_data(cb->nlh);

		filter = ndm->ndm_ifindex;
	} else if (cb->strict_check) {
		NL_SET_ERR_MSG(cb->extack, "Invalid header for MCTP neighbour dump request");
		return -EINVAL;
	}

	for (; ctx->eid <= U8_MAX; ctx->eid++, ctx->ifindex = 0) {
		while ((n = mctp_neigh_dump_next(mn, ctx->eid, ctx->ifindex,
						 filter))) {
			if (mctp_fill_neigh(skb, n, RTM_NEWNEIGH, portid, seq,
					    NLM_F_MULTI))
				return skb->len;
			ctx->ifindex = n->dev->dev->ifindex;
		}
	}
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
