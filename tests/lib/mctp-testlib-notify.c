// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-testlib: the route and neighbour notification family (generic
 * netlink): resolving it, joining its groups and turning its messages
 * into their rtnetlink form.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <linux/genetlink.h>

#include "mctp-testlib.h"

struct mtl_genl_find {
	const char *family, *group;
	int id;
	uint32_t grp_id;
	bool grp_found;
};

static void mtl_genl_find_group(struct mtl_genl_find *f,
				const struct nlattr *groups)
{
	const struct nlattr *g = (const void *)((const char *)groups +
						NLA_HDRLEN);
	int left = groups->nla_len - NLA_HDRLEN;

	for (; left >= NLA_HDRLEN && g->nla_len >= NLA_HDRLEN &&
	       g->nla_len <= left;
	     left -= NLA_ALIGN(g->nla_len),
	     g = (const void *)((const char *)g + NLA_ALIGN(g->nla_len))) {
		struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1];

		mtl_attr_parse_nested(tb, CTRL_ATTR_MCAST_GRP_MAX, g);
		if (!tb[CTRL_ATTR_MCAST_GRP_NAME] || !tb[CTRL_ATTR_MCAST_GRP_ID])
			continue;
		if (strcmp((const char *)tb[CTRL_ATTR_MCAST_GRP_NAME] +
			   NLA_HDRLEN, f->group))
			continue;
		memcpy(&f->grp_id, (const char *)tb[CTRL_ATTR_MCAST_GRP_ID] +
		       NLA_HDRLEN, sizeof(f->grp_id));
		f->grp_found = true;
	}
}

static int mtl_genl_find_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct mtl_genl_find *f = arg;
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	uint16_t id;

	if (nlh->nlmsg_type != GENL_ID_CTRL ||
	    mtl_attr_parse(tb, CTRL_ATTR_MAX, nlh, GENL_HDRLEN))
		return 0;
	if (!tb[CTRL_ATTR_FAMILY_NAME] || !tb[CTRL_ATTR_FAMILY_ID] ||
	    strcmp((const char *)tb[CTRL_ATTR_FAMILY_NAME] + NLA_HDRLEN,
		   f->family))
		return 0;
	memcpy(&id, (const char *)tb[CTRL_ATTR_FAMILY_ID] + NLA_HDRLEN,
	       sizeof(id));
	f->id = id;
	if (f->group && tb[CTRL_ATTR_MCAST_GROUPS])
		mtl_genl_find_group(f, tb[CTRL_ATTR_MCAST_GROUPS]);
	return 0;
}

int mtl_genl_resolve(struct mtl_nl *nl, const char *family, const char *group,
		     uint32_t *grp_id)
{
	struct genlmsghdr g = { .cmd = CTRL_CMD_GETFAMILY, .version = 2 };
	struct mtl_genl_find f = { family, group, -ENOENT, 0, false };
	struct mtl_msg m;
	int rc;

	/* a dump of every family: an unknown name is then no error reply */
	mtl_msg_init(&m, GENL_ID_CTRL, 0, &g, sizeof(g));
	rc = mtl_nl_dump(nl, &m.nlh, mtl_genl_find_cb, &f);
	if (rc < 0)
		return rc;
	if (f.id < 0 || (group && !f.grp_found))
		return -ENOENT;
	if (grp_id)
		*grp_id = f.grp_id;
	return f.id;
}

int mtl_notify_open_ns(struct mtl_nl *nl, int nsfd, const char *group)
{
	uint32_t grp;
	int rc;

	rc = mtl_nl_open_proto(nl, nsfd, NETLINK_GENERIC);
	if (rc)
		return rc;
	rc = mtl_genl_resolve(nl, MCTP_NOTIFY_GENL_NAME, group, &grp);
	if (rc < 0)
		goto err;
	nl->genl_family = rc;
	if (setsockopt(nl->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp,
		       sizeof(grp)) < 0) {
		rc = -errno;
		goto err;
	}
	return 0;
err:
	mtl_nl_close(nl);
	return rc;
}

int mtl_notify_open(struct mtl_nl *nl, const char *group)
{
	return mtl_notify_open_ns(nl, -1, group);
}

static uint16_t mtl_notify_rtm_type(uint8_t cmd)
{
	switch (cmd) {
	case MCTP_NOTIFY_CMD_NEWROUTE: return RTM_NEWROUTE;
	case MCTP_NOTIFY_CMD_DELROUTE: return RTM_DELROUTE;
	case MCTP_NOTIFY_CMD_NEWNEIGH: return RTM_NEWNEIGH;
	case MCTP_NOTIFY_CMD_DELNEIGH: return RTM_DELNEIGH;
	default: return MTL_NOTIFY_BAD;
	}
}

/*
 * Each message loses its genlmsghdr (GENL_HDRLEN bytes, so the payload
 * stays aligned) and gets the rtnetlink type its command stands for.
 */
int mtl_notify_unwrap(const struct mtl_nl *nl, void *buf, int len)
{
	char *in = buf, *out = buf;
	int left = len;

	while (left >= NLMSG_HDRLEN) {
		struct nlmsghdr h;
		const struct genlmsghdr *g;
		uint32_t body, step;

		memcpy(&h, in, sizeof(h));
		if (h.nlmsg_len < NLMSG_HDRLEN || h.nlmsg_len > (uint32_t)left)
			break;
		g = (const void *)(in + NLMSG_HDRLEN);
		if (h.nlmsg_type != nl->genl_family ||
		    h.nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN) ||
		    g->version != MCTP_NOTIFY_GENL_VERSION) {
			/* not ours, or malformed: keep it, marked */
			body = h.nlmsg_len - NLMSG_HDRLEN;
			h.nlmsg_type = h.nlmsg_type == NLMSG_ERROR ?
				       NLMSG_ERROR : MTL_NOTIFY_BAD;
			memmove(out + NLMSG_HDRLEN, in + NLMSG_HDRLEN, body);
		} else {
			body = h.nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
			h.nlmsg_type = mtl_notify_rtm_type(g->cmd);
			memmove(out + NLMSG_HDRLEN,
				in + NLMSG_LENGTH(GENL_HDRLEN), body);
		}
		step = NLMSG_ALIGN(h.nlmsg_len);
		left -= step < (uint32_t)left ? (int)step : left;
		in += step;
		h.nlmsg_len = NLMSG_HDRLEN + body;
		memcpy(out, &h, sizeof(h));
		out += NLMSG_ALIGN(h.nlmsg_len);
	}
	return (int)(out - (char *)buf);
}
