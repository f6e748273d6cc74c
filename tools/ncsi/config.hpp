// SPDX-License-Identifier: GPL-2.0
// mctp-ncsid configuration (TOML, /etc/mctp/ncsid.toml by default; a
// missing file means the defaults). Format: tools/ncsi/README.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "endpoints/selection.hpp"
#include "mctpxx/error.hpp"

namespace mctpxx::ncsid {

inline constexpr const char *kDefaultConfigFile = "/etc/mctp/ncsid.toml";

// A network controller to manage, by UUID or by (network, EID), named.
using ControllerRule = endpoints::Rule;

struct Config {
	// Get Link Status of every channel: the fallback when an AEN is lost
	std::chrono::seconds poll_interval{10};
	// one attempt's wait for a response; DSP0222 gives a controller
	// 50 ms, SMBus and a mux add to it
	std::chrono::milliseconds request_timeout{500};
	unsigned retries = 2;		  // attempts after the first
	unsigned packages = 8;		  // package IDs 0 .. packages-1 are looked for
	unsigned absent_after = 3;	  // missed polls before a silent controller is absent
	bool aens = true;		  // enable AENs (else only polls)
	bool all_controllers = true;	  // every NC-SI endpoint, unless [[controller]] given
	std::vector<ControllerRule> controllers;
};

// The configuration in @file; errors are "FILE:LINE: reason" naming the key.
Result<Config> load_config(const std::string &file);
// The same from text (unit tests).
Result<Config> parse_config(const std::string &text, const std::string &file);

} // namespace mctpxx::ncsid
