// SPDX-License-Identifier: GPL-2.0
/*
 * MCTP routes: the route list of a namespace, the per-network lookup
 * tables, route resolution (including gateway chains) and the
 * RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE handlers.
 *
 * List and lookup tables
 *   mn->routes holds every route of the namespace, newest first; it is
 *   the truth and only changes under RTNL. For each MCTP network that has
 *   routes, mn->rtables maps the network id to a struct mctp_rtable: one
 *   RCU slot per EID pointing at the route that serves it, so a lookup is
 *   one xarray load and one array index whatever the number of routes.
 *   The table also keeps (for RTNL only) the routes of its network in
 *   creation order, so that slots can be recomputed when routes come and
 *   go without walking the routes of other networks.
 *
 *   A route sits in the table of rt->net: the device's network for a
 *   direct route (moved by mctp_route_dev_net_changed()), the gateway's
 *   network for a gateway route.
 *
 * Priority, for an EID covered by several routes of one network
 *   A local route (RTN_LOCAL, one per local address) wins over a unicast
 *   route; between routes of one kind the newest wins, which is the order
 *   of the route list (as upstream walks it).
 *
 * Notifications
 *   Every route added or removed, by RTM_NEWROUTE / RTM_DELROUTE, by a
 *   local address change, or because its device went away, is announced
 *   with the payload of an RTM_NEWROUTE / RTM_DELROUTE dump entry on the
 *   "route" group of the generic netlink family MCTP_NOTIFY_GENL_NAME
 *   (notify.c). Nothing goes to rtnetlink: its MCTP group,
 *   RTNLGRP_MCTP_IFADDR, carries addresses only, as on upstream Linux.
 *
 * Lifetimes
 *   A route holds a reference on its device and is freed after an RCU
 *   grace period. Its device reference is dropped when the route leaves
 *   the list, so a reader that found the route under RCU takes its own
 *   device reference with refcount_inc_not_zero().
 */

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>

#include "mctp-core.h"

#define MCTP_EID_SLOTS		256
#define MCTP_EID_MAX_UNICAST	254

struct mctp_rtable {
	/* route serving each EID; RCU readers */
	struct mctp_route __rcu	*slot[MCTP_EID_SLOTS];

	/* RTNL: routes filed under this network, oldest first */
	struct mctp_route	**routes;
	unsigned int		nroutes;
	unsigned int		size;

	struct rcu_head		rcu;
};

/* Every route is allocated here, with its creation number alongside. */
struct mctp_route_entry {
	struct mctp_route	rt;
	unsigned long		id;	/* RTNL; increases with creation */
};

static unsigned long mctp_route_next_id;	/* RTNL */

static unsigned long mctp_route_id(const struct mctp_route *rt)
{
	return container_of(rt, struct mctp_route_entry, rt)->id;
}

unsigned int mctp_default_net(struct net *net)
{
	return READ_ONCE(mctp_pernet(net)->default_net);
}

/* ---- lookup (RCU) ---- */

static struct mctp_route *mctp_rt_slot(struct mctp_net *mn,
				       unsigned int netid, mctp_eid_t eid)
{
	struct mctp_rtable *tbl = xa_load(&mn->rtables, netid);

	return tbl ? rcu_dereference(tbl->slot[eid]) : NULL;
}

/* smallest non-zero MTU; 0 means "no limit" */
static unsigned int mctp_mtu_min(unsigned int a, unsigned int b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return min(a, b);
}

/* @rt is a direct route found under RCU; @mtu the limit of the path to it */
static int mctp_dst_from_route(struct mctp_dst *dst, struct mctp_route *rt,
			       unsigned int netid, mctp_eid_t nexthop,
			       unsigned int mtu)
{
	struct mctp_dev *mdev = rt->dev;

	/* the route may be on its way out, its device reference gone */
	if (!refcount_inc_not_zero(&mdev->refs))
		return -EHOSTUNREACH;

	dst->dev = mdev;
	dst->mtu = mctp_mtu_min(READ_ONCE(mdev->dev->mtu), mtu);
	dst->net = netid;
	dst->nexthop = nexthop;
	dst->local = rt->type == RTN_LOCAL;
	dst->halen = 0;
	return 0;
}

