/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * MCTP uAPI additions made after Linux 6.12 (and, for userspace built on
 * older C library headers, the 6.12 additions themselves).
 *
 * Include this after <linux/mctp.h> and <linux/if_link.h>. Every definition
 * here is binary-identical to the one in later Linux uAPI headers.
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

#endif /* MCTP_UAPI_EXT_H */
