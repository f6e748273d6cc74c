// SPDX-License-Identifier: GPL-2.0
// The declarative MCTP configuration (TOML), as applied at boot by
// `mctp-ctl apply`. Format: mctp-ctl/README.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mctpxx/error.hpp"
#include "mctpxx/netlink.hpp"

namespace mctpxx::ctl {

// Where a setting came from, for messages: "file:line".
struct Origin {
	std::string file;
	int line = 0;
	std::string str() const { return file + ":" + std::to_string(line); }
};

struct SmbusBinding {
	unsigned bus = 0;		// i2c adapter number (i2c-N)
	std::uint8_t address = 0;	// our own 7-bit slave address
	Origin origin;
};

struct LinkConfig {
	std::string name;
	std::optional<bool> up;
	std::optional<unsigned> mtu;
	std::optional<unsigned> net;
	std::optional<std::vector<std::uint8_t>> addresses; // absent: leave alone
	Origin origin;
};

struct RouteConfig {
	std::uint8_t eid = 0;
	std::uint8_t extent = 0;
	std::optional<std::string> dev;
	std::optional<nl::Gateway> gateway;
	unsigned mtu = 0;
	Origin origin;
};

struct NeighConfig {
	std::uint8_t eid = 0;
	std::string dev;
	std::vector<std::uint8_t> lladdr;
	Origin origin;
};

struct Config {
	std::vector<SmbusBinding> smbus;
	std::map<std::string, LinkConfig> links;
	std::vector<RouteConfig> routes;
	std::vector<NeighConfig> neighs;
};

// Parses one TOML document into @into (later documents add to and
// override earlier ones). Errors read "FILE:LINE: reason".
Status parse_config(std::string_view text, const std::string &file, Config &into);

// Loads @file and then every *.toml in @dropin_dir (sorted by name), if
// that directory exists. Nothing is returned unless every file is valid.
Result<Config> load_config(const std::string &file, const std::string &dropin_dir);

// The drop-in directory that goes with a main file: FILE without its
// extension, plus ".d" (/etc/mctp/mctp.toml -> /etc/mctp/mctp.d).
std::string dropin_dir_for(const std::string &file);

} // namespace mctpxx::ctl