/*
 * A chain of gateways is followed for at most MCTP_GW_MAX_DEPTH routes,
 * the last of which must be direct; a longer chain or a loop is
 * unreachable (-EHOSTUNREACH, as upstream).
 */
int mctp_route_lookup(struct net *net, unsigned int netid, mctp_eid_t daddr,
		      struct mctp_dst *dst)
{
	struct mctp_net *mn = mctp_pernet(net);
	unsigned int hops, mtu = 0;
	struct mctp_route *rt;
	int rc = -EHOSTUNREACH;

	rcu_read_lock();
	for (hops = 0; hops < MCTP_GW_MAX_DEPTH; hops++) {
		rt = mctp_rt_slot(mn, netid, daddr);
		if (!rt)
			break;
		mtu = mctp_mtu_min(mtu, rt->mtu);
		if (rt->dev) {
			rc = mctp_dst_from_route(dst, rt, netid, daddr, mtu);
			break;
		}
		/* gateway: the packet goes to the gateway's EID */
		netid = rt->gateway.net;
		daddr = rt->gateway.eid;
	}
	rcu_read_unlock();

	return rc;
}

bool mctp_route_is_local(struct net *net, unsigned int netid, mctp_eid_t eid)
{
	struct mctp_route *rt;
	bool local;

	rcu_read_lock();
	rt = mctp_rt_slot(mctp_pernet(net), netid, eid);
	local = rt && rt->type == RTN_LOCAL;
	rcu_read_unlock();
	return local;
}

int mctp_dst_from_extaddr(struct net *net, int ifindex, u8 halen,
			  const u8 *haddr, struct mctp_dst *dst)
{
	struct net_device *dev;
	struct mctp_dev *mdev;
	int rc = -EINVAL;

	if (halen > sizeof(dst->haddr))
		return -EINVAL;

	rcu_read_lock();
	dev = dev_get_by_index_rcu(net, ifindex);
	if (!dev || dev->addr_len != halen)
		goto out;

	rc = -ENODEV;
	mdev = mctp_dev_get_rcu(dev);
	if (!mdev || !refcount_inc_not_zero(&mdev->refs))
		goto out;

	dst->dev = mdev;
	dst->mtu = READ_ONCE(dev->mtu);
	dst->net = READ_ONCE(mdev->net);
	dst->nexthop = MCTP_ADDR_NULL;
	dst->local = false;
	dst->halen = halen;
	memcpy(dst->haddr, haddr, halen);
	rc = 0;
out:
	rcu_read_unlock();
	return rc;
}

void mctp_dst_release(struct mctp_dst *dst)
{
	if (dst->dev) {
		mctp_dev_put(dst->dev);
		dst->dev = NULL;
	}
}

/* ---- lookup tables (RTNL) ---- */

static bool mctp_route_covers(const struct mctp_route *rt, unsigned int eid)
{
	return rt->min <= eid && eid <= rt->max;
}

/* The route that serves @eid: newest local route, else newest route. */
static struct mctp_route *mctp_rtable_best(struct mctp_rtable *tbl,
					   unsigned int eid)
{
	struct mctp_route *rt, *best = NULL;
	unsigned int i;

	for (i = tbl->nroutes; i-- > 0;) {
		rt = tbl->routes[i];
		if (!mctp_route_covers(rt, eid))
			continue;
		if (rt->type == RTN_LOCAL)
			return rt;
		if (!best)
			best = rt;
	}
	return best;
}

static void mctp_rtable_refresh(struct mctp_rtable *tbl,
				const struct mctp_route *rt)
{
	unsigned int eid;

	for (eid = rt->min; eid <= rt->max; eid++)
		rcu_assign_pointer(tbl->slot[eid], mctp_rtable_best(tbl, eid));
}

/* @rt is the newest route of the table: it takes every slot it covers
 * unless a local route holds it and @rt is not local.
 */
