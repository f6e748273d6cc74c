// SPDX-License-Identifier: GPL-2.0
// The EIDs a bus owner hands out on one network.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "daemon_config.hpp"

namespace mctpxx::ctrld {

class EidReservation;

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

	// allocate() and reserve() as a reservation that gives the EID back
	// unless committed; empty when there is none.
	EidReservation take(std::optional<std::uint8_t> preferred,
			    const std::function<bool(std::uint8_t)> &busy = {});
	EidReservation take_exact(std::uint8_t eid);

private:
	std::vector<EidRange> ranges_;
	std::array<bool, 256> used_{};
	std::array<bool, 256> kept_{};
	std::array<std::uint64_t, 256> released_{}; // sequence; 0: never
	std::uint64_t seq_ = 0;
};

// An EID taken from a pool for an endpoint being set up. Unless
// committed (the endpoint is installed and owns it from then on), the
// destructor gives it back, so every way out of a setup releases it. The
// pool must outlive the reservation.
class EidReservation {
public:
	EidReservation() = default;
	EidReservation(EidPool &pool, std::uint8_t eid) : pool_(&pool), eid_(eid) {}
	EidReservation(EidReservation &&o) noexcept
		: pool_(std::exchange(o.pool_, nullptr)), eid_(o.eid_) {}
	EidReservation &operator=(EidReservation &&o) noexcept;
	EidReservation(const EidReservation &) = delete;
	EidReservation &operator=(const EidReservation &) = delete;
	~EidReservation() { reset(); }

	explicit operator bool() const { return pool_ != nullptr; }
	std::uint8_t eid() const { return eid_; }
	// The endpoint is installed: the EID stays used (until the endpoint
	// is removed and releases it).
	void commit() { pool_ = nullptr; }
	// Gives the EID back now.
	void reset();

private:
	EidPool *pool_ = nullptr;
	std::uint8_t eid_ = 0;
};

} // namespace mctpxx::ctrld
