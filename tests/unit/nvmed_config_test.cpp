// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "config.hpp"

using namespace mctpxx::nvmed;

TEST(NvmedConfig, Defaults)
{
	auto c = parse_config("", "t.toml");
	ASSERT_TRUE(c) << c.error().message;
	EXPECT_TRUE(c->all_drives);
	EXPECT_EQ(c->poll_interval.count(), 5);
	EXPECT_EQ(c->request_timeout.count(), 1000);
}

TEST(NvmedConfig, Drives)
{
	auto c = parse_config("poll_interval_s = 2\n"
			      "[[drive]]\nuuid = \"11111111-0000-4000-8000-000000000001\"\n"
			      "name = \"bay0\"\n"
			      "[[drive]]\nnet = 1\neid = 20\n",
			      "t.toml");
	ASSERT_TRUE(c) << c.error().message;
	EXPECT_FALSE(c->all_drives);
	ASSERT_EQ(c->drives.size(), 2u);
	EXPECT_EQ(c->drives[0].name, "bay0");
	EXPECT_EQ(*c->drives[1].eid, 20);
}

TEST(NvmedConfig, ErrorsNameLineAndReason)
{
	struct Case {
		const char *text, *want;
	} cases[] = {
		{"poll_interval_s = 0\n", "t.toml:1: poll_interval_s 0 out of range"},
		{"pol = 1\n", "t.toml:1: unknown key \"pol\""},
		{"\n[[drive]]\nuuid = \"x\"\n", "t.toml:3: uuid \"x\" is not a UUID"},
		{"[[drive]]\nname = \"a\"\n", "needs uuid or eid"},
		{"[[drive]]\neid = 20\nname = \"a b\"\n", "letters, digits and _ only"},
		{"[[drive]]\neid = 20\nname = \"a\"\n[[drive]]\neid = 21\nname = \"a\"\n",
		 "two drives named \"a\""},
		{"poll_interval_s = \n", "t.toml:1:"},
	};
	for (const auto &c : cases) {
		auto r = parse_config(c.text, "t.toml");
		ASSERT_FALSE(r) << c.text;
		EXPECT_NE(r.error().message.find(c.want), std::string::npos)
			<< r.error().message << " (want " << c.want << ")";
	}
}