static void mctp_rtable_claim(struct mctp_rtable *tbl, struct mctp_route *rt)
{
	struct mctp_route *cur;
	unsigned int eid;

	for (eid = rt->min; eid <= rt->max; eid++) {
		cur = rtnl_dereference(tbl->slot[eid]);
		if (cur && cur->type == RTN_LOCAL && rt->type != RTN_LOCAL)
			continue;
		rcu_assign_pointer(tbl->slot[eid], rt);
	}
}

static struct mctp_rtable *mctp_rtable_get(struct mctp_net *mn,
					   unsigned int netid, bool create)
{
	struct mctp_rtable *tbl;
	int rc;

	tbl = xa_load(&mn->rtables, netid);
	if (tbl || !create)
		return tbl;

	tbl = kzalloc(sizeof(*tbl), GFP_KERNEL);
	if (!tbl)
		return NULL;

	rc = xa_err(xa_store(&mn->rtables, netid, tbl, GFP_KERNEL));
	if (rc) {
		kfree(tbl);
		return NULL;
	}
	return tbl;
}

static void mctp_rtable_free(struct mctp_rtable *tbl)
{
	kfree(tbl->routes);
	tbl->routes = NULL;
	kfree_rcu(tbl, rcu);
}

static void mctp_rtable_put_empty(struct mctp_net *mn, unsigned int netid,
				  struct mctp_rtable *tbl)
{
	if (tbl->nroutes)
		return;
	xa_erase(&mn->rtables, netid);
	mctp_rtable_free(tbl);
}

/* Double the room of @tbl. */
static int mctp_rtable_grow(struct mctp_rtable *tbl)
{
	unsigned int size = tbl->size ? tbl->size * 2 : 8;
	struct mctp_route **routes;

	routes = krealloc_array(tbl->routes, size, sizeof(*routes),
				GFP_KERNEL);
	if (!routes)
		return -ENOMEM;
	tbl->routes = routes;
	tbl->size = size;
	return 0;
}

/* The table of @netid with room for @n more routes, or NULL. */
static struct mctp_rtable *mctp_rtable_reserve(struct mctp_net *mn,
					       unsigned int netid,
					       unsigned int n)
{
	struct mctp_rtable *tbl;

	tbl = mctp_rtable_get(mn, netid, true);
	if (!tbl)
		return NULL;

	while (tbl->size - tbl->nroutes < n) {
		if (mctp_rtable_grow(tbl)) {
			mctp_rtable_put_empty(mn, netid, tbl);
			return NULL;
		}
	}
	return tbl;
}

/* File @rt in @tbl (reserved) and give it the slots it wins. */
static void mctp_rtable_link(struct mctp_rtable *tbl, struct mctp_route *rt)
{
	unsigned long id = mctp_route_id(rt);
	unsigned int pos;

	/* keep creation order; a new route simply goes last */
	for (pos = tbl->nroutes; pos > 0; pos--)
		if (mctp_route_id(tbl->routes[pos - 1]) < id)
			break;
	memmove(&tbl->routes[pos + 1], &tbl->routes[pos],
		(tbl->nroutes - pos) * sizeof(*tbl->routes));
	tbl->routes[pos] = rt;
	tbl->nroutes++;

	if (pos == tbl->nroutes - 1)
		mctp_rtable_claim(tbl, rt);
	else
		mctp_rtable_refresh(tbl, rt);
}

/* Take @rt out of the table of rt->net and hand its slots on. */
static void mctp_rtable_unlink(struct mctp_net *mn, struct mctp_route *rt)
{
	struct mctp_rtable *tbl;
	unsigned int pos;

	tbl = mctp_rtable_get(mn, rt->net, false);
	if (WARN_ON_ONCE(!tbl))
		return;

	for (pos = 0; pos < tbl->nroutes; pos++)
		if (tbl->routes[pos] == rt)
			break;
	if (WARN_ON_ONCE(pos == tbl->nroutes))
		return;

	tbl->nroutes--;
	memmove(&tbl->routes[pos], &tbl->routes[pos + 1],
		(tbl->nroutes - pos) * sizeof(*tbl->routes));

	if (!tbl->nroutes) {
		mctp_rtable_put_empty(mn, rt->net, tbl);
		return;
	}
	mctp_rtable_refresh(tbl, rt);
}

