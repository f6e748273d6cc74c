// SPDX-License-Identifier: GPL-2.0
// The EIDs a bus owner hands out on one network.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "daemon_config.hpp"

namespace mctp::ctrld {

class EidPool {
public:
	explicit EidPool(std::vector<EidRange> ranges = {});

	bool in_pool(std::uint8_t eid) const;
	bool is_used(std::uint8_t eid) const { return used_[eid]; }

	// Takes an EID: @preferred when it is unicast, not used and not
	// @busy (it may lie outside the pool: an endpoint's static EID);
	// otherwise a free pool EID, in this order: never handed out, then
	// released longest ago, then kept for a departed endpoint (see
	// remember()). @busy tells EIDs taken by someone else (local
	// addresses, routes not ours). nullopt when the pool is exhausted.
	std::optional<std::uint8_t>
	allocate(std::optional<std::uint8_t> preferred,
		 const std::function<bool(std::uint8_t)> &busy = {});

	// Marks @eid used (an endpoint's static EID). False if already used
	// or not unicast.
	bool reserve(std::uint8_t eid);
	// Frees @eid. With @keep, it stays set aside for its endpoint's
	// return and is handed to others only when nothing else is left.
	void release(std::uint8_t eid, bool keep = false);
	// Drops the set-aside mark of @eid (its endpoint came back elsewhere).
	void forget(std::uint8_t eid) { kept_[eid] = false; }

	std::size_t free_count() const;

private:
	std::vector<EidRange> ranges_;
	std::array<bool, 256> used_{};
	std::array<bool, 256> kept_{};
	std::array<std::uint64_t, 256> released_{}; // sequence; 0: never
	std::uint64_t seq_ = 0;
};

} // namespace mctp::ctrld
