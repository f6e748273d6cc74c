// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-testlib: rtnetlink, netns, socket and raw packet helpers for the
 * AF_MCTP kernel tests and benchmarks.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/if_packet.h>
#include <linux/neighbour.h>

#include "mctp-testlib.h"

#define MTL_RECV_BUF 65536

/* ---- netlink handle ---- */

static int mtl_nl_setup(struct mtl_nl *nl, int fd)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	socklen_t salen = sizeof(sa);
	int one = 1;

	memset(nl, 0, sizeof(*nl));
	nl->fd = -1;
	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &salen) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	nl->fd = fd;
	nl->portid = sa.nl_pid;
	nl->seq = (uint32_t)getpid() << 8;
	return 0;
}

int mtl_nl_open(struct mtl_nl *nl)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	return mtl_nl_setup(nl, fd);
}

int mtl_nl_open_ns(struct mtl_nl *nl, int nsfd)
{
	int fd = mtl_socket_ns(nsfd, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
			       NETLINK_ROUTE);

	if (fd < 0) {
		memset(nl, 0, sizeof(*nl));
		nl->fd = -1;
		return fd;
	}
	return mtl_nl_setup(nl, fd);
}

int mtl_nl_open_proto(struct mtl_nl *nl, int nsfd, int protocol)
{
	int fd;

	if (nsfd < 0)
		fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
	else
		fd = mtl_socket_ns(nsfd, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
				   protocol);
	if (nsfd >= 0 && fd < 0) {
		memset(nl, 0, sizeof(*nl));
		nl->fd = -1;
		return fd;
	}
	return mtl_nl_setup(nl, fd);
}

int mtl_nl_open_group(struct mtl_nl *nl, unsigned int group)
{
	int rc = mtl_nl_open(nl);

	if (rc)
		return rc;
	if (setsockopt(nl->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group,
		       sizeof(group)) < 0) {
		rc = -errno;
		mtl_nl_close(nl);
	}
	return rc;
}

void mtl_nl_close(struct mtl_nl *nl)
{
	if (nl->fd >= 0)
		close(nl->fd);
	nl->fd = -1;
}

/* ---- message builder ---- */

void *mtl_msg_init(struct mtl_msg *m, uint16_t type, uint16_t flags,
		   const void *hdr, size_t hdrlen)
{
	void *data;

	memset(m, 0, sizeof(*m));
	m->nlh.nlmsg_type = type;
	m->nlh.nlmsg_flags = flags | NLM_F_REQUEST;
	m->nlh.nlmsg_len = NLMSG_LENGTH(hdrlen);
	data = NLMSG_DATA(&m->nlh);
	if (hdr)
		memcpy(data, hdr, hdrlen);
	m->nlh.nlmsg_len = NLMSG_ALIGN(m->nlh.nlmsg_len);
	return data;
}

void *mtl_msg_put(struct mtl_msg *m, uint16_t type, const void *data,
		  size_t len)
{
	size_t off = NLMSG_ALIGN(m->nlh.nlmsg_len);
	struct nlattr *nla;

	if (off + NLA_HDRLEN + NLA_ALIGN(len) > sizeof(m->buf)) {
		m->overflow = true;
		return NULL;
	}
	nla = (struct nlattr *)(m->buf + off);
	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	memset((char *)nla + NLA_HDRLEN, 0, NLA_ALIGN(len));
	if (data && len)
		memcpy((char *)nla + NLA_HDRLEN, data, len);
	m->nlh.nlmsg_len = off + NLA_HDRLEN + NLA_ALIGN(len);
	return (char *)nla + NLA_HDRLEN;
}

void *mtl_msg_put_u8(struct mtl_msg *m, uint16_t type, uint8_t v)
{
	return mtl_msg_put(m, type, &v, sizeof(v));
}

void *mtl_msg_put_u32(struct mtl_msg *m, uint16_t type, uint32_t v)
{
	return mtl_msg_put(m, type, &v, sizeof(v));
}

void *mtl_msg_put_str(struct mtl_msg *m, uint16_t type, const char *s)
{
	return mtl_msg_put(m, type, s, strlen(s) + 1);
}

struct nlattr *mtl_msg_nest_start(struct mtl_msg *m, uint16_t type)
{
	void *p = mtl_msg_put(m, type | NLA_F_NESTED, NULL, 0);

	return p ? (struct nlattr *)((char *)p - NLA_HDRLEN) : NULL;
}

void mtl_msg_nest_end(struct mtl_msg *m, struct nlattr *nest)
{
	if (nest)
		nest->nla_len = (m->buf + m->nlh.nlmsg_len) - (char *)nest;
}

/* ---- sending and receiving ---- */

static int mtl_nl_send(struct mtl_nl *nl, struct nlmsghdr *req)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	size_t len = req->nlmsg_len;
	ssize_t n;

	req->nlmsg_seq = ++nl->seq;
	req->nlmsg_pid = 0;
	/* a shortened nlmsg_len still sends at least the nlmsghdr */
	if (len < sizeof(*req))
		len = sizeof(*req);
	n = sendto(nl->fd, req, len, 0, (struct sockaddr *)&sa, sizeof(sa));
	if (n < 0)
		return -errno;
	return 0;
}

