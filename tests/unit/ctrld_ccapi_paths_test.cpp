// SPDX-License-Identifier: GPL-2.0
// Object paths of the au.com.codeconstruct.MCTP1 tree.
#include <gtest/gtest.h>

#include "ccapi_paths.hpp"

using namespace mctpxx::ctrld;
using namespace mctpxx::ctrld::ccapi;

TEST(CtrldCcapiPaths, BuildsThePathsOfTheTree)
{
	EXPECT_EQ(link_path("mctpi2c3"), "/au/com/codeconstruct/mctp1/interfaces/mctpi2c3");
	EXPECT_EQ(link_path("lo"), "/au/com/codeconstruct/mctp1/interfaces/lo");
	EXPECT_EQ(network_path(1), "/au/com/codeconstruct/mctp1/networks/1");
	EXPECT_EQ(network_path(4294967295u), "/au/com/codeconstruct/mctp1/networks/4294967295");
	EXPECT_EQ(endpoint_object_path({1, 16}),
		  "/au/com/codeconstruct/mctp1/networks/1/endpoints/16");
	EXPECT_EQ(endpoint_object_path({7, 255}),
		  "/au/com/codeconstruct/mctp1/networks/7/endpoints/255");
}

TEST(CtrldCcapiPaths, EscapesLinkNamesIntoOnePathElement)
{
	EXPECT_EQ(escape_element("mctpi2c3"), "mctpi2c3");
	EXPECT_EQ(escape_element("mctp-usb.0"), "mctp_2dusb_2e0");
	EXPECT_EQ(escape_element("a_b"), "a_5fb");
	EXPECT_EQ(escape_element(""), "_");
	for (const char *n : {"mctpi2c3", "mctp-usb.0", "a_b", "x/y", "", "\xff"})
		EXPECT_EQ(unescape_element(escape_element(n)), std::string(n)) << n;
	EXPECT_EQ(unescape_element("a_"), std::nullopt);
	EXPECT_EQ(unescape_element("a_2"), std::nullopt);
	EXPECT_EQ(unescape_element("a_zz"), std::nullopt);
	EXPECT_EQ(unescape_element("a_41"), std::nullopt); // 'A' is never escaped
	EXPECT_EQ(unescape_element("a_2D"), std::nullopt); // upper-case hex: not ours
	EXPECT_EQ(unescape_element(""), std::nullopt);
}

TEST(CtrldCcapiPaths, ParsesLinkPaths)
{
	EXPECT_EQ(parse_link_path("/au/com/codeconstruct/mctp1/interfaces/mctpi2c3"), "mctpi2c3");
	EXPECT_EQ(parse_link_path(link_path("mctp-usb.0")), "mctp-usb.0");
	EXPECT_EQ(parse_link_path("/au/com/codeconstruct/mctp1/interfaces/"), std::nullopt);
	EXPECT_EQ(parse_link_path("/au/com/codeconstruct/mctp1/interfaces"), std::nullopt);
	EXPECT_EQ(parse_link_path("/au/com/codeconstruct/mctp1/interfaces/a/b"), std::nullopt);
	EXPECT_EQ(parse_link_path("/au/com/codeconstruct/mctp1/networks/1"), std::nullopt);
	EXPECT_EQ(parse_link_path("/xyz/openbmc_project/mctp/interfaces/x"), std::nullopt);
}

TEST(CtrldCcapiPaths, ParsesNetworkPaths)
{
	EXPECT_EQ(parse_network_path("/au/com/codeconstruct/mctp1/networks/1"), 1u);
	EXPECT_EQ(parse_network_path(network_path(4294967295u)), 4294967295u);
	EXPECT_EQ(parse_network_path("/au/com/codeconstruct/mctp1/networks/4294967296"),
		  std::nullopt);
	EXPECT_EQ(parse_network_path("/au/com/codeconstruct/mctp1/networks/01"), std::nullopt);
	EXPECT_EQ(parse_network_path("/au/com/codeconstruct/mctp1/networks/-1"), std::nullopt);
	EXPECT_EQ(parse_network_path("/au/com/codeconstruct/mctp1/networks/1/endpoints/8"),
		  std::nullopt);
	EXPECT_EQ(parse_network_path("/au/com/codeconstruct/mctp1/networks/"), std::nullopt);
}

TEST(CtrldCcapiPaths, ParsesEndpointPaths)
{
	auto k = parse_endpoint_path("/au/com/codeconstruct/mctp1/networks/1/endpoints/16");
	ASSERT_TRUE(k);
	EXPECT_EQ(k->net, 1u);
	EXPECT_EQ(k->eid, 16);
	EXPECT_EQ(parse_endpoint_path(endpoint_object_path({9, 255})), (EndpointKey{9, 255}));
	EXPECT_EQ(parse_endpoint_path("/au/com/codeconstruct/mctp1/networks/1/endpoints/256"),
		  std::nullopt);
	EXPECT_EQ(parse_endpoint_path("/au/com/codeconstruct/mctp1/networks/1/endpoints/"),
		  std::nullopt);
	EXPECT_EQ(parse_endpoint_path("/au/com/codeconstruct/mctp1/networks/1/endpoint/16"),
		  std::nullopt);
	EXPECT_EQ(parse_endpoint_path("/au/com/codeconstruct/mctp1/networks/1/endpoints/16/x"),
		  std::nullopt);
	EXPECT_EQ(parse_endpoint_path("/au/com/codeconstruct/mctp1/networks/1"), std::nullopt);
	EXPECT_EQ(parse_endpoint_path("/xyz/openbmc_project/mctp/1/16"), std::nullopt);
}

TEST(CtrldCcapiPaths, RoleNames)
{
	EXPECT_STREQ(to_string(Role::BusOwner), "BusOwner");
	EXPECT_STREQ(to_string(Role::Endpoint), "Endpoint");
	EXPECT_STREQ(to_string(Role::Unknown), "Unknown");
	EXPECT_EQ(parse_role("BusOwner"), Role::BusOwner);
	EXPECT_EQ(parse_role("Endpoint"), Role::Endpoint);
	EXPECT_EQ(parse_role("Unknown"), Role::Unknown);
	EXPECT_EQ(parse_role("busowner"), std::nullopt);
	EXPECT_EQ(parse_role(""), std::nullopt);
}
