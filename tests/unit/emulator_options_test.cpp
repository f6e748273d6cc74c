// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "emulator.hpp"
#include "mctpxx/uuid.hpp"

using namespace mctpxx;

namespace {

Status parse(std::vector<std::string> args, emu::Options &o)
{
	args.insert(args.begin(), "mctp-endpoint-emu");
	std::vector<char *> argv;
	for (auto &a : args)
		argv.push_back(a.data());
	return emu::parse_args(static_cast<int>(argv.size()), argv.data(), o);
}

} // namespace

TEST(EmulatorOptions, AllLinks)
{
	emu::Options o;
	ASSERT_TRUE(parse({"--all-links", "-u", "11111111-0000-4000-8000-000000000000"}, o));
	EXPECT_TRUE(o.all_links);
	emu::Options bad;
	EXPECT_FALSE(parse({"-a", "-l", "mctpi2c3"}, bad));
	emu::Options bad2;
	EXPECT_FALSE(parse({"-a", "-e", "20"}, bad2));
}

TEST(EmulatorOptions, UuidPerLinkEndsInTheHardwareAddress)
{
	emu::Options o;
	ASSERT_TRUE(parse({"-a", "-u", "11111111-2222-4333-8444-555555555555", "-t", "0,1"}, o));
	const std::vector<std::uint8_t> a{0x1d}, b{0x30};
	auto oa = emu::options_for_link(o, a), ob = emu::options_for_link(o, b);
	ASSERT_TRUE(oa.identity.uuid && ob.identity.uuid);
	EXPECT_EQ(uuid_to_string(*oa.identity.uuid), "11111111-2222-4333-8444-55555555551d");
	EXPECT_EQ(uuid_to_string(*ob.identity.uuid), "11111111-2222-4333-8444-555555555530");
	// the same link address always gives the same identity; the rest is kept
	EXPECT_EQ(*emu::options_for_link(o, a).identity.uuid, *oa.identity.uuid);
	EXPECT_EQ(oa.identity.message_types, o.identity.message_types);
	// without a UUID there is nothing to derive
	emu::Options n;
	ASSERT_TRUE(parse({"-a", "--no-uuid"}, n));
	EXPECT_FALSE(emu::options_for_link(n, a).identity.uuid);
}

TEST(EmulatorOptions, NvmeMi)
{
	emu::Options o;
	ASSERT_TRUE(parse({"--nvme-mi", "-t", "0,1", "--nvme-model", "M1", "--nvme-serial", "S1",
			   "--nvme-firmware", "F1", "--nvme-temperature", "50", "--nvme-corrupt-mic"},
			  o));
	ASSERT_TRUE(o.nvme);
	EXPECT_EQ(o.nvme->model, "M1");
	EXPECT_EQ(o.nvme->serial, "S1");
	EXPECT_EQ(o.nvme->firmware, "F1");
	EXPECT_EQ(o.nvme->temperature_c, 50);
	EXPECT_TRUE(o.nvme_faults.corrupt_mic);
	// message type 4 is listed, once
	EXPECT_EQ(o.identity.message_types, (std::vector<std::uint8_t>{0, 1, 4}));
	emu::Options plain;
	ASSERT_TRUE(parse({}, plain));
	EXPECT_FALSE(plain.nvme);
	emu::Options bad;
	EXPECT_FALSE(parse({"--nvme-mi", "--nvme-firmware", "123456789"}, bad));
	emu::Options ctl;
	ASSERT_TRUE(parse({"--nvme-mi", "--nvme-control", "/tmp/d.ctl"}, ctl));
	EXPECT_EQ(ctl.nvme_control, "/tmp/d.ctl");
	emu::Options no_drive;
	EXPECT_FALSE(parse({"--nvme-control", "/tmp/d.ctl"}, no_drive));
}
