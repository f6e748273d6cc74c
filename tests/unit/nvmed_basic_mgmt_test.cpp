// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "basic_mgmt.hpp"

using namespace mctpxx::nvmed::basic;

namespace {

constexpr std::uint8_t kAddr = 0x6a;

std::uint8_t pec_of(const std::vector<std::uint8_t> &d, std::size_t off, std::size_t len,
		    std::uint8_t addr = kAddr)
{
	const std::uint8_t head[] = {static_cast<std::uint8_t>(addr << 1),
				     static_cast<std::uint8_t>(off),
				     static_cast<std::uint8_t>(addr << 1 | 1)};
	return smbus_pec(std::span(d).subspan(off, len + 1), smbus_pec(head));
}

// What a healthy drive answers: bytes 0..31, both PECs right.
std::vector<std::uint8_t> answer(std::uint8_t flags = 0x3f, std::uint8_t warnings = 0xff,
				 std::uint8_t ctemp = 35, std::uint8_t pdlu = 3,
				 const std::string &serial = "SN-BASIC-0001")
{
	std::vector<std::uint8_t> d(32, 0);
	d[0] = 6;
	d[1] = flags;
	d[2] = warnings;
	d[3] = ctemp;
	d[4] = pdlu;
	d[8] = 22;
	d[9] = 0x1b;
	d[10] = 0x96;
	for (std::size_t i = 0; i < 20; i++)
		d[11 + i] = i < serial.size() ? static_cast<std::uint8_t>(serial[i]) : ' ';
	d[7] = pec_of(d, 0, 6);
	d[31] = pec_of(d, 8, 22);
	return d;
}

std::string error_of(const std::vector<std::uint8_t> &d)
{
	auto r = decode(d, kAddr);
	return r ? "" : r.error().message;
}

} // namespace

TEST(NvmedBasicMgmt, PecIsSmbusCrc8)
{
	// the value smbus-sim's test expects for the default status block
	const std::uint8_t b[] = {0xd4, 0x00, 0xd5, 6, 0x3f, 0xff, 0x23, 0, 0, 0};
	EXPECT_EQ(smbus_pec(b), 0xc0);
	EXPECT_EQ(smbus_pec({}), 0);
}

TEST(NvmedBasicMgmt, EveryField)
{
	auto r = decode(answer(0x3f, 0xfd, 42, 7), kAddr);
	ASSERT_TRUE(r) << r.error().message;
	EXPECT_EQ(r->flags, 0x3f);
	EXPECT_TRUE(r->ready());
	EXPECT_TRUE(r->functional());
	EXPECT_EQ(r->smart_warnings, 0xfd);
	EXPECT_EQ(r->critical_warning(), 0x02); // temperature warning
	EXPECT_EQ(r->temperature.kind, Temperature::Kind::Celsius);
	EXPECT_EQ(r->temperature.celsius, 42);
	EXPECT_EQ(r->drive_life_used, 7);
	EXPECT_EQ(r->vendor_id, 0x1b96);
	EXPECT_EQ(r->serial, "SN-BASIC-0001");
}

TEST(NvmedBasicMgmt, StatusFlags)
{
	auto r = decode(answer(kFlagResetNotRequired | kFlagPcieLinkActive), kAddr);
	ASSERT_TRUE(r);
	EXPECT_TRUE(r->ready());
	EXPECT_FALSE(r->functional()); // drive functional bit clear
	EXPECT_EQ(r->critical_warning(), 0);
	// not ready: only the flags count, even if the rest is garbage
	auto d = answer(kFlagNotReady | kFlagFunctional, 0x00, 0x90);
	d[8] = 0;
	r = decode(d, kAddr);
	ASSERT_TRUE(r) << r.error().message;
	EXPECT_FALSE(r->ready());
	EXPECT_FALSE(r->functional());
	EXPECT_EQ(r->temperature.kind, Temperature::Kind::NoData);
	EXPECT_EQ(r->serial, "");
}

TEST(NvmedBasicMgmt, SmartWarnings)
{
	auto r = decode(answer(0x3f, 0x00), kAddr);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->critical_warning(), 0x3f);
	r = decode(answer(0x3f, 0xc0), kAddr); // reserved bits 6, 7 clear: no warning
	ASSERT_TRUE(r);
	EXPECT_EQ(r->critical_warning(), 0x3f);
	r = decode(answer(0x3f, 0x3f), kAddr);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->critical_warning(), 0);
}

TEST(NvmedBasicMgmt, Temperatures)
{
	using K = Temperature::Kind;
	struct Case {
		std::uint8_t code;
		K kind;
		int c;
	} cases[] = {
		{0x00, K::Celsius, 0},	    {0x23, K::Celsius, 35},  {0x7e, K::Celsius, 126},
		{0x7f, K::Celsius, 127},    {0x80, K::NoData, 0},     {0x81, K::SensorFailure, 0},
		{0xc4, K::Celsius, -60},    {0xc5, K::Celsius, -59},  {0xfb, K::Celsius, -5},
		{0xff, K::Celsius, -1},
	};
	for (const auto &c : cases) {
		auto t = decode_ctemp(c.code);
		ASSERT_TRUE(t) << int(c.code);
		EXPECT_EQ(t->kind, c.kind) << int(c.code);
		EXPECT_EQ(t->celsius, c.c) << int(c.code);
	}
	for (unsigned v = 0x82; v <= 0xc3; v++) {
		auto t = decode_ctemp(static_cast<std::uint8_t>(v));
		ASSERT_FALSE(t) << v;
		EXPECT_NE(t.error().message.find("reserved"), std::string::npos);
	}
	EXPECT_NE(error_of(answer(0x3f, 0xff, 0x90)).find("composite temperature 0x90"),
		  std::string::npos);
}

