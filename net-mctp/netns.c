// SPDX-License-Identifier: GPL-2.0
/*
 * MCTP per-namespace state.
 *
 * The state is registered as a pernet subsystem, not as a pernet device:
 * subsystems sit before every device entry in the pernet list and exit
 * methods run in reverse list order, so when a namespace dies all of its
 * netdevs have already been unregistered (or moved to init_net) by the
 * core's device exit before mctp_net_exit() runs. By then the netdev
 * notifier has dropped every struct mctp_dev of the namespace, together
 * with the routes, neighbours and flows that pointed at it.
 *
 * On module unload, socket.c tears down in reverse init order; the device
 * notifier goes (replaying NETDEV_UNREGISTER for every MCTP device) before
 * mctp_netns_exit(), so the same holds there.
 */
#include <linux/atomic.h>
#include <linux/hashtable.h>
#include <linux/rcupdate.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "mctp-core.h"

unsigned int mctp_net_id __read_mostly;

static int __net_init mctp_net_init(struct net *net)
{
	struct mctp_net *mn = mctp_pernet(net);
	unsigned int i;
	int rc;

	mn->default_net = MCTP_INITIAL_DEFAULT_NET;

	INIT_LIST_HEAD(&mn->routes);
	xa_init(&mn->rtables);

	mctp_neigh_net_init(mn);

	hash_init(mn->binds);
	spin_lock_init(&mn->bind_lock);

	hash_init(mn->keys);
	hash_init(mn->tag_use);
	spin_lock_init(&mn->keys_lock);
	mn->nkeys = 0;
	mn->nkeys_prealloc = 0;

	atomic_set(&mn->reasm_mem, 0);
	mn->reasm_limit = MCTP_REASM_NS_LIMIT;
	atomic64_set(&mn->next_flow, 0);
	for (i = 0; i < MCTP_STAT_MAX; i++)
		atomic_long_set(&mn->stats[i], 0);

	mctp_device_net_init(net);

	rc = mctp_sysctl_net_init(net);
	if (rc)
		return rc;
	rc = mctp_stats_net_init(net);
	if (rc)
		mctp_sysctl_net_exit(net);
	return rc;
}

/* Runs with no lock held, after every netdev of @net has gone. */
static void __net_exit mctp_net_exit(struct net *net)
{
	struct mctp_net *mn = mctp_pernet(net);

	mctp_stats_net_exit(net);
	mctp_sysctl_net_exit(net);

	mctp_routes_net_exit(net);
	mctp_neigh_net_exit(net);
	mctp_keys_net_exit(net);

	WARN_ON_ONCE(!xa_empty(&mn->devs));
	xa_destroy(&mn->devs);
}

static struct pernet_operations mctp_net_ops = {
	.init	= mctp_net_init,
	.exit	= mctp_net_exit,
	.id	= &mctp_net_id,
	.size	= sizeof(struct mctp_net),
};

int mctp_netns_init(void)
{
	return register_pernet_subsys(&mctp_net_ops);
}

void mctp_netns_exit(void)
{
	unregister_pernet_subsys(&mctp_net_ops);
	/* the last teardown step that can leave RCU callbacks of the module
	 * (only the notification family, which queues none, goes after it):
	 * let every one finish before the module's text goes away
	 */
	rcu_barrier();
}
