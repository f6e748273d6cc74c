// SPDX-License-Identifier: GPL-2.0
/*
 * Per-namespace counters of the MCTP core, /proc/net/mctp_stat: one
 * "name value" line each. Gauges first (what the namespace holds now),
 * then counters of events since the namespace was created:
 *
 *   keys               live keys (tags in use, requests being reassembled)
 *   keys_prealloc      of which preallocated (SIOCMCTPALLOCTAG*)
 *   reasm_bytes        memory held by partial messages
 *   tag_limit          preallocations refused by a limit (-ENOBUFS)
 *   rx_drop_local_src  packets from the wire whose source EID is local
 *   fwd_packets        packets forwarded
 *   fwd_drop_off       not forwarded: forwarding is off for the network
 *   fwd_drop_same_dev  not forwarded: back out of the arrival device
 *   fwd_drop_rate      not forwarded: over the arrival device's rate
 *   fwd_drop_no_route  not forwarded: no route onwards
 *
 * Each dropped packet is also counted in its arrival device's rx_dropped.
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/seq_file_net.h>
#include <linux/spinlock.h>

#include "mctp-core.h"

static const char *const mctp_stat_names[MCTP_STAT_MAX] = {
	[MCTP_STAT_TAG_LIMIT]		= "tag_limit",
	[MCTP_STAT_RX_LOCAL_SRC]	= "rx_drop_local_src",
	[MCTP_STAT_FWD]			= "fwd_packets",
	[MCTP_STAT_FWD_OFF]		= "fwd_drop_off",
	[MCTP_STAT_FWD_SAME_DEV]	= "fwd_drop_same_dev",
	[MCTP_STAT_FWD_RATE]		= "fwd_drop_rate",
	[MCTP_STAT_FWD_NO_ROUTE]	= "fwd_drop_no_route",
};

static int mctp_stat_show(struct seq_file *seq, void *v)
{
	struct mctp_net *mn = mctp_pernet(seq_file_single_net(seq));
	unsigned int keys, prealloc, i;

	spin_lock_bh(&mn->keys_lock);
	keys = mn->nkeys;
	prealloc = mn->nkeys_prealloc;
	spin_unlock_bh(&mn->keys_lock);

	seq_printf(seq, "keys %u\n", keys);
	seq_printf(seq, "keys_prealloc %u\n", prealloc);
	seq_printf(seq, "reasm_bytes %d\n", atomic_read(&mn->reasm_mem));
	for (i = 0; i < MCTP_STAT_MAX; i++)
		seq_printf(seq, "%s %lu\n", mctp_stat_names[i],
			   atomic_long_read(&mn->stats[i]));
	return 0;
}

int mctp_stats_net_init(struct net *net)
{
	if (!proc_create_net_single("mctp_stat", 0444, net->proc_net,
				    mctp_stat_show, NULL))
		return -ENOMEM;
	return 0;
}

void mctp_stats_net_exit(struct net *net)
{
	remove_proc_entry("mctp_stat", net->proc_net);
}
