// SPDX-License-Identifier: GPL-2.0
/*
 * MCTP per-netdev state.
 *
 * Every MCTP link gets a struct mctp_dev when it registers in a namespace
 * (NETDEV_REGISTER), published in mn->devs under its ifindex. MCTP links
 * are the devices of the bindings (ARPHRD_MCTP) and, as upstream Linux
 * has them, the loopback device and ARPHRD_NONE devices: a tun device in
 * IFF_TUN mode carries bare MCTP packets for a binding run in userspace.
 * NETDEV_UNREGISTER (device removal, or the first half of a move to another
 * namespace) unpublishes it and drops what refers to it: routes,
 * neighbours, flows and local addresses. A move re-creates the state in the
 * new namespace; only the binding's registration (ops, binding id) follows
 * the device, kept in mctp_binding_regs until the device is really gone.
 *
 * Also here: the RTM_{NEW,DEL,GET}ADDR handlers for local EIDs and the
 * AF_MCTP part of IFLA_AF_SPEC (network id, physical binding).
 */
#include <linux/if_arp.h>
#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>

#include "mctp-core.h"

/* ---- binding registrations: they outlive namespace moves ---- */

struct mctp_binding_reg {
	struct list_head		list;
	struct net_device		*dev;
	const struct mctp_binding_ops	*ops;
	u8				binding;
};

static LIST_HEAD(mctp_binding_regs);	/* RTNL */

static struct mctp_binding_reg *
mctp_binding_reg_find(const struct net_device *dev)
{
	struct mctp_binding_reg *reg;

	ASSERT_RTNL();
	list_for_each_entry(reg, &mctp_binding_regs, list)
		if (reg->dev == dev)
			return reg;
	return NULL;
}

static void mctp_binding_reg_drop(const struct net_device *dev)
{
	struct mctp_binding_reg *reg = mctp_binding_reg_find(dev);

	if (reg) {
		list_del(&reg->list);
		kfree(reg);
	}
}

static void mctp_binding_regs_free(void)
{
	struct mctp_binding_reg *reg, *tmp;

	rtnl_lock();
	list_for_each_entry_safe(reg, tmp, &mctp_binding_regs, list) {
		list_del(&reg->list);
		kfree(reg);
	}
	rtnl_unlock();
}

/* ---- lookup and references ---- */

struct mctp_dev *mctp_dev_get_rcu(const struct net_device *dev)
{
	struct mctp_dev *mdev;

	mdev = xa_load(&mctp_pernet(dev_net(dev))->devs, dev->ifindex);
	if (mdev && mdev->dev != dev)
		return NULL;
	return mdev;
}

struct mctp_dev *mctp_dev_get(const struct net_device *dev)
{
	struct mctp_dev *mdev;

	rcu_read_lock();
	mdev = mctp_dev_get_rcu(dev);
	if (mdev && !refcount_inc_not_zero(&mdev->refs))
		mdev = NULL;
	rcu_read_unlock();
	return mdev;
}

struct mctp_dev *mctp_dev_get_rtnl(const struct net_device *dev)
{
	ASSERT_RTNL();
	return mctp_dev_get_rcu(dev);
}

void mctp_dev_hold(struct mctp_dev *mdev)
{
	refcount_inc(&mdev->refs);
}

void mctp_dev_put(struct mctp_dev *mdev)
{
	if (!mdev || !refcount_dec_and_test(&mdev->refs))
		return;
	kfree(mdev->addrs);
	netdev_put(mdev->dev, &mdev->dev_tracker);
	kfree_rcu(mdev, rcu);
}

mctp_eid_t mctp_dev_saddr(struct mctp_dev *mdev)
{
	mctp_eid_t eid = MCTP_ADDR_NULL;
	unsigned long flags;

	spin_lock_irqsave(&mdev->addrs_lock, flags);
	if (mdev->num_addrs)
		eid = mdev->addrs[0];
	spin_unlock_irqrestore(&mdev->addrs_lock, flags);
	return eid;
}

