/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * MCTP uAPI additions made after Linux 6.12 (and, for userspace built on
 * older C library headers, the 6.12 additions themselves).
 *
 * Include this after <linux/mctp.h> and <linux/if_link.h>. Every definition
 * here is binary-identical to the one in later Linux uAPI headers, except
 * the route and neighbour notifications at the end, which are this
 * stack's own (upstream Linux has no such notifications).
 */
#ifndef MCTP_UAPI_EXT_H
#define MCTP_UAPI_EXT_H

#include <linux/types.h>
#include <linux/mctp.h>
#include <linux/if_link.h>

/* Link attribute inside IFLA_AF_SPEC/AF_MCTP: u8, DSP0239 binding type. */
#ifndef IFLA_MCTP_PHYS_BINDING
#define IFLA_MCTP_PHYS_BINDING	2
#endif

/* DSP0239 physical transport binding identifiers. */
#define MCTP_PHYS_BINDING_UNSPEC	0x00
#define MCTP_PHYS_BINDING_SMBUS		0x01
#define MCTP_PHYS_BINDING_PCIE_VDM	0x02
#define MCTP_PHYS_BINDING_USB		0x03
#define MCTP_PHYS_BINDING_KCS		0x04
#define MCTP_PHYS_BINDING_SERIAL	0x05
#define MCTP_PHYS_BINDING_I3C		0x06
#define MCTP_PHYS_BINDING_VENDOR	0xff

/*
 * A fully qualified MCTP address: network and EID. Carried in RTA_GATEWAY
 * of MCTP route messages.
 */
#ifndef MCTP_EXT_NO_FQ_ADDR
struct mctp_fq_addr {
	unsigned int	net;
	mctp_eid_t	eid;
};
#endif

/* Tag allocation with an explicit network (Linux 6.10). */
#ifndef SIOCMCTPALLOCTAG2
#define SIOCMCTPALLOCTAG2	(SIOCPROTOPRIVATE + 2)
#define SIOCMCTPDROPTAG2	(SIOCPROTOPRIVATE + 3)

struct mctp_ioc_tag_ctl2 {
	unsigned int	net;
	mctp_eid_t	peer_addr;
	mctp_eid_t	local_addr;
	__u16		flags;
	__u8		tag;
};
#endif

/*
 * Virtual MCTP pair (net-mctp/vpair.c): rtnetlink kind and the
 * IFLA_INFO_DATA attribute naming the peer device.
 */
#define MCTP_VPAIR_KIND		"mctpvpair"
enum {
	IFLA_MCTP_VPAIR_UNSPEC,
	IFLA_MCTP_VPAIR_PEER_NAME,	/* string, name of the second device */
	__IFLA_MCTP_VPAIR_MAX,
};
#define IFLA_MCTP_VPAIR_MAX (__IFLA_MCTP_VPAIR_MAX - 1)

/*
 * Route and neighbour change notifications (net-mctp/notify.c). Upstream
 * Linux announces neither; it sends only address changes (RTM_NEWADDR,
 * RTM_DELADDR) on the rtnetlink group RTNLGRP_MCTP_IFADDR, and this stack
 * sends exactly those there too. Route and neighbour changes go to a
 * generic netlink family of their own, so that no listener of the
 * rtnetlink group receives a message type it does not expect:
 *
 *   family MCTP_NOTIFY_GENL_NAME, version MCTP_NOTIFY_GENL_VERSION
 *   multicast group MCTP_NOTIFY_MCGRP_ROUTE: RTM_NEWROUTE, RTM_DELROUTE
 *   multicast group MCTP_NOTIFY_MCGRP_NEIGH: RTM_NEWNEIGH, RTM_DELNEIGH
 *
 * Resolve the family and group ids with the generic netlink controller
 * (CTRL_CMD_GETFAMILY); a kernel without the family (upstream Linux, or
 * this stack not loaded) has no route or neighbour notifications. The
 * family has no commands to send; it only multicasts.
 *
 * A message is a generic netlink header (struct genlmsghdr, cmd one of
 * MCTP_NOTIFY_CMD_*) followed by exactly the payload of the rtnetlink
 * message it stands for: struct rtmsg and RTA_* attributes as an
 * RTM_GETROUTE dump entry, or struct ndmsg and NDA_* attributes as an
 * RTM_GETNEIGH dump entry. So the bytes after the genlmsghdr parse with
 * the same code as a dump's nlmsg_data(). nlmsg_pid and nlmsg_seq are
 * those of the rtnetlink request that caused the change, 0 for changes the
 * kernel made itself (a device going away, a learnt neighbour).
 *
 * Each network namespace has its own notifications; a socket hears those
 * of its own namespace only. Joining needs no privilege. A listener whose
 * receive buffer overflows gets ENOBUFS from its next receive (as on
 * rtnetlink) and should then dump the tables again. Unloading the module
 * removes the family (listeners stay open and hear nothing more); after a
 * reload the ids may differ and must be resolved again.
 */
#define MCTP_NOTIFY_GENL_NAME		"mctp_notify"
#define MCTP_NOTIFY_GENL_VERSION	1
#define MCTP_NOTIFY_MCGRP_ROUTE		"route"
#define MCTP_NOTIFY_MCGRP_NEIGH		"neigh"

enum mctp_notify_cmd {
	MCTP_NOTIFY_CMD_UNSPEC,
	MCTP_NOTIFY_CMD_NEWROUTE,	/* payload as RTM_NEWROUTE */
	MCTP_NOTIFY_CMD_DELROUTE,	/* payload as RTM_DELROUTE */
	MCTP_NOTIFY_CMD_NEWNEIGH,	/* payload as RTM_NEWNEIGH */
	MCTP_NOTIFY_CMD_DELNEIGH,	/* payload as RTM_DELNEIGH */
	__MCTP_NOTIFY_CMD_MAX,
};
#define MCTP_NOTIFY_CMD_MAX (__MCTP_NOTIFY_CMD_MAX - 1)

#endif /* MCTP_UAPI_EXT_H */