/* ---- route objects (RTNL) ---- */

static struct mctp_route *mctp_route_alloc(void)
{
	struct mctp_route_entry *e;

	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return NULL;
	INIT_LIST_HEAD(&e->rt.list);
	return &e->rt;
}

static void mctp_route_free(struct mctp_route *rt)
{
	struct mctp_route_entry *e;

	if (rt->dev)
		mctp_dev_put(rt->dev);
	e = container_of(rt, struct mctp_route_entry, rt);
	kfree_rcu(e, rt.rcu);
}

/*
 * The payload of a route message, a dump entry or a notification alike:
 * the fixed header @rtm (already in @skb) and the attributes after it.
 */
static int mctp_route_fill(struct sk_buff *skb, struct rtmsg *rtm,
			   const struct mctp_route *rt)
{
	struct mctp_fq_addr gw;
	struct nlattr *metrics;

	memset(rtm, 0, sizeof(*rtm));
	rtm->rtm_family = AF_MCTP;
	/* dst_len is the number of EIDs after the first, not a prefix */
	rtm->rtm_dst_len = rt->max - rt->min;
	rtm->rtm_table = RT_TABLE_DEFAULT;
	rtm->rtm_protocol = RTPROT_STATIC;
	rtm->rtm_scope = rt->dev ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
	rtm->rtm_type = rt->type;

	if (nla_put_u8(skb, RTA_DST, rt->min))
		return -EMSGSIZE;

	metrics = nla_nest_start_noflag(skb, RTA_METRICS);
	if (!metrics)
		return -EMSGSIZE;
	if (rt->mtu && nla_put_u32(skb, RTAX_MTU, rt->mtu))
		return -EMSGSIZE;
	nla_nest_end(skb, metrics);

	if (rt->dev)
		return nla_put_u32(skb, RTA_OIF, rt->dev->dev->ifindex);

	memset(&gw, 0, sizeof(gw));
	gw.net = rt->gateway.net;
	gw.eid = rt->gateway.eid;
	return nla_put(skb, RTA_GATEWAY, sizeof(gw), &gw);
}

static int mctp_fill_rtinfo(struct sk_buff *skb, const struct mctp_route *rt,
			    u32 portid, u32 seq, int event, unsigned int flags)
{
	struct nlmsghdr *nlh;

	nlh = nlmsg_put(skb, portid, seq, event, sizeof(struct rtmsg), flags);
	if (!nlh)
		return -EMSGSIZE;
	if (mctp_route_fill(skb, nlmsg_data(nlh), rt)) {
		nlmsg_cancel(skb, nlh);
		return -EMSGSIZE;
	}
	nlmsg_end(skb, nlh);
	return 0;
}

static size_t mctp_route_nlmsg_size(void)
{
	return NLMSG_ALIGN(sizeof(struct rtmsg))
		+ nla_total_size(1)			/* RTA_DST */
		+ nla_total_size(nla_total_size(4))	/* RTA_METRICS, MTU */
		+ nla_total_size(4)			/* RTA_OIF */
		+ nla_total_size(sizeof(struct mctp_fq_addr)); /* GATEWAY */
}

/* Announce @rt on the notification family; RTNL held. */
static void mctp_route_notify(struct net *net, const struct mctp_route *rt,
			      int event, u32 portid,
			      const struct nlmsghdr *req)
{
	u8 cmd = event == RTM_NEWROUTE ? MCTP_NOTIFY_CMD_NEWROUTE :
					 MCTP_NOTIFY_CMD_DELROUTE;
	struct mctp_notify msg;
	struct rtmsg *rtm;

	rtm = mctp_notify_start(&msg, net, MCTP_NOTIFY_GRP_ROUTE, cmd, portid,
				req ? req->nlmsg_seq : 0, sizeof(*rtm),
				mctp_route_nlmsg_size());
	if (!rtm)
		return;
	if (mctp_route_fill(msg.skb, rtm, rt)) {
		/* mctp_route_nlmsg_size() is wrong */
		WARN_ON_ONCE(1);
		mctp_notify_abort(&msg);
		return;
	}
	mctp_notify_send(&msg);
}