/*
 * The ops pointer is cleared (and a grace period waited for) when the
 * device leaves, so a binding module may go once its netdev is gone even
 * if stray mctp_dev references remain.
 */
void mctp_dev_release_flow(struct mctp_dev *mdev, u64 flow)
{
	const struct mctp_binding_ops *ops;

	if (!mdev || !flow)
		return;
	rcu_read_lock();
	ops = READ_ONCE(mdev->ops);
	if (ops && ops->release_flow)
		ops->release_flow(mdev->dev, flow);
	rcu_read_unlock();
}

/* ---- local addresses (RTNL for writers) ---- */

static bool mctp_addr_present(struct mctp_dev *mdev, mctp_eid_t eid)
{
	ASSERT_RTNL();
	return memchr(mdev->addrs, eid, mdev->num_addrs);
}

static int mctp_addr_insert(struct mctp_dev *mdev, mctp_eid_t eid)
{
	unsigned long flags;
	u8 *addrs, *old;

	addrs = kmalloc(mdev->num_addrs + 1, GFP_KERNEL);
	if (!addrs)
		return -ENOMEM;
	if (mdev->num_addrs)
		memcpy(addrs, mdev->addrs, mdev->num_addrs);
	addrs[mdev->num_addrs] = eid;

	spin_lock_irqsave(&mdev->addrs_lock, flags);
	old = mdev->addrs;
	mdev->addrs = addrs;
	mdev->num_addrs++;
	spin_unlock_irqrestore(&mdev->addrs_lock, flags);

	kfree(old);
	return 0;
}

static void mctp_addr_remove(struct mctp_dev *mdev, mctp_eid_t eid)
{
	unsigned long flags;
	size_t pos;
	u8 *p;

	p = memchr(mdev->addrs, eid, mdev->num_addrs);
	if (!p)
		return;
	pos = p - mdev->addrs;

	spin_lock_irqsave(&mdev->addrs_lock, flags);
	memmove(p, p + 1, mdev->num_addrs - pos - 1);
	mdev->num_addrs--;
	spin_unlock_irqrestore(&mdev->addrs_lock, flags);
}

static size_t mctp_addr_msgsize(void)
{
	return NLMSG_ALIGN(sizeof(struct ifaddrmsg)) +
	       nla_total_size(1) +	/* IFA_LOCAL */
	       nla_total_size(1);	/* IFA_ADDRESS */
}

static int mctp_fill_addr(struct sk_buff *skb, struct mctp_dev *mdev,
			  mctp_eid_t eid, int type, u32 portid, u32 seq,
			  unsigned int flags)
{
	struct ifaddrmsg *ifa;
	struct nlmsghdr *nlh;

	nlh = nlmsg_put(skb, portid, seq, type, sizeof(*ifa), flags);
	if (!nlh)
		return -EMSGSIZE;

	ifa = nlmsg_data(nlh);
	memset(ifa, 0, sizeof(*ifa));
	ifa->ifa_family = AF_MCTP;
	ifa->ifa_index = mdev->dev->ifindex;

	if (nla_put_u8(skb, IFA_LOCAL, eid) ||
	    nla_put_u8(skb, IFA_ADDRESS, eid)) {
		nlmsg_cancel(skb, nlh);
		return -EMSGSIZE;
	}

	nlmsg_end(skb, nlh);
	return 0;
}

/* @req is NULL for changes not caused by a request (device removal). */
static void mctp_addr_notify(struct mctp_dev *mdev, mctp_eid_t eid, int type,
			     const struct nlmsghdr *req, u32 portid)
{
	struct net *net = dev_net(mdev->dev);
	struct sk_buff *skb;
	int rc;

	skb = nlmsg_new(mctp_addr_msgsize(), GFP_KERNEL);
	if (!skb) {
		rtnl_set_sk_err(net, RTNLGRP_MCTP_IFADDR, -ENOBUFS);
		return;
	}

	rc = mctp_fill_addr(skb, mdev, eid, type, portid,
			    req ? req->nlmsg_seq : 0, 0);
	if (rc) {
		kfree_skb(skb);
		rtnl_set_sk_err(net, RTNLGRP_MCTP_IFADDR, rc);
		return;
	}

	rtnl_notify(skb, net, portid, RTNLGRP_MCTP_IFADDR, req, GFP_KERNEL);
}