TEST(NvmedBasicMgmt, ShortAnswers)
{
	auto d = answer();
	for (std::size_t n : {0u, 1u, 8u, 31u}) {
		d.resize(n);
		EXPECT_NE(error_of(d).find("short answer: " + std::to_string(n) + " bytes"),
			  std::string::npos);
	}
}

TEST(NvmedBasicMgmt, BadLengths)
{
	auto d = answer();
	d[0] = 5;
	EXPECT_NE(error_of(d).find("status block length 5 at offset 0, want 6"), std::string::npos);
	d = answer();
	d[0] = 0xff; // nothing there: a bus pulled high
	EXPECT_NE(error_of(d).find("status block length 255"), std::string::npos);
	d = answer();
	d[8] = 32;
	d[31] = pec_of(d, 8, 22);
	EXPECT_NE(error_of(d).find("identification block length 32 at offset 8, want 22"),
		  std::string::npos);
}

TEST(NvmedBasicMgmt, BadPec)
{
	auto d = answer();
	d[7] ^= 1;
	EXPECT_NE(error_of(d).find("status block PEC"), std::string::npos);
	d = answer();
	d[12] ^= 0x20; // a flipped serial number bit
	EXPECT_NE(error_of(d).find("identification block PEC"), std::string::npos);
	d = answer();
	d[3] = 36; // the data changed, the PEC did not
	EXPECT_NE(error_of(d).find("status block PEC"), std::string::npos);
	// the PEC covers the address: another drive's answer does not check out
	auto r = decode(answer(), 0x6b);
	ASSERT_FALSE(r);
	EXPECT_NE(r.error().message.find("PEC"), std::string::npos);
	d = std::vector<std::uint8_t>(32, 0xff);
	EXPECT_FALSE(error_of(d).empty());
}

TEST(NvmedBasicMgmt, SerialIsSanitised)
{
	auto d = answer(0x3f, 0xff, 35, 0, std::string("AB\x01" "C", 4));
	auto r = decode(d, kAddr);
	ASSERT_TRUE(r) << r.error().message;
	EXPECT_EQ(r->serial, "AB?C");
	r = decode(answer(0x3f, 0xff, 35, 0, "12345678901234567890"), kAddr);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->serial, "12345678901234567890");
}

// Every byte string of any length decodes or fails cleanly (a small
// deterministic fuzz over mutations of a good answer).
TEST(NvmedBasicMgmt, MutationsNeverCrash)
{
	std::uint32_t x = 12345;
	auto rnd = [&x] {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		return x;
	};
	unsigned ok = 0;
	for (int i = 0; i < 20000; i++) {
		auto d = answer();
		const int flips = static_cast<int>(rnd() % 4);
		for (int f = 0; f < flips; f++)
			d[rnd() % d.size()] = static_cast<std::uint8_t>(rnd());
		d.resize(rnd() % 40 < 36 ? d.size() : rnd() % 40);
		auto r = decode(d, kAddr);
		ok += r.has_value();
		if (r)
			EXPECT_LE(r->serial.size(), 20u);
	}
	EXPECT_GT(ok, 0u);
}

TEST(NvmedBasicMgmt, IntoDriveState)
{
	using namespace mctpxx::nvmed;
	auto r = decode(answer(0x3f, 0xff, 0xfb, 9), kAddr);
	ASSERT_TRUE(r);
	auto id = identity_of(*r);
	ASSERT_TRUE(id);
	EXPECT_EQ(id->serial, "SN-BASIC-0001");
	EXPECT_EQ(id->pci_vendor, 0x1b96);
	EXPECT_EQ(id->model, "");
	DriveState s;
	s.identity = id;
	s.health = health_of(*r);
	EXPECT_EQ(*s.health->temperature_c, -5.0);
	EXPECT_EQ(s.health->percent_used, 9);
	EXPECT_TRUE(functional(s));

	r = decode(answer(0x3f, 0xef), kAddr); // volatile memory backup failed
	s.health = health_of(*r);
	EXPECT_EQ(s.health->critical_warning, 0x10);
	EXPECT_FALSE(functional(s));

	r = decode(answer(0x1f), kAddr); // drive functional bit clear
	s.health = health_of(*r);
	EXPECT_TRUE(s.health->failed);
	EXPECT_FALSE(functional(s));

	r = decode(answer(0x3f, 0xff, 0x81), kAddr); // sensor failure: no temperature
	s.health = health_of(*r);
	EXPECT_FALSE(s.health->temperature_c);
	EXPECT_TRUE(functional(s));

	r = decode(answer(0x7f), kAddr); // not ready: no identity, not functional
	EXPECT_FALSE(identity_of(*r));
	s.health = health_of(*r);
	EXPECT_TRUE(s.health->failed);
	EXPECT_FALSE(s.health->temperature_c);
	EXPECT_FALSE(functional(s));
}
