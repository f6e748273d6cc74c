// SPDX-License-Identifier: GPL-2.0
// mctp-ncsid's configuration (defaults, values, errors naming the file,
// line and key) and the rules that say what D-Bus shows of a controller,
// a package and a channel: functional, available, and the reason a part is
// not usable.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "config.hpp"
#include "controller.hpp"

using namespace mctpxx::ncsid;

namespace {

std::string error_of(const std::string &text)
{
	auto c = parse_config(text, "ncsid.toml");
	return c ? std::string() : c.error().message;
}

// A discovered controller with one package of two channels, both set up,
// link up on channel 0 only.
Controller sample()
{
	Controller c;
	c.name = "ncsi_1_30";
	c.discovered = true;
	c.endpoint.path = "/xyz/openbmc_project/mctp/1/30";
	Package &p = c.packages[0];
	p.id = 0;
	p.last_response = WallClock::now();
	for (std::uint8_t id : {0, 1}) {
		Channel &ch = p.channels[id];
		ch.id = id;
		ch.initialised = ch.enabled = true;
	}
	p.channels[0].link_up = true;
	return c;
}

} // namespace

TEST(NcsidConfig, Defaults)
{
	auto c = parse_config("", "ncsid.toml");
	ASSERT_TRUE(c);
	EXPECT_EQ(c->poll_interval, std::chrono::seconds(10));
	EXPECT_EQ(c->request_timeout, std::chrono::milliseconds(500));
	EXPECT_EQ(c->retries, 2u);
	EXPECT_EQ(c->packages, 8u);
	EXPECT_EQ(c->absent_after, 3u);
	EXPECT_TRUE(c->aens);
	EXPECT_TRUE(c->all_controllers);
}

// load_config() (toml_check::load_or_defaults, as every daemon's): a
// missing file is the defaults; a directory or a device is an error, never
// the defaults; a file is parsed with its name in the errors.
TEST(NcsidConfig, LoadFile)
{
	char dir[] = "/tmp/ncsid-config-XXXXXX";
	ASSERT_NE(mkdtemp(dir), nullptr);
	const std::string d = dir;
	auto missing = load_config(d + "/none.toml");
	ASSERT_TRUE(missing) << missing.error().message;
	EXPECT_EQ(missing->packages, 8u);

	auto is_dir = load_config(d);
	ASSERT_FALSE(is_dir);
	EXPECT_EQ(is_dir.error().message, "reading " + d + ": Is a directory");

	auto device = load_config("/dev/null");
	ASSERT_FALSE(device);
	EXPECT_EQ(device.error().message, "reading /dev/null: not a regular file");

	const std::string f = d + "/ncsid.toml";
	std::ofstream(f) << "packages = 2\n\nretries = 9\n";
	auto bad = load_config(f);
	ASSERT_FALSE(bad);
	EXPECT_EQ(bad.error().message, f + ":3: retries 9 out of range 0..5");
	std::ofstream(f) << "packages = 2\n";
	auto good = load_config(f);
	ASSERT_TRUE(good) << good.error().message;
	EXPECT_EQ(good->packages, 2u);
	std::filesystem::remove_all(d);
}

TEST(NcsidConfig, Values)
{
	auto c = parse_config("poll_interval_s = 60\nrequest_timeout_ms = 200\nretries = 0\n"
			      "packages = 2\nabsent_after = 5\naens = false\n"
			      "[[controller]]\nuuid = \"11111111-0000-4000-8000-000000000001\"\n"
			      "name = \"nic0\"\n[[controller]]\nnet = 1\neid = 30\n",
			      "ncsid.toml");
	ASSERT_TRUE(c) << c.error().message;
	EXPECT_EQ(c->poll_interval, std::chrono::seconds(60));
	EXPECT_EQ(c->request_timeout, std::chrono::milliseconds(200));
	EXPECT_EQ(c->retries, 0u);
	EXPECT_EQ(c->packages, 2u);
	EXPECT_EQ(c->absent_after, 5u);
	EXPECT_FALSE(c->aens);
	EXPECT_FALSE(c->all_controllers);
	ASSERT_EQ(c->controllers.size(), 2u);
	EXPECT_EQ(c->controllers[0].name, "nic0");
	EXPECT_EQ(*c->controllers[1].eid, 30);
}

TEST(NcsidConfig, ErrorsNameLineAndKey)
{
	EXPECT_EQ(error_of("packages = 9\n"), "ncsid.toml:1: packages 9 out of range 1..8");
	EXPECT_EQ(error_of("\nrequest_timeout_ms = 10\n"),
		  "ncsid.toml:2: request_timeout_ms 10 out of range 50..5000");
	EXPECT_EQ(error_of("retries = 6\n"), "ncsid.toml:1: retries 6 out of range 0..5");
	EXPECT_EQ(error_of("aens = 1\n"), "ncsid.toml:1: aens must be true or false");
	EXPECT_EQ(error_of("pacakges = 2\n"), "ncsid.toml:1: unknown key \"pacakges\" in the configuration");
	EXPECT_NE(error_of("[[controller]]\nname = \"x\"\n").find("needs uuid or eid"), std::string::npos);
	EXPECT_NE(error_of("[[controller]]\neid = 30\n[[controller]]\neid = 30\n").find("already listed"),
		  std::string::npos);
	EXPECT_NE(error_of("[[controller]]\neid = 30\nname = \"a\"\n[[controller]]\neid = 31\nname = \"a\"\n")
			  .find("two controllers named \"a\""),
		  std::string::npos);
	EXPECT_NE(error_of("poll_interval_s = [\n").find("ncsid.toml:1:"), std::string::npos);
}

