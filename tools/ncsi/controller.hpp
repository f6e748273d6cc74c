// SPDX-License-Identifier: GPL-2.0
// One managed network controller as the event loop holds it: its endpoint,
// what discovery found (packages, their channels, firmware, MACs) and
// where each part stands. Owned by Controllers; the publisher reads it.
// The rules that turn that into what D-Bus shows (functional, available,
// the reason a part is not usable) are here too, free of D-Bus.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "dbus.hpp"
#include "endpoints/endpoint_watch.hpp"
#include "endpoints/mailbox.hpp"
#include "endpoints/worker.hpp"
#include "session.hpp"

namespace mctpxx::ncsid {

using endpoints::Endpoint;
using endpoints::Mailbox;
using Worker = endpoints::Worker<Session>;
using WallClock = std::chrono::system_clock;

inline constexpr const char *kInventoryRoot = "/xyz/openbmc_project/inventory";
inline constexpr const char *kNicRoot = "/xyz/openbmc_project/inventory/system/nic";

enum class Availability {
	Present, // answering
	HostOff, // powered by the host, which is off: unavailable, not failed
	Silent,	 // stopped answering: non-functional, then absent
};

struct Channel {
	std::uint8_t package = 0, id = 0;
	bool initialised = false; // Clear Initial State accepted, set up since
	bool enabled = false;	  // Enable Channel accepted
	std::uint32_t aens = 0;	  // the AEN mask the controller accepted
	bool link_up = false;
	unsigned speed_mbps = 0;
	bool full_duplex = false;
	std::string host_driver = "unknown"; // "up", "down", "unknown"
	std::string mac;		     // "aa:bb:cc:dd:ee:ff" or empty
	std::string firmware;		     // "1.2.3.4"
	std::string firmware_name;
	std::string problem; // the last command failure on it, if any
	bool published = false;
};

struct Package {
	std::uint8_t id = 0;
	std::string uuid;
	bool selected = false;
	bool answering = true;
	WallClock::time_point last_response{};
	std::string last_error;
	std::string malformed; // its last answers did not decode: why
	std::map<std::uint8_t, Channel> channels;
	bool published = false;
};

struct Controller {
	std::string name; // ncsi_NET_EID or configured
	Endpoint endpoint;
	std::uint64_t generation = 0; // results of an earlier life are dropped

	bool discovered = false;
	std::string ncsi_version;	 // "1.1"
	std::string manufacturer;	 // from the IANA enterprise number
	std::string model;		 // PCI IDs and the firmware name
	std::string firmware;		 // the first channel's firmware version
	std::map<std::uint8_t, Package> packages;

	Availability availability = Availability::Present;
	unsigned missed_polls = 0;
	bool present = true;
	std::string last_error;
	WallClock::time_point last_response{};
	std::set<std::string> logged; // problems already logged (once each)

	bool busy = false;	   // a job runs on the worker
	bool rediscover = false;   // powered again while a job ran
	std::set<std::pair<std::uint8_t, std::uint8_t>> reinit; // channels to set up again
	bool published = false;
	std::unique_ptr<Worker> worker;

	std::string path() const { return std::string(kNicRoot) + "/" + name; }
	std::string package_path(std::uint8_t p) const
	{
		return path() + "/package_" + std::to_string(p);
	}
	std::string channel_path(std::uint8_t p, std::uint8_t c) const
	{
		return package_path(p) + "/channel_" + std::to_string(c);
	}
};

// "2026-12-04 20:41:07" in local time; "" for the epoch (never).
std::string time_text(WallClock::time_point t);
// Microseconds since the epoch (0: never).
std::uint64_t epoch_us(WallClock::time_point t);

// What D-Bus shows of each part.
bool functional(const Controller &c);
bool functional(const Controller &c, const Package &p);
bool functional(const Controller &c, const Package &p, const Channel &ch);
bool available(const Controller &c);
// Why the part is not usable, in words; "" when it is.
std::string reason(const Controller &c);
std::string reason(const Controller &c, const Package &p);
std::string reason(const Controller &c, const Package &p, const Channel &ch);

// The manufacturer's name for a few IANA enterprise numbers NICs carry,
// else "IANA 12345".
std::string manufacturer_name(std::uint32_t iana);

} // namespace mctpxx::ncsid
