// SPDX-License-Identifier: GPL-2.0
// i2c_place() on a sysfs tree laid out as Linux lays out an i2c adapter, a
// mux below it (mux_device, channel-K links) and MCTP netdevs on both.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "i2c_place.hpp"

namespace fs = std::filesystem;
using mctpxx::ctl::i2c_place;

class I2cPlace : public ::testing::Test {
protected:
	void SetUp() override
	{
		char tmpl[] = "/tmp/i2c-place-XXXXXX";
		root = ::mkdtemp(tmpl);
		const fs::path mux = root / "devices/platform/i2c-1/1-0070";
		fs::create_directories(mux / "i2c-5");
		fs::create_directory_symlink("..", mux / "i2c-5/mux_device");
		fs::create_directory_symlink("i2c-5", mux / "channel-1");
		fs::create_directories(mux / "i2c-6");
		fs::create_directory_symlink("..", mux / "i2c-6/mux_device");
		fs::create_directory_symlink("i2c-6", mux / "channel-2");
		netdev("mctpi2c1", "../../../devices/platform/i2c-1");
		netdev("mctpi2c5", "../../../devices/platform/i2c-1/1-0070/i2c-5");
		netdev("mctpi2c6", "../../../devices/platform/i2c-1/1-0070/i2c-6");
		fs::create_directories(root / "class/net/lo");
	}
	void TearDown() override { fs::remove_all(root); }

	void netdev(const std::string &name, const std::string &device)
	{
		fs::create_directories(root / "class/net" / name);
		fs::create_directory_symlink(device, root / "class/net" / name / "device");
	}

	fs::path root;
};

TEST_F(I2cPlace, RootAdapter)
{
	auto p = i2c_place("mctpi2c1", root);
	ASSERT_TRUE(p);
	EXPECT_EQ(p->bus, 1u);
	EXPECT_FALSE(p->parent);
	EXPECT_FALSE(p->channel);
	EXPECT_EQ(to_text(*p), "i2c-bus 1");
}

TEST_F(I2cPlace, MuxChannels)
{
	auto p = i2c_place("mctpi2c5", root);
	ASSERT_TRUE(p);
	EXPECT_EQ(to_text(*p), "i2c-bus 5 parent 1 channel 1");
	p = i2c_place("mctpi2c6", root);
	ASSERT_TRUE(p);
	EXPECT_EQ(to_text(*p), "i2c-bus 6 parent 1 channel 2");
	nlohmann::json j;
	add_json(j, *p);
	EXPECT_EQ(j, (nlohmann::json{{"i2c_bus", 6}, {"i2c_parent", 1}, {"mux_channel", 2}}));
}

TEST_F(I2cPlace, NotOnI2c)
{
	EXPECT_FALSE(i2c_place("lo", root));
	EXPECT_FALSE(i2c_place("nonexistent", root));
}
