// SPDX-License-Identifier: GPL-2.0
#include "discovery.hpp"

#include <map>

#include "log.hpp"

namespace mctpxx::ctrld {

ProbePlan plan_probes(const PlanInput &in)
{
	// address -> host-powered (if any rule allowing it says so)
	std::map<std::uint8_t, bool> allowed;
	for (const auto *r : in.rules)
		for (auto a : r->addresses)
			allowed[a] = allowed[a] || r->host_powered;

	ProbePlan plan;
	for (auto [addr, host_powered] : allowed) {
		std::string why;
		if (in.own_addr && addr == *in.own_addr)
			why = "our own address";
		else if (in.known.count(addr))
			why = "endpoint known";
		else if (in.busy.count(addr))
			why = "setup in progress";
		else if (host_powered && !in.host_on)
			why = "host-powered and the host is off";
		else if (in.foreign)
			if (auto owner = in.foreign(addr))
				why = *owner;
		if (why.empty())
			plan.probe.push_back(ProbeCandidate{addr, host_powered});
		else
			plan.skipped.push_back(SkippedAddress{addr, why});
	}
	return plan;
}

} // namespace mctpxx::ctrld