static void mtl_extack_save(struct mtl_nl *nl, const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *err = NLMSG_DATA(nlh);
	size_t off = sizeof(*err);
	const struct nlattr *nla;
	size_t total = nlh->nlmsg_len - NLMSG_HDRLEN;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	/* without NLM_F_CAPPED the original request follows the error */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += err->msg.nlmsg_len - sizeof(err->msg);
	while (off + NLA_HDRLEN <= total) {
		nla = (const struct nlattr *)((const char *)err + off);
		if (nla->nla_len < NLA_HDRLEN || off + nla->nla_len > total)
			break;
		if ((nla->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG) {
			size_t l = nla->nla_len - NLA_HDRLEN;

			if (l >= sizeof(nl->extack))
				l = sizeof(nl->extack) - 1;
			memcpy(nl->extack, (const char *)nla + NLA_HDRLEN, l);
			nl->extack[l] = '\0';
			return;
		}
		off += NLA_ALIGN(nla->nla_len);
	}
}

/* Receive answers to sequence @seq; dumps call @cb for each message.
 * Returns the number of messages given to @cb or -errno.
 */
static int mtl_nl_collect(struct mtl_nl *nl, uint32_t seq, bool dump,
			  mtl_dump_cb cb, void *arg)
{
	char *buf = malloc(MTL_RECV_BUF);
	int count = 0, cb_err = 0, rc = -EIO;
	bool done = false;

	if (!buf)
		return -ENOMEM;
	while (!done) {
		struct nlmsghdr *nlh;
		ssize_t n;

		if (mtl_poll_in(nl->fd, 5000) <= 0) {
			rc = -ETIMEDOUT;
			break;
		}
		n = recv(nl->fd, buf, MTL_RECV_BUF, 0);
		if (n < 0) {
			rc = -errno;
			break;
		}
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(nlh);

				mtl_extack_save(nl, nlh);
				rc = e->error;
				done = true;
				break;
			}
			if (nlh->nlmsg_type == NLMSG_DONE) {
				rc = 0;
				done = true;
				break;
			}
			if (dump && cb && !cb_err) {
				cb_err = cb(nlh, arg);
				count++;
			} else if (dump) {
				count++;
			}
		}
	}
	free(buf);
	if (rc)
		return rc;
	if (cb_err)
		return cb_err < 0 ? cb_err : -EINVAL;
	return count;
}

int mtl_nl_request(struct mtl_nl *nl, struct nlmsghdr *req)
{
	int rc;

	nl->extack[0] = '\0';
	req->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	rc = mtl_nl_send(nl, req);
	if (rc)
		return rc;
	return mtl_nl_collect(nl, req->nlmsg_seq, false, NULL, NULL);
}

int mtl_nl_dump(struct mtl_nl *nl, struct nlmsghdr *req, mtl_dump_cb cb,
		void *arg)
{
	int rc;

	nl->extack[0] = '\0';
	req->nlmsg_flags |= NLM_F_REQUEST | NLM_F_DUMP;
	rc = mtl_nl_send(nl, req);
	if (rc)
		return rc;
	return mtl_nl_collect(nl, req->nlmsg_seq, true, cb, arg);
}

int mtl_nl_recv(struct mtl_nl *nl, void *buf, size_t len, int timeout_ms)
{
	ssize_t n;
	int rc;

	rc = mtl_poll_in(nl->fd, timeout_ms);
	if (rc <= 0)
		return rc;
	n = recv(nl->fd, buf, len, 0);
	if (n < 0)
		return -errno;
	if (nl->genl_family && !nl->genl_raw)
		n = mtl_notify_unwrap(nl, buf, n);
	return (int)n;
}

