// SPDX-License-Identifier: GPL-2.0
#include "terminus.hpp"

#include <chrono>

namespace mctpxx::pldmd {

std::string unavailable_reason(const Terminus &t)
{
	switch (t.availability) {
	case Availability::HostOff:
		return t.endpoint.reason.empty() ? "host off" : t.endpoint.reason;
	case Availability::Silent:
		return "not answering: " + t.last_error;
	case Availability::Present:
		break;
	}
	return "";
}

std::uint64_t wall_clock_us()
{
	using namespace std::chrono;
	return static_cast<std::uint64_t>(
		duration_cast<microseconds>(system_clock::now().time_since_epoch()).count());
}

} // namespace mctpxx::pldmd
