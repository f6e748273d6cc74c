// SPDX-License-Identifier: GPL-2.0
// One managed PLDM terminus as the event loop holds it: its endpoint, TID,
// what discovery found (FRU asset, the PDR repository with the sensors'
// values) and where it stands. Owned by Termini; the publisher reads it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>

#include "dbus.hpp"
#include "endpoints/endpoint_watch.hpp"
#include "model.hpp"
#include "endpoints/mailbox.hpp"
#include "endpoints/worker.hpp"
#include "session.hpp"

namespace mctpxx::pldmd {

using endpoints::Endpoint;
using endpoints::Mailbox;
using Worker = endpoints::Worker<Session>;

inline constexpr const char *kInventoryRoot = "/xyz/openbmc_project/inventory";
inline constexpr const char *kBoardRoot = "/xyz/openbmc_project/inventory/system/board";
inline constexpr const char *kSensorRoot = "/xyz/openbmc_project/sensors";

enum class Availability {
	Present, // answering
	HostOff, // powered by the host, which is off: unavailable, not failed
	Silent,	 // stopped answering: non-functional, then absent
};

struct Terminus {
	std::string name; // pldm_NET_EID or configured
	Endpoint endpoint;
	std::uint8_t tid = 0;
	std::uint64_t generation = 0; // results of an earlier life are dropped

	bool discovered = false;  // base, FRU and PDRs read
	bool events = false;	  // SetEventReceiver accepted: events come
	Asset asset;
	Repository repo;

	Availability availability = Availability::Present;
	unsigned missed_polls = 0;
	std::uint64_t last_response_us = 0; // its last answer, µs since the epoch (0: none)
	unsigned skip_polls = 0;   // silent: poll intervals to wait before asking again
	bool present = true;
	std::string last_error;
	std::set<std::string> logged; // problems already logged (once each)

	bool busy = false;	    // a job runs on the worker
	bool repo_dirty = false;    // a repository change event came meanwhile
	bool rediscover = false;    // powered again while a job ran: discover once it ends
	unsigned backoff_s = 0;     // after ERROR_NOT_READY
	dbus::EventSource retry;    // the discovery retry timer
	std::function<void()> on_retry;
	bool published = false;
	std::unique_ptr<Worker> worker;

	std::string inventory_path() const { return std::string(kBoardRoot) + "/" + name; }
	// /xyz/openbmc_project/sensors/KIND/NAME_ID
	std::string sensor_path(const NumericSensor &s) const
	{
		return std::string(kSensorRoot) + "/" + s.unit.kind + "/" + name + "_" +
		       std::to_string(s.pdr.sensor_id);
	}
	bool healthy() const
	{
		for (auto &[id, s] : repo.state)
			if (!s.healthy())
				return false;
		return true;
	}
	bool functional() const { return availability == Availability::Present && discovered && healthy(); }
	// It answered (a poll or its discovery) at @now_us, µs since the epoch.
	void answered(std::uint64_t now_us)
	{
		missed_polls = 0;
		last_response_us = now_us;
	}
};

// org.mctpstack.PLDM.Terminus.UnavailableReason: "" while available, the
// control daemon's reason while the host keeps it unpowered ("host off",
// ...), "not answering: " and the last error while it is silent.
std::string unavailable_reason(const Terminus &t);

// Now, in µs since the epoch (LastResponse).
std::uint64_t wall_clock_us();

} // namespace mctpxx::pldmd
