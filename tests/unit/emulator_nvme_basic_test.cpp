// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "emulator.hpp"
#include "nvme_basic_sync.hpp"

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

TEST(EmulatorNvmeBasic, Option)
{
	emu::Options o;
	ASSERT_TRUE(parse({"--nvme-mi", "--nvme-basic", "/sys/kernel/debug/smbus-sim/s0/n0"}, o));
	EXPECT_EQ(o.nvme_basic_dir, "/sys/kernel/debug/smbus-sim/s0/n0");
	emu::Options no_drive;
	auto r = parse({"--nvme-basic", "/tmp"}, no_drive);
	ASSERT_FALSE(r);
	EXPECT_NE(r.error().message.find("--nvme-basic is for one --nvme-mi drive"),
		  std::string::npos);
	emu::Options all;
	EXPECT_FALSE(parse({"-a", "--nvme-mi", "--nvme-basic", "/tmp"}, all));
}

TEST(EmulatorNvmeBasic, ValuesFollowTheDrive)
{
	emu::nvme::DriveConfig c;
	c.serial = "SN-EMU-4711";
	c.vid = 0x1b96;
	c.temperature_c = 42;
	c.percent_used = 5;
	const auto t0 = emu::nvme::Drive::Clock::now();
	emu::nvme::Drive d(c, t0);
	auto v = emu::basic_values(d, t0, true);
	EXPECT_EQ(v["temp"], "42");
	EXPECT_EQ(v["warnings"], "0xff");
	EXPECT_EQ(v["status"], "0x3f");
	EXPECT_EQ(v["pdlu"], "5");
	EXPECT_EQ(v["vid"], "0x1b96");
	EXPECT_EQ(v["serial"], "SN-EMU-4711");
	// the drift: +1 after 10 s
	EXPECT_EQ(emu::basic_values(d, t0 + std::chrono::seconds(10), true)["temp"], "43");
	// powered off: not ready
	EXPECT_EQ(emu::basic_values(d, t0, false)["status"], "0x57");
}

TEST(EmulatorNvmeBasic, SyncNamesTheFile)
{
	emu::nvme::Drive d({});
	emu::NvmeBasicSync s("/nonexistent-dir");
	auto r = s.sync(d, emu::nvme::Drive::Clock::now(), true);
	ASSERT_FALSE(r);
	EXPECT_NE(r.error().message.find("/nonexistent-dir/"), std::string::npos);
}