/* Publish a new route; on failure the caller still owns @rt. */
static int mctp_route_insert(struct net *net, struct mctp_route *rt,
			     u32 portid, const struct nlmsghdr *req)
{
	struct mctp_net *mn = mctp_pernet(net);
	struct mctp_route_entry *e;
	struct mctp_rtable *tbl;

	ASSERT_RTNL();

	tbl = mctp_rtable_reserve(mn, rt->net, 1);
	if (!tbl)
		return -ENOMEM;

	e = container_of(rt, struct mctp_route_entry, rt);
	e->id = ++mctp_route_next_id;
	mctp_rtable_link(tbl, rt);
	list_add(&rt->list, &mn->routes);
	mctp_route_notify(net, rt, RTM_NEWROUTE, portid, req);
	return 0;
}

static void mctp_route_delete(struct net *net, struct mctp_route *rt,
			      u32 portid, const struct nlmsghdr *req)
{
	ASSERT_RTNL();

	list_del(&rt->list);
	mctp_rtable_unlink(mctp_pernet(net), rt);
	mctp_route_notify(net, rt, RTM_DELROUTE, portid, req);
	mctp_route_free(rt);
}

/* An existing route that makes @rt a duplicate, or NULL. */
static struct mctp_route *mctp_route_find_dup(struct mctp_net *mn,
					      const struct mctp_route *rt)
{
	struct mctp_rtable *tbl;
	struct mctp_route *ert;
	unsigned int i;

	tbl = mctp_rtable_get(mn, rt->net, false);
	if (!tbl)
		return NULL;

	for (i = 0; i < tbl->nroutes; i++) {
		ert = tbl->routes[i];
		if (ert->min != rt->min || ert->max != rt->max)
			continue;
		/* local routes: one per device and address; they may
		 * shadow a unicast route to the same EID
		 */
		if (rt->type == RTN_LOCAL) {
			if (ert->type == RTN_LOCAL && ert->dev == rt->dev)
				return ert;
			continue;
		}
		return ert;
	}
	return NULL;
}

static int mctp_route_add(struct net *net, struct mctp_route *rt,
			  u32 portid, const struct nlmsghdr *req,
			  struct netlink_ext_ack *extack)
{
	if (mctp_route_find_dup(mctp_pernet(net), rt)) {
		NL_SET_ERR_MSG(extack, "route already exists");
		return -EEXIST;
	}
	return mctp_route_insert(net, rt, portid, req);
}

int mctp_route_add_local(struct mctp_dev *mdev, mctp_eid_t addr)
{
	struct net *net = dev_net(mdev->dev);
	struct mctp_route *rt;
	int rc;

	ASSERT_RTNL();

	if (!mctp_address_unicast(addr))
		return -EINVAL;

	rt = mctp_route_alloc();
	if (!rt)
		return -ENOMEM;

	rt->net = READ_ONCE(mdev->net);
	rt->min = addr;
	rt->max = addr;
	rt->type = RTN_LOCAL;
	mctp_dev_hold(mdev);
	rt->dev = mdev;

	rc = mctp_route_add(net, rt, 0, NULL, NULL);
	if (rc)
		mctp_route_free(rt);
	return rc;
}

int mctp_route_remove_local(struct mctp_dev *mdev, mctp_eid_t addr)
{
	struct net *net = dev_net(mdev->dev);
	struct mctp_net *mn = mctp_pernet(net);
	struct mctp_route *rt;

	ASSERT_RTNL();

	list_for_each_entry(rt, &mn->routes, list) {
		if (rt->type == RTN_LOCAL && rt->dev == mdev &&
		    rt->min == addr) {
			mctp_route_delete(net, rt, 0, NULL);
			return 0;
		}
	}
	return -ENOENT;
}

void mctp_route_remove_dev(struct mctp_dev *mdev)
{
	struct net *net = dev_net(mdev->dev);
	struct mctp_net *mn = mctp_pernet(net);
	struct mctp_route *rt, *tmp;

	ASSERT_RTNL();

	list_for_each_entry_safe(rt, tmp, &mn->routes, list)
		if (rt->dev == mdev)
			mctp_route_delete(net, rt, 0, NULL);
}

