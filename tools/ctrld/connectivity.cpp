// SPDX-License-Identifier: GPL-2.0
#include "connectivity.hpp"

namespace mctpxx::ctrld {

const char *to_string(State s)
{
	switch (s) {
	case State::Available: return "Available";
	case State::Degraded: return "Degraded";
	case State::Unavailable: return "Unavailable";
	}
	return "Unavailable";
}

Verdict Connectivity::set(State s, std::string reason)
{
	Verdict v;
	v.changed = s != state_ || reason != reason_;
	state_ = s;
	reason_ = std::move(reason);
	return v;
}

Verdict Connectivity::answered(std::uint64_t at_us)
{
	failures_ = 0;
	if (held_by_host_ && !host_on_)
		return {}; // a stale answer from before power-off
	held_by_host_ = false;
	last_response_ = at_us;
	Verdict v = set(State::Available, "");
	v.heard = true;
	return v;
}

Verdict Connectivity::silent()
{
	if (held_by_host_)
		return {};
	failures_++;
	Verdict v;
	if (failures_ >= policy_.degraded_after)
		v = set(State::Degraded, kReasonNoResponse);
	v.remove = failures_ >= policy_.remove_after;
	return v;
}

Verdict Connectivity::host_off()
{
	if (!host_powered_)
		return {};
	host_on_ = false;
	held_by_host_ = true;
	failures_ = 0;
	return set(State::Unavailable, kReasonHostOff);
}

Verdict Connectivity::host_on()
{
	if (!host_powered_)
		return {};
	host_on_ = true;
	if (!held_by_host_)
		return {};
	return set(State::Unavailable, kReasonHostStarting);
}

Verdict Connectivity::rediscovery_failed()
{
	if (!held_by_host_ || !host_on_)
		return {};
	return set(State::Unavailable, kReasonNoResponseAfterPowerOn);
}

} // namespace mctpxx::ctrld
