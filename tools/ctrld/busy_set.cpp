// SPDX-License-Identifier: GPL-2.0
#include "busy_set.hpp"

namespace mctpxx::ctrld {

std::set<std::uint8_t> BusySet::addrs_on(int ifindex) const
{
	std::set<std::uint8_t> out;
	for (const auto &k : keys_)
		if (k.ifindex == ifindex && k.addr.size() == 1)
			out.insert(k.addr[0]);
	return out;
}

std::optional<BusySet::Claim> BusySet::try_claim(const PhysKey &k)
{
	if (contains(k))
		return std::nullopt;
	return Claim(*this, k);
}

Task<BusySet::Claim> BusySet::claim(PhysKey k)
{
	while (contains(k))
		co_await freed_.wait();
	co_return Claim(*this, std::move(k));
}

void BusySet::release(const PhysKey &k)
{
	keys_.erase(k);
	freed_.notify_all();
}

} // namespace mctpxx::ctrld