/*
 * Move @mdev to network @new_net, with its routes, all or nothing: room
 * for every route is reserved in the new network's table before anything
 * moves, so a failure (-ENOMEM) leaves the device and every route where
 * they were.
 */
int mctp_route_dev_set_net(struct mctp_dev *mdev, unsigned int new_net)
{
	struct mctp_net *mn = mctp_pernet(dev_net(mdev->dev));
	struct mctp_rtable *tbl = NULL;
	struct mctp_route *rt;
	unsigned int n = 0;

	ASSERT_RTNL();

	list_for_each_entry(rt, &mn->routes, list)
		if (rt->dev == mdev && rt->net != new_net)
			n++;
	if (n) {
		tbl = mctp_rtable_reserve(mn, new_net, n);
		if (!tbl)
			return -ENOMEM;
	}

	WRITE_ONCE(mdev->net, new_net);
	list_for_each_entry(rt, &mn->routes, list) {
		if (rt->dev != mdev || rt->net == new_net)
			continue;
		mctp_rtable_unlink(mn, rt);
		rt->net = new_net;
		mctp_rtable_link(tbl, rt);
	}
	return 0;
}

void mctp_routes_net_exit(struct net *net)
{
	struct mctp_net *mn = mctp_pernet(net);
	struct mctp_route *rt, *tmp;
	struct mctp_rtable *tbl;
	unsigned long netid;

	/* the namespace is dying: nobody listens, nobody looks up */
	list_for_each_entry_safe(rt, tmp, &mn->routes, list) {
		list_del(&rt->list);
		mctp_route_free(rt);
	}

	xa_for_each(&mn->rtables, netid, tbl) {
		xa_erase(&mn->rtables, netid);
		mctp_rtable_free(tbl);
	}
}

/* ---- rtnetlink ---- */

static const struct nla_policy mctp_rta_policy[RTA_MAX + 1] = {
	[RTA_DST]	= { .type = NLA_U8 },
	[RTA_OIF]	= { .type = NLA_U32 },
	[RTA_GATEWAY]	= NLA_POLICY_EXACT_LEN(sizeof(struct mctp_fq_addr)),
	[RTA_METRICS]	= { .type = NLA_NESTED },
};

static const struct nla_policy mctp_rtax_policy[RTAX_MAX + 1] = {
	[RTAX_MTU]	= { .type = NLA_U32 },
};

/* What an RTM_NEWROUTE / RTM_DELROUTE message asks for. */
struct mctp_route_req {
	struct rtmsg		*rtm;
	struct nlattr		*tb[RTA_MAX + 1];
	mctp_eid_t		start;
	struct mctp_dev		*mdev;	/* direct route, or NULL */
	struct mctp_fq_addr	gw;	/* gateway route: gw.eid != 0 */
	unsigned int		netid;	/* the network the route is in */
};

static int mctp_route_parse_output(struct net *net, struct mctp_route_req *r,
				   struct netlink_ext_ack *extack)
{
	struct nlattr *oif = r->tb[RTA_OIF], *gw = r->tb[RTA_GATEWAY];
	struct mctp_fq_addr *addr;
	struct net_device *dev;

	if (oif) {
		dev = __dev_get_by_index(net, nla_get_u32(oif));
		if (!dev) {
			NL_SET_ERR_MSG_ATTR(extack, oif, "bad ifindex");
			return -ENODEV;
		}
		if (dev->flags & IFF_LOOPBACK) {
			NL_SET_ERR_MSG_ATTR(extack, oif,
					    "no routes to loopback");
			return -EINVAL;
		}
		r->mdev = mctp_dev_get_rtnl(dev);
		if (!r->mdev) {
			NL_SET_ERR_MSG_ATTR(extack, oif,
					    "not an MCTP interface");
			return -ENODEV;
		}
		r->netid = READ_ONCE(r->mdev->net);
		return 0;
	}

