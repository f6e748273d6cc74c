// SPDX-License-Identifier: GPL-2.0
// The sysfs names of i2c adapters and clients (tools/i2c). The walk over
// the kernel's real device tree is checked in the VM: ctrld-discovery.sh
// (mctp-test-i2c-topology) and topology.sh.
#include <gtest/gtest.h>

#include "i2c/sysfs.hpp"

using namespace mctpxx::i2c;

TEST(I2cNames, BusNumbers)
{
	EXPECT_EQ(i2c_bus_number("i2c-12"), 12u);
	EXPECT_EQ(i2c_bus_number("i2c-0"), 0u);
	EXPECT_EQ(i2c_bus_number("i2c-"), std::nullopt);
	EXPECT_EQ(i2c_bus_number("i2c-1a"), std::nullopt);
	EXPECT_EQ(i2c_bus_number("0-0048"), std::nullopt);
	EXPECT_EQ(i2c_bus_number("i2c-99999999999"), std::nullopt);
}

TEST(I2cNames, ClientNames)
{
	auto c = i2c_client_name("5-0048");
	ASSERT_TRUE(c);
	EXPECT_EQ(c->bus, 5u);
	EXPECT_EQ(c->addr, 0x48);
	c = i2c_client_name("12-1010"); // a slave backend at 0x10
	ASSERT_TRUE(c);
	EXPECT_EQ(c->bus, 12u);
	EXPECT_EQ(c->addr, 0x1010);
	for (const char *bad : {"i2c-5", "5-48", "5-00048", "-0048", "5-00G8", "5-00A8", "5_0048", ""})
		EXPECT_FALSE(i2c_client_name(bad)) << bad;
}

TEST(I2cNames, MctpDrivers)
{
	EXPECT_TRUE(mctp_driver("mctp-smbus"));
	EXPECT_TRUE(mctp_driver("mctp-i2c-interface"));
	EXPECT_FALSE(mctp_driver("dummy"));
	EXPECT_FALSE(mctp_driver(""));
}