void mtl_nl_drain(struct mtl_nl *nl)
{
	char buf[8192];

	while (recv(nl->fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
}

/* ---- attribute parsing ---- */

static int mtl_attr_walk(struct nlattr **tb, int max, const void *start,
			 size_t len)
{
	const struct nlattr *nla = start;

	memset(tb, 0, sizeof(*tb) * (max + 1));
	while (len >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN &&
	       nla->nla_len <= len) {
		int type = nla->nla_type & NLA_TYPE_MASK;

		if (type <= max)
			tb[type] = (struct nlattr *)nla;
		if ((size_t)NLA_ALIGN(nla->nla_len) >= len)
			break;
		len -= NLA_ALIGN(nla->nla_len);
		nla = (const struct nlattr *)((const char *)nla +
					      NLA_ALIGN(nla->nla_len));
	}
	return 0;
}

int mtl_attr_parse(struct nlattr **tb, int max, const struct nlmsghdr *nlh,
		   size_t hdrlen)
{
	size_t off = NLMSG_HDRLEN + NLMSG_ALIGN(hdrlen);

	if (nlh->nlmsg_len < off) {
		memset(tb, 0, sizeof(*tb) * (max + 1));
		return -EINVAL;
	}
	return mtl_attr_walk(tb, max, (const char *)nlh + off,
			     nlh->nlmsg_len - off);
}

int mtl_attr_parse_nested(struct nlattr **tb, int max,
			  const struct nlattr *nest)
{
	return mtl_attr_walk(tb, max, (const char *)nest + NLA_HDRLEN,
			     nest->nla_len - NLA_HDRLEN);
}

static void *mtl_attr_data(const struct nlattr *nla)
{
	return (char *)nla + NLA_HDRLEN;
}

static int mtl_attr_len(const struct nlattr *nla)
{
	return nla->nla_len - NLA_HDRLEN;
}

static uint32_t mtl_attr_u32(const struct nlattr *nla)
{
	uint32_t v = 0;

	memcpy(&v, mtl_attr_data(nla),
	       mtl_attr_len(nla) < 4 ? mtl_attr_len(nla) : 4);
	return v;
}

static uint8_t mtl_attr_u8(const struct nlattr *nla)
{
	return mtl_attr_len(nla) >= 1 ? *(uint8_t *)mtl_attr_data(nla) : 0;
}

/* ---- links ---- */

static void mtl_link_parse_mctp(struct mtl_link *l, const struct nlattr *af)
{
	struct nlattr *tb[IFLA_MCTP_PHYS_BINDING + 1];

	l->has_mctp = true;
	mtl_attr_parse_nested(tb, IFLA_MCTP_PHYS_BINDING, af);
	if (tb[IFLA_MCTP_NET]) {
		l->has_net = true;
		l->net = mtl_attr_u32(tb[IFLA_MCTP_NET]);
	}
	if (tb[IFLA_MCTP_PHYS_BINDING]) {
		l->has_phys_binding = true;
		l->phys_binding = mtl_attr_u8(tb[IFLA_MCTP_PHYS_BINDING]);
	}
}

static void mtl_link_parse_af_spec(struct mtl_link *l,
				   const struct nlattr *spec)
{
	const struct nlattr *nla = mtl_attr_data(spec);
	int len = mtl_attr_len(spec);

	while (len >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN &&
	       nla->nla_len <= len) {
		if ((nla->nla_type & NLA_TYPE_MASK) == AF_MCTP)
			mtl_link_parse_mctp(l, nla);
		len -= NLA_ALIGN(nla->nla_len);
		nla = (const struct nlattr *)((const char *)nla +
					      NLA_ALIGN(nla->nla_len));
	}
}

static int mtl_link_parse(const struct nlmsghdr *nlh, void *arg)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(nlh);
	struct mtl_link *l = arg;
	struct nlattr *tb[IFLA_MAX + 1];

	if (nlh->nlmsg_type != RTM_NEWLINK)
		return 0;
	memset(l, 0, sizeof(*l));
	l->ifindex = ifi->ifi_index;
	l->type = ifi->ifi_type;
	l->flags = ifi->ifi_flags;
	mtl_attr_parse(tb, IFLA_MAX, nlh, sizeof(*ifi));
	if (tb[IFLA_IFNAME])
		snprintf(l->name, sizeof(l->name), "%s",
			 (char *)mtl_attr_data(tb[IFLA_IFNAME]));
	if (tb[IFLA_MTU])
		l->mtu = mtl_attr_u32(tb[IFLA_MTU]);
	if (tb[IFLA_MIN_MTU])
		l->min_mtu = mtl_attr_u32(tb[IFLA_MIN_MTU]);
	if (tb[IFLA_MAX_MTU])
		l->max_mtu = mtl_attr_u32(tb[IFLA_MAX_MTU]);
	if (tb[IFLA_ADDRESS]) {
		int n = mtl_attr_len(tb[IFLA_ADDRESS]);

		if (n > (int)sizeof(l->addr))
			n = sizeof(l->addr);
		l->addr_len = n;
		memcpy(l->addr, mtl_attr_data(tb[IFLA_ADDRESS]), n);
	}
	if (tb[IFLA_AF_SPEC])
		mtl_link_parse_af_spec(l, tb[IFLA_AF_SPEC]);
	return 0;
}

/* RTM_GETLINK (not a dump): one RTM_NEWLINK answer, then the ack. */
static int mtl_link_query(struct mtl_nl *nl, int ifindex, const char *name,
			  struct mtl_link *out)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC,
				 .ifi_index = ifindex };
	struct mtl_msg m;
	int rc;

	mtl_msg_init(&m, RTM_GETLINK, 0, &ifi, sizeof(ifi));
	if (name)
		mtl_msg_put_str(&m, IFLA_IFNAME, name);
	nl->extack[0] = '\0';
	rc = mtl_nl_send(nl, &m.nlh);
	if (rc)
		return rc;
	memset(out, 0, sizeof(*out));
	/* collect as a "dump": the answer is a message, then an error of 0
	 * never comes (no NLM_F_ACK), so stop on the first message.
	 */
	for (;;) {
		char *buf = malloc(MTL_RECV_BUF);
		struct nlmsghdr *nlh;
		ssize_t n;

		if (!buf)
			return -ENOMEM;
		if (mtl_poll_in(nl->fd, 5000) <= 0) {
			free(buf);
			return -ETIMEDOUT;
		}
		n = recv(nl->fd, buf, MTL_RECV_BUF, 0);
		if (n < 0) {
			rc = -errno;
			free(buf);
			return rc;
		}
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_seq != m.nlh.nlmsg_seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(nlh);

				mtl_extack_save(nl, nlh);
				rc = e->error ? e->error : -EIO;
				free(buf);
				return rc;
			}
			if (nlh->nlmsg_type == RTM_NEWLINK) {
				mtl_link_parse(nlh, out);
				free(buf);
				return 0;
			}
		}
		free(buf);
	}
}

int mtl_link_get(struct mtl_nl *nl, int ifindex, struct mtl_link *out)
{
	return mtl_link_query(nl, ifindex, NULL, out);
}

int mtl_link_get_by_name(struct mtl_nl *nl, const char *name,
			 struct mtl_link *out)
{
	return mtl_link_query(nl, 0, name, out);
}

int mtl_link_index(struct mtl_nl *nl, const char *name)
{
	struct mtl_link l;
	int rc = mtl_link_get_by_name(nl, name, &l);

	return rc ? rc : l.ifindex;
}

static int mtl_link_change(struct mtl_nl *nl, int ifindex, unsigned int flags,
			   unsigned int change)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex,
				 .ifi_flags = flags, .ifi_change = change };
	struct mtl_msg m;

	mtl_msg_init(&m, RTM_NEWLINK, 0, &ifi, sizeof(ifi));
	return mtl_nl_request(nl, &m.nlh);
}

int mtl_link_up(struct mtl_nl *nl, int ifindex)
{
	return mtl_link_change(nl, ifindex, IFF_UP, IFF_UP);
}

