// SPDX-License-Identifier: GPL-2.0
// mctp-topology's command line: show by default, serve with its own
// options, bad words named.
#include <gtest/gtest.h>

#include <sstream>

#include "topology/options.hpp"

using namespace mctpxx::topology;

namespace {

struct Parsed {
	std::optional<int> status;
	Options o;
	std::string out, err;
};

Parsed parse(std::vector<std::string> args)
{
	Parsed p;
	std::ostringstream out, err;
	p.status = parse_options(args, p.o, out, err);
	p.out = out.str();
	p.err = err.str();
	return p;
}

} // namespace

TEST(TopologyOptions, Show)
{
	auto p = parse({});
	EXPECT_FALSE(p.status);
	EXPECT_EQ(p.o.command, Options::Command::Show);
	EXPECT_FALSE(p.o.json || p.o.details || p.o.problems || p.o.from_service);
	p = parse({"show", "-j", "-d", "--problems"});
	EXPECT_FALSE(p.status);
	EXPECT_TRUE(p.o.json && p.o.details && p.o.problems);
	p = parse({"--service", "-j"});
	EXPECT_FALSE(p.status);
	EXPECT_TRUE(p.o.from_service && p.o.json);
}

TEST(TopologyOptions, Serve)
{
	auto p = parse({"serve", "--debounce-ms", "50", "--refresh-s", "2", "-v"});
	EXPECT_FALSE(p.status) << p.err;
	EXPECT_EQ(p.o.command, Options::Command::Serve);
	EXPECT_EQ(p.o.debounce_ms, 50u);
	EXPECT_EQ(p.o.refresh_s, 2u);
	EXPECT_TRUE(p.o.verbose);
}

TEST(TopologyOptions, Mistakes)
{
	auto p = parse({"serve", "-j"});
	EXPECT_EQ(p.status, 2);
	EXPECT_NE(p.err.find("serve takes no -j"), std::string::npos) << p.err;
	p = parse({"serve", "--debounce-ms", "0"});
	EXPECT_EQ(p.status, 2);
	EXPECT_NE(p.err.find("debounce"), std::string::npos) << p.err;
	p = parse({"shwo"});
	EXPECT_EQ(p.status, 2);
	EXPECT_NE(p.err.find("shwo"), std::string::npos) << p.err;
	p = parse({"--frobnicate"});
	EXPECT_EQ(p.status, 2);
	EXPECT_NE(p.err.find("frobnicate"), std::string::npos) << p.err;
	p = parse({"--help"});
	EXPECT_EQ(p.status, 0);
	EXPECT_NE(p.out.find("serve"), std::string::npos);
}
