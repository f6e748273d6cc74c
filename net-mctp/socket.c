// SPDX-License-Identifier: GPL-2.0
/*
 * AF_MCTP sockets: socket(AF_MCTP, SOCK_DGRAM, 0), its calls (bind,
 * connect, sendmsg, recvmsg, ioctl, socket options) and their
 * registration. The bind table is bind.c's.
 *
 * Addressing, as the uAPI defines it: struct sockaddr_mctp names a network,
 * an EID, a message type and a tag. On sendmsg the tag says who owns it:
 * MCTP_TAG_OWNER asks the kernel to allocate a tag for a request (with
 * MCTP_TAG_PREALLOC: use one from SIOCMCTPALLOCTAG*), no MCTP_TAG_OWNER
 * sends a response with the given tag. recvmsg reports the tag of the
 * message received with MCTP_TAG_OWNER set when the sender owns it (a
 * request). The message type travels as the first byte of the message.
 *
 * bind() and connect() decide which socket receives incoming requests:
 *
 *   bind(type, net, eid): requests of that type sent to that local EID in
 *   that network. MCTP_NET_ANY and MCTP_ADDR_ANY are wildcards; a specific
 *   EID with MCTP_NET_ANY means the default network at bind() time. The
 *   integrity-check bit of the type is ignored.
 *
 *   connect(type, net, eid) before bind(): the socket will only receive
 *   requests from that peer (eid in net). connect() fixes the type, which
 *   bind() must repeat; bind() with MCTP_NET_ANY takes the peer's network,
 *   a different network fails. connect() neither sets a default
 *   destination nor limits sendmsg(): each sendmsg() still names its
 *   destination, and replies to the socket's own requests arrive by tag
 *   from whoever they were sent to. connect() after bind() fails.
 *
 *   When several binds accept a request, the most specific one wins, in
 *   this order: peer and local EID, peer, local EID, network, wildcard.
 *   Exactly equal binds are refused (EADDRINUSE).
 */
#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/compat.h>
#include <linux/hash.h>
#include <linux/hashtable.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/net.h>
#include <linux/rcupdate.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#include "mctp-core.h"

static bool mctp_sockaddr_ok(const struct sockaddr_mctp *addr)
{
	return !addr->__smctp_pad0 && !addr->__smctp_pad1;
}

static bool mctp_sockaddr_ext_ok(const struct sockaddr_mctp_ext *addr)
{
	return !addr->__smctp_pad0[0] && !addr->__smctp_pad0[1] &&
	       !addr->__smctp_pad0[2];
}

/* ---- bind, connect ---- */

/*
 * Resolve the bind's network against an earlier connect().
 * Locking: lock_sock held.
 */
static int mctp_bind_check_peer(struct mctp_sock *msk, u8 type,
				unsigned int *netp)
{
	if (!msk->bind_peer_set)
		return 0;
	if (type != msk->bind_type)
		return -EINVAL;
	if (*netp == MCTP_NET_ANY)
		*netp = msk->bind_peer_net;
	return *netp == msk->bind_peer_net ? 0 : -EINVAL;
}

/* Locking: takes lock_sock, then mn->bind_lock. */
static int mctp_bind(struct socket *sock, struct sockaddr *addr, int addrlen)
{
	struct sock *sk = sock->sk;
	struct mctp_sock *msk = mctp_sk(sk);
	struct sockaddr_mctp *smctp;
	unsigned int netid;
	mctp_eid_t eid;
	u8 type;
	int rc;

	if (addrlen < sizeof(*smctp))
		return -EINVAL;
	if (addr->sa_family != AF_MCTP)
		return -EAFNOSUPPORT;
	if (!capable(CAP_NET_BIND_SERVICE))
		return -EACCES;

	smctp = (struct sockaddr_mctp *)addr;
	if (!mctp_sockaddr_ok(smctp))
		return -EINVAL;

	eid = smctp->smctp_addr.s_addr;
	type = smctp->smctp_type & ~MCTP_TYPE_IC_BIT;
	netid = smctp->smctp_network;
	if (netid == MCTP_NET_ANY && eid != MCTP_ADDR_ANY)
		netid = mctp_default_net(sock_net(sk));

	lock_sock(sk);
	if (msk->bound) {
		rc = -EADDRINUSE;
		goto out;
	}
	rc = mctp_bind_check_peer(msk, type, &netid);
	if (rc)
		goto out;

	msk->bind_type = type;
	msk->bind_net = netid;
	msk->bind_addr = eid;
	rc = mctp_bind_insert(msk);
out:
	release_sock(sk);
	return rc;
}

