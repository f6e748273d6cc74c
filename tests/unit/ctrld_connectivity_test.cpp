// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "connectivity.hpp"
#include "controller.hpp"
#include "host_state.hpp"

using namespace mctpxx::ctrld;

TEST(CtrldConnectivity, SilentEndpointDegradesThenGoes)
{
	Connectivity c({1, 3}, false);
	EXPECT_EQ(c.state(), State::Available);
	auto v = c.silent();
	EXPECT_TRUE(v.changed);
	EXPECT_FALSE(v.remove);
	EXPECT_EQ(c.state(), State::Degraded);
	EXPECT_EQ(c.reason(), kReasonNoResponse);
	v = c.silent();
	EXPECT_FALSE(v.changed);
	EXPECT_FALSE(v.remove);
	v = c.silent();
	EXPECT_TRUE(v.remove);
}

TEST(CtrldConnectivity, AnswerRestores)
{
	Connectivity c({2, 4}, false);
	EXPECT_FALSE(c.silent().changed); // one miss is tolerated
	EXPECT_EQ(c.state(), State::Available);
	EXPECT_TRUE(c.silent().changed);
	EXPECT_EQ(c.state(), State::Degraded);
	auto v = c.answered(1000);
	EXPECT_TRUE(v.changed);
	EXPECT_TRUE(v.heard);
	EXPECT_EQ(c.state(), State::Available);
	EXPECT_EQ(c.reason(), "");
	EXPECT_EQ(c.failures(), 0u);
	EXPECT_EQ(c.last_response(), 1000u);
}

// The time of the last answer: set by every answer, kept through misses
// (what "no response since" is told from), untouched by a stale answer.
TEST(CtrldConnectivity, LastResponse)
{
	Connectivity c({1, 5}, true);
	EXPECT_EQ(c.last_response(), 0u);
	auto v = c.answered(5'000'000);
	EXPECT_FALSE(v.changed); // already Available
	EXPECT_TRUE(v.heard);
	EXPECT_EQ(c.last_response(), 5'000'000u);
	c.silent();
	c.silent();
	EXPECT_EQ(c.state(), State::Degraded);
	EXPECT_EQ(c.last_response(), 5'000'000u);
	c.answered(9'000'000);
	EXPECT_EQ(c.last_response(), 9'000'000u);
	c.host_off();
	v = c.answered(12'000'000); // from before power-off
	EXPECT_FALSE(v.heard);
	EXPECT_EQ(c.last_response(), 9'000'000u);
}

TEST(CtrldConnectivity, HostOffMakesHostPoweredUnavailable)
{
	Connectivity c({1, 2}, true);
	auto v = c.host_off();
	EXPECT_TRUE(v.changed);
	EXPECT_EQ(c.state(), State::Unavailable);
	EXPECT_EQ(c.reason(), kReasonHostOff);
	EXPECT_FALSE(c.pollable());
	// no failures counted while the host is off
	for (int i = 0; i < 5; i++)
		EXPECT_FALSE(c.silent().remove);
	EXPECT_EQ(c.state(), State::Unavailable);
	// a late answer from before power-off changes nothing
	EXPECT_FALSE(c.answered(1).changed);
	EXPECT_EQ(c.state(), State::Unavailable);

	v = c.host_on();
	EXPECT_TRUE(v.changed);
	EXPECT_EQ(c.state(), State::Unavailable);
	EXPECT_TRUE(c.awaiting_host());
	v = c.rediscovery_failed();
	EXPECT_TRUE(v.changed);
	EXPECT_FALSE(v.remove);
	EXPECT_EQ(c.reason(), kReasonNoResponseAfterPowerOn);
	v = c.answered(2);
	EXPECT_TRUE(v.changed);
	EXPECT_EQ(c.state(), State::Available);
	EXPECT_TRUE(c.pollable());
	EXPECT_FALSE(c.awaiting_host());
}

TEST(CtrldConnectivity, HostIgnoredForOthers)
{
	Connectivity c({1, 2}, false);
	EXPECT_FALSE(c.host_off().changed);
	EXPECT_EQ(c.state(), State::Available);
	EXPECT_TRUE(c.pollable());
	EXPECT_FALSE(c.host_on().changed);
}

TEST(CtrldConnectivity, DegradedThenHostOff)
{
	Connectivity c({1, 3}, true);
	c.silent();
	ASSERT_EQ(c.state(), State::Degraded);
	c.host_off();
	EXPECT_EQ(c.state(), State::Unavailable);
	EXPECT_EQ(c.failures(), 0u);
}

TEST(CtrldHostState, OnValues)
{
	HostSource src;
	EXPECT_TRUE(host_value_is_on(src, "xyz.openbmc_project.State.Host.HostState.Running"));
	EXPECT_TRUE(host_value_is_on(src, "Quiesced"));
	EXPECT_FALSE(host_value_is_on(src, "xyz.openbmc_project.State.Host.HostState.Off"));
	EXPECT_FALSE(host_value_is_on(src, "xyz.openbmc_project.State.Host.HostState.TransitioningToRunning"));
	src.on_values = {"On"};
	EXPECT_TRUE(host_value_is_on(src, "On"));
	EXPECT_FALSE(host_value_is_on(src, "Running"));
}

// A request that could not be sent for want of a free tag (others hold
// all eight towards the endpoint) is no sign of a silent endpoint.
TEST(CtrldConnectivity, TagExhaustionIsNotSilence)
{
	EXPECT_FALSE(endpoint_silent(mctpxx::Error::sys(EBUSY, "send")));
	EXPECT_FALSE(endpoint_silent(mctpxx::Error::sys(EAGAIN, "send")));
	EXPECT_TRUE(endpoint_silent(mctpxx::Error{ETIMEDOUT, "no response"}));
	EXPECT_TRUE(endpoint_silent(mctpxx::Error{EBADMSG, "malformed"}));
	EXPECT_TRUE(endpoint_silent(mctpxx::Error::sys(EHOSTUNREACH, "send")));
}
