// SPDX-License-Identifier: GPL-2.0
// MCTP configuration over rtnetlink (libnl-3): links, addresses, routes,
// neighbours and change notifications. Works with any kernel MCTP stack
// that speaks the Linux AF_MCTP netlink uAPI; route and neighbour change
// notifications come from this project's kernel stack only (a generic
// netlink family, see monitor()).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "mctpxx/error.hpp"

struct nl_sock;
struct nl_msg;
struct nlmsghdr;

namespace mctpxx::nl {

inline constexpr unsigned kArphrdMctp = 290;

struct Link {
	int ifindex = 0;
	std::string name;
	unsigned type = 0;	// ARPHRD_*
	bool up = false;	// administratively up
	bool running = false;	// operationally up
	unsigned mtu = 0, min_mtu = 0, max_mtu = 0;
	std::vector<std::uint8_t> hwaddr;
	std::optional<unsigned> net;		  // IFLA_MCTP_NET
	std::optional<std::uint8_t> phys_binding; // IFLA_MCTP_PHYS_BINDING
	// A binding's device (ARPHRD_MCTP).
	bool is_mctp() const { return type == kArphrdMctp; }
	// Any link the kernel keeps MCTP state for, so that it takes
	// addresses (and, but for lo, routes): a binding's device, the
	// loopback device, an ARPHRD_NONE device such as a tun. The kernel
	// reports IFLA_MCTP_NET for exactly those.
	bool has_mctp() const { return is_mctp() || net.has_value(); }
};

struct LinkChange {
	std::optional<bool> up;
	std::optional<unsigned> mtu;
	std::optional<unsigned> net;
};

struct AddrEntry {
	int ifindex = 0;
	std::uint8_t eid = 0;
	bool operator==(const AddrEntry &) const = default;
};

struct Gateway {
	unsigned net = 0;
	std::uint8_t eid = 0;
	bool operator==(const Gateway &) const = default;
};

struct RouteEntry {
	unsigned net = 0;	    // reported by the kernel; for gateways, theirs
	std::uint8_t eid = 0;	    // first EID
	std::uint8_t extent = 0;    // route covers eid .. eid + extent
	unsigned char type = 1;     // RTN_UNICAST (1) or RTN_LOCAL (2)
	int ifindex = 0;	    // direct routes
	std::optional<Gateway> gateway;
	unsigned mtu = 0;	    // 0: the device's MTU
	bool operator==(const RouteEntry &) const = default;
};

struct NeighEntry {
	int ifindex = 0;
	std::uint8_t eid = 0;
	std::vector<std::uint8_t> lladdr;
	// Learnt from received traffic (NUD_REACHABLE) rather than configured.
	bool learnt = false;
	bool operator==(const NeighEntry &) const = default;
};

struct Event {
	enum class Kind { NewLink, DelLink, NewAddr, DelAddr, NewRoute, DelRoute, NewNeigh, DelNeigh };
	Kind kind;
	std::variant<Link, AddrEntry, RouteEntry, NeighEntry> object;
};

class Netlink {
public:
	static Result<Netlink> open();

	Result<std::vector<Link>> links();
	Result<Link> link(std::string_view name);
	Status set_link(int ifindex, const LinkChange &change);

	Result<std::vector<AddrEntry>> addresses();
	Status add_address(const AddrEntry &a);
	Status del_address(const AddrEntry &a);

	Result<std::vector<RouteEntry>> routes();
	Status add_route(const RouteEntry &r);
	Status del_route(const RouteEntry &r);

	Result<std::vector<NeighEntry>> neighbours();
	Status add_neigh(const NeighEntry &n);
	Status del_neigh(const NeighEntry &n);

	// What monitor() follows.
	struct MonitorScope {
		bool links = true;
		bool addresses = true;
		bool routes = true;
		bool neighbours = true;
	};

	// Subscribes to the notifications @scope asks for and calls @fn for
	// each until it returns false or an error occurs. Links and addresses
	// come from rtnetlink (RTNLGRP_LINK, RTNLGRP_MCTP_IFADDR, as on any
	// kernel); routes and neighbours from the generic netlink family
	// MCTP_NOTIFY_GENL_NAME on a second socket, which only this project's
	// kernel stack has. Without it, @note is called once with a line
	// saying so and the rest is followed; if nothing would be left, that
	// is the error.
	Status monitor(const MonitorScope &scope, const std::function<bool(const Event &)> &fn,
		       const std::function<void(const std::string &)> &note = {});
	// Everything, without a note.
	Status monitor(const std::function<bool(const Event &)> &fn);

	// For an event loop: subscribes this socket to link notifications
	// only and makes it non-blocking. Use a socket of its own for this,
	// not one that also sends requests. Then, whenever fd() is readable,
	// read_events() calls @fn for each waiting notification; it resolves
	// to false when notifications were lost (the receive buffer overran),
	// so that the caller re-reads whatever state it follows.
	Status watch_links();
	int fd() const;
	Result<bool> read_events(const std::function<void(const Event &)> &fn);

private:
	using Parser = std::function<void(nlmsghdr *)>;
	struct SockFree {
		void operator()(nl_sock *s) const;
	};
	explicit Netlink(nl_sock *s) : sock_(s) {}
	Status transact(nl_msg *msg, const Parser &parse);
	Status dump(int type, const void *hdr, std::size_t hdrlen, const Parser &parse);

	std::unique_ptr<nl_sock, SockFree> sock_;
};

// Parsers shared by dumps and notifications (exposed for tests).
std::optional<Link> parse_link(nlmsghdr *nlh);
std::optional<AddrEntry> parse_addr(nlmsghdr *nlh);
std::optional<RouteEntry> parse_route(nlmsghdr *nlh);
std::optional<NeighEntry> parse_neigh(nlmsghdr *nlh);
// A message of the route and neighbour notification family (whose
// resolved id is @family) as an Event.
std::optional<Event> parse_notify(const nlmsghdr *nlh, int family);

} // namespace mctpxx::nl