/* Peer binding; see the comment at the top. Locking: takes lock_sock. */
static int mctp_connect(struct socket *sock, struct sockaddr *addr,
			int addrlen, int flags)
{
	struct sock *sk = sock->sk;
	struct mctp_sock *msk = mctp_sk(sk);
	struct sockaddr_mctp *smctp;
	int rc = 0;

	if (addrlen != sizeof(*smctp))
		return -EINVAL;
	if (addr->sa_family != AF_MCTP)
		return -EAFNOSUPPORT;

	smctp = (struct sockaddr_mctp *)addr;
	if (!mctp_sockaddr_ok(smctp))
		return -EINVAL;
	if (smctp->smctp_tag || (smctp->smctp_type & MCTP_TYPE_IC_BIT))
		return -EINVAL;

	lock_sock(sk);
	if (msk->bound || msk->bind_peer_set) {
		rc = -EADDRINUSE;
		goto out;
	}
	msk->bind_peer_set = true;
	msk->bind_peer_addr = smctp->smctp_addr.s_addr;
	msk->bind_type = smctp->smctp_type;
	msk->bind_peer_net = smctp->smctp_network ?:
			     mctp_default_net(sock_net(sk));
out:
	release_sock(sk);
	return rc;
}

/* ---- requests seen, for the source EID of responses ---- */

#define MCTP_REQ_VALID		BIT_ULL(63)

static u64 mctp_req_pack(unsigned int net, mctp_eid_t peer, u8 tag,
			 mctp_eid_t local)
{
	return MCTP_REQ_VALID | (u64)tag << 48 | (u64)local << 40 |
	       (u64)peer << 32 | net;
}

static atomic64_t *mctp_req_slot(struct mctp_sock *msk, mctp_eid_t peer,
				 u8 tag)
{
	/* every bit of the peer EID and the tag picks the slot */
	return &msk->req_seen[hash_32(peer << 3 | tag,
				      ilog2(MCTP_SK_REQ_SLOTS))];
}

/* recvmsg() of a request: remember the local EID it was sent to. */
static void mctp_req_note(struct mctp_sock *msk, struct sk_buff *skb)
{
	struct mctp_hdr *hdr = mctp_hdr(skb);
	u8 tag = hdr->flags_seq_tag & MCTP_HDR_TAG_MASK;

	if (!(hdr->flags_seq_tag & MCTP_HDR_FLAG_TO))
		return;
	atomic64_set(mctp_req_slot(msk, hdr->src, tag),
		     mctp_req_pack(mctp_cb(skb)->net, hdr->src, tag,
				   hdr->dest));
}

/* The unicast local EID a request from @peer with @tag went to, or NULL. */
static mctp_eid_t mctp_req_local(struct mctp_sock *msk, unsigned int net,
				 mctp_eid_t peer, u8 tag)
{
	const u64 local_mask = GENMASK_ULL(47, 40);
	u64 seen = atomic64_read(mctp_req_slot(msk, peer, tag));
	mctp_eid_t local;

	if ((seen & ~local_mask) != mctp_req_pack(net, peer, tag, 0))
		return MCTP_ADDR_NULL;
	local = (seen & local_mask) >> 40;
	return mctp_address_unicast(local) ? local : MCTP_ADDR_NULL;
}

/* ---- sendmsg ---- */