/* Drop every local EID of a departing device, telling listeners. */
static void mctp_addrs_flush(struct mctp_dev *mdev)
{
	unsigned long flags;
	size_t n, i;
	u8 *addrs;

	spin_lock_irqsave(&mdev->addrs_lock, flags);
	addrs = mdev->addrs;
	n = mdev->num_addrs;
	mdev->addrs = NULL;
	mdev->num_addrs = 0;
	spin_unlock_irqrestore(&mdev->addrs_lock, flags);

	for (i = 0; i < n; i++)
		mctp_addr_notify(mdev, addrs[i], RTM_DELADDR, NULL, 0);
	kfree(addrs);
}

/* ---- RTM_{NEW,DEL,GET}ADDR ---- */

static const struct nla_policy mctp_addr_policy[IFA_MAX + 1] = {
	[IFA_ADDRESS]	= { .type = NLA_U8 },
	[IFA_LOCAL]	= { .type = NLA_U8 },
};

/* Common part of new/del: the device and the EID of the request. */
static int mctp_addr_parse(struct sk_buff *skb, struct nlmsghdr *nlh,
			   struct netlink_ext_ack *extack,
			   struct mctp_dev **mdevp, mctp_eid_t *eidp)
{
	struct nlattr *tb[IFA_MAX + 1];
	struct net_device *dev;
	struct ifaddrmsg *ifa;
	struct nlattr *attr;
	int rc;

	rc = nlmsg_parse(nlh, sizeof(*ifa), tb, IFA_MAX, mctp_addr_policy,
			 extack);
	if (rc < 0)
		return rc;

	attr = tb[IFA_LOCAL] ?: tb[IFA_ADDRESS];
	if (!attr) {
		NL_SET_ERR_MSG(extack, "MCTP address (IFA_LOCAL) missing");
		return -EINVAL;
	}

	ifa = nlmsg_data(nlh);
	dev = __dev_get_by_index(sock_net(skb->sk), ifa->ifa_index);
	if (!dev) {
		NL_SET_ERR_MSG(extack, "Interface not found");
		return -ENODEV;
	}

	*mdevp = mctp_dev_get_rtnl(dev);
	if (!*mdevp) {
		NL_SET_ERR_MSG(extack, "Not an MCTP interface");
		return -ENODEV;
	}

	*eidp = nla_get_u8(attr);
	return 0;
}

static int mctp_rtm_newaddr(struct sk_buff *skb, struct nlmsghdr *nlh,
			    struct netlink_ext_ack *extack)
{
	struct mctp_dev *mdev;
	mctp_eid_t eid;
	int rc;

	rc = mctp_addr_parse(skb, nlh, extack, &mdev, &eid);
	if (rc)
		return rc;

	if (!mctp_address_unicast(eid)) {
		NL_SET_ERR_MSG(extack, "Local address must be a unicast EID (8-254)");
		return -EINVAL;
	}

	if (mctp_addr_present(mdev, eid)) {
		NL_SET_ERR_MSG(extack, "Address already assigned to this interface");
		return -EEXIST;
	}

	rc = mctp_addr_insert(mdev, eid);
	if (rc)
		return rc;

	/* an identical local route (same EID on another interface of this
	 * network) already delivers to this host: keep the address
	 */
	rc = mctp_route_add_local(mdev, eid);
	if (rc && rc != -EEXIST) {
		mctp_addr_remove(mdev, eid);
		NL_SET_ERR_MSG(extack, "Cannot add the local route for this address");
		return rc;
	}

	mctp_addr_notify(mdev, eid, RTM_NEWADDR, nlh, NETLINK_CB(skb).portid);
	return 0;
}

static int mctp_rtm_deladdr(struct sk_buff *skb, struct nlmsghdr *nlh,
			    struct netlink_ext_ack *extack)
{
	struct mctp_dev *mdev;
	mctp_eid_t eid;
	int rc;

