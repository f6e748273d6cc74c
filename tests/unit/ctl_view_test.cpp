// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "view.hpp"

using namespace mctpxx::ctl;
using nlohmann::json;

namespace {

LinkIndex index_with(int ifindex, const char *name, unsigned net)
{
	LinkIndex idx;
	mctpxx::nl::Link l;
	l.ifindex = ifindex;
	l.name = name;
	l.type = mctpxx::nl::kArphrdMctp;
	l.net = net;
	idx.by_ifindex[ifindex] = l;
	return idx;
}

} // namespace

TEST(CtlView, LinkJsonFields)
{
	mctpxx::nl::Link l;
	l.ifindex = 4;
	l.name = "mctpi2c1";
	l.type = mctpxx::nl::kArphrdMctp;
	l.up = true;
	l.mtu = 254;
	l.min_mtu = 68;
	l.max_mtu = 254;
	l.hwaddr = {0x10};
	l.net = 2;
	l.phys_binding = 1;
	json j = to_json(l);
	EXPECT_EQ(j, json::parse(R"({"ifindex":4,"name":"mctpi2c1","up":true,"running":false,
		"mtu":254,"min_mtu":68,"max_mtu":254,"lladdr":"10","mctp":true,"net":2,
		"phys_binding":"smbus"})"));
	EXPECT_EQ(to_text(l, false), "4: mctpi2c1: <UP> mtu 254 net 2 binding smbus lladdr 10");
}

TEST(CtlView, LinkWithoutMctpDataOmitsFields)
{
	mctpxx::nl::Link l;
	l.name = "lo";
	json j = to_json(l);
	EXPECT_FALSE(j.contains("net"));
	EXPECT_FALSE(j.contains("phys_binding"));
	EXPECT_EQ(j["mctp"], false);
}

TEST(CtlView, RouteJsonDirectLocalAndGateway)
{
	LinkIndex idx = index_with(4, "mctpi2c1", 1);
	mctpxx::nl::RouteEntry r;
	r.eid = 10;
	r.extent = 10;
	r.ifindex = 4;
	r.mtu = 100;
	EXPECT_EQ(to_json(r, idx), json::parse(R"({"eid":10,"eid_last":20,"net":1,
		"type":"unicast","mtu":100,"dev":"mctpi2c1"})"));
	EXPECT_EQ(to_text(r, idx), "eid 10-20 net 1 via mctpi2c1 mtu 100");

	mctpxx::nl::RouteEntry local;
	local.eid = 8;
	local.type = 2;
	local.ifindex = 4;
	EXPECT_EQ(to_json(local, idx)["type"], "local");
	EXPECT_EQ(to_text(local, idx), "eid 8 net 1 local dev mctpi2c1");

	mctpxx::nl::RouteEntry gw;
	gw.eid = 30;
	gw.gateway = mctpxx::nl::Gateway{3, 10};
	json g = to_json(gw, idx);
	EXPECT_EQ(g["gateway"], json::parse(R"({"net":3,"eid":10})"));
	EXPECT_EQ(g["net"], 3);
	EXPECT_FALSE(g.contains("dev"));
	EXPECT_EQ(to_text(gw, idx), "eid 30 net 3 gw 10 net 3");
}

TEST(CtlView, AddressAndNeighJson)
{
	LinkIndex idx = index_with(4, "mctpi2c1", 1);
	EXPECT_EQ(to_json(mctpxx::nl::AddrEntry{4, 8}, idx),
		  json::parse(R"({"eid":8,"dev":"mctpi2c1","ifindex":4,"net":1})"));
	mctpxx::nl::NeighEntry n{4, 10, {0x1d, 0x2e}};
	EXPECT_EQ(to_json(n, idx),
		  json::parse(R"({"eid":10,"dev":"mctpi2c1","net":1,"lladdr":"1d:2e","learnt":false})"));
	EXPECT_EQ(to_text(n, idx), "eid 10 net 1 dev mctpi2c1 lladdr 1d:2e");
	n.learnt = true;
	EXPECT_EQ(to_json(n, idx)["learnt"], true);
	EXPECT_EQ(to_text(n, idx), "eid 10 net 1 dev mctpi2c1 lladdr 1d:2e learnt");
}

TEST(CtlView, UnknownDeviceAndBinding)
{
	LinkIndex idx;
	EXPECT_EQ(idx.name(9), "if9");
	EXPECT_EQ(idx.net(9), 0u);
	EXPECT_EQ(binding_name(0x42), "0x42");
}