	addr = nla_data(gw);
	if (!mctp_address_unicast(addr->eid)) {
		NL_SET_ERR_MSG_ATTR(extack, gw, "bad gateway");
		return -EINVAL;
	}
	r->gw.eid = addr->eid;
	r->gw.net = addr->net != MCTP_NET_ANY ? addr->net :
		    mctp_default_net(net);
	r->netid = r->gw.net;
	return 0;
}

static int mctp_route_nlparse(struct net *net, struct nlmsghdr *nlh,
			      struct mctp_route_req *r,
			      struct netlink_ext_ack *extack)
{
	unsigned int extent;
	int rc;

	memset(r, 0, sizeof(*r));

	rc = nlmsg_parse(nlh, sizeof(struct rtmsg), r->tb, RTA_MAX,
			 mctp_rta_policy, extack);
	if (rc < 0) {
		NL_SET_ERR_MSG(extack, "incorrect format");
		return rc;
	}
	r->rtm = nlmsg_data(nlh);

	if (!r->tb[RTA_DST]) {
		NL_SET_ERR_MSG(extack, "dst EID missing");
		return -EINVAL;
	}
	r->start = nla_get_u8(r->tb[RTA_DST]);

	if (r->tb[RTA_OIF] && r->tb[RTA_GATEWAY]) {
		NL_SET_ERR_MSG(extack,
			       "cannot specify both ifindex and gateway");
		return -EINVAL;
	}
	if (!r->tb[RTA_OIF] && !r->tb[RTA_GATEWAY]) {
		NL_SET_ERR_MSG(extack, "no route output provided");
		return -EINVAL;
	}

	if (r->rtm->rtm_family != AF_MCTP) {
		NL_SET_ERR_MSG(extack, "route family must be AF_MCTP");
		return -EINVAL;
	}

	rc = mctp_route_parse_output(net, r, extack);
	if (rc)
		return rc;

	if (r->rtm->rtm_type != RTN_UNICAST) {
		NL_SET_ERR_MSG(extack, "rtm_type must be RTN_UNICAST");
		return -EINVAL;
	}

	extent = r->rtm->rtm_dst_len;
	if (r->start + extent > MCTP_EID_MAX_UNICAST) {
		NL_SET_ERR_MSG(extack, "invalid EID range");
		return -EINVAL;
	}
	return 0;
}

static int mctp_route_parse_mtu(struct nlattr *metrics, unsigned int *mtu,
				struct netlink_ext_ack *extack)
{
	struct nlattr *tbx[RTAX_MAX + 1];
	int rc;

	*mtu = 0;
	if (!metrics)
		return 0;

	rc = nla_parse_nested(tbx, RTAX_MAX, metrics, mctp_rtax_policy, extack);
	if (rc < 0) {
		NL_SET_ERR_MSG(extack, "incorrect RTA_METRICS format");
		return rc;
	}
	if (tbx[RTAX_MTU])
		*mtu = nla_get_u32(tbx[RTAX_MTU]);

	/* 0: the device MTU. Anything else must carry a header and a byte. */
	if (*mtu && *mtu <= sizeof(struct mctp_hdr)) {
		NL_SET_ERR_MSG_ATTR(extack, tbx[RTAX_MTU], "MTU too small");
		return -EINVAL;
	}
	return 0;
}

static struct mctp_route *mctp_route_from_req(struct mctp_route_req *r,
					      unsigned int mtu)
{
	struct mctp_route *rt;

	rt = mctp_route_alloc();
	if (!rt)
		return NULL;

	rt->net = r->netid;
	rt->min = r->start;
	rt->max = r->start + r->rtm->rtm_dst_len;
	rt->type = RTN_UNICAST;
	rt->mtu = mtu;
	if (r->mdev) {
		mctp_dev_hold(r->mdev);
		rt->dev = r->mdev;
	} else {
		rt->gateway = r->gw;
	}
	return rt;
}