int mtl_link_down(struct mtl_nl *nl, int ifindex)
{
	return mtl_link_change(nl, ifindex, 0, IFF_UP);
}

int mtl_link_set_mtu(struct mtl_nl *nl, int ifindex, unsigned int mtu)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };
	struct mtl_msg m;

	mtl_msg_init(&m, RTM_NEWLINK, 0, &ifi, sizeof(ifi));
	mtl_msg_put_u32(&m, IFLA_MTU, mtu);
	return mtl_nl_request(nl, &m.nlh);
}

int mtl_link_set_net(struct mtl_nl *nl, int ifindex, uint32_t net)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };
	struct nlattr *spec, *af;
	struct mtl_msg m;

	mtl_msg_init(&m, RTM_NEWLINK, 0, &ifi, sizeof(ifi));
	spec = mtl_msg_nest_start(&m, IFLA_AF_SPEC);
	af = mtl_msg_nest_start(&m, AF_MCTP);
	mtl_msg_put_u32(&m, IFLA_MCTP_NET, net);
	mtl_msg_nest_end(&m, af);
	mtl_msg_nest_end(&m, spec);
	return mtl_nl_request(nl, &m.nlh);
}

int mtl_link_set_netns(struct mtl_nl *nl, int ifindex, int nsfd)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };
	struct mtl_msg m;

	mtl_msg_init(&m, RTM_NEWLINK, 0, &ifi, sizeof(ifi));
	mtl_msg_put_u32(&m, IFLA_NET_NS_FD, (uint32_t)nsfd);
	return mtl_nl_request(nl, &m.nlh);
}

int mtl_link_del(struct mtl_nl *nl, int ifindex)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };
	struct mtl_msg m;

	mtl_msg_init(&m, RTM_DELLINK, 0, &ifi, sizeof(ifi));
	return mtl_nl_request(nl, &m.nlh);
}

int mtl_vpair_create(struct mtl_nl *nl, const char *a, const char *b)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nlattr *info, *data;
	struct mtl_msg m;

	mtl_msg_init(&m, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &ifi,
		     sizeof(ifi));
	if (a)
		mtl_msg_put_str(&m, IFLA_IFNAME, a);
	info = mtl_msg_nest_start(&m, IFLA_LINKINFO);
	mtl_msg_put_str(&m, IFLA_INFO_KIND, MCTP_VPAIR_KIND);
	if (b) {
		data = mtl_msg_nest_start(&m, IFLA_INFO_DATA);
		mtl_msg_put_str(&m, IFLA_MCTP_VPAIR_PEER_NAME, b);
		mtl_msg_nest_end(&m, data);
	}
	mtl_msg_nest_end(&m, info);
	return mtl_nl_request(nl, &m.nlh);
}

/* ---- addresses ---- */

static int mtl_addr_req(struct mtl_nl *nl, uint16_t type, int ifindex,
			uint8_t eid)
{
	struct ifaddrmsg ifa = { .ifa_family = AF_MCTP,
				 .ifa_index = ifindex };
	struct mtl_msg m;

	mtl_msg_init(&m, type, type == RTM_NEWADDR ?
		     NLM_F_CREATE | NLM_F_EXCL : 0, &ifa, sizeof(ifa));
	mtl_msg_put_u8(&m, IFA_LOCAL, eid);
	return mtl_nl_request(nl, &m.nlh);
}

int mtl_addr_add(struct mtl_nl *nl, int ifindex, uint8_t eid)
{
	return mtl_addr_req(nl, RTM_NEWADDR, ifindex, eid);
}

int mtl_addr_del(struct mtl_nl *nl, int ifindex, uint8_t eid)
{
	return mtl_addr_req(nl, RTM_DELADDR, ifindex, eid);
}

int mtl_addr_parse(const struct nlmsghdr *nlh, struct mtl_addr *out)
{
	const struct ifaddrmsg *ifa = NLMSG_DATA(nlh);
	struct nlattr *tb[IFA_MAX + 1];

	memset(out, 0, sizeof(*out));
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*ifa)))
		return -EINVAL;
	out->ifindex = ifa->ifa_index;
	out->family = ifa->ifa_family;
	out->prefixlen = ifa->ifa_prefixlen;
	out->flags = ifa->ifa_flags;
	out->scope = ifa->ifa_scope;
	mtl_attr_parse(tb, IFA_MAX, nlh, sizeof(*ifa));
	if (tb[IFA_LOCAL]) {
		out->has_local = true;
		out->local = mtl_attr_u8(tb[IFA_LOCAL]);
	}
	if (tb[IFA_ADDRESS]) {
		out->has_address = true;
		out->address = mtl_attr_u8(tb[IFA_ADDRESS]);
	}
	return 0;
}

struct mtl_collect {
	void *out;
	size_t elem;
	int max;
	int n;
	int (*parse)(const struct nlmsghdr *nlh, void *out);
	uint16_t type;
};

static int mtl_collect_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct mtl_collect *c = arg;

	if (nlh->nlmsg_type != c->type)
		return -EPROTO;
	if (c->n < c->max && c->parse(nlh, (char *)c->out + c->n * c->elem))
		return -EPROTO;
	c->n++;
	return 0;
}

static int mtl_addr_parse_cb(const struct nlmsghdr *nlh, void *out)
{
	return mtl_addr_parse(nlh, out);
}