	rc = mctp_addr_parse(skb, nlh, extack, &mdev, &eid);
	if (rc)
		return rc;

	if (!mctp_addr_present(mdev, eid)) {
		NL_SET_ERR_MSG(extack, "Address not assigned to this interface");
		return -ENOENT;
	}

	rc = mctp_route_remove_local(mdev, eid);
	if (rc && rc != -ENOENT) {
		NL_SET_ERR_MSG(extack, "Cannot remove the local route for this address");
		return rc;
	}

	mctp_addr_remove(mdev, eid);
	mctp_addr_notify(mdev, eid, RTM_DELADDR, nlh, NETLINK_CB(skb).portid);
	return 0;
}

/* Dump position: next device (ifindex) and address within it. */
struct mctp_addr_dump_ctx {
	unsigned long	ifindex;
	size_t		a_idx;
};

static int mctp_dump_dev_addrs(struct sk_buff *skb, struct netlink_callback *cb,
			       struct mctp_dev *mdev, size_t *idx)
{
	int rc;

	for (; *idx < mdev->num_addrs; (*idx)++) {
		rc = mctp_fill_addr(skb, mdev, mdev->addrs[*idx], RTM_NEWADDR,
				    NETLINK_CB(cb->skb).portid,
				    cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (rc)
			return rc;
	}
	return 0;
}

/* Runs under RTNL (registered without RTNL_FLAG_DUMP_UNLOCKED). */
static int mctp_rtm_dumpaddr(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct mctp_addr_dump_ctx *ctx = (void *)cb->ctx;
	struct mctp_net *mn = mctp_pernet(sock_net(skb->sk));
	struct mctp_dev *mdev;
	unsigned long idx;
	u32 filter = 0;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));

	if (cb->nlh->nlmsg_len >= nlmsg_msg_size(sizeof(struct ifaddrmsg))) {
		struct ifaddrmsg *ifa = nlmsg_data(cb->nlh);

		filter = ifa->ifa_index;
	} else if (cb->strict_check) {
		NL_SET_ERR_MSG(cb->extack, "mctp: Invalid header for addr dump request");
		return -EINVAL;
	}

	xa_for_each_start(&mn->devs, idx, mdev, ctx->ifindex) {
		if (filter && idx != filter)
			continue;
		if (idx != ctx->ifindex) {
			ctx->ifindex = idx;
			ctx->a_idx = 0;
		}
		if (mctp_dump_dev_addrs(skb, cb, mdev, &ctx->a_idx))
			break;
		ctx->ifindex = idx + 1;
		ctx->a_idx = 0;
	}

	return skb->len;
}

/* ---- IFLA_AF_SPEC / AF_MCTP ---- */

#define MCTP_LINK_ATTR_MAX	IFLA_MCTP_PHYS_BINDING

static const struct nla_policy mctp_link_policy[MCTP_LINK_ATTR_MAX + 1] = {
	[IFLA_MCTP_NET]		 = { .type = NLA_U32 },
	[IFLA_MCTP_PHYS_BINDING] = {
		.type = NLA_REJECT,
		.reject_message = "MCTP physical binding is read-only",
	},
};

static int mctp_fill_link_af(struct sk_buff *skb, const struct net_device *dev,
			     u32 ext_filter_mask)
{
	struct mctp_dev *mdev;
	unsigned int net = 0;
	bool found = false;
	u8 binding = 0;

	rcu_read_lock();
	mdev = mctp_dev_get_rcu(dev);
	if (mdev) {
		found = true;
		net = READ_ONCE(mdev->net);
		binding = mdev->binding;
	}
	rcu_read_unlock();

	if (!found)
		return -ENODATA;
	if (nla_put_u32(skb, IFLA_MCTP_NET, net) ||
	    nla_put_u8(skb, IFLA_MCTP_PHYS_BINDING, binding))
		return -EMSGSIZE;
	return 0;
}

