// SPDX-License-Identifier: GPL-2.0
// The PLDM exchanges with one terminus, on its worker's thread: base
// discovery (GetTID, SetTID, GetPLDMTypes, GetPLDMVersion), the FRU record
// table, the PDR repository walk, SetEventReceiver and sensor readings.
// Blocking; requests go one at a time with a small gap between them, so
// that a terminus's traffic leaves room on a shared bus for others.
//
// Errors: ETIMEDOUT (no answer), EAGAIN (the terminus answered
// ERROR_NOT_READY: ask again later), EPROTO (an answer that does not
// decode, or an error completion code), others from the socket.
#pragma once

#include <bitset>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pldmxx/fru.hpp"
#include "pldmxx/platform.hpp"
#include "pldmxx/requester.hpp"

namespace mctpxx::pldmd {

// Bounds on what a terminus may make the daemon read.
inline constexpr std::size_t kMaxPdrs = 512;
inline constexpr std::size_t kMaxPdrSize = 4096;
inline constexpr std::size_t kMaxRepositorySize = 256 * 1024;
inline constexpr std::size_t kMaxFruTable = 64 * 1024;

class Session {
public:
	Session(pldm::Peer peer, pldm::RetryPolicy policy, std::chrono::milliseconds gap,
		std::function<bool()> stopping)
		: peer_(peer), policy_(policy), gap_(gap), stopping_(std::move(stopping))
	{
	}

	// GetTID; SetTID @tid when the terminus has another. Returns the TID.
	Result<std::uint8_t> assign_tid(std::uint8_t tid);
	// GetTID alone: the TID the terminus has now.
	Result<std::uint8_t> tid();
	Result<std::bitset<64>> types();
	// "1.0.0, 1.1.0" for PLDM type @type.
	Result<std::string> versions(std::uint8_t type);
	// The FRU record table, checked against its metadata.
	Result<std::vector<pldm::fru::Record>> fru();
	// Every PDR (each reassembled and its TransferCRC checked). Records
	// whose transfer fails a check are left out and named in @problems;
	// the walk stops at the bounds above.
	Result<std::vector<pldm::Bytes>> pdrs(std::vector<std::string> &problems);
	// SetEventReceiver to @receiver_eid (asynchronous events over MCTP).
	// EOPNOTSUPP when the terminus refuses it (unsupported command).
	Status set_event_receiver(std::uint8_t receiver_eid);
	Result<pldm::platform::SensorReading> read_numeric(std::uint16_t id);
	Result<pldm::platform::StateSensorReadings> read_state(std::uint16_t id);

	const pldm::Peer &peer() const { return peer_; }

private:
	// One request and its response (after the gap since the last one).
	Result<pldm::Bytes> exchange(const Result<pldm::Bytes> &request);
	Status open();

	pldm::Peer peer_;
	pldm::RetryPolicy policy_;
	std::chrono::milliseconds gap_;
	std::function<bool()> stopping_;
	std::optional<pldm::Requester> req_;
	std::chrono::steady_clock::time_point last_{};
};

// The local EID of this host on MCTP network @net (the first address on a
// link of that network), from rtnetlink.
Result<std::uint8_t> local_eid(unsigned net);

} // namespace mctpxx::pldmd