static int mctp_sendmsg_check_addr(const struct sockaddr_mctp *addr,
				   int addrlen)
{
	const u8 tagbits = MCTP_TAG_MASK | MCTP_TAG_OWNER | MCTP_TAG_PREALLOC;

	if (!addr)
		return -EDESTADDRREQ;
	if (addrlen < sizeof(*addr) || addr->smctp_family != AF_MCTP ||
	    !mctp_sockaddr_ok(addr))
		return -EINVAL;
	if (addr->smctp_tag & ~tagbits)
		return -EINVAL;
	/* only an owned tag can be preallocated */
	if ((addr->smctp_tag & MCTP_TAG_PREALLOC) &&
	    !(addr->smctp_tag & MCTP_TAG_OWNER))
		return -EINVAL;
	return 0;
}

/* Route to the destination, or straight to a physical address. */
static int mctp_sendmsg_dst(struct mctp_sock *msk, struct msghdr *msg,
			    unsigned int netid, mctp_eid_t daddr,
			    struct mctp_dst *dst, bool *extp)
{
	struct net *net = sock_net(&msk->sk);
	struct sockaddr_mctp_ext *ext;

	*extp = READ_ONCE(msk->addr_ext) &&
		msg->msg_namelen >= sizeof(struct sockaddr_mctp_ext);
	if (!*extp)
		return mctp_route_lookup(net, netid, daddr, dst);

	ext = (struct sockaddr_mctp_ext *)msg->msg_name;
	if (!mctp_sockaddr_ext_ok(ext) || ext->smctp_halen > MAX_ADDR_LEN)
		return -EINVAL;
	return mctp_dst_from_extaddr(net, ext->smctp_ifindex, ext->smctp_halen,
				     ext->smctp_haddr, dst);
}

/*
 * Source EID: the bound EID if the socket has a specific one; for a
 * response, the EID its request was sent to; else the outgoing device's
 * first EID. The first two only while they are local EIDs of the
 * destination's network: bind() accepts any EID (it filters what is
 * received), but nothing leaves with a source EID this host does not
 * hold; the device's own EID is used then, as upstream always does.
 */
static mctp_eid_t mctp_sendmsg_saddr(struct mctp_sock *msk,
				     struct mctp_dst *dst, mctp_eid_t daddr,
				     u8 req_tag)
{
	struct net *net = sock_net(&msk->sk);
	mctp_eid_t eid;

	/* pairs with the release in mctp_bind_insert() */
	if (smp_load_acquire(&msk->bound)) {
		eid = msk->bind_addr;
		if (mctp_address_unicast(eid) &&
		    mctp_route_is_local(net, dst->net, eid))
			return eid;
	}
	if (!(req_tag & MCTP_TAG_OWNER)) {
		eid = mctp_req_local(msk, dst->net, daddr,
				     req_tag & MCTP_TAG_MASK);
		if (eid != MCTP_ADDR_NULL &&
		    mctp_route_is_local(net, dst->net, eid))
			return eid;
	}
	return mctp_dev_saddr(dst->dev);
}

/*
 * Tag and key for the message: a new or preallocated owned tag for a
 * request, the caller's tag for a response (no key).
 */
static int mctp_sendmsg_tag(struct mctp_sock *msk, struct mctp_dst *dst,
			    mctp_eid_t saddr, mctp_eid_t daddr, u8 req_tag,
			    struct mctp_sk_key **keyp, u8 *tag_flagsp)
{
	struct mctp_sk_key *key;
	u8 tag = req_tag & MCTP_TAG_MASK;

	*keyp = NULL;
	if (!(req_tag & MCTP_TAG_OWNER)) {
		*tag_flagsp = tag;
		return 0;
	}

	if (req_tag & MCTP_TAG_PREALLOC)
		key = mctp_lookup_prealloc_tag(msk, dst->net, daddr, tag);
	else
		key = mctp_alloc_local_tag(msk, dst->net, saddr, daddr, false,
					   &tag);
	if (IS_ERR(key))
		return PTR_ERR(key);

	*keyp = key;
	*tag_flagsp = tag | MCTP_TAG_OWNER;
	return 0;
}

/* The type byte followed by the payload, with the link's headroom. */
static struct sk_buff *mctp_sendmsg_skb(struct sock *sk, struct msghdr *msg,
					size_t len, u8 type,
					struct mctp_dev *mdev, int *errp)
{
	unsigned int headroom = mctp_msg_headroom(mdev);
	struct sk_buff *skb;
	int rc;

