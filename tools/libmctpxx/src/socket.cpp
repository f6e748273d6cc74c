// SPDX-License-Identifier: GPL-2.0
#include "mctpxx/socket.hpp"

#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

#include <linux/mctp.h>

#include <linux/mctp-ext.h>

namespace mctpxx {
namespace {

sockaddr_mctp to_sockaddr(unsigned net, std::uint8_t eid, std::uint8_t type, std::uint8_t tag)
{
	sockaddr_mctp a{};
	a.smctp_family = AF_MCTP;
	a.smctp_network = net;
	a.smctp_addr.s_addr = eid;
	a.smctp_type = type;
	a.smctp_tag = tag;
	return a;
}

Address from_sockaddr(const sockaddr_mctp_ext &a, bool ext)
{
	Address out;
	out.net = a.smctp_base.smctp_network;
	out.eid = a.smctp_base.smctp_addr.s_addr;
	out.type = a.smctp_base.smctp_type;
	out.tag = a.smctp_base.smctp_tag;
	if (ext) {
		const auto len = std::min<std::size_t>(a.smctp_halen, sizeof(a.smctp_haddr));
		out.ext = ExtAddress{a.smctp_ifindex,
				     std::vector<std::uint8_t>(a.smctp_haddr, a.smctp_haddr + len)};
	}
	return out;
}

// Milliseconds left until @deadline, for poll(); never negative.
int millis_until(Deadline deadline)
{
	auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
	return static_cast<int>(std::max<long long>(0, left.count()));
}

} // namespace

Result<Socket> Socket::open()
{
	int fd = ::socket(AF_MCTP, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return fail(Error::last("socket(AF_MCTP)"));
	return Socket(Fd(fd));
}

Status Socket::bind(unsigned net, std::uint8_t eid, std::uint8_t type)
{
	auto a = to_sockaddr(net, eid, type, 0);
	if (::bind(fd(), reinterpret_cast<sockaddr *>(&a), sizeof(a)) < 0)
		return fail(Error::last("bind(net " + std::to_string(net) + ", eid " +
					std::to_string(eid) + ", type " + std::to_string(type) + ")"));
	return {};
}

Status Socket::connect(unsigned net, std::uint8_t eid)
{
	auto a = to_sockaddr(net, eid, 0, 0);
	if (::connect(fd(), reinterpret_cast<sockaddr *>(&a), sizeof(a)) < 0)
		return fail(Error::last("connect(net " + std::to_string(net) + ", eid " +
					std::to_string(eid) + ")"));
	return {};
}

Status Socket::set_ext_addressing(bool on)
{
	int val = on ? 1 : 0;
	if (::setsockopt(fd(), SOL_MCTP, MCTP_OPT_ADDR_EXT, &val, sizeof(val)) < 0)
		return fail(Error::last("setsockopt(MCTP_OPT_ADDR_EXT)"));
	ext_ = on;
	return {};
}

Status Socket::send(const Address &to, std::span<const std::uint8_t> data)
{
	sockaddr_mctp_ext a{};
	a.smctp_base = to_sockaddr(to.net, to.eid, to.type, to.tag);
	socklen_t len = sizeof(a.smctp_base);
	if (to.ext) {
		if (to.ext->haddr.size() > sizeof(a.smctp_haddr))
			return fail(Error::msg("physical address longer than " +
					       std::to_string(sizeof(a.smctp_haddr)) + " bytes"));
		a.smctp_ifindex = to.ext->ifindex;
		a.smctp_halen = static_cast<std::uint8_t>(to.ext->haddr.size());
		std::copy(to.ext->haddr.begin(), to.ext->haddr.end(), a.smctp_haddr);
		len = sizeof(a);
	}
	ssize_t rc = ::sendto(fd(), data.data(), data.size(), 0,
			      reinterpret_cast<sockaddr *>(&a), len);
	if (rc < 0)
		return fail(Error::last("send to eid " + std::to_string(to.eid)));
	return {};
}

Result<Message> Socket::receive(Deadline deadline)
{
	// With no deadline, a blocking receive alone (one system call, not
	// poll and receive); poll again only if the socket turns out to be
	// non-blocking.
	bool must_poll = deadline != Deadline::max();
	for (;;) {
		if (must_poll) {
			pollfd p{fd(), POLLIN, 0};
			int n = ::poll(&p, 1, millis_until(deadline));
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				return fail(Error::last("poll"));
			if (n == 0)
				return fail(Error::sys(ETIMEDOUT, "receive"));
		}

		if (!rxbuf_)
			rxbuf_.reset(new std::uint8_t[kMaxMessage]);
		sockaddr_mctp_ext a{};
		socklen_t alen = sizeof(a);
		ssize_t rc = ::recvfrom(fd(), rxbuf_.get(), kMaxMessage,
					(must_poll ? MSG_DONTWAIT : 0) | MSG_TRUNC,
					reinterpret_cast<sockaddr *>(&a), &alen);
		if (rc < 0 && errno == EAGAIN)
			must_poll = true;
		if (rc < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (rc < 0)
			return fail(Error::last("recvfrom"));
		Message m;
		m.truncated = static_cast<std::size_t>(rc) > kMaxMessage;
		m.data.assign(rxbuf_.get(), rxbuf_.get() + std::min<std::size_t>(rc, kMaxMessage));
		m.from = from_sockaddr(a, ext_ && alen >= sizeof(a));
		return m;
	}
}

namespace {

// The network a tag ioctl names. Linux keeps a tag allocated for
// MCTP_NET_ANY under that literal value, and no send (which resolves
// MCTP_NET_ANY to the default network) ever matches it; the default network
// is always the initial one (the kernel's MCTP_INITIAL_DEFAULT_NET), so that
// is what "any" means here.
constexpr unsigned kInitialDefaultNet = 1;

unsigned tag_net(unsigned net)
{
	return net == kNetAny ? kInitialDefaultNet : net;
}

} // namespace

Result<std::uint8_t> Socket::alloc_tag(unsigned net, std::uint8_t peer)
{
	mctp_ioc_tag_ctl2 ctl{};
	ctl.net = tag_net(net);
	ctl.peer_addr = peer;
	ctl.local_addr = kEidAny;
	if (::ioctl(fd(), SIOCMCTPALLOCTAG2, &ctl) < 0)
		return fail(Error::last("allocate tag for eid " + std::to_string(peer)));
	return ctl.tag;
}

Status Socket::drop_tag(unsigned net, std::uint8_t peer, std::uint8_t tag)
{
	mctp_ioc_tag_ctl2 ctl{};
	ctl.net = tag_net(net);
	ctl.peer_addr = peer;
	ctl.local_addr = kEidAny;
	ctl.tag = tag;
	if (::ioctl(fd(), SIOCMCTPDROPTAG2, &ctl) < 0)
		return fail(Error::last("drop tag for eid " + std::to_string(peer)));
	return {};
}

Result<TagGuard> TagGuard::alloc(Socket &sock, unsigned net, std::uint8_t peer)
{
	auto tag = sock.alloc_tag(net, peer);
	if (!tag)
		return fail(tag.error());
	return TagGuard(sock, net, peer, *tag);
}

TagGuard::TagGuard(TagGuard &&o) noexcept
	: sock_(std::exchange(o.sock_, nullptr)), net_(o.net_), peer_(o.peer_), tag_(o.tag_)
{
}

TagGuard::~TagGuard()
{
	if (sock_)
		(void)sock_->drop_tag(net_, peer_, tag_);
}

} // namespace mctpxx