int mtl_addr_dump(struct mtl_nl *nl, int ifindex, struct mtl_addr *out,
		  int max)
{
	struct ifaddrmsg ifa = { .ifa_family = AF_MCTP,
				 .ifa_index = ifindex };
	struct mtl_collect c = { out, sizeof(*out), max, 0,
				 mtl_addr_parse_cb, RTM_NEWADDR };
	struct mtl_msg m;
	int rc;

	mtl_msg_init(&m, RTM_GETADDR, 0, &ifa, sizeof(ifa));
	rc = mtl_nl_dump(nl, &m.nlh, mtl_collect_cb, &c);
	return rc < 0 ? rc : c.n;
}

/* ---- routes ---- */

static int mtl_route_req(struct mtl_nl *nl, uint16_t type, uint8_t dst,
			 uint8_t extent, int oif, const struct mctp_fq_addr *gw,
			 uint32_t mtu)
{
	struct rtmsg rtm = {
		.rtm_family = AF_MCTP,
		.rtm_dst_len = extent,
		.rtm_table = RT_TABLE_DEFAULT,
		.rtm_protocol = RTPROT_STATIC,
		.rtm_scope = gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK,
		.rtm_type = RTN_UNICAST,
	};
	struct mtl_msg m;

	mtl_msg_init(&m, type, type == RTM_NEWROUTE ?
		     NLM_F_CREATE | NLM_F_EXCL : 0, &rtm, sizeof(rtm));
	mtl_msg_put_u8(&m, RTA_DST, dst);
	if (gw)
		mtl_msg_put(&m, RTA_GATEWAY, gw, sizeof(*gw));
	else
		mtl_msg_put_u32(&m, RTA_OIF, oif);
	if (mtu) {
		struct nlattr *metrics = mtl_msg_nest_start(&m, RTA_METRICS);

		mtl_msg_put_u32(&m, RTAX_MTU, mtu);
		mtl_msg_nest_end(&m, metrics);
	}
	return mtl_nl_request(nl, &m.nlh);
}

int mtl_route_add(struct mtl_nl *nl, uint8_t dst, uint8_t extent, int oif,
		  uint32_t mtu)
{
	return mtl_route_req(nl, RTM_NEWROUTE, dst, extent, oif, NULL, mtu);
}

int mtl_route_del(struct mtl_nl *nl, uint8_t dst, uint8_t extent, int oif)
{
	return mtl_route_req(nl, RTM_DELROUTE, dst, extent, oif, NULL, 0);
}

int mtl_route_add_gw(struct mtl_nl *nl, uint8_t dst, uint8_t extent,
		     uint32_t net, uint8_t gw, uint32_t mtu)
{
	struct mctp_fq_addr a;

	memset(&a, 0, sizeof(a));
	a.net = net;
	a.eid = gw;
	return mtl_route_req(nl, RTM_NEWROUTE, dst, extent, 0, &a, mtu);
}

int mtl_route_del_gw(struct mtl_nl *nl, uint8_t dst, uint8_t extent,
		     uint32_t net, uint8_t gw)
{
	struct mctp_fq_addr a;

	memset(&a, 0, sizeof(a));
	a.net = net;
	a.eid = gw;
	return mtl_route_req(nl, RTM_DELROUTE, dst, extent, 0, &a, 0);
}

int mtl_route_parse(const struct nlmsghdr *nlh, struct mtl_route *out)
{
	const struct rtmsg *rtm = NLMSG_DATA(nlh);
	struct nlattr *tb[RTA_MAX + 1];

	memset(out, 0, sizeof(*out));
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*rtm)))
		return -EINVAL;
	out->family = rtm->rtm_family;
	out->dst_len = rtm->rtm_dst_len;
	out->src_len = rtm->rtm_src_len;
	out->tos = rtm->rtm_tos;
	out->table = rtm->rtm_table;
	out->protocol = rtm->rtm_protocol;
	out->scope = rtm->rtm_scope;
	out->type = rtm->rtm_type;
	out->rtm_flags = rtm->rtm_flags;
	mtl_attr_parse(tb, RTA_MAX, nlh, sizeof(*rtm));
	if (tb[RTA_DST]) {
		out->has_dst = true;
		out->dst = mtl_attr_u8(tb[RTA_DST]);
	}
	if (tb[RTA_OIF])
		out->oif = (int)mtl_attr_u32(tb[RTA_OIF]);
	if (tb[RTA_GATEWAY]) {
		int n = mtl_attr_len(tb[RTA_GATEWAY]);

		out->has_gateway = true;
		memcpy(&out->gateway, mtl_attr_data(tb[RTA_GATEWAY]),
		       n < (int)sizeof(out->gateway) ? n :
		       (int)sizeof(out->gateway));
	}
	if (tb[RTA_METRICS]) {
		struct nlattr *tbx[RTAX_MAX + 1];

		out->has_metrics = true;
		mtl_attr_parse_nested(tbx, RTAX_MAX, tb[RTA_METRICS]);
		if (tbx[RTAX_MTU])
			out->mtu = mtl_attr_u32(tbx[RTAX_MTU]);
	}
	return 0;
}

static int mtl_route_parse_cb(const struct nlmsghdr *nlh, void *out)
{
	return mtl_route_parse(nlh, out);
}

int mtl_route_dump(struct mtl_nl *nl, struct mtl_route *out, int max)
{
	struct rtmsg rtm = { .rtm_family = AF_MCTP };
	struct mtl_collect c = { out, sizeof(*out), max, 0,
				 mtl_route_parse_cb, RTM_NEWROUTE };
	struct mtl_msg m;
	int rc;

	mtl_msg_init(&m, RTM_GETROUTE, 0, &rtm, sizeof(rtm));
	rc = mtl_nl_dump(nl, &m.nlh, mtl_collect_cb, &c);
	return rc < 0 ? rc : c.n;
}

/* ---- neighbours ---- */