	skb = sock_alloc_send_skb(sk, headroom + 1 + len,
				  msg->msg_flags & MSG_DONTWAIT, errp);
	if (!skb)
		return NULL;

	skb_reserve(skb, headroom);
	*(u8 *)skb_put(skb, 1) = type;
	rc = memcpy_from_msg(skb_put(skb, len), msg, len);
	if (rc) {
		kfree_skb(skb);
		*errp = rc;
		return NULL;
	}
	return skb;
}

static int mctp_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	DECLARE_SOCKADDR(struct sockaddr_mctp *, addr, msg->msg_name);
	struct sock *sk = sock->sk;
	struct mctp_sock *msk = mctp_sk(sk);
	struct mctp_sk_key *key;
	mctp_eid_t saddr, daddr;
	struct mctp_dst dst;
	struct sk_buff *skb;
	unsigned int netid;
	u8 tag_flags;
	bool ext;
	int rc;

	rc = mctp_sendmsg_check_addr(addr, msg->msg_namelen);
	if (rc)
		return rc;
	if (!capable(CAP_NET_RAW))
		return -EACCES;
	if (len > MCTP_MSG_MAXLEN - 1)
		return -EMSGSIZE;

	netid = addr->smctp_network ?: mctp_default_net(sock_net(sk));
	daddr = addr->smctp_addr.s_addr;

	rc = mctp_sendmsg_dst(msk, msg, netid, daddr, &dst, &ext);
	if (rc)
		return rc;

	/* Without an EID of our own, only physically addressed messages
	 * may go out, from the null EID (endpoints not yet assigned one).
	 */
	saddr = mctp_sendmsg_saddr(msk, &dst, daddr, addr->smctp_tag);
	if (saddr == MCTP_ADDR_NULL && !ext) {
		rc = -EHOSTUNREACH;
		goto out_dst;
	}

	skb = mctp_sendmsg_skb(sk, msg, len, addr->smctp_type, dst.dev, &rc);
	if (!skb)
		goto out_dst;

	rc = mctp_sendmsg_tag(msk, &dst, saddr, daddr, addr->smctp_tag, &key,
			      &tag_flags);
	if (rc) {
		kfree_skb(skb);
		goto out_dst;
	}

	rc = mctp_local_output(sk, &dst, skb, saddr, daddr, tag_flags, key);
	if (key) {
		/* a request that did not go out frees its tag */
		if (rc < 0)
			mctp_key_done(sock_net(sk), key);
		mctp_key_unref(key);
	}

out_dst:
	mctp_dst_release(&dst);
	return rc < 0 ? rc : len;
}

/* ---- recvmsg ---- */

static void mctp_recvmsg_name(struct mctp_sock *msk, struct msghdr *msg,
			      struct sk_buff *skb, u8 type)
{
	DECLARE_SOCKADDR(struct sockaddr_mctp_ext *, ae, msg->msg_name);
	struct sockaddr_mctp *addr = &ae->smctp_base;
	struct mctp_skb_cb *cb = mctp_cb(skb);
	struct mctp_hdr *hdr = mctp_hdr(skb);

	addr->smctp_family = AF_MCTP;
	addr->__smctp_pad0 = 0;
	addr->smctp_network = cb->net;
	addr->smctp_addr.s_addr = hdr->src;
	addr->smctp_type = type;
	addr->smctp_tag = hdr->flags_seq_tag &
			  (MCTP_HDR_TAG_MASK | MCTP_HDR_FLAG_TO);
	addr->__smctp_pad1 = 0;
	msg->msg_namelen = sizeof(*addr);

	if (!READ_ONCE(msk->addr_ext))
		return;

