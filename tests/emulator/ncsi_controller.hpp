// SPDX-License-Identifier: GPL-2.0
// The state of an emulated NC-SI network controller (--ncsi, DSP0222 over
// MCTP per DSP0261): packages of channels, each channel's state (Initial
// State, enabled, AEN mask), its link, host driver and MAC address, the
// NC-SI statistics it counts, the faults, and the AENs waiting to go. No
// I/O: the responder answers from it, main.cpp sends what it queues.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "mctpxx/error.hpp"
#include "ncsixx/aen.hpp"
#include "ncsixx/packet.hpp"
#include "ncsixx/payloads.hpp"

namespace mctpxx::emu::ncsi {

namespace nc = mctpxx::ncsi;
using nc::Bytes;

// How responses are spoilt (--ncsi-malformed, `malformed ...`): a wrong
// checksum, or cut short (the payload length field promises more than
// follows, no checksum). AENs are never spoilt.
enum class Malformed { None, Checksum, Truncate };
const char *malformed_name(Malformed m); // "off", "checksum", "truncate"

// Fixed identity of every emulated controller.
inline constexpr std::uint32_t kManufacturerIana = 32473; // the documentation number (RFC 5612)
inline constexpr std::uint16_t kPciVendor = 0x1b36;	   // the emulated devices' vendor ID
inline constexpr std::uint16_t kPciDevice = 0x4e43;	   // "NC"
inline constexpr std::uint16_t kPciSubVendor = 0x1b36;
inline constexpr std::uint16_t kPciSubDevice = 0x0001;
// NC-SI 1.2 (Get MC MAC Address is a 1.2 command)
inline constexpr std::uint8_t kNcsiMajor = 0xf1, kNcsiMinor = 0xf2, kNcsiUpdate = 0xff;

// The controller's shape and behaviour (the --ncsi-* options).
struct Config {
	unsigned packages = 2; // 1-8
	unsigned channels = 2; // per package, 1-31
	std::uint8_t smbus_addr = 0; // the link's SMBus address: MACs and UUIDs
	std::string firmware_name = "EMU-NIC";	 // at most 12 characters
	std::uint32_t firmware_version = 0x01000000; // "1.0.0.0"
	unsigned link_mbps = 1000;
	std::set<std::pair<unsigned, unsigned>> link_down; // (package, channel) starting down
	std::set<unsigned> silent_packages;
	Malformed malformed = Malformed::None;
};

// "1.2.3.4" (one number 0-255 per byte, 1 to 4 of them) to the Get Version
// ID firmware version dword.
Result<std::uint32_t> parse_firmware_version(const std::string &s);
// "P.C" with P and C inside @cfg's shape.
Result<std::pair<unsigned, unsigned>> parse_channel(const std::string &s, const Config &cfg);
// The full-duplex speed/duplex code (Get Link Status bits 4:1) of @mbps:
// 10, 100, 1000, 2500, 10000, 20000, 25000, 40000, 50000 or 100000.
std::optional<std::uint8_t> speed_code(unsigned mbps);

struct Channel {
	nc::ChannelId id;
	nc::MacAddress mac{};	 // the channel's own (host side) MAC address
	nc::MacAddress mc_mac{}; // the address provisioned for the MC (Get MC MAC Address)
	// channel state, back to these at reset and in the Initial State
	bool initial = true;
	bool enabled = false;
	bool network_tx = false;
	std::uint32_t aen_mask = 0;
	std::uint8_t aen_mc_id = 0;
	std::optional<std::uint8_t> aen_eid; // the EID that sent AEN Enable
	// the world around it (control lines), kept across resets
	bool link_up = true;
	unsigned mbps = 1000;
	bool driver_ready = true;
	nc::NcsiStatistics stats;

	nc::LinkStatus link_status() const;
};

struct Package {
	std::uint8_t id = 0;
	bool selected = false; // a command to it selects it, Deselect Package deselects it
	bool silent = false;   // answers nothing, sends no AEN
	nc::PackageUuid uuid;
	std::vector<Channel> channels;
};

// An AEN ready to go: the whole NC-SI packet, to the EID that enabled it.
struct PendingAen {
	std::uint8_t eid = 0;
	Bytes packet;
	std::string what; // for the log: "package 0 channel 1 Link Status Change: link down"
};

class Controller {
public:
	explicit Controller(Config cfg);

	const Config &config() const { return cfg_; }
	std::vector<Package> &packages() { return packages_; }
	Package *package(unsigned id);
	Channel *channel(unsigned package, unsigned channel);

	Malformed malformed() const { return malformed_; }
	void set_malformed(Malformed m) { malformed_ = m; }

	// SIGUSR2: at power on every channel starts again in the Initial
	// State and every package deselected (the statistics start at 0).
	void power(bool on);
	// Reset Channel (and reinit): the channel's state as in the Initial State.
	static void reset_state(Channel &c);

	// ---- the world (control lines); each queues its AEN where enabled ----
	// `link P.C up [MBPS]` / `link P.C down`: returns whether it changed.
	bool set_link(Channel &c, bool up, std::optional<unsigned> mbps);
	// `speed P.C MBPS`
	bool set_speed(Channel &c, unsigned mbps);
	// `driver P.C up|down`
	bool set_driver(Channel &c, bool ready);
	// `reinit P.C`: back to the Initial State, Configuration Required sent
	// (to the EID and with the mask the channel had).
	void reinit(Channel &c);
	// `silent P on|off`
	void set_silent(Package &p, bool on) { p.silent = on; }
	// One control line; the result says what was done, an error what was
	// wrong with the line (nothing is changed then).
	Result<std::string> control(const std::string &line);

	// ---- AENs ----
	std::vector<PendingAen> take_aens();
	std::size_t pending_aens() const { return aens_.size(); }

private:
	void queue_aen(Package &p, Channel &c, const nc::Aen &aen, std::uint32_t bit, const std::string &what);
	void build();

	Config cfg_;
	std::vector<Package> packages_;
	Malformed malformed_ = Malformed::None;
	std::vector<PendingAen> aens_;
};

} // namespace mctpxx::emu::ncsi
