// SPDX-License-Identifier: GPL-2.0
/*
 * Per-namespace settings of the MCTP core, under /proc/sys/net/mctp/:
 *
 *   prealloc_tags_per_sock   preallocated tags (SIOCMCTPALLOCTAG*) one
 *                            socket may hold (default 256)
 *   prealloc_tags_per_netns  ... all sockets of the namespace together
 *                            (default 8192); beyond either, -ENOBUFS
 *   forwarding               1: packets for EIDs that are not local are
 *                            routed on (default, as upstream, which always
 *                            forwards); 0: they are dropped
 *   forwarding_off_nets      MCTP networks where forwarding is off even
 *                            when it is on; up to 32 network ids,
 *                            separated by spaces or commas (default none)
 *   forward_same_dev         1: a packet may be forwarded back out of the
 *                            device it arrived on (default 0: dropped)
 *   forward_rate             forwarded packets per second accepted from
 *                            one arrival device (default 10000; 0: no
 *                            limit); the excess is dropped
 *
 * Every drop these cause is counted in /proc/net/mctp_stat (stats.c).
 */
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <net/net_namespace.h>

#include "mctp-core.h"

static int mctp_u16_max = 65535;

bool mctp_forwarding_on(struct mctp_net *mn, unsigned int netid)
{
	const struct mctp_fwd_off *off;
	bool on = true;
	unsigned int i;

	if (!READ_ONCE(mn->sysctl.forwarding))
		return false;

	rcu_read_lock();
	off = rcu_dereference(mn->sysctl.fwd_off);
	for (i = 0; off && i < off->n && off->nets[i] <= netid; i++)
		if (off->nets[i] == netid)
			on = false;
	rcu_read_unlock();
	return on;
}

static int mctp_u32_cmp(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

/* Parse "2 7,9" into a sorted list without duplicates. */
static int mctp_fwd_off_parse(char *text, struct mctp_fwd_off *off)
{
	unsigned int i, n = 0;
	char *tok;
	u32 net;
	int rc;

	while ((tok = strsep(&text, " ,\t\n"))) {
		if (!*tok)
			continue;
		if (n == MCTP_FWD_OFF_MAX)
			return -E2BIG;
		rc = kstrtou32(tok, 0, &net);
		if (rc)
			return rc;
		if (net == MCTP_NET_ANY)	/* 0 names no network */
			return -EINVAL;
		off->nets[n++] = net;
	}

	sort(off->nets, n, sizeof(off->nets[0]), mctp_u32_cmp, NULL);
	off->n = 0;
	for (i = 0; i < n; i++)
		if (!off->n || off->nets[off->n - 1] != off->nets[i])
			off->nets[off->n++] = off->nets[i];
	return 0;
}

static void mctp_fwd_off_format(const struct mctp_fwd_off *off, char *buf,
				size_t len)
{
	unsigned int i;
	size_t pos = 0;

	buf[0] = '\0';
	for (i = 0; off && i < off->n && pos < len; i++)
		pos += scnprintf(buf + pos, len - pos, "%s%u", i ? " " : "",
				 off->nets[i]);
}

#define MCTP_FWD_OFF_TEXT	(MCTP_FWD_OFF_MAX * 11 + 1)

static int mctp_fwd_off_handler(const struct ctl_table *table, int write,
				void *buffer, size_t *lenp, loff_t *ppos)
{
	struct mctp_net *mn = table->data;
	struct mctp_fwd_off *off, *old;
	struct ctl_table tmp = *table;
	char *text;
	int rc;

	text = kzalloc(MCTP_FWD_OFF_TEXT, GFP_KERNEL);
	if (!text)
		return -ENOMEM;
	tmp.data = text;
	tmp.maxlen = MCTP_FWD_OFF_TEXT;

	mutex_lock(&mn->sysctl.fwd_off_lock);
	old = rcu_dereference_protected(mn->sysctl.fwd_off,
				lockdep_is_held(&mn->sysctl.fwd_off_lock));
	if (!write) {
		mctp_fwd_off_format(old, text, MCTP_FWD_OFF_TEXT);
		rc = proc_dostring(&tmp, write, buffer, lenp, ppos);
		goto out;
	}

	/* one write replaces the whole list */
	rc = -EINVAL;
	if (*ppos)
		goto out;
	rc = proc_dostring(&tmp, write, buffer, lenp, ppos);
	if (rc)
		goto out;

	off = kzalloc(sizeof(*off), GFP_KERNEL);
	rc = -ENOMEM;
	if (!off)
		goto out;
	rc = mctp_fwd_off_parse(text, off);
	if (rc) {
		kfree(off);
		goto out;
	}
	if (!off->n) {
		kfree(off);
		off = NULL;
	}
	rcu_assign_pointer(mn->sysctl.fwd_off, off);
	if (old)
		kfree_rcu(old, rcu);
out:
	mutex_unlock(&mn->sysctl.fwd_off_lock);
	kfree(text);
	return rc;
}

/* The template: every namespace gets a copy pointing at its own values. */
static const struct ctl_table mctp_sysctl_template[] = {
	{
		.procname	= "prealloc_tags_per_sock",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= &mctp_u16_max,
	},
	{
		.procname	= "prealloc_tags_per_netns",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_INT_MAX,
	},
	{
		.procname	= "forwarding",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_ONE,
	},
	{
		.procname	= "forwarding_off_nets",
		.mode		= 0644,
		.proc_handler	= mctp_fwd_off_handler,
	},
	{
		.procname	= "forward_same_dev",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_ONE,
	},
	{
		.procname	= "forward_rate",
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_INT_MAX,
	},
};

int mctp_sysctl_net_init(struct net *net)
{
	struct mctp_net *mn = mctp_pernet(net);
	struct mctp_sysctl *sc = &mn->sysctl;
	struct ctl_table *tbl;

	sc->prealloc_tags_per_sock = MCTP_PREALLOC_TAGS_PER_SOCK;
	sc->prealloc_tags_per_netns = MCTP_PREALLOC_TAGS_PER_NETNS;
	sc->forwarding = 1;
	sc->forward_same_dev = 0;
	sc->forward_rate = MCTP_FORWARD_RATE;
	RCU_INIT_POINTER(sc->fwd_off, NULL);
	mutex_init(&sc->fwd_off_lock);

	tbl = kmemdup(mctp_sysctl_template, sizeof(mctp_sysctl_template),
		      GFP_KERNEL);
	if (!tbl)
		return -ENOMEM;
	tbl[0].data = &sc->prealloc_tags_per_sock;
	tbl[1].data = &sc->prealloc_tags_per_netns;
	tbl[2].data = &sc->forwarding;
	tbl[3].data = mn;
	tbl[4].data = &sc->forward_same_dev;
	tbl[5].data = &sc->forward_rate;

	mn->sysctl_hdr = register_net_sysctl_sz(net, "net/mctp", tbl,
						ARRAY_SIZE(mctp_sysctl_template));
	if (!mn->sysctl_hdr) {
		kfree(tbl);
		return -ENOMEM;
	}
	return 0;
}

void mctp_sysctl_net_exit(struct net *net)
{
	struct mctp_net *mn = mctp_pernet(net);
	const struct ctl_table *tbl = mn->sysctl_hdr->ctl_table_arg;
	struct mctp_fwd_off *off;

	unregister_net_sysctl_table(mn->sysctl_hdr);
	kfree(tbl);

	off = rcu_dereference_protected(mn->sysctl.fwd_off, 1);
	if (off)
		kfree_rcu(off, rcu);
}
