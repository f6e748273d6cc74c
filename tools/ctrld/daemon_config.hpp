// SPDX-License-Identifier: GPL-2.0
// mctp-ctrld configuration (TOML, /etc/mctp/ctrld.toml by default). Format
// and defaults: tools/ctrld/README.md and tools/config/ctrld.toml.example.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mctpxx/error.hpp"
#include "mctpxx/uuid.hpp"

namespace mctpxx::ctrld {

inline constexpr const char *kDefaultConfigFile = "/etc/mctp/ctrld.toml";

// Where a setting came from, for messages: "file:line".
struct Origin {
	std::string file;
	int line = 0;
	std::string str() const { return file + ":" + std::to_string(line); }
};

struct EidRange {
	std::uint8_t first = 0, last = 0;
	bool contains(std::uint8_t e) const { return e >= first && e <= last; }
	bool operator==(const EidRange &) const = default;
};

struct NetworkConfig {
	unsigned net = 1;
	std::vector<EidRange> pool;		// dynamic EIDs for endpoints
	std::optional<std::uint8_t> own_eid;	// given to managed links lacking one
	Origin origin;
};

// Which SMBus addresses may be probed, on which links.
struct ProbeRule {
	std::optional<std::string> link;	// netdev name, shell glob allowed
	std::optional<unsigned> bus;		// i2c bus number
	bool mux_channels = true;		// with bus: its mux channels too
	std::vector<std::uint8_t> addresses;	// 7-bit addresses
	bool host_powered = false;
	Origin origin;
};

struct Timing {
	std::chrono::milliseconds request_timeout{250};
	unsigned retries = 2;			// extra attempts after a timeout
	std::chrono::seconds rescan_interval{60}; // 0: no periodic rescan
	std::chrono::seconds poll_interval{10};	// 0: no liveness polling
	unsigned degraded_after = 1;		// failed polls before Degraded
	unsigned remove_after = 3;		// failed polls before removal
	std::chrono::milliseconds host_debounce{5000};
};

// The D-Bus property that says whether the host is powered.
struct HostSource {
	std::string service = "xyz.openbmc_project.State.Host";
	std::string path = "/xyz/openbmc_project/state/host0";
	std::string interface = "xyz.openbmc_project.State.Host";
	std::string property = "CurrentHostState";
	// Values (or their last dot-separated word) meaning "powered on".
	std::vector<std::string> on_values{"Running", "Quiesced", "DiagnosticMode"};
	Origin origin;
};

// This host as an endpoint: what it answers to control requests.
struct EndpointRole {
	std::optional<Uuid> uuid;		// default: derived from machine-id
	std::vector<std::uint8_t> message_types{0x00};
	std::vector<std::string> assignable_links; // accept Set Endpoint ID (globs)
	std::map<std::string, std::uint8_t> eids;  // link -> own static EID
};

struct Config {
	std::map<unsigned, NetworkConfig> networks;
	std::vector<ProbeRule> probes;
	Timing timing;
	std::optional<HostSource> host;		// absent: host always on
	EndpointRole endpoint;
	std::string dbus_service = "xyz.openbmc_project.MCTP";
	bool bring_up_links = true;		// set managed links up
};

// Parses one TOML document. Errors read "FILE:LINE: reason".
Result<Config> parse_config(std::string_view text, const std::string &file);
// Reads and parses @file.
Result<Config> load_config(const std::string &file);

// The probe rules that apply to a link called @name on i2c bus @bus,
// whose ancestor buses (mux parents, nearest first) are @parents.
std::vector<const ProbeRule *> rules_for_link(const Config &c, const std::string &name,
					       std::optional<unsigned> bus,
					       const std::vector<unsigned> &parents);

} // namespace mctpxx::ctrld
