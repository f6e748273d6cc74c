// SPDX-License-Identifier: GPL-2.0
#include "eid_pool.hpp"

namespace mctpxx::ctrld {
namespace {

bool unicast(std::uint8_t eid)
{
	return eid >= 8 && eid <= 254;
}

} // namespace

EidPool::EidPool(std::vector<EidRange> ranges) : ranges_(std::move(ranges)) {}

bool EidPool::in_pool(std::uint8_t eid) const
{
	for (const auto &r : ranges_)
		if (r.contains(eid))
			return true;
	return false;
}

std::optional<std::uint8_t> EidPool::allocate(std::optional<std::uint8_t> preferred,
					      const std::function<bool(std::uint8_t)> &busy)
{
	auto taken = [&](std::uint8_t e) { return used_[e] || (busy && busy(e)); };
	if (preferred && unicast(*preferred) && !taken(*preferred)) {
		used_[*preferred] = true;
		kept_[*preferred] = false;
		return preferred;
	}
	// rank: 0 never used, 1 released, 2 kept for someone; then oldest
	std::optional<std::uint8_t> best;
	std::pair<int, std::uint64_t> best_rank{3, 0};
	for (const auto &r : ranges_)
		for (unsigned e = r.first; e <= r.last; e++) {
			if (taken(static_cast<std::uint8_t>(e)))
				continue;
			std::pair<int, std::uint64_t> rank{kept_[e] ? 2 : (released_[e] ? 1 : 0),
							   released_[e]};
			if (rank < best_rank) {
				best_rank = rank;
				best = static_cast<std::uint8_t>(e);
			}
		}
	if (best) {
		used_[*best] = true;
		kept_[*best] = false;
	}
	return best;
}

bool EidPool::reserve(std::uint8_t eid)
{
	if (!unicast(eid) || used_[eid])
		return false;
	used_[eid] = true;
	kept_[eid] = false;
	return true;
}

void EidPool::release(std::uint8_t eid, bool keep)
{
	if (!used_[eid])
		return;
	used_[eid] = false;
	kept_[eid] = keep;
	released_[eid] = ++seq_;
}

std::size_t EidPool::free_count() const
{
	std::size_t n = 0;
	for (const auto &r : ranges_)
		for (unsigned e = r.first; e <= r.last; e++)
			n += !used_[e];
	return n;
}

EidReservation EidPool::take(std::optional<std::uint8_t> preferred,
			     const std::function<bool(std::uint8_t)> &busy)
{
	auto e = allocate(preferred, busy);
	return e ? EidReservation(*this, *e) : EidReservation();
}

EidReservation EidPool::take_exact(std::uint8_t eid)
{
	return reserve(eid) ? EidReservation(*this, eid) : EidReservation();
}

EidReservation &EidReservation::operator=(EidReservation &&o) noexcept
{
	if (this != &o) {
		reset();
		pool_ = std::exchange(o.pool_, nullptr);
		eid_ = o.eid_;
	}
	return *this;
}

void EidReservation::reset()
{
	if (pool_)
		pool_->release(eid_);
	pool_ = nullptr;
}

} // namespace mctpxx::ctrld
