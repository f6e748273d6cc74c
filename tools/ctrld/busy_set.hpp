// SPDX-License-Identifier: GPL-2.0
// The physical addresses a setup, poll or recovery is talking to: one
// exchange per address at a time. Whoever wants a busy address waits
// until its holder lets go (a Notifier, no polling).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <utility>

#include "endpoint.hpp"
#include "notifier.hpp"
#include "task.hpp"

namespace mctpxx::ctrld {

class BusySet {
public:
	explicit BusySet(sd_event *ev) : freed_(ev) {}
	BusySet(const BusySet &) = delete;
	BusySet &operator=(const BusySet &) = delete;

	// Holds an address busy until destroyed.
	class Claim {
	public:
		Claim(Claim &&o) noexcept : set_(std::exchange(o.set_, nullptr)), key_(o.key_) {}
		Claim &operator=(Claim &&) = delete;
		Claim(const Claim &) = delete;
		~Claim()
		{
			if (set_)
				set_->release(key_);
		}

	private:
		friend class BusySet;
		Claim(BusySet &s, PhysKey k) : set_(&s), key_(std::move(k)) { set_->keys_.insert(key_); }
		BusySet *set_;
		PhysKey key_;
	};

	bool contains(const PhysKey &k) const { return keys_.count(k) != 0; }
	// Single-byte addresses busy on @ifindex.
	std::set<std::uint8_t> addrs_on(int ifindex) const;

	// @k now, or nothing if someone has it.
	std::optional<Claim> try_claim(const PhysKey &k);
	// @k once nobody else has it.
	Task<Claim> claim(PhysKey k);

private:
	void release(const PhysKey &k);

	std::set<PhysKey> keys_;
	Notifier freed_;
};

} // namespace mctpxx::ctrld