TEST(NcsidState, UsableParts)
{
	Controller c = sample();
	Package &p = c.packages[0];
	EXPECT_TRUE(functional(c));
	EXPECT_TRUE(available(c));
	EXPECT_EQ(reason(c), "");
	EXPECT_TRUE(functional(c, p));
	EXPECT_EQ(reason(c, p), "");
	EXPECT_TRUE(functional(c, p, p.channels[0]));
	EXPECT_EQ(reason(c, p, p.channels[0]), "");
}

TEST(NcsidState, LinkDownIsFunctionalButNotUsable)
{
	Controller c = sample();
	Package &p = c.packages[0];
	EXPECT_TRUE(functional(c, p, p.channels[1]));
	EXPECT_EQ(reason(c, p, p.channels[1]), "link down");
}

TEST(NcsidState, ChannelNotSetUp)
{
	Controller c = sample();
	Package &p = c.packages[0];
	Channel &ch = p.channels[1];
	ch.initialised = false;
	ch.problem = "Clear Initial State: failed: parameter invalid";
	EXPECT_FALSE(functional(c, p, ch));
	EXPECT_EQ(reason(c, p, ch), "needs initialisation (Clear Initial State: failed: parameter invalid)");
	ch.initialised = true;
	ch.enabled = false;
	ch.problem.clear();
	EXPECT_EQ(reason(c, p, ch), "disabled");
}

TEST(NcsidState, SilentPackageNamesTheTimeOfItsLastAnswer)
{
	Controller c = sample();
	Package &p = c.packages[0];
	Package &q = c.packages[1];
	q.id = 1;
	q.channels[0].initialised = q.channels[0].enabled = q.channels[0].link_up = true;
	p.answering = false;
	p.last_response = WallClock::from_time_t(1764880867); // some time
	const std::string when = time_text(p.last_response);
	ASSERT_EQ(when.size(), 19u);
	EXPECT_EQ(reason(c, p), "no response since " + when);
	EXPECT_EQ(reason(c, p, p.channels[0]), "no response since " + when);
	EXPECT_FALSE(functional(c, p, p.channels[0]));
	// the other package goes on, and so does the controller
	EXPECT_TRUE(functional(c));
	EXPECT_EQ(reason(c, q, q.channels[0]), "");
	// none answers: the controller says so
	q.answering = false;
	EXPECT_FALSE(functional(c));
	EXPECT_EQ(reason(c), "no package answers");
	// never answered at all
	p.last_response = {};
	EXPECT_EQ(reason(c, p), "no response");
}

TEST(NcsidState, MalformedAnswersMakeThePackageUnusable)
{
	Controller c = sample();
	Package &p = c.packages[0];
	p.malformed = "no valid NC-SI response: checksum 0x1 does not match";
	EXPECT_FALSE(functional(c, p));
	EXPECT_FALSE(functional(c, p, p.channels[0]));
	EXPECT_EQ(reason(c, p), "malformed responses (" + p.malformed + ")");
	EXPECT_EQ(reason(c, p, p.channels[0]), reason(c, p));
}

TEST(NcsidState, SilentController)
{
	Controller c = sample();
	c.availability = Availability::Silent;
	c.last_response = WallClock::from_time_t(1764880867);
	EXPECT_FALSE(functional(c));
	EXPECT_TRUE(available(c));
	EXPECT_EQ(reason(c), "no response since " + time_text(c.last_response));
	EXPECT_EQ(reason(c, c.packages[0], c.packages[0].channels[0]), reason(c));
}

TEST(NcsidState, HostOffIsUnavailableNotFailed)
{
	Controller c = sample();
	c.availability = Availability::HostOff;
	EXPECT_FALSE(available(c));
	EXPECT_EQ(reason(c), "host off");
	c.endpoint.reason = "waiting for the endpoint after host power-on";
	EXPECT_EQ(reason(c, c.packages[0], c.packages[0].channels[0]),
		  "waiting for the endpoint after host power-on");
}

TEST(NcsidState, TimesAndNames)
{
	EXPECT_EQ(time_text({}), "");
	EXPECT_EQ(epoch_us({}), 0u);
	EXPECT_EQ(epoch_us(WallClock::from_time_t(2)), 2000000u);
	EXPECT_EQ(manufacturer_name(343), "Intel");
	EXPECT_EQ(manufacturer_name(4413), "Broadcom");
	EXPECT_EQ(manufacturer_name(99999), "IANA 99999");
}