int mtl_neigh_add(struct mtl_nl *nl, int ifindex, uint8_t eid,
		  const void *lladdr, size_t lladdr_len)
{
	struct ndmsg ndm = { .ndm_family = AF_MCTP, .ndm_ifindex = ifindex,
			     .ndm_state = NUD_PERMANENT };
	struct mtl_msg m;

	mtl_msg_init(&m, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL, &ndm,
		     sizeof(ndm));
	mtl_msg_put_u8(&m, NDA_DST, eid);
	mtl_msg_put(&m, NDA_LLADDR, lladdr, lladdr_len);
	return mtl_nl_request(nl, &m.nlh);
}

int mtl_neigh_del(struct mtl_nl *nl, int ifindex, uint8_t eid)
{
	struct ndmsg ndm = { .ndm_family = AF_MCTP, .ndm_ifindex = ifindex };
	struct mtl_msg m;

	mtl_msg_init(&m, RTM_DELNEIGH, 0, &ndm, sizeof(ndm));
	mtl_msg_put_u8(&m, NDA_DST, eid);
	return mtl_nl_request(nl, &m.nlh);
}

int mtl_neigh_parse(const struct nlmsghdr *nlh, struct mtl_neigh *out)
{
	const struct ndmsg *ndm = NLMSG_DATA(nlh);
	struct nlattr *tb[NDA_MAX + 1];

	memset(out, 0, sizeof(*out));
	out->lladdr_len = -1;
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*ndm)))
		return -EINVAL;
	out->ifindex = ndm->ndm_ifindex;
	out->family = ndm->ndm_family;
	out->state = ndm->ndm_state;
	out->flags = ndm->ndm_flags;
	out->type = ndm->ndm_type;
	mtl_attr_parse(tb, NDA_MAX, nlh, sizeof(*ndm));
	if (tb[NDA_DST]) {
		out->has_dst = true;
		out->eid = mtl_attr_u8(tb[NDA_DST]);
	}
	if (tb[NDA_LLADDR]) {
		int n = mtl_attr_len(tb[NDA_LLADDR]);

		if (n > (int)sizeof(out->lladdr))
			n = sizeof(out->lladdr);
		out->lladdr_len = n;
		memcpy(out->lladdr, mtl_attr_data(tb[NDA_LLADDR]), n);
	}
	return 0;
}

static int mtl_neigh_parse_cb(const struct nlmsghdr *nlh, void *out)
{
	return mtl_neigh_parse(nlh, out);
}

int mtl_neigh_dump(struct mtl_nl *nl, int ifindex, struct mtl_neigh *out,
		   int max)
{
	struct ndmsg ndm = { .ndm_family = AF_MCTP, .ndm_ifindex = ifindex };
	struct mtl_collect c = { out, sizeof(*out), max, 0,
				 mtl_neigh_parse_cb, RTM_NEWNEIGH };
	struct mtl_msg m;
	int rc;

	mtl_msg_init(&m, RTM_GETNEIGH, 0, &ndm, sizeof(ndm));
	rc = mtl_nl_dump(nl, &m.nlh, mtl_collect_cb, &c);
	return rc < 0 ? rc : c.n;
}

/* ---- network namespaces ---- */

