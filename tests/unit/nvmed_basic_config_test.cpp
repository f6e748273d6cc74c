// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "config.hpp"

using namespace mctpxx::nvmed;

TEST(NvmedBasicConfig, BasicDrives)
{
	auto c = parse_config("[[basic_drive]]\nbus = 5\nname = \"bay3\"\n"
			      "[[basic_drive]]\nbus = \"smbus-sim s0/a1\"\naddress = 0x6b\n"
			      "name = \"bay4\"\nwarning_c = 70\ncritical_c = 80\n",
			      "t.toml");
	ASSERT_TRUE(c) << c.error().message;
	EXPECT_TRUE(c->all_drives); // MCTP drives unaffected
	ASSERT_EQ(c->basic_drives.size(), 2u);
	const auto &a = c->basic_drives[0], &b = c->basic_drives[1];
	EXPECT_EQ(*a.bus_number, 5u);
	EXPECT_EQ(a.address, 0x6a); // the default
	EXPECT_EQ(a.name, "bay3");
	EXPECT_EQ(a.bus(), "5");
	EXPECT_EQ(a.line, 1);
	EXPECT_FALSE(b.bus_number);
	EXPECT_EQ(b.bus_name, "smbus-sim s0/a1");
	EXPECT_EQ(b.bus(), "\"smbus-sim s0/a1\"");
	EXPECT_EQ(b.address, 0x6b);
	EXPECT_FALSE(a.warning_c);
	EXPECT_EQ(*b.warning_c, 70);
	EXPECT_EQ(*b.critical_c, 80);
}

TEST(NvmedBasicConfig, ErrorsNameLineAndKey)
{
	struct Case {
		const char *text, *want;
	} cases[] = {
		{"[[basic_drive]]\nname = \"a\"\n", "t.toml:1: [[basic_drive]] needs bus"},
		{"[[basic_drive]]\nbus = 1\n", "t.toml:1: [[basic_drive]] needs name"},
		{"[[basic_drive]]\nbus = -1\nname = \"a\"\n", "t.toml:2: bus -1 out of range"},
		{"[[basic_drive]]\nbus = \"\"\nname = \"a\"\n", "t.toml:2: bus \"\" is not an i2c"},
		{"[[basic_drive]]\nbus = 1.5\nname = \"a\"\n", "t.toml:2: bus must be an integer"},
		{"[[basic_drive]]\nbus = 1\naddress = 0xd4\nname = \"a\"\n",
		 "t.toml:3: address 0xd4 is an 8-bit address; give the 7-bit 0x6a"},
		{"[[basic_drive]]\nbus = 1\naddress = 3\nname = \"a\"\n",
		 "t.toml:3: address 3 out of range 8..119"},
		{"[[basic_drive]]\nbus = 1\naddress = \"x\"\nname = \"a\"\n",
		 "t.toml:3: address must be an integer"},
		{"[[basic_drive]]\nbus = 1\nname = \"a b\"\n", "t.toml:3: name \"a b\": letters"},
		{"[[basic_drive]]\nbus = 1\nname = \"a\"\neid = 9\n",
		 "t.toml:4: unknown key \"eid\" in [[basic_drive]]"},
		{"[[basic_drive]]\nbus = 1\nname = \"a\"\n[[basic_drive]]\nbus = 2\nname = \"a\"\n",
		 "t.toml:4: two drives named \"a\""},
		{"[[basic_drive]]\nbus = 1\nname = \"a\"\n[[basic_drive]]\nbus = 1\nname = \"b\"\n",
		 "t.toml:4: two drives at bus 1 address 0x6a"},
		{"[[drive]]\neid = 9\nname = \"a\"\n[[basic_drive]]\nbus = 2\nname = \"a\"\n",
		 "t.toml:4: two drives named \"a\""},
		{"basic_drive = 1\n", "t.toml:1: basic_drive must be an array"},
		{"[[basic_drive]]\nbus = 1\nname = \"a\"\nwarning_c = 200\n",
		 "t.toml:4: warning_c 200 out of range -60..127"},
		{"[[basic_drive]]\nbus = 1\nname = \"a\"\nwarning_c = 70\ncritical_c = 60\n",
		 "t.toml:5: critical_c 60 below warning_c 70"},
	};
	for (const auto &c : cases) {
		auto r = parse_config(c.text, "t.toml");
		ASSERT_FALSE(r) << c.text;
		EXPECT_NE(r.error().message.find(c.want), std::string::npos)
			<< r.error().message << " (want " << c.want << ")";
	}
}
