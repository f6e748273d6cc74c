// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "cli.hpp"
#include "mctpxx/version.hpp"

using namespace mctpxx::ctl;

namespace {

mctpxx::Result<Parsed> P(std::vector<std::string> w)
{
	return parse(w);
}

std::string err(std::vector<std::string> w)
{
	auto r = P(std::move(w));
	return r ? std::string("(parsed)") : r.error().message;
}

} // namespace

TEST(CtlGrammar, LinkSetWithPrefixes)
{
	auto r = P({"l", "s", "mctpi2c1", "up", "mtu", "254", "net", "2"});
	ASSERT_TRUE(r) << r.error().message;
	auto &s = std::get<LinkSet>(r->command);
	EXPECT_EQ(s.dev, "mctpi2c1");
	EXPECT_EQ(s.up, true);
	EXPECT_EQ(s.mtu, 254u);
	EXPECT_EQ(s.net, 2u);
}

TEST(CtlGrammar, AddressAdd)
{
	auto r = P({"address", "add", "8", "dev", "mctpi2c1"});
	ASSERT_TRUE(r);
	auto &a = std::get<AddrChange>(r->command);
	EXPECT_TRUE(a.add);
	EXPECT_EQ(a.eid, 8);
	EXPECT_EQ(a.dev, "mctpi2c1");
}

TEST(CtlGrammar, RouteRangeViaAndGateway)
{
	auto r = P({"route", "add", "10-20", "via", "mctpi2c1", "mtu", "100"});
	ASSERT_TRUE(r);
	auto &rc = std::get<RouteChange>(r->command);
	EXPECT_EQ(rc.eid, 10);
	EXPECT_EQ(rc.extent, 10);
	EXPECT_EQ(rc.dev, "mctpi2c1");
	EXPECT_EQ(rc.mtu, 100u);

	r = P({"ro", "add", "30", "gw", "10", "net", "1"});
	ASSERT_TRUE(r);
	auto &g = std::get<RouteChange>(r->command);
	EXPECT_EQ(g.gw_eid, 10);
	EXPECT_EQ(g.gw_net, 1u);
	EXPECT_FALSE(g.dev);
}

TEST(CtlGrammar, NeighAddLladdr)
{
	auto r = P({"neigh", "add", "10", "dev", "mctpi2c1", "lladdr", "0x1d"});
	ASSERT_TRUE(r);
	auto &n = std::get<NeighChange>(r->command);
	EXPECT_EQ(n.lladdr, std::vector<std::uint8_t>{0x1d});
}

TEST(CtlGrammar, GlobalOptions)
{
	auto r = P({"-j", "-d", "link"});
	ASSERT_TRUE(r);
	EXPECT_TRUE(r->options.json);
	EXPECT_TRUE(r->options.details);
	EXPECT_TRUE(std::holds_alternative<LinkShow>(r->command));
}

TEST(CtlGrammar, HelpAtEveryLevel)
{
	for (const char *obj : {"link", "address", "route", "neigh", "monitor"}) {
		auto r = P({obj, "help"});
		ASSERT_TRUE(r) << obj;
		EXPECT_EQ(std::get<Help>(r->command).topic, obj);
		EXPECT_NE(help_text(obj).find("usage"), std::string::npos);
	}
	EXPECT_TRUE(std::holds_alternative<Help>(P({"help"})->command));
	EXPECT_TRUE(std::holds_alternative<Help>(P({"-h"})->command));
	EXPECT_TRUE(std::holds_alternative<Help>(P({"--help"})->command));
	EXPECT_NE(main_help().find("OBJECT := link"), std::string::npos);
	EXPECT_NE(main_help().find("--netns"), std::string::npos);
}