int mtl_netns_current(void)
{
	int fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int mtl_netns_new(void)
{
	int orig, fd, rc;

	orig = mtl_netns_current();
	if (orig < 0)
		return orig;
	if (unshare(CLONE_NEWNET) < 0) {
		rc = -errno;
		close(orig);
		return rc;
	}
	fd = mtl_netns_current();
	if (setns(orig, CLONE_NEWNET) < 0) {
		rc = -errno;
		if (fd >= 0)
			close(fd);
		close(orig);
		return rc;
	}
	close(orig);
	return fd;
}

int mtl_netns_enter(int nsfd)
{
	return setns(nsfd, CLONE_NEWNET) < 0 ? -errno : 0;
}

int mtl_socket_ns(int nsfd, int domain, int type, int protocol)
{
	int orig, fd, err;

	orig = mtl_netns_current();
	if (orig < 0)
		return orig;
	if (setns(nsfd, CLONE_NEWNET) < 0) {
		err = -errno;
		close(orig);
		return err;
	}
	fd = socket(domain, type, protocol);
	err = fd < 0 ? -errno : 0;
	if (setns(orig, CLONE_NEWNET) < 0) {
		/* cannot get back: refuse to go on in the wrong netns */
		perror("setns back to original netns");
		abort();
	}
	close(orig);
	return fd < 0 ? err : fd;
}

/* ---- vpair across namespaces ---- */

/*
 * Carrier (and with it a working transmit queue) reaches a link brought up
 * asynchronously, through linkwatch: wait until both ends run, so that a
 * test's first packet is not dropped.
 */
static int pair_wait_running(struct mtl_pair *p)
{
	struct mtl_link l;
	struct mtl_nl nl;
	int i, tries, running;

	for (tries = 0; tries < 500; tries++) {
		running = 0;
		for (i = 0; i < 2; i++) {
			if (mtl_nl_open_ns(&nl, p->ns[i]))
				return -EIO;
			if (!mtl_link_get(&nl, p->ifindex[i], &l) &&
			    (l.flags & IFF_RUNNING))
				running++;
			mtl_nl_close(&nl);
		}
		if (running == 2)
			return 0;
		usleep(10000);
	}
	return -ETIMEDOUT;
}

int mtl_pair_create(struct mtl_pair *p, const char *a, const char *b,
		    int ns_a, int ns_b)
{
	const char *names[2] = { a, b };
	int nss[2] = { ns_a, ns_b };
	struct mtl_nl nl, nl2;
	int cur, rc, i;

	memset(p, 0, sizeof(*p));
	cur = mtl_netns_current();
	if (cur < 0)
		return cur;
	rc = mtl_nl_open(&nl);
	if (rc) {
		close(cur);
		return rc;
	}
	rc = mtl_vpair_create(&nl, a, b);
	for (i = 0; !rc && i < 2; i++) {
		int idx = mtl_link_index(&nl, names[i]);

		snprintf(p->name[i], IFNAMSIZ, "%s", names[i]);
		if (idx < 0) {
			rc = idx;
			break;
		}
		p->ifindex[i] = idx;
		p->ns[i] = nss[i] >= 0 ? dup(nss[i]) : dup(cur);
		if (nss[i] >= 0)
			rc = mtl_link_set_netns(&nl, idx, nss[i]);
	}
	mtl_nl_close(&nl);
	for (i = 0; !rc && i < 2; i++) {
		rc = mtl_nl_open_ns(&nl2, p->ns[i]);
		if (rc)
			break;
		rc = mtl_link_index(&nl2, p->name[i]);
		if (rc > 0) {
			p->ifindex[i] = rc;
			rc = mtl_link_up(&nl2, p->ifindex[i]);
		}
		mtl_nl_close(&nl2);
	}
	close(cur);
	return rc ? rc : pair_wait_running(p);
}

int mtl_pair_setup(struct mtl_pair *p, uint8_t eid_a, uint8_t eid_b)
{
	uint8_t eids[2] = { eid_a, eid_b };
	struct mtl_nl nl;
	int i, rc = 0;

	for (i = 0; !rc && i < 2; i++) {
		rc = mtl_nl_open_ns(&nl, p->ns[i]);
		if (rc)
			break;
		rc = mtl_addr_add(&nl, p->ifindex[i], eids[i]);
		if (!rc)
			rc = mtl_route_add(&nl, eids[!i], 0, p->ifindex[i], 0);
		mtl_nl_close(&nl);
	}
	return rc;
}

int mtl_pair_destroy(struct mtl_pair *p)
{
	struct mtl_nl nl;
	int rc;

	rc = mtl_nl_open_ns(&nl, p->ns[0]);
	if (!rc) {
		rc = mtl_link_del(&nl, p->ifindex[0]);
		mtl_nl_close(&nl);
	}
	for (int i = 0; i < 2; i++) {
		if (p->ns[i] > 0)
			close(p->ns[i]);
		p->ns[i] = -1;
	}
	return rc;
}

/* ---- AF_MCTP sockets ---- */

void mtl_sockaddr(struct sockaddr_mctp *a, unsigned int net, uint8_t eid,
		  uint8_t type, uint8_t tag)
{
	memset(a, 0, sizeof(*a));
	a->smctp_family = AF_MCTP;
	a->smctp_network = net;
	a->smctp_addr.s_addr = eid;
	a->smctp_type = type;
	a->smctp_tag = tag;
}

int mtl_mctp_socket(void)
{
	int fd = socket(AF_MCTP, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	return fd < 0 ? -errno : fd;
}

int mtl_bind(int fd, unsigned int net, uint8_t eid, uint8_t type)
{
	struct sockaddr_mctp a;

	mtl_sockaddr(&a, net, eid, type, 0);
	return bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ? -errno : 0;
}

int mtl_connect(int fd, unsigned int net, uint8_t eid, uint8_t type)
{
	struct sockaddr_mctp a;

	mtl_sockaddr(&a, net, eid, type, 0);
	return connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ? -errno : 0;
}

ssize_t mtl_sendto(int fd, unsigned int net, uint8_t eid, uint8_t type,
		   uint8_t tag, const void *buf, size_t len)
{
	struct sockaddr_mctp a;
	ssize_t n;

	mtl_sockaddr(&a, net, eid, type, tag);
	n = sendto(fd, buf, len, 0, (struct sockaddr *)&a, sizeof(a));
	return n < 0 ? -errno : n;
}

ssize_t mtl_recv(int fd, void *buf, size_t len, int flags,
		 struct sockaddr_mctp *src, int timeout_ms)
{
	struct sockaddr_mctp a;
	socklen_t alen = sizeof(a);
	ssize_t n;
	int rc;

	if (!(flags & MSG_DONTWAIT)) {
		rc = mtl_poll_in(fd, timeout_ms);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return -ETIMEDOUT;
	}
	memset(&a, 0, sizeof(a));
	n = recvfrom(fd, buf, len, flags, (struct sockaddr *)&a, &alen);
	if (n < 0)
		return -errno;
	if (src)
		*src = a;
	return n;
}

bool mtl_readable(int fd, int timeout_ms)
{
	return mtl_poll_in(fd, timeout_ms) > 0;
}

/* ---- raw packets ---- */

uint8_t mtl_hdr(struct mtl_mctp_hdr *h, uint8_t dest, uint8_t src, bool som,
		bool eom, uint8_t seq, bool to, uint8_t tag)
{
	h->ver = 1;
	h->dest = dest;
	h->src = src;
	h->flags_seq_tag = (som ? MTL_HDR_SOM : 0) | (eom ? MTL_HDR_EOM : 0) |
			   MTL_HDR_SEQ(seq) | (to ? MTL_HDR_TO : 0) | (tag & 7);
	return h->flags_seq_tag;
}

/* Bind packet socket @fd (or close it) to @ifindex and @proto. */
static int mtl_pkt_bind(int fd, int ifindex, uint16_t proto)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(proto),
		.sll_ifindex = ifindex,
	};
	int err;

	if (fd < 0)
		return fd;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

int mtl_pkt_inject_open(int ifindex)
{
	/* protocol 0: the socket only sends, it receives nothing */
	int fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	return mtl_pkt_bind(fd < 0 ? -errno : fd, ifindex, 0);
}

int mtl_pkt_inject_open_ns(int nsfd, int ifindex)
{
	int fd = mtl_socket_ns(nsfd, AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	return mtl_pkt_bind(fd, ifindex, 0);
}

int mtl_pkt_inject(int fd, int ifindex, const void *buf, size_t len)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_MCTP),
		.sll_ifindex = ifindex,
		.sll_halen = 0,
	};
	ssize_t n;

	n = sendto(fd, buf, len, 0, (struct sockaddr *)&sll, sizeof(sll));
	if (n < 0)
		return -errno;
	return n == (ssize_t)len ? 0 : -EIO;
}