	/* msg_name is the kernel's sockaddr_storage; the copy to the user
	 * is cut to the length they gave, msg_namelen reports the full one.
	 */
	ae->smctp_ifindex = cb->ifindex;
	ae->smctp_halen = cb->halen;
	memset(ae->__smctp_pad0, 0, sizeof(ae->__smctp_pad0));
	memset(ae->smctp_haddr, 0, sizeof(ae->smctp_haddr));
	memcpy(ae->smctp_haddr, cb->haddr,
	       min_t(u8, cb->halen, MCTP_CB_HADDR_LEN));
	msg->msg_namelen = sizeof(*ae);
}

static int mctp_recvmsg(struct socket *sock, struct msghdr *msg, size_t len,
			int flags)
{
	struct sock *sk = sock->sk;
	struct mctp_sock *msk = mctp_sk(sk);
	struct sk_buff *skb;
	size_t msglen;
	u8 type;
	int rc;

	if (flags & ~(MSG_DONTWAIT | MSG_TRUNC | MSG_PEEK | MSG_CMSG_COMPAT))
		return -EOPNOTSUPP;

	skb = skb_recv_datagram(sk, flags, &rc);
	if (!skb)
		return rc;

	if (!skb->len) {
		rc = 0;
		goto out_free;
	}

	rc = skb_copy_bits(skb, 0, &type, 1);
	if (rc)
		goto out_free;
	msglen = skb->len - 1;

	if (len < msglen)
		msg->msg_flags |= MSG_TRUNC;
	else
		len = msglen;

	rc = skb_copy_datagram_msg(skb, 1, msg, len);
	if (rc < 0)
		goto out_free;

	sock_recv_cmsgs(msg, sk, skb);

	if (msg->msg_name)
		mctp_recvmsg_name(msk, msg, skb, type);
	mctp_req_note(msk, skb);

	rc = (flags & MSG_TRUNC) ? msglen : len;

out_free:
	skb_free_datagram(sk, skb);
	return rc;
}

/* ---- socket options ---- */

static int mctp_setsockopt(struct socket *sock, int level, int optname,
			   sockptr_t optval, unsigned int optlen)
{
	struct mctp_sock *msk = mctp_sk(sock->sk);
	int val;

	if (level != SOL_MCTP)
		return -EINVAL;
	if (optname != MCTP_OPT_ADDR_EXT)
		return -ENOPROTOOPT;

	if (optlen != sizeof(int))
		return -EINVAL;
	if (copy_from_sockptr(&val, optval, sizeof(int)))
		return -EFAULT;
	WRITE_ONCE(msk->addr_ext, !!val);
	return 0;
}

