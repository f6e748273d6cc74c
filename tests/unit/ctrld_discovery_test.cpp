// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "discovery.hpp"
#include "i2c_sysfs.hpp"

using namespace mctp::ctrld;
namespace fs = std::filesystem;

namespace {

std::vector<std::uint8_t> addrs(const ProbePlan &p)
{
	std::vector<std::uint8_t> out;
	for (const auto &c : p.probe)
		out.push_back(c.addr);
	return out;
}

ProbeRule rule(std::vector<std::uint8_t> a, bool host_powered = false)
{
	ProbeRule r;
	r.bus = 0;
	r.addresses = std::move(a);
	r.host_powered = host_powered;
	return r;
}

} // namespace

TEST(CtrldDiscovery, PlansOnlyAllowedFreeAddresses)
{
	ProbeRule a = rule({0x10, 0x1d, 0x1e, 0x48});
	ProbeRule b = rule({0x1e, 0x30}, true);
	PlanInput in;
	in.rules = {&a, &b};
	in.own_addr = 0x10;
	in.known = {0x1d};
	in.foreign = [](std::uint8_t x) -> std::optional<std::string> {
		if (x == 0x48)
			return "i2c device 0-0048 bound to driver dummy";
		return std::nullopt;
	};
	auto p = plan_probes(in);
	EXPECT_EQ(addrs(p), (std::vector<std::uint8_t>{0x1e, 0x30}));
	EXPECT_TRUE(p.probe[0].host_powered); // any rule saying so counts
	EXPECT_TRUE(p.probe[1].host_powered);
	ASSERT_EQ(p.skipped.size(), 3u);
	EXPECT_EQ(p.skipped[0].why, "our own address");
	EXPECT_EQ(p.skipped[1].why, "endpoint known");
	EXPECT_EQ(p.skipped[2].why, "i2c device 0-0048 bound to driver dummy");
}

TEST(CtrldDiscovery, HostOffSkipsHostPowered)
{
	ProbeRule a = rule({0x1d});
	ProbeRule b = rule({0x30}, true);
	PlanInput in;
	in.rules = {&a, &b};
	in.host_on = false;
	in.busy = {0x1d};
	auto p = plan_probes(in);
	EXPECT_TRUE(p.probe.empty());
	ASSERT_EQ(p.skipped.size(), 2u);
	EXPECT_EQ(p.skipped[0].why, "setup in progress");
	EXPECT_EQ(p.skipped[1].why, "host-powered and the host is off");
	in.host_on = true;
	in.busy.clear();
	EXPECT_EQ(addrs(plan_probes(in)), (std::vector<std::uint8_t>{0x1d, 0x30}));
}

TEST(CtrldDiscovery, NothingWithoutRules)
{
	PlanInput in;
	EXPECT_TRUE(plan_probes(in).probe.empty());
}

class CtrldFakeSysfs : public ::testing::Test {
protected:
	void SetUp() override
	{
		root_ = fs::temp_directory_path() / ("ctrld-sysfs-" + std::to_string(getpid()));
		fs::remove_all(root_);
		// i2c-0 root adapter with mux channels i2c-3 and i2c-4; i2c-1 alone
		const fs::path dev = root_ / "devices/platform/sim";
		fs::create_directories(dev / "i2c-0/i2c-3");
		fs::create_directories(dev / "i2c-0/i2c-4");
		fs::create_directories(dev / "i2c-1");
		fs::create_directories(root_ / "bus/i2c/devices");
		fs::create_directories(root_ / "bus/i2c/drivers/dummy");
		fs::create_directories(root_ / "bus/i2c/drivers/mctp-smbus");
		link("bus/i2c/devices/i2c-0", dev / "i2c-0");
		link("bus/i2c/devices/i2c-1", dev / "i2c-1");
		link("bus/i2c/devices/i2c-3", dev / "i2c-0/i2c-3");
		link("bus/i2c/devices/i2c-4", dev / "i2c-0/i2c-4");
		// netdevs of the binding
		fs::create_directories(root_ / "class/net/mctpi2c0");
		fs::create_directories(root_ / "class/net/mctpi2c4");
		link("class/net/mctpi2c0/device", dev / "i2c-0");
		link("class/net/mctpi2c4/device", dev / "i2c-0/i2c-4");
		// a temperature sensor on the root bus with a driver, one behind
		// channel 3 without a driver, and our own MCTP client
		client(dev / "i2c-0/0-0048", "tmp75", "dummy");
		client(dev / "i2c-0/i2c-3/3-0050", "eeprom", "");
		client(dev / "i2c-0/0-0010", "mctp-smbus", "mctp-smbus");
	}
	void TearDown() override { fs::remove_all(root_); }

	void link(const std::string &at, const fs::path &to) { fs::create_directory_symlink(to, root_ / at); }
	void client(const fs::path &dir, const std::string &name, const std::string &driver)
	{
		fs::create_directories(dir);
		std::ofstream(dir / "name") << name << "\n";
		if (!driver.empty())
			fs::create_directory_symlink(root_ / "bus/i2c/drivers" / driver, dir / "driver");
		link("bus/i2c/devices/" + dir.filename().string(), dir);
	}

	fs::path root_;
};

TEST_F(CtrldFakeSysfs, BusesOfNetdevsAndMuxTree)
{
	I2cSysfs s(root_.string());
	EXPECT_EQ(s.bus_of_netdev("mctpi2c0"), 0u);
	EXPECT_EQ(s.bus_of_netdev("mctpi2c4"), 4u);
	EXPECT_EQ(s.bus_of_netdev("nosuch"), std::nullopt);
	EXPECT_TRUE(s.parents(0).empty());
	EXPECT_EQ(s.parents(4), (std::vector<unsigned>{0}));
	EXPECT_EQ(s.descendants(0), (std::vector<unsigned>{3, 4}));
	EXPECT_TRUE(s.descendants(1).empty());
}

TEST_F(CtrldFakeSysfs, ForeignOwners)
{
	I2cSysfs s(root_.string());
	EXPECT_EQ(s.foreign_owner(0, 0x48), "i2c device 0-0048 bound to driver dummy");
	// visible through every mux channel of that bus
	EXPECT_EQ(s.foreign_owner(4, 0x48), "i2c device 0-0048 bound to driver dummy");
	// a device behind a channel is reachable from the root when selected
	EXPECT_EQ(s.foreign_owner(0, 0x50), "i2c device 3-0050 (eeprom) without a driver");
	EXPECT_EQ(s.foreign_owner(4, 0x50), std::nullopt);
	EXPECT_EQ(s.foreign_owner(1, 0x48), std::nullopt);
	// MCTP binding clients are not in the way
	EXPECT_EQ(s.foreign_owner(0, 0x10), std::nullopt);
	EXPECT_EQ(s.foreign_owner(0, 0x1d), std::nullopt);
}

TEST(CtrldI2c, BusNumbers)
{
	EXPECT_EQ(i2c_bus_number("i2c-12"), 12u);
	EXPECT_EQ(i2c_bus_number("i2c-"), std::nullopt);
	EXPECT_EQ(i2c_bus_number("i2c-1a"), std::nullopt);
	EXPECT_EQ(i2c_bus_number("0-0048"), std::nullopt);
}
