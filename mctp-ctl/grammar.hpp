// SPDX-License-Identifier: GPL-2.0
// mctp-ctl's object grammar: `OBJECT COMMAND [ARGS]` after the global
// options (cli.hpp), words matched by first-in-order prefix as in iproute2.
// Parsing is pure (no system access) so it can be unit tested.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "mctpxx/error.hpp"

namespace mctpxx::ctl {

struct Options {
	bool json = false;
	bool details = false;
	bool dry_run = false;
	// -n NETNS: a name under /run/netns (as `ip -n`), or a path
	std::optional<std::string> netns;
};

// The help text of one level ("": the options and objects, "link", ...).
struct Help {
	std::string topic;
};
struct Version {
	std::string text;
};

struct LinkShow {
	std::optional<std::string> dev;
};
struct LinkSet {
	std::string dev;
	std::optional<bool> up;
	std::optional<unsigned> mtu;
	std::optional<unsigned> net;
};
struct AddrShow {
	std::optional<std::string> dev;
};
struct AddrChange {
	bool add = true;
	std::uint8_t eid = 0;
	std::string dev;
};
struct RouteShow {
	std::optional<unsigned> net;
};
struct RouteChange {
	bool add = true;
	std::uint8_t eid = 0;
	std::uint8_t extent = 0;
	std::optional<std::string> dev;	     // "via DEV"
	std::optional<std::uint8_t> gw_eid;  // "gw EID"
	std::optional<unsigned> gw_net;	     // "net N" with gw
	std::optional<unsigned> mtu;
};
struct NeighShow {
	std::optional<std::string> dev;
};
struct NeighChange {
	bool add = true;
	std::uint8_t eid = 0;
	std::string dev;
	std::vector<std::uint8_t> lladdr;
};
struct Apply {
	std::string file;
	bool dry_run = false;
	unsigned wait_s = 0;
};
struct Monitor {
	bool links = true, addresses = true, routes = true, neighbours = true;
};
using Command = std::variant<Help, Version, LinkShow, LinkSet, AddrShow, AddrChange, RouteShow,
			     RouteChange, NeighShow, NeighChange, Monitor, Apply>;

struct Parsed {
	Options options;
	Command command;
};

// Parses the words from OBJECT on. Errors name the bad word.
Result<Command> parse_command(std::span<const std::string> words, const Options &options);

// Index of the first keyword that @word is a prefix of, in order.
std::optional<std::size_t> match_keyword(std::string_view word,
					 std::span<const std::string_view> keywords);

// "10" or "10-20" (inclusive range) -> first EID and extent.
Result<std::pair<std::uint8_t, std::uint8_t>> parse_eid_range(std::string_view text);
// "0x1d", "1d", "1d:2e" -> bytes.
Result<std::vector<std::uint8_t>> parse_lladdr(std::string_view text);

// The usage of one object's commands.
std::string help_text(std::string_view topic);

// The objects, in matching order.
inline constexpr std::string_view kObjects[] = {"link", "address", "route", "neigh",
						"monitor", "apply", "help"};

} // namespace mctpxx::ctl
