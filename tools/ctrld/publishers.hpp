// SPDX-License-Identifier: GPL-2.0
// Several publishers told the same things: the bus owner drives both D-Bus
// trees (xyz.openbmc_project.MCTP and au.com.codeconstruct.MCTP1) through
// one of these.
#pragma once

#include <vector>

#include "endpoint.hpp"

namespace mctpxx::ctrld {

class Publishers : public Publisher {
public:
	explicit Publishers(std::vector<Publisher *> all) : all_(std::move(all)) {}

	void added(const Endpoint &ep) override
	{
		for (auto *p : all_)
			p->added(ep);
	}
	void connectivity_changed(const Endpoint &ep) override
	{
		for (auto *p : all_)
			p->connectivity_changed(ep);
	}
	void answered(const Endpoint &ep) override
	{
		for (auto *p : all_)
			p->answered(ep);
	}
	void removed(const Endpoint &ep) override
	{
		for (auto *p : all_)
			p->removed(ep);
	}
	void host_changed(bool on) override
	{
		for (auto *p : all_)
			p->host_changed(on);
	}

private:
	std::vector<Publisher *> all_;
};

} // namespace mctpxx::ctrld
