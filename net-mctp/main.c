// SPDX-License-Identifier: GPL-2.0
/*
 * af_mctp module init and exit: the AF_MCTP family is claimed first, then
 * each part is set up in order (the notification family, namespaces,
 * devices, routes, neighbours, input), and only then may sockets be
 * created. Exit undoes it in reverse, family first.
 *
 * The notification family (notify.c) comes before anything that announces
 * changes (route and neighbour handlers, the device notifier, the
 * per-namespace neighbour works) and goes after all of them: after the
 * device notifier's exit has flushed every route and neighbour, and after
 * the namespace exits have stopped the neighbour works.
 */

#include <linux/module.h>
#include <linux/net.h>

#include "mctp-core.h"

/*
 * Claim PF_MCTP first: sock_register() is the one registration that fails
 * cleanly when another AF_MCTP (the kernel's own, or another module) is
 * there, before any handler of ours could be registered twice.
 */
static int mctp_claim_family(void)
{
	int rc;

	if (IS_BUILTIN(CONFIG_MCTP)) {
		pr_err("af_mctp: this kernel has its own MCTP stack built in (CONFIG_MCTP=y); not loading\n");
		return -EBUSY;
	}

	rc = mctp_socket_register();
	if (rc == -EEXIST) {
		pr_err("af_mctp: AF_MCTP is already provided (the kernel's mctp module or another stack is loaded); not loading\n");
		rc = -EBUSY;
	}
	return rc;
}

static int __init mctp_init(void)
{
	int rc;

	/* the uAPI tag bits are the header's */
	BUILD_BUG_ON(MCTP_TAG_OWNER != MCTP_HDR_FLAG_TO);
	BUILD_BUG_ON(MCTP_TAG_MASK != MCTP_HDR_TAG_MASK);

	rc = mctp_claim_family();
	if (rc)
		return rc;
	rc = mctp_notify_init();
	if (rc)
		goto err_family;
	rc = mctp_netns_init();
	if (rc)
		goto err_notify;
	rc = mctp_device_init();
	if (rc)
		goto err_netns;
	rc = mctp_routes_init();
	if (rc)
		goto err_device;
	rc = mctp_neigh_init();
	if (rc)
		goto err_routes;
	rc = mctp_input_init();
	if (rc)
		goto err_neigh;

	mctp_socket_open();
	return 0;

err_neigh:
	mctp_neigh_exit();
err_routes:
	mctp_routes_exit();
err_device:
	mctp_device_exit();
err_netns:
	mctp_netns_exit();
err_notify:
	mctp_notify_exit();
err_family:
	mctp_socket_unregister();
	return rc;
}

static void __exit mctp_exit(void)
{
	mctp_socket_unregister();
	mctp_input_exit();
	mctp_neigh_exit();
	mctp_routes_exit();
	mctp_device_exit();
	mctp_netns_exit();
	mctp_notify_exit();
}

module_init(mctp_init);
module_exit(mctp_exit);

MODULE_DESCRIPTION("MCTP (DSP0236) core: AF_MCTP sockets, routing, tags");
MODULE_LICENSE("GPL");
MODULE_ALIAS_NETPROTO(PF_MCTP);