TEST(CtlGrammar, ErrorsNameTheBadWord)
{
	EXPECT_EQ(err({"lonk"}), "unknown object \"lonk\" (try \"help\")");
	EXPECT_EQ(err({"link", "frob"}), "unknown link command \"frob\" (try \"help\")");
	EXPECT_EQ(err({"link", "set", "x", "mtu"}), "\"mtu\" needs a value");
	EXPECT_EQ(err({"link", "set", "x", "mtu", "12"}), "invalid MTU \"12\": must be 68..65535");
	EXPECT_EQ(err({"address", "add", "300", "dev", "x"}), "invalid EID \"300\": must be 0..255");
	EXPECT_EQ(err({"address", "add", "8", "dev", "x", "extra"}), "unexpected word \"extra\"");
	EXPECT_EQ(err({"route", "add", "20-10", "via", "x"}),
		  "invalid EID range \"20-10\": end is below start");
	EXPECT_EQ(err({"route", "add", "10", "via", "x", "gw", "9", "net", "1"}),
		  "route: give either \"via DEV\" or \"gw EID net N\", not both");
	EXPECT_EQ(err({"route", "add", "10", "gw", "9"}),
		  "route: gateway needs its network: \"gw EID net N\"");
	EXPECT_EQ(err({"neigh", "add", "10", "dev", "x"}), "neigh add: missing \"lladdr ADDR\"");
	EXPECT_EQ(err({"--bogus"}), "unknown option \"--bogus\"");
	EXPECT_EQ(err({"-j", "--bogus", "link"}), "unknown option \"--bogus\"");
	EXPECT_EQ(err({}), "missing OBJECT");
	EXPECT_EQ(err({"-j"}), "missing OBJECT");
}

TEST(CtlGrammar, Lladdr)
{
	EXPECT_EQ(*parse_lladdr("0x1d"), std::vector<std::uint8_t>{0x1d});
	EXPECT_EQ(*parse_lladdr("0x5"), std::vector<std::uint8_t>{0x05});
	EXPECT_EQ(*parse_lladdr("1d:2e"), (std::vector<std::uint8_t>{0x1d, 0x2e}));
	for (const char *bad : {"", "0x", "zz", "1d:", ":1d", "123:4", "0xgg"})
		EXPECT_FALSE(parse_lladdr(bad)) << bad;
}

TEST(CtlGrammar, NetnsIsDashN)
{
	auto r = P({"-n", "bmc", "-j", "link", "show"});
	ASSERT_TRUE(r) << r.error().message;
	EXPECT_EQ(r->options.netns, "bmc");
	EXPECT_TRUE(r->options.json);
	EXPECT_FALSE(r->options.dry_run);
	r = P({"--netns=/proc/1/ns/net", "route"});
	ASSERT_TRUE(r) << r.error().message;
	EXPECT_EQ(r->options.netns, "/proc/1/ns/net");
	EXPECT_TRUE(std::holds_alternative<RouteShow>(r->command));
	EXPECT_NE(err({"-n"}).find("--netns"), std::string::npos);
}

TEST(CtlGrammar, DryRunGoesWithApply)
{
	for (auto words : {std::vector<std::string>{"--dry-run", "apply", "f.toml"},
			   std::vector<std::string>{"apply", "--dry-run", "f.toml"},
			   std::vector<std::string>{"-n", "x", "ap", "f.toml", "--dry-run"}}) {
		auto r = P(words);
		ASSERT_TRUE(r) << r.error().message;
		auto &a = std::get<Apply>(r->command);
		EXPECT_EQ(a.file, "f.toml");
		EXPECT_TRUE(a.dry_run);
	}
	EXPECT_FALSE(std::get<Apply>(P({"apply", "f.toml"})->command).dry_run);
	// -n is the namespace now, never a dry run
	EXPECT_EQ(err({"apply", "-n", "f.toml"}), "apply: unexpected word \"-n\"");
	EXPECT_EQ(err({"--dry-run", "link", "show"}), "--dry-run goes with apply only");
}

TEST(CtlGrammar, Version)
{
	for (const char *v : {"-V", "--version"}) {
		auto r = P({v});
		ASSERT_TRUE(r) << v;
		const auto &text = std::get<Version>(r->command).text;
		EXPECT_EQ(text, "mctp-ctl (mctp-stack) " + std::string(mctpxx::kVersion));
	}
}

TEST(CtlGrammar, RouteMtuNotBelowBaseline)
{
	EXPECT_EQ(err({"route", "add", "10", "via", "x", "mtu", "67"}),
		  "invalid MTU \"67\": must be 68..65535");
	EXPECT_EQ(err({"route", "add", "10", "via", "x", "mtu", "0"}),
		  "invalid MTU \"0\": must be 68..65535");
	auto r = P({"route", "add", "10", "via", "x", "mtu", "68"});
	ASSERT_TRUE(r) << r.error().message;
	EXPECT_EQ(std::get<RouteChange>(r->command).mtu, 68u);
}
