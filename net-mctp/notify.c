// SPDX-License-Identifier: GPL-2.0
/*
 * Route and neighbour change notifications: the generic netlink family
 * MCTP_NOTIFY_GENL_NAME and its multicast groups (see mctp-ext.h for the
 * message format).
 *
 * Why a family of its own: the one MCTP rtnetlink group,
 * RTNLGRP_MCTP_IFADDR, carries only address messages on upstream Linux,
 * and its listeners expect no others. A module cannot add an rtnetlink
 * group (the groups are a fixed kernel enum and NETLINK_ROUTE's group
 * count is set at boot), and rtnetlink offers no per-socket opt-in, but
 * it can register a generic netlink family with groups of its own.
 *
 * The family is registered before anything that could announce a change
 * is set up and unregistered after the last namespace state is gone
 * (main.c), so these functions always find it registered.
 *
 * Every caller holds RTNL in process context: the messages are allocated
 * and sent with GFP_KERNEL. A message is only built when the group of the
 * namespace has a listener. A message that cannot be allocated is reported
 * to the group's listeners as ENOBUFS, as an overrun is.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "mctp-core.h"

static const struct genl_multicast_group mctp_notify_mcgrps[] = {
	[MCTP_NOTIFY_GRP_ROUTE] = { .name = MCTP_NOTIFY_MCGRP_ROUTE },
	[MCTP_NOTIFY_GRP_NEIGH] = { .name = MCTP_NOTIFY_MCGRP_NEIGH },
};

static struct genl_family mctp_notify_family __ro_after_init = {
	.name		= MCTP_NOTIFY_GENL_NAME,
	.version	= MCTP_NOTIFY_GENL_VERSION,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.mcgrps		= mctp_notify_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(mctp_notify_mcgrps),
};

void *mctp_notify_start(struct mctp_notify *msg, struct net *net,
			enum mctp_notify_group grp, u8 cmd, u32 portid,
			u32 seq, size_t hdrlen, size_t size)
{
	ASSERT_RTNL();
	might_sleep();

	msg->skb = NULL;
	if (!genl_has_listeners(&mctp_notify_family, net, grp))
		return NULL;

	msg->net = net;
	msg->grp = grp;
	msg->skb = genlmsg_new(size, GFP_KERNEL);
	if (!msg->skb)
		goto lost;
	/* the family has no header of its own (hdrsize 0): the payload's
	 * fixed header follows the genlmsghdr, as in the rtnetlink message
	 */
	msg->hdr = genlmsg_put(msg->skb, portid, seq, &mctp_notify_family, 0,
			       cmd);
	if (msg->hdr)
		msg->hdr = nlmsg_append(msg->skb, hdrlen);
	if (WARN_ON_ONCE(!msg->hdr)) {
		/* @size does not cover even the fixed header */
		kfree_skb(msg->skb);
		goto lost;
	}
	memset(msg->hdr, 0, hdrlen);
	return msg->hdr;

lost:
	msg->skb = NULL;
	genl_set_err(&mctp_notify_family, net, 0, grp, -ENOBUFS);
	return NULL;
}

void mctp_notify_send(struct mctp_notify *msg)
{
	/* the skb holds this one message */
	nlmsg_end(msg->skb, nlmsg_hdr(msg->skb));
	/* no portid to skip: the requester asked on another protocol */
	genlmsg_multicast_netns(&mctp_notify_family, msg->net, msg->skb, 0,
				msg->grp, GFP_KERNEL);
	msg->skb = NULL;
}

void mctp_notify_abort(struct mctp_notify *msg)
{
	kfree_skb(msg->skb);
	msg->skb = NULL;
	genl_set_err(&mctp_notify_family, msg->net, 0, msg->grp, -ENOBUFS);
}

int mctp_notify_init(void)
{
	return genl_register_family(&mctp_notify_family);
}

void mctp_notify_exit(void)
{
	genl_unregister_family(&mctp_notify_family);
}
