// SPDX-License-Identifier: GPL-2.0
// mctp-pldmd's configuration: defaults, values, and errors that name the
// file, the line and the key.
#include <gtest/gtest.h>

#include "config.hpp"

using namespace mctpxx::pldmd;

namespace {
std::string error_of(const std::string &text)
{
	auto c = parse_config(text, "pldmd.toml");
	return c ? std::string() : c.error().message;
}
} // namespace

TEST(PldmdConfig, Defaults)
{
	auto c = parse_config("", "pldmd.toml");
	ASSERT_TRUE(c);
	EXPECT_EQ(c->poll_interval, std::chrono::seconds(10));
	EXPECT_EQ(c->request_timeout, std::chrono::milliseconds(1000));
	EXPECT_EQ(c->absent_after, 3u);
	EXPECT_TRUE(c->all_termini);
}

TEST(PldmdConfig, Values)
{
	auto c = parse_config("poll_interval_s = 60\nrequest_timeout_ms = 1000\nabsent_after = 2\n"
			      "[[terminus]]\nuuid = \"11111111-0000-4000-8000-000000000001\"\n"
			      "name = \"gpu0\"\n[[terminus]]\nnet = 1\neid = 20\n",
			      "pldmd.toml");
	ASSERT_TRUE(c) << c.error().message;
	EXPECT_EQ(c->poll_interval, std::chrono::seconds(60));
	EXPECT_EQ(c->absent_after, 2u);
	EXPECT_FALSE(c->all_termini);
	ASSERT_EQ(c->termini.size(), 2u);
	EXPECT_EQ(c->termini[0].name, "gpu0");
	EXPECT_EQ(*c->termini[1].eid, 20);
	EXPECT_EQ(*c->termini[1].net, 1u);
}

TEST(PldmdConfig, ErrorsNameLineAndKey)
{
	EXPECT_EQ(error_of("poll_interval_s = 0\n"),
		  "pldmd.toml:1: poll_interval_s 0 out of range 1..3600");
	EXPECT_EQ(error_of("\nrequest_timeout_ms = 5000\n"),
		  "pldmd.toml:2: request_timeout_ms 5000 out of range 300..1600");
	EXPECT_EQ(error_of("absent_after = \"3\"\n"), "pldmd.toml:1: absent_after must be an integer");
	EXPECT_EQ(error_of("poll_intervall_s = 3\n"),
		  "pldmd.toml:1: unknown key \"poll_intervall_s\" in the configuration");
	EXPECT_NE(error_of("[[terminus]]\nname = \"x\"\n").find("needs uuid or eid"), std::string::npos);
	EXPECT_EQ(error_of("[[terminus]]\neid = 20\nname = \"a b\"\n"),
		  "pldmd.toml:3: name \"a b\": letters, digits and _ only (1-64)");
	EXPECT_EQ(error_of("[[terminus]]\nuuid = \"nope\"\n"),
		  "pldmd.toml:2: uuid \"nope\" is not a UUID");
	EXPECT_NE(error_of("[[terminus]]\neid = 20\n[[terminus]]\neid = 20\n").find("already listed"),
		  std::string::npos);
	EXPECT_NE(error_of("[[terminus]]\neid = 20\nname = \"a\"\n[[terminus]]\neid = 21\nname = \"a\"\n")
			  .find("two termini named \"a\""),
		  std::string::npos);
	EXPECT_NE(error_of("[[terminus]]\neid = 300\n").find("pldmd.toml:2: eid 300 out of range"),
		  std::string::npos);
	EXPECT_NE(error_of("poll_interval_s = \n").find("pldmd.toml:1:"), std::string::npos);
}
