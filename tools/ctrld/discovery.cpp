// SPDX-License-Identifier: GPL-2.0
#include "discovery.hpp"

#include <algorithm>
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

std::optional<std::size_t> home_link(std::optional<unsigned> bus,
				     const std::vector<ChannelReach> &below)
{
	auto under = [](const ChannelReach &c, std::optional<unsigned> b) {
		return b && std::find(c.parents.begin(), c.parents.end(), *b) != c.parents.end();
	};
	// every link below @b (that was asked) answered
	auto all_below = [&](std::optional<unsigned> b) {
		return std::all_of(below.begin(), below.end(), [&](const ChannelReach &c) {
			return !under(c, b) || c.reach != ChannelReach::Silent;
		});
	};
	if (all_below(bus))
		return std::nullopt;
	// the highest channel: fewest mux parents
	std::optional<std::size_t> best;
	for (std::size_t i = 0; i < below.size(); i++) {
		const ChannelReach &c = below[i];
		if (c.reach != ChannelReach::Answered || !all_below(c.bus))
			continue;
		if (!best || c.parents.size() < below[*best].parents.size())
			best = i;
	}
	return best;
}

} // namespace mctpxx::ctrld
