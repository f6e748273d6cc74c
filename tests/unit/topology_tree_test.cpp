// SPDX-License-Identifier: GPL-2.0
// The tree's order and shape (siblings by kind, then by name with numbers
// as numbers), what counts as a problem, and the words the view uses.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>

#include "topology/tree.hpp"
#include "topology/words.hpp"

using namespace mctpxx::topology;

namespace {

Node node(const std::string &path, const std::string &parent, const std::string &kind,
	  const std::string &name)
{
	Node n;
	n.path = path;
	n.parent = parent;
	n.kind = kind;
	n.name = name;
	return n;
}

std::vector<std::string> names(const Tree &t)
{
	std::vector<std::string> out;
	for (const auto &n : t.nodes)
		out.push_back(n.name);
	return out;
}

} // namespace

TEST(TopologyTree, CanonicalOrder)
{
	const std::string r = kTopologyRoot;
	std::vector<Node> nodes = {
		node(r + "/i2c_12", r, kind::kBus, "i2c-12"),
		node(r + "/i2c_5", r, kind::kBus, "i2c-5"),
		node(r + "/link_x", r, kind::kLink, "mctpvp0"),
		node(r + "/i2c_5/mux", r + "/i2c_5", kind::kMux, "s0:m0"),
		node(r + "/i2c_5/dev_48", r + "/i2c_5", kind::kDevice, "0x48"),
		node(r + "/i2c_5/addr_1d", r + "/i2c_5", kind::kEndpoint, "0x1d"),
		node(r + "/i2c_5/addr_09", r + "/i2c_5", kind::kEndpoint, "0x09"),
		node(r + "/i2c_5/mux/ch_10", r + "/i2c_5/mux", kind::kChannel, "channel 10"),
		node(r + "/i2c_5/mux/ch_2", r + "/i2c_5/mux", kind::kChannel, "channel 2"),
	};
	const Tree t = arrange(nodes);
	EXPECT_EQ(names(t), (std::vector<std::string>{"i2c-5", "0x09", "0x1d", "0x48", "s0:m0",
						      "channel 2", "channel 10", "i2c-12", "mctpvp0"}));
	EXPECT_EQ(depths(t), (std::vector<unsigned>{0, 1, 1, 1, 1, 2, 2, 0, 0}));
	// the order of the input does not matter
	std::reverse(nodes.begin(), nodes.end());
	EXPECT_EQ(names(arrange(nodes)), names(t));
}

TEST(TopologyTree, Orphans)
{
	const std::string r = kTopologyRoot;
	const Tree t = arrange({node(r + "/a/b", r + "/a", kind::kEndpoint, "0x1d"),
				node(r + "/c", r + "/c", kind::kBus, "i2c-3"),
				node(r + "/c", r, kind::kBus, "i2c-3 again")});
	// a missing parent or its own: a root; a path twice: once
	ASSERT_EQ(t.nodes.size(), 2u);
	for (const auto &n : t.nodes)
		EXPECT_EQ(n.parent, r);
	// parents in a cycle: roots rather than lost
	const Tree cycle = arrange({node(r + "/x", r + "/y", kind::kMux, "x"),
				    node(r + "/y", r + "/x", kind::kMux, "y")});
	EXPECT_EQ(cycle.nodes.size(), 2u);
}

TEST(TopologyTree, Problems)
{
	Node n;
	EXPECT_FALSE(is_problem(n));
	n.usable = false;
	n.reason = kNotMctp;
	EXPECT_FALSE(is_problem(n));
	n.reason = kNoMctpLink;
	EXPECT_FALSE(is_problem(n));
	n.reason = "MCTP link mctpi2c3 down, nothing known on it";
	EXPECT_FALSE(is_problem(n));
	n.reason = "MCTP link mctpi2c3 down";
	EXPECT_TRUE(is_problem(n));
	n.reason = "host off";
	EXPECT_TRUE(is_problem(n));
	n.usable = true;
	n.present = false;
	EXPECT_TRUE(is_problem(n));
}

TEST(TopologyWords, MessageTypes)
{
	EXPECT_EQ(message_type(0), "0 control");
	EXPECT_EQ(message_type(4), "4 NVMe-MI");
	EXPECT_EQ(message_type(0x7f), "0x7f vendor-IANA");
	EXPECT_EQ(message_type(0x42), "0x42");
	EXPECT_EQ(message_types({0, 1, 2}), "0 control, 1 PLDM, 2 NC-SI");
	EXPECT_EQ(message_types_named({5, 0x7e, 0x42}), "5 (SPDM), 0x7e (vendor-PCI), 0x42");
	EXPECT_EQ(message_types({}), "");
}

TEST(TopologyWords, Times)
{
	setenv("TZ", "UTC", 1);
	tzset();
	const std::uint64_t at = 1714768867ull * 1000000 + 999999; // 20:41:07.999999
	EXPECT_EQ(clock_time(at, at + 60'000'000), "20:41:07");
	// past midnight: the date too
	EXPECT_EQ(clock_time(at, at + 4 * 3600'000'000ull), "2024-05-03 20:41:07");
	EXPECT_EQ(no_response_since(at, at), "no response since 20:41:07");
	EXPECT_EQ(no_response_since(0, at), "no response");
	setenv("TZ", "CET-1", 1);
	tzset();
	EXPECT_EQ(clock_time(at, at), "21:41:07"); // local time
	setenv("TZ", "UTC", 1);
	tzset();
}

TEST(TopologyWords, Numbers)
{
	EXPECT_EQ(number(42), "42");
	EXPECT_EQ(number(62.5), "62.5");
	EXPECT_EQ(number(0.025), "0.025");
	EXPECT_EQ(number(-0.0001), "0");
	EXPECT_EQ(number(std::nan("")), "nan");
	EXPECT_EQ(bytes(512), "512 B");
	EXPECT_EQ(bytes(4096), "4.1 kB");
	EXPECT_EQ(bytes(960'000'000'000), "960 GB");
	EXPECT_EQ(bytes(1'920'000'000'000), "1.92 TB");
	EXPECT_EQ(bytes(2'000'000'000'000), "2 TB");
	EXPECT_EQ(hex_byte(0x1d), "0x1d");
	EXPECT_EQ(unit_symbol("DegreesC"), "C");
	EXPECT_EQ(unit_symbol("Watts"), "W");
	EXPECT_EQ(unit_symbol("Odd"), "Odd");
}
