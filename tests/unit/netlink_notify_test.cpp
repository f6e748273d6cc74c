// SPDX-License-Identifier: GPL-2.0
// Route and neighbour notifications of the generic netlink family
// (mctp_notify): messages built here as the kernel sends them.
#include <gtest/gtest.h>

#include <linux/genetlink.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include <linux/mctp.h>
#include <linux/mctp-ext.h>

#include "mctpxx/netlink.hpp"

using namespace mctpxx;

namespace {

constexpr int kFamily = 0x23;

// A message: nlmsghdr, genlmsghdr, a fixed header and attributes.
class Msg {
public:
	Msg(std::uint16_t type, std::uint8_t cmd, const void *hdr, std::size_t len)
	{
		put(nullptr, NLMSG_HDRLEN);
		genlmsghdr g{};
		g.cmd = cmd;
		g.version = MCTP_NOTIFY_GENL_VERSION;
		put(&g, GENL_HDRLEN);
		put(hdr, len);
		nlh()->nlmsg_type = type;
	}
	void attr(std::uint16_t type, const void *data, std::size_t len)
	{
		nlattr a{static_cast<std::uint16_t>(NLA_HDRLEN + len), type};
		put(&a, NLA_HDRLEN);
		put(data, len);
	}
	nlmsghdr *nlh() { return reinterpret_cast<nlmsghdr *>(buf_.data()); }

private:
	void put(const void *p, std::size_t len)
	{
		std::size_t off = bytes_;
		bytes_ += NLMSG_ALIGN(len);
		buf_.resize((bytes_ + 3) / 4);
		if (p)
			std::memcpy(reinterpret_cast<char *>(buf_.data()) + off, p, len);
		reinterpret_cast<nlmsghdr *>(buf_.data())->nlmsg_len = bytes_;
	}
	std::vector<std::uint32_t> buf_;
	std::size_t bytes_ = 0;
};

Msg route_msg(std::uint8_t cmd)
{
	rtmsg rtm{};
	rtm.rtm_family = AF_MCTP;
	rtm.rtm_dst_len = 2;
	rtm.rtm_type = RTN_UNICAST;
	Msg m(kFamily, cmd, &rtm, sizeof(rtm));
	std::uint8_t dst = 20;
	std::uint32_t oif = 7;
	m.attr(RTA_DST, &dst, 1);
	m.attr(RTA_OIF, &oif, 4);
	return m;
}

} // namespace

TEST(NetlinkNotify, RouteAddAndDelete)
{
	for (auto [cmd, kind] : {std::pair{MCTP_NOTIFY_CMD_NEWROUTE, nl::Event::Kind::NewRoute},
				 std::pair{MCTP_NOTIFY_CMD_DELROUTE, nl::Event::Kind::DelRoute}}) {
		Msg m = route_msg(cmd);
		auto ev = nl::parse_notify(m.nlh(), kFamily);
		ASSERT_TRUE(ev);
		EXPECT_EQ(kind, ev->kind);
		const auto &r = std::get<nl::RouteEntry>(ev->object);
		EXPECT_EQ(20, r.eid);
		EXPECT_EQ(2, r.extent);
		EXPECT_EQ(7, r.ifindex);
		EXPECT_FALSE(r.gateway);
	}
}

TEST(NetlinkNotify, Neighbour)
{
	ndmsg nd{};
	nd.ndm_family = AF_MCTP;
	nd.ndm_ifindex = 4;
	nd.ndm_state = NUD_REACHABLE;
	Msg m(kFamily, MCTP_NOTIFY_CMD_DELNEIGH, &nd, sizeof(nd));
	std::uint8_t eid = 9, ll = 0x1d;
	m.attr(NDA_DST, &eid, 1);
	m.attr(NDA_LLADDR, &ll, 1);
	auto ev = nl::parse_notify(m.nlh(), kFamily);
	ASSERT_TRUE(ev);
	EXPECT_EQ(nl::Event::Kind::DelNeigh, ev->kind);
	const auto &n = std::get<nl::NeighEntry>(ev->object);
	EXPECT_EQ(4, n.ifindex);
	EXPECT_EQ(9, n.eid);
	EXPECT_EQ(std::vector<std::uint8_t>{0x1d}, n.lladdr);
	EXPECT_TRUE(n.learnt);
}

TEST(NetlinkNotify, OthersIgnored)
{
	Msg other_family = route_msg(MCTP_NOTIFY_CMD_NEWROUTE);
	EXPECT_FALSE(nl::parse_notify(other_family.nlh(), kFamily + 1));
	Msg unknown_cmd = route_msg(MCTP_NOTIFY_CMD_MAX + 1);
	EXPECT_FALSE(nl::parse_notify(unknown_cmd.nlh(), kFamily));
	Msg short_msg = route_msg(MCTP_NOTIFY_CMD_NEWROUTE);
	short_msg.nlh()->nlmsg_len = NLMSG_HDRLEN + 2; // not even a genlmsghdr
	EXPECT_FALSE(nl::parse_notify(short_msg.nlh(), kFamily));
}