static int mctp_newroute(struct sk_buff *skb, struct nlmsghdr *nlh,
			 struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(skb->sk);
	struct mctp_route_req r;
	struct mctp_route *rt;
	unsigned int mtu;
	int rc;

	rc = mctp_route_nlparse(net, nlh, &r, extack);
	if (rc)
		return rc;

	if (!mctp_address_unicast(r.start)) {
		NL_SET_ERR_MSG_ATTR(extack, r.tb[RTA_DST],
				    "dst EID must be a unicast EID");
		return -EINVAL;
	}

	/* a gateway inside its own range would resolve through itself */
	if (!r.mdev && r.gw.eid >= r.start &&
	    r.gw.eid <= r.start + r.rtm->rtm_dst_len) {
		NL_SET_ERR_MSG_ATTR(extack, r.tb[RTA_GATEWAY],
				    "gateway is within the route's range");
		return -EINVAL;
	}

	rc = mctp_route_parse_mtu(r.tb[RTA_METRICS], &mtu, extack);
	if (rc)
		return rc;

	rt = mctp_route_from_req(&r, mtu);
	if (!rt)
		return -ENOMEM;

	rc = mctp_route_add(net, rt, NETLINK_CB(skb).portid, nlh, extack);
	if (rc)
		mctp_route_free(rt);
	return rc;
}

static bool mctp_route_matches_req(const struct mctp_route *rt,
				   const struct mctp_route_req *r)
{
	if (rt->type != RTN_UNICAST || rt->min != r->start ||
	    rt->max != r->start + r->rtm->rtm_dst_len)
		return false;
	if (r->mdev)
		return rt->dev == r->mdev;
	return !rt->dev;
}

static int mctp_delroute(struct sk_buff *skb, struct nlmsghdr *nlh,
			 struct netlink_ext_ack *extack)
{
	struct net *net = sock_net(skb->sk);
	struct mctp_route_req r;
	struct mctp_rtable *tbl;
	struct mctp_route *rt;
	unsigned int i;
	int rc;

	rc = mctp_route_nlparse(net, nlh, &r, extack);
	if (rc)
		return rc;

	tbl = mctp_rtable_get(mctp_pernet(net), r.netid, false);
	for (i = 0; tbl && i < tbl->nroutes; i++) {
		rt = tbl->routes[i];
		if (mctp_route_matches_req(rt, &r)) {
			mctp_route_delete(net, rt, NETLINK_CB(skb).portid,
					  nlh);
			return 0;
		}
	}

	NL_SET_ERR_MSG(extack, "no such route");
	return -ENOENT;
}

/*
 * Dumps run under RTNL, one skb at a time. The list is newest first, so
 * cb->args[0] keeps the id of the last route sent and the next part
 * resumes with the first older route: routes added or removed between
 * parts neither repeat nor hide others.
 */
static int mctp_dump_rtinfo(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct mctp_net *mn = mctp_pernet(sock_net(skb->sk));
	unsigned long last = cb->args[0];
	struct mctp_route *rt;
	int rc = 0;

	list_for_each_entry(rt, &mn->routes, list) {
		if (last && mctp_route_id(rt) >= last)
			continue;
		rc = mctp_fill_rtinfo(skb, rt, NETLINK_CB(cb->skb).portid,
				      cb->nlh->nlmsg_seq, RTM_NEWROUTE,
				      NLM_F_MULTI);
		if (rc)
			break;
		last = mctp_route_id(rt);
	}
	cb->args[0] = last;

	/* a part that could not hold even one route is an error */
	if (rc && !skb->len)
		return rc;
	return skb->len;
}

static const struct rtnl_msg_handler mctp_route_rtnl_handlers[] = {
	{ THIS_MODULE, PF_MCTP, RTM_NEWROUTE, mctp_newroute, NULL, 0 },
	{ THIS_MODULE, PF_MCTP, RTM_DELROUTE, mctp_delroute, NULL, 0 },
	{ THIS_MODULE, PF_MCTP, RTM_GETROUTE, NULL, mctp_dump_rtinfo, 0 },
};

int mctp_routes_init(void)
{
	return rtnl_register_many(mctp_route_rtnl_handlers);
}

void mctp_routes_exit(void)
{
	rtnl_unregister_many(mctp_route_rtnl_handlers);
}