static int mtl_pkt_capture_setup(int fd, int ifindex)
{
	int sz = 4 * 1024 * 1024;

	if (fd < 0)
		return fd;
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz));
	return mtl_pkt_bind(fd, ifindex, ETH_P_ALL);
}

int mtl_pkt_capture_open(int ifindex)
{
	int fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(ETH_P_ALL));

	return mtl_pkt_capture_setup(fd < 0 ? -errno : fd, ifindex);
}

int mtl_pkt_capture_open_ns(int nsfd, int ifindex)
{
	int fd = mtl_socket_ns(nsfd, AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC,
			       htons(ETH_P_ALL));

	return mtl_pkt_capture_setup(fd, ifindex);
}

ssize_t mtl_pkt_capture(int fd, void *buf, size_t len, bool *outgoing,
			int timeout_ms)
{
	for (;;) {
		struct sockaddr_ll sll;
		socklen_t slen = sizeof(sll);
		ssize_t n;
		int rc;

		rc = mtl_poll_in(fd, timeout_ms);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return -ETIMEDOUT;
		n = recvfrom(fd, buf, len, MSG_DONTWAIT,
			     (struct sockaddr *)&sll, &slen);
		if (n < 0) {
			if (errno == EAGAIN)
				continue;
			return -errno;
		}
		if (sll.sll_protocol != htons(ETH_P_MCTP))
			continue;
		if (outgoing)
			*outgoing = sll.sll_pkttype == PACKET_OUTGOING;
		return n;
	}
}

int mtl_pkt_ignore_outgoing(int fd)
{
	int one = 1;

	if (setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one,
		       sizeof(one)) < 0)
		return -errno;
	return 0;
}

void mtl_pkt_drain(int fd)
{
	char buf[2048];

	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
		;
}

/* ---- misc ---- */

int mtl_poll_in(int fd, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int rc;

	do {
		rc = poll(&pfd, 1, timeout_ms);
	} while (rc < 0 && errno == EINTR);
	if (rc < 0)
		return -errno;
	return rc > 0 ? 1 : 0;
}

void mtl_pattern(void *buf, size_t len, unsigned int seed)
{
	uint8_t *p = buf;
	uint32_t x = seed * 2654435761u + 1;

	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (uint8_t)(x ^ i);
	}
}

bool mtl_mctp_available(void)
{
	int fd = socket(AF_MCTP, SOCK_DGRAM, 0);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* ---- /proc files of a namespace ---- */

/* Run in namespace @nsfd: enter it, remembering where we were. */
static int mtl_ns_push(int nsfd, int *orig)
{
	*orig = -1;
	if (nsfd < 0)
		return 0;
	*orig = mtl_netns_current();
	if (*orig < 0)
		return *orig;
	if (setns(nsfd, CLONE_NEWNET) < 0) {
		int err = -errno;

		close(*orig);
		return err;
	}
	return 0;
}

static void mtl_ns_pop(int orig)
{
	if (orig < 0)
		return;
	if (setns(orig, CLONE_NEWNET) < 0) {
		/* cannot get back: refuse to go on in the wrong netns */
		perror("setns back to original netns");
		abort();
	}
	close(orig);
}

ssize_t mtl_proc_read_ns(int nsfd, const char *path, char *buf, size_t len)
{
	ssize_t n = 0, rc;
	int orig, fd;

	rc = mtl_ns_push(nsfd, &orig);
	if (rc)
		return rc;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
	} else {
		while ((size_t)n + 1 < len) {
			rc = read(fd, buf + n, len - 1 - n);
			if (rc <= 0)
				break;
			n += rc;
		}
		rc = rc < 0 ? -errno : n;
		close(fd);
	}
	mtl_ns_pop(orig);
	if (len)
		buf[rc > 0 ? rc : 0] = '\0';
	return rc;
}

int mtl_proc_write_ns(int nsfd, const char *path, const char *val)
{
	size_t len = strlen(val);
	int orig, fd, rc;

	rc = mtl_ns_push(nsfd, &orig);
	if (rc)
		return rc;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
	} else {
		ssize_t w = write(fd, val, len);

		rc = w == (ssize_t)len ? 0 : w < 0 ? -errno : -EIO;
		close(fd);
	}
	mtl_ns_pop(orig);
	return rc;
}

int mtl_mctp_sysctl(int nsfd, const char *name, const char *val)
{
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/net/mctp/%s", name);
	return mtl_proc_write_ns(nsfd, path, val);
}

long long mtl_mctp_stat(int nsfd, const char *name)
{
	char buf[4096], *line, *save = NULL;
	size_t nlen = strlen(name);
	ssize_t rc;

	rc = mtl_proc_read_ns(nsfd, "/proc/net/mctp_stat", buf, sizeof(buf));
	if (rc < 0)
		return rc;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (!strncmp(line, name, nlen) && line[nlen] == ' ')
			return strtoll(line + nlen + 1, NULL, 10);
	return -ENOENT;
}
