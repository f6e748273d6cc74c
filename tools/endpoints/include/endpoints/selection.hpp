// SPDX-License-Identifier: GPL-2.0
// Which of the control daemon's endpoints an application daemon manages,
// and the name of each one's objects: every endpoint of its message type
// (the default), or only those its configuration lists ([[drive]],
// [[terminus]]), each by UUID or by (network, EID), optionally named.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "endpoints/endpoint_watch.hpp"

namespace mctpxx::endpoints {

struct Rule {
	std::optional<std::string> uuid;
	std::optional<unsigned> net;	// with eid; none: any network
	std::optional<std::uint8_t> eid;
	std::string name;		// empty: the default name
};

// One [[TABLE]] entry (keys uuid, net, eid, name) of a configuration; a bad
// one throws toml_check::ConfigError naming its line, the key and, with
// @noun ("drive", "terminus"), what it describes.
Rule parse_rule(const toml::table &t, std::string_view table, std::string_view noun);

// Letters, digits and _, 1 to 64 of them: an object name's last element.
bool valid_object_name(std::string_view s);

// The name of @ep's objects: its rule's name, or PREFIX_NET_EID; nullopt
// when @all is false and no rule names @ep. UUIDs compare without case.
std::optional<std::string> select(const Endpoint &ep, bool all, const std::vector<Rule> &rules,
				  std::string_view prefix);

} // namespace mctpxx::endpoints
