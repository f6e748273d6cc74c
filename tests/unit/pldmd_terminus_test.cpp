// SPDX-License-Identifier: GPL-2.0
// What mctp-pldmd says of a terminus's availability on D-Bus: the reason
// and the time of its last answer (org.mctpstack.PLDM.Terminus).
#include <gtest/gtest.h>

#include "terminus.hpp"

using namespace mctpxx::pldmd;

TEST(PldmdTerminus, UnavailableReason)
{
	Terminus t;
	EXPECT_EQ(unavailable_reason(t), "");
	t.availability = Availability::HostOff;
	EXPECT_EQ(unavailable_reason(t), "host off");
	t.endpoint.reason = "waiting for the endpoint after host power-on";
	EXPECT_EQ(unavailable_reason(t), "waiting for the endpoint after host power-on");
	t.availability = Availability::Silent;
	t.last_error = "no response after 3 attempts of 1000 ms";
	EXPECT_EQ(unavailable_reason(t), "not answering: no response after 3 attempts of 1000 ms");
}

TEST(PldmdTerminus, LastResponse)
{
	Terminus t;
	EXPECT_EQ(t.last_response_us, 0u);
	t.missed_polls = 4;
	t.answered(1'700'000'000'000'000);
	EXPECT_EQ(t.last_response_us, 1'700'000'000'000'000u);
	EXPECT_EQ(t.missed_polls, 0u);
	const auto before = wall_clock_us();
	EXPECT_GT(before, 1'600'000'000'000'000u); // µs since the epoch, not ms or s
	EXPECT_LE(before, wall_clock_us());
}
