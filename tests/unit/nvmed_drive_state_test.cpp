// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "drive_state.hpp"

using namespace mctpxx::nvmed;

namespace {

void put_le16(std::vector<std::uint8_t> &b, std::size_t off, std::uint16_t v)
{
	b[off] = v & 0xff;
	b[off + 1] = v >> 8;
}

void put_str(std::vector<std::uint8_t> &b, std::size_t off, std::size_t len, const char *s,
	     std::uint8_t pad = ' ')
{
	std::memset(&b[off], pad, len);
	std::memcpy(&b[off], s, std::strlen(s));
}

std::vector<std::uint8_t> identify()
{
	std::vector<std::uint8_t> id(4096, 0);
	put_le16(id, 0, 0x1b96);
	put_str(id, 4, 20, "SN0001");
	put_str(id, 24, 40, "Example NVMe SSD");
	put_str(id, 64, 8, "1.2.3", 0);
	put_le16(id, 266, 273 + 70); // WCTEMP 70 C
	put_le16(id, 268, 273 + 85); // CCTEMP 85 C
	id[280] = 0x00;
	id[281] = 0x10;		     // 4096 bytes
	return id;
}

} // namespace

TEST(NvmedDriveState, IdentifyFields)
{
	auto i = parse_identify(identify());
	ASSERT_TRUE(i);
	EXPECT_EQ(i->pci_vendor, 0x1b96);
	EXPECT_EQ(i->serial, "SN0001");
	EXPECT_EQ(i->model, "Example NVMe SSD");
	EXPECT_EQ(i->firmware, "1.2.3");
	EXPECT_EQ(*i->warning_c, 70.0);
	EXPECT_EQ(*i->critical_c, 85.0);
	EXPECT_EQ(i->capacity, 4096u);
}

TEST(NvmedDriveState, IdentifyTooShort)
{
	auto id = identify();
	id.resize(200);
	EXPECT_FALSE(parse_identify(id));
}

TEST(NvmedDriveState, GarbageNeverReachesStrings)
{
	const std::uint8_t f[] = {' ', 'A', 0x01, 0xff, 'B', ' ', 0, 0};
	EXPECT_EQ(ascii_field(f), "A??B");
	const std::uint8_t blank[] = {' ', ' ', 0};
	EXPECT_EQ(ascii_field(blank), "");
}

TEST(NvmedDriveState, Temperatures)
{
	EXPECT_FALSE(kelvin_to_c(0));		// not reported
	EXPECT_FALSE(kelvin_to_c(0xffff));	// impossible
	EXPECT_EQ(*kelvin_to_c(273 + 40), 40.0);
}

TEST(NvmedDriveState, CapacitySaturates)
{
	std::vector<std::uint8_t> b(16, 0);
	b[9] = 1; // above 2^64
	EXPECT_EQ(le_u128_saturated(b), UINT64_MAX);
}

TEST(NvmedDriveState, SmartAndFunctional)
{
	std::vector<std::uint8_t> log(512, 0);
	put_le16(log, 1, 273 + 40);
	log[5] = 7;
	DriveState s;
	EXPECT_FALSE(functional(s)); // no health yet
	s.health = parse_smart(log);
	ASSERT_TRUE(s.health);
	EXPECT_EQ(s.health->percent_used, 7);
	EXPECT_TRUE(functional(s));
	log[0] = 0x02; // temperature above a threshold
	s.health = parse_smart(log);
	EXPECT_FALSE(functional(s));
	log[0] = 0;
	s.health = parse_smart(log);
	s.availability = Availability::HostOff;
	EXPECT_FALSE(functional(s));
	EXPECT_TRUE(present(s, 3)); // unpowered, not gone
	log.resize(100);
	EXPECT_FALSE(parse_smart(log));
}

TEST(NvmedDriveState, SilentDriveGoesAbsent)
{
	DriveState s;
	s.availability = Availability::Silent;
	s.missed_polls = 2;
	EXPECT_TRUE(present(s, 3));
	s.missed_polls = 3;
	EXPECT_FALSE(present(s, 3));
}

// A poll's outcome: the last good answer's time, the missed polls, the
// wrong MICs counted, and what D-Bus says of each state.
TEST(NvmedDriveState, PollOutcomes)
{
	DriveState s;
	EXPECT_EQ(s.last_response_us, 0u);
	record_poll(s, PollOutcome::Answered, 1'000'000);
	EXPECT_EQ(s.availability, Availability::Present);
	EXPECT_EQ(s.last_response_us, 1'000'000u);
	EXPECT_EQ(unavailable_reason(s, ""), "");

	record_poll(s, PollOutcome::Silent, 2'000'000);
	record_poll(s, PollOutcome::Silent, 3'000'000);
	EXPECT_EQ(s.availability, Availability::Silent);
	EXPECT_EQ(s.missed_polls, 2u);
	EXPECT_EQ(s.last_response_us, 1'000'000u); // since when it is silent
	EXPECT_EQ(unavailable_reason(s, "timed out"), "not answering: timed out");
	EXPECT_TRUE(present(s, 3));
	EXPECT_FALSE(present(s, 2));

	// a drive answering with a wrong MIC: not silent (present, however
	// long it lasts), not functional, counted, said so
	s.health = Health{};
	for (int i = 0; i < 5; i++)
		record_poll(s, PollOutcome::BadMic, 4'000'000);
	EXPECT_EQ(s.availability, Availability::BadMic);
	EXPECT_EQ(s.missed_polls, 0u);
	EXPECT_EQ(s.mic_errors, 5u);
	EXPECT_EQ(s.last_response_us, 1'000'000u);
	EXPECT_TRUE(present(s, 1));
	EXPECT_FALSE(functional(s));
	EXPECT_EQ(unavailable_reason(s, "whatever"),
		  "MIC errors: its answers fail their integrity check");

	// good answers again: available; the count is history
	record_poll(s, PollOutcome::Answered, 9'000'000);
	EXPECT_EQ(s.availability, Availability::Present);
	EXPECT_TRUE(functional(s));
	EXPECT_EQ(s.mic_errors, 5u);
	EXPECT_EQ(s.last_response_us, 9'000'000u);
	EXPECT_EQ(unavailable_reason(s, ""), "");

	s.availability = Availability::HostOff;
	EXPECT_EQ(unavailable_reason(s, "x"), "host off");
}

// libnvme-mi 1.3's result of an NVMe-MI command whose answer had a wrong
// MIC is 1 (its check's result); errors are -1, MI statuses others.
TEST(NvmedDriveState, MicMismatch)
{
	EXPECT_TRUE(mic_mismatch(1));
	EXPECT_FALSE(mic_mismatch(0));
	EXPECT_FALSE(mic_mismatch(-1));
	EXPECT_FALSE(mic_mismatch(2));
	EXPECT_FALSE(mic_mismatch(4));
}