static int mctp_getsockopt(struct socket *sock, int level, int optname,
			   char __user *optval, int __user *optlen)
{
	struct mctp_sock *msk = mctp_sk(sock->sk);
	int len, val;

	if (level != SOL_MCTP)
		return -EINVAL;
	if (get_user(len, optlen))
		return -EFAULT;
	if (optname != MCTP_OPT_ADDR_EXT)
		return -ENOPROTOOPT;

	if (len != sizeof(int))
		return -EINVAL;
	val = READ_ONCE(msk->addr_ext);
	if (copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

/* ---- tag ioctls ---- */

/*
 * Read either layout into a mctp_ioc_tag_ctl2. The old layout means the
 * initial default network and any local EID.
 */
static int mctp_ioctl_tag_get(unsigned long arg, struct mctp_ioc_tag_ctl2 *ctl,
			      bool v2)
{
	void __user *uarg = (void __user *)arg;
	struct mctp_ioc_tag_ctl old;

	if (v2) {
		if (copy_from_user(ctl, uarg, sizeof(*ctl)))
			return -EFAULT;
	} else {
		if (copy_from_user(&old, uarg, sizeof(old)))
			return -EFAULT;
		memset(ctl, 0, sizeof(*ctl));
		ctl->net = MCTP_INITIAL_DEFAULT_NET;
		ctl->peer_addr = old.peer_addr;
		ctl->local_addr = MCTP_ADDR_ANY;
		ctl->flags = old.flags;
		ctl->tag = old.tag;
	}

	if (ctl->flags)
		return -EINVAL;
	if (ctl->local_addr != MCTP_ADDR_ANY &&
	    ctl->local_addr != MCTP_ADDR_NULL)
		return -EINVAL;
	return 0;
}

static int mctp_ioctl_tag_put(unsigned long arg,
			      const struct mctp_ioc_tag_ctl2 *ctl, bool v2)
{
	void __user *uarg = (void __user *)arg;
	struct mctp_ioc_tag_ctl old;

	if (v2)
		return copy_to_user(uarg, ctl, sizeof(*ctl)) ? -EFAULT : 0;

	memset(&old, 0, sizeof(old));
	old.peer_addr = ctl->peer_addr;
	old.tag = ctl->tag;
	old.flags = ctl->flags;
	return copy_to_user(uarg, &old, sizeof(old)) ? -EFAULT : 0;
}

static unsigned int mctp_ioctl_net(struct mctp_sock *msk,
				   const struct mctp_ioc_tag_ctl2 *ctl)
{
	return ctl->net ?: mctp_default_net(sock_net(&msk->sk));
}

static int mctp_ioctl_alloctag(struct mctp_sock *msk, bool v2,
			       unsigned long arg)
{
	struct mctp_ioc_tag_ctl2 ctl;
	struct mctp_sk_key *key;
	unsigned int netid;
	u8 tag;
	int rc;

	/* a tag is only of use to a sender (sendmsg needs CAP_NET_RAW);
	 * refusing others keeps unprivileged users from holding keys
	 */
	if (!capable(CAP_NET_RAW))
		return -EACCES;

	rc = mctp_ioctl_tag_get(arg, &ctl, v2);
	if (rc)
		return rc;
	if (ctl.tag)
		return -EINVAL;

	netid = mctp_ioctl_net(msk, &ctl);
	key = mctp_alloc_local_tag(msk, netid, MCTP_ADDR_ANY, ctl.peer_addr,
				   true, &tag);
	if (IS_ERR(key))
		return PTR_ERR(key);

	ctl.tag = tag | MCTP_TAG_OWNER | MCTP_TAG_PREALLOC;
	rc = mctp_ioctl_tag_put(arg, &ctl, v2);
	if (rc)
		mctp_drop_prealloc_tag(msk, netid, key->peer_addr, tag);
	mctp_key_unref(key);
	return rc;
}

static int mctp_ioctl_droptag(struct mctp_sock *msk, bool v2,
			      unsigned long arg)
{
	struct mctp_ioc_tag_ctl2 ctl;
	int rc;

	rc = mctp_ioctl_tag_get(arg, &ctl, v2);
	if (rc)
		return rc;

	/* an owned, preallocated tag from SIOCMCTPALLOCTAG* */
	if ((ctl.tag & ~MCTP_TAG_MASK) != (MCTP_TAG_OWNER | MCTP_TAG_PREALLOC))
		return -EINVAL;

	return mctp_drop_prealloc_tag(msk, mctp_ioctl_net(msk, &ctl),
				      ctl.peer_addr, ctl.tag & MCTP_TAG_MASK);
}

static int mctp_ioctl(struct socket *sock, unsigned int cmd,
		      unsigned long arg)
{
	struct mctp_sock *msk = mctp_sk(sock->sk);

	switch (cmd) {
	case SIOCMCTPALLOCTAG:
		return mctp_ioctl_alloctag(msk, false, arg);
	case SIOCMCTPALLOCTAG2:
		return mctp_ioctl_alloctag(msk, true, arg);
	case SIOCMCTPDROPTAG:
		return mctp_ioctl_droptag(msk, false, arg);
	case SIOCMCTPDROPTAG2:
		return mctp_ioctl_droptag(msk, true, arg);
	}
	return -EINVAL;
}

#ifdef CONFIG_COMPAT
/* Both tag control layouts are the same for 32-bit callers. */
static int mctp_compat_ioctl(struct socket *sock, unsigned int cmd,
			     unsigned long arg)
{
	switch (cmd) {
	case SIOCMCTPALLOCTAG:
	case SIOCMCTPDROPTAG:
	case SIOCMCTPALLOCTAG2:
	case SIOCMCTPDROPTAG2:
		return mctp_ioctl(sock, cmd, (unsigned long)compat_ptr(arg));
	}
	return -ENOIOCTLCMD;
}
#endif

/* ---- socket lifetime ---- */

static int mctp_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (sk) {
		sock->sk = NULL;
		sk->sk_prot->close(sk, 0);
	}
	return 0;
}

static const struct proto_ops mctp_dgram_ops = {
	.family		= PF_MCTP,
	.owner		= THIS_MODULE,
	.release	= mctp_release,
	.bind		= mctp_bind,
	.connect	= mctp_connect,
	.socketpair	= sock_no_socketpair,
	.accept		= sock_no_accept,
	.getname	= sock_no_getname,
	.poll		= datagram_poll,
	.ioctl		= mctp_ioctl,
	.gettstamp	= sock_gettstamp,
	.listen		= sock_no_listen,
	.shutdown	= sock_no_shutdown,
	.setsockopt	= mctp_setsockopt,
	.getsockopt	= mctp_getsockopt,
	.sendmsg	= mctp_sendmsg,
	.recvmsg	= mctp_recvmsg,
	.mmap		= sock_no_mmap,
#ifdef CONFIG_COMPAT
	.compat_ioctl	= mctp_compat_ioctl,
#endif
};

static int mctp_sk_init(struct sock *sk)
{
	struct mctp_sock *msk = mctp_sk(sk);

	mctp_sk_expiry_init(msk);
	/* bind lookups and key holders run under RCU: free after a grace
	 * period
	 */
	sock_set_flag(sk, SOCK_RCU_FREE);
	return 0;
}

/* Called once, by sk_common_release(): unbind, then end all keys. */
static void mctp_sk_unhash(struct sock *sk)
{
	struct mctp_sock *msk = mctp_sk(sk);

	mctp_bind_remove(msk);
	mctp_sk_keys_release(msk);
}

static void mctp_sk_close(struct sock *sk, long timeout)
{
	sk_common_release(sk);
}

static void mctp_sk_destruct(struct sock *sk)
{
	skb_queue_purge(&sk->sk_receive_queue);
}

static struct proto mctp_proto = {
	.name		= "MCTP",
	.owner		= THIS_MODULE,
	.obj_size	= sizeof(struct mctp_sock),
	.init		= mctp_sk_init,
	.close		= mctp_sk_close,
	.unhash		= mctp_sk_unhash,
};

/* Set once every part of the module is up: sockets are refused before. */
static bool mctp_ready;

static int mctp_pf_create(struct net *net, struct socket *sock, int protocol,
			  int kern)
{
	struct sock *sk;
	int rc;

	/* pairs with the release at the end of mctp_init() */
	if (!smp_load_acquire(&mctp_ready))
		return -EAFNOSUPPORT;
	if (protocol)
		return -EPROTONOSUPPORT;
	if (sock->type != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;

	sock->state = SS_UNCONNECTED;
	sock->ops = &mctp_dgram_ops;

	sk = sk_alloc(net, PF_MCTP, GFP_KERNEL, &mctp_proto, kern);
	if (!sk)
		return -ENOMEM;

	sock_init_data(sock, sk);
	sk->sk_destruct = mctp_sk_destruct;

	rc = sk->sk_prot->init(sk);
	if (rc) {
		sock_orphan(sk);
		sock_put(sk);
	}
	return rc;
}

static const struct net_proto_family mctp_pf = {
	.family	= PF_MCTP,
	.create	= mctp_pf_create,
	.owner	= THIS_MODULE,
};

/* ---- registration (main.c) ---- */

/* The AF_MCTP protocol and family; -EEXIST when the family is taken. */
int mctp_socket_register(void)
{
	int rc;

	rc = proto_register(&mctp_proto, 0);
	if (rc)
		return rc;
	rc = sock_register(&mctp_pf);
	if (rc)
		proto_unregister(&mctp_proto);
	return rc;
}

/* From now on sockets may be created: everything they use is set up. */
void mctp_socket_open(void)
{
	smp_store_release(&mctp_ready, true);
}

void mctp_socket_unregister(void)
{
	sock_unregister(PF_MCTP);
	proto_unregister(&mctp_proto);
}
