// SPDX-License-Identifier: GPL-2.0
// Human and JSON views of MCTP objects. JSON field names are stable and
// documented in mctp-ctl/README.md.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "mctpxx/netlink.hpp"

namespace mctpxx::ctl {

// Names and networks of links, to print routes and neighbours by device.
struct LinkIndex {
	std::map<int, nl::Link> by_ifindex;
	std::string name(int ifindex) const;
	unsigned net(int ifindex) const; // 0 when unknown
};

std::string binding_name(std::uint8_t binding);
std::string hex_bytes(const std::vector<std::uint8_t> &b);

nlohmann::json to_json(const nl::Link &l);
nlohmann::json to_json(const nl::AddrEntry &a, const LinkIndex &links);
nlohmann::json to_json(const nl::RouteEntry &r, const LinkIndex &links);
nlohmann::json to_json(const nl::NeighEntry &n, const LinkIndex &links);

std::string to_text(const nl::Link &l, bool details);
std::string to_text(const nl::AddrEntry &a, const LinkIndex &links);
std::string to_text(const nl::RouteEntry &r, const LinkIndex &links);
std::string to_text(const nl::NeighEntry &n, const LinkIndex &links);

} // namespace mctpxx::ctl