static size_t mctp_get_link_af_size(const struct net_device *dev,
				    u32 ext_filter_mask)
{
	bool found;

	rcu_read_lock();
	found = mctp_dev_get_rcu(dev);
	rcu_read_unlock();

	if (!found)
		return 0;
	return nla_total_size(sizeof(u32)) +	/* IFLA_MCTP_NET */
	       nla_total_size(sizeof(u8));	/* IFLA_MCTP_PHYS_BINDING */
}

/* @dev is NULL, or not yet registered, when a link is being created. */
static int mctp_validate_link_af(const struct net_device *dev,
				 const struct nlattr *attr,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[MCTP_LINK_ATTR_MAX + 1];
	int rc;

	rc = nla_parse_nested(tb, MCTP_LINK_ATTR_MAX, attr, mctp_link_policy,
			      extack);
	if (rc < 0)
		return rc;

	if (tb[IFLA_MCTP_NET] &&
	    nla_get_u32(tb[IFLA_MCTP_NET]) == MCTP_NET_ANY) {
		NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_MCTP_NET],
				    "MCTP network 0 is reserved (MCTP_NET_ANY)");
		return -EINVAL;
	}

	if (dev && dev->reg_state == NETREG_REGISTERED &&
	    !mctp_dev_get_rtnl(dev)) {
		NL_SET_ERR_MSG(extack, "Not an MCTP interface");
		return -EOPNOTSUPP;
	}
	return 0;
}

/* RTNL held; validate_link_af() has accepted @attr. */
static int mctp_set_link_af(struct net_device *dev, const struct nlattr *attr,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *tb[MCTP_LINK_ATTR_MAX + 1];
	struct mctp_dev *mdev;
	unsigned int net;
	int rc;

	rc = nla_parse_nested(tb, MCTP_LINK_ATTR_MAX, attr, mctp_link_policy,
			      extack);
	if (rc < 0)
		return rc;

	mdev = mctp_dev_get_rtnl(dev);
	if (!mdev) {
		NL_SET_ERR_MSG(extack, "Not an MCTP interface");
		return -EOPNOTSUPP;
	}

	if (!tb[IFLA_MCTP_NET])
		return 0;

	net = nla_get_u32(tb[IFLA_MCTP_NET]);
	if (net == mdev->net)
		return 0;
	rc = mctp_route_dev_set_net(mdev, net);
	if (rc)
		NL_SET_ERR_MSG(extack, "No memory to move the interface's routes to the new network");
	return rc;
}

static struct rtnl_af_ops mctp_af_ops = {
	.family			= AF_MCTP,
	.fill_link_af		= mctp_fill_link_af,
	.get_link_af_size	= mctp_get_link_af_size,
	.validate_link_af	= mctp_validate_link_af,
	.set_link_af		= mctp_set_link_af,
};

/* ---- netdev notifier ---- */

/* The device types that get MCTP state of their own when they register. */
static bool mctp_dev_type_known(const struct net_device *dev)
{
	switch (dev->type) {
	case ARPHRD_MCTP:
	case ARPHRD_LOOPBACK:
	case ARPHRD_NONE:
		return true;
	default:
		return false;
	}
}

static int mctp_dev_attach(struct net_device *dev)
{
	struct mctp_net *mn = mctp_pernet(dev_net(dev));
	struct mctp_binding_reg *reg;
	struct mctp_dev *mdev;
	int rc;

	mdev = kzalloc(sizeof(*mdev), GFP_KERNEL);
	if (!mdev)
		return -ENOMEM;

	refcount_set(&mdev->refs, 1);
	spin_lock_init(&mdev->addrs_lock);
	mdev->net = READ_ONCE(mn->default_net);
	mdev->binding = MCTP_PHYS_BINDING_UNSPEC;

	reg = mctp_binding_reg_find(dev);
	if (reg) {
		mdev->ops = reg->ops;
		mdev->binding = reg->binding;
	}

	mdev->dev = dev;
	netdev_hold(dev, &mdev->dev_tracker, GFP_KERNEL);

	rc = xa_insert(&mn->devs, dev->ifindex, mdev, GFP_KERNEL);
	if (rc) {
		netdev_put(dev, &mdev->dev_tracker);
		kfree(mdev);
		return rc;
	}
	return 0;
}

static void mctp_dev_detach(struct net_device *dev)
{
	struct net *net = dev_net(dev);
	struct mctp_dev *mdev;

	mdev = mctp_dev_get_rtnl(dev);
	if (!mdev)
		return;

	/* no new lookups by device */
	xa_erase(&mctp_pernet(net)->devs, dev->ifindex);

	mctp_route_remove_dev(mdev);
	mctp_neigh_remove_dev(mdev);
	mctp_keys_dev_gone(net, mdev);

	if (mdev->ops) {
		WRITE_ONCE(mdev->ops, NULL);
		synchronize_rcu();
	}

	mctp_addrs_flush(mdev);
	mctp_dev_put(mdev);
}

static int mctp_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	switch (event) {
	case NETDEV_REGISTER:
		if (!mctp_dev_type_known(dev))
			break;
		return notifier_from_errno(mctp_dev_attach(dev));
	case NETDEV_UNREGISTER:
		mctp_dev_detach(dev);
		/* a namespace move keeps NETREG_REGISTERED */
		if (dev->reg_state != NETREG_REGISTERED)
			mctp_binding_reg_drop(dev);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block mctp_netdev_nb = {
	.notifier_call = mctp_netdev_event,
};

/* ---- binding registration ---- */

int mctp_netdev_register(struct net_device *dev,
			 const struct mctp_binding_ops *ops, u8 binding)
{
	struct mctp_binding_reg *reg;
	int rc;

	if (dev->type != ARPHRD_MCTP)
		return -EINVAL;

	reg = kzalloc(sizeof(*reg), GFP_KERNEL);
	if (!reg)
		return -ENOMEM;
	reg->dev = dev;
	reg->ops = ops;
	reg->binding = binding;

	rtnl_lock();
	list_add(&reg->list, &mctp_binding_regs);
	rc = register_netdevice(dev);
	if (rc)
		mctp_binding_reg_drop(dev);	/* unless unregister did */
	rtnl_unlock();

	return rc;
}
EXPORT_SYMBOL_GPL(mctp_netdev_register);

void mctp_netdev_unregister(struct net_device *dev)
{
	unregister_netdev(dev);
}
EXPORT_SYMBOL_GPL(mctp_netdev_unregister);

/* ---- init ---- */

void mctp_device_net_init(struct net *net)
{
	xa_init(&mctp_pernet(net)->devs);
}

static const struct rtnl_msg_handler mctp_addr_rtnl_handlers[] = {
	{ .owner = THIS_MODULE, .protocol = PF_MCTP, .msgtype = RTM_NEWADDR,
	  .doit = mctp_rtm_newaddr },
	{ .owner = THIS_MODULE, .protocol = PF_MCTP, .msgtype = RTM_DELADDR,
	  .doit = mctp_rtm_deladdr },
	{ .owner = THIS_MODULE, .protocol = PF_MCTP, .msgtype = RTM_GETADDR,
	  .dumpit = mctp_rtm_dumpaddr },
};

int mctp_device_init(void)
{
	int rc;

	rtnl_af_register(&mctp_af_ops);

	rc = rtnl_register_many(mctp_addr_rtnl_handlers);
	if (rc)
		goto err_af;

	/* replays NETDEV_REGISTER for devices that already exist */
	rc = register_netdevice_notifier(&mctp_netdev_nb);
	if (rc)
		goto err_rtnl;

	return 0;

err_rtnl:
	rtnl_unregister_many(mctp_addr_rtnl_handlers);
err_af:
	rtnl_af_unregister(&mctp_af_ops);
	return rc;
}

void mctp_device_exit(void)
{
	rtnl_af_unregister(&mctp_af_ops);
	rtnl_unregister_many(mctp_addr_rtnl_handlers);
	/* replays NETDEV_UNREGISTER: every mctp_dev goes */
	unregister_netdevice_notifier(&mctp_netdev_nb);
	mctp_binding_regs_free();
}
