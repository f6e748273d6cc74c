// SPDX-License-Identifier: GPL-2.0
// mctp-nvmed's firmware update rules: refusals, chunking, progress, status
// words (tools/nvme-mi/firmware_plan.hpp).
#include <gtest/gtest.h>

#include "firmware_plan.hpp"

using namespace mctpxx::nvmed::fw;

namespace {

StartRequest good()
{
	return {.image_size = 65536, .image_regular = true, .slot = 2, .action = "replace-activate"};
}

std::string refused(const StartFacts &f, const StartRequest &r)
{
	auto no = refuse(f, r, "nvme_1_20");
	return no ? no->name + ": " + no->message : "";
}

} // namespace

TEST(NvmedFirmware, AcceptsAGoodRequest)
{
	EXPECT_EQ(refused({}, good()), "");
	for (unsigned slot : {1u, 7u}) {
		auto r = good();
		r.slot = slot;
		EXPECT_EQ(refused({}, r), "") << slot;
	}
	for (const char *a : {"replace", "replace-on-reset", "replace-activate"}) {
		auto r = good();
		r.action = a;
		EXPECT_EQ(refused({}, r), "") << a;
	}
	auto r = good();
	r.image_size = kMaxImage;
	EXPECT_EQ(refused({}, r), "");
}

TEST(NvmedFirmware, RefusesAnUnprivilegedCallerFirst)
{
	StartFacts f{.caller_uid = 65534, .host_off = true};
	auto r = good();
	r.slot = 9;
	EXPECT_EQ(refused(f, r), "org.freedesktop.DBus.Error.AccessDenied: updating the firmware of "
				 "nvme_1_20 needs root (the caller is uid 65534)");
}

TEST(NvmedFirmware, RefusesWhileTheHostIsOff)
{
	EXPECT_EQ(refused({.host_off = true}, good()),
		  "org.mctpstack.NVMe.Error.Unavailable: drive nvme_1_20 is powered by the host, "
		  "which is off");
}

TEST(NvmedFirmware, RefusesASilentDrive)
{
	EXPECT_EQ(refused({.silent = true}, good()),
		  "org.mctpstack.NVMe.Error.Unavailable: drive nvme_1_20 is not answering");
}

TEST(NvmedFirmware, RefusesASecondUpdate)
{
	EXPECT_EQ(refused({.current = State::Downloading, .progress = 40}, good()),
		  "org.mctpstack.NVMe.Error.Busy: a firmware update of nvme_1_20 is running "
		  "(Downloading, 40%)");
	EXPECT_NE(refused({.current = State::Committing}, good()), "");
	// a finished one, failed or not, does not stand in the way
	for (State s : {State::Idle, State::Activated, State::Committed, State::Failed})
		EXPECT_EQ(refused({.current = s}, good()), "") << state_name(s);
}

TEST(NvmedFirmware, RefusesBadArguments)
{
	auto r = good();
	r.slot = 0;
	EXPECT_EQ(refused({}, r),
		  "org.freedesktop.DBus.Error.InvalidArgs: firmware slot 0 out of range 1..7");
	r.slot = 8;
	EXPECT_NE(refused({}, r), "");
	r = good();
	r.action = "activate";
	EXPECT_EQ(refused({}, r), "org.freedesktop.DBus.Error.InvalidArgs: unknown commit action "
				  "'activate' (replace-activate, replace-on-reset, replace)");
	r = good();
	r.image_size = 0;
	EXPECT_EQ(refused({}, r), "org.freedesktop.DBus.Error.InvalidArgs: the image is empty");
	r.image_size = kMaxImage + 4;
	EXPECT_EQ(refused({}, r), "org.freedesktop.DBus.Error.InvalidArgs: the image is 33554436 "
				  "bytes, more than the 32 MiB allowed");
	r.image_size = 4097;
	EXPECT_EQ(refused({}, r), "org.freedesktop.DBus.Error.InvalidArgs: the image is 4097 bytes, "
				  "not a multiple of 4 (NVMe downloads whole dwords)");
	r = good();
	r.image_regular = false;
	EXPECT_EQ(refused({}, r), "org.freedesktop.DBus.Error.InvalidArgs: the image must be a "
				  "regular file opened for reading");
}

TEST(NvmedFirmware, ChunksCoverTheImageInOrder)
{
	std::size_t next = 0, n = 0;
	for (Chunk c = chunk_at(0, 10000); c.length; c = chunk_at(c.offset + c.length, 10000)) {
		EXPECT_EQ(c.offset, next);
		EXPECT_EQ(c.length % 4, 0u);
		EXPECT_LE(c.length, kMaxChunk);
		next += c.length;
		n++;
	}
	EXPECT_EQ(next, 10000u);
	EXPECT_EQ(n, 3u); // 4096 + 4096 + 1808
	EXPECT_EQ(chunk_count(10000), 3u);
	EXPECT_EQ(chunk_count(65536), 16u);
	EXPECT_EQ(chunk_count(4), 1u);
	EXPECT_EQ(chunk_count(0), 0u);
	EXPECT_EQ(chunk_at(8192, 8192).length, 0u);
}

TEST(NvmedFirmware, ChunkSizeIsBoundedAndWholeDwords)
{
	EXPECT_EQ(chunk_at(0, 65536, 1 << 20).length, kMaxChunk); // at most 4096
	EXPECT_EQ(chunk_at(0, 65536, 1023).length, 1020u);	    // rounded down to dwords
	EXPECT_EQ(chunk_at(0, 65536, 1).length, 4u);		    // at least one dword
	EXPECT_EQ(chunk_count(65536, 1024), 64u);
}

TEST(NvmedFirmware, ProgressIsMonotoneAndEndsAt100)
{
	unsigned last = 0;
	for (std::size_t done = 0; done <= 65536; done += 4096) {
		const unsigned p = progress_of(State::Downloading, done, 65536);
		EXPECT_GE(p, last);
		EXPECT_LE(p, kDownloadShare);
		last = p;
	}
	EXPECT_EQ(last, kDownloadShare);
	EXPECT_EQ(download_progress(0, 65536), 0u);
	EXPECT_EQ(download_progress(32768, 65536), 45u);
	EXPECT_EQ(download_progress(kMaxImage, kMaxImage), kDownloadShare); // no overflow
	EXPECT_EQ(download_progress(10, 0), 0u);
	EXPECT_GE(progress_of(State::Committing, 0, 0), last);
	EXPECT_EQ(progress_of(State::Activated, 0, 0), 100u);
	EXPECT_EQ(progress_of(State::Committed, 0, 0), 100u);
	// a failure leaves no figure that looks like progress
	EXPECT_EQ(progress_of(State::Failed, 60000, 65536), 0u);
}

TEST(NvmedFirmware, StatesAndActions)
{
	EXPECT_TRUE(running(State::Downloading));
	EXPECT_TRUE(running(State::Committing));
	EXPECT_FALSE(running(State::Failed));
	EXPECT_STREQ(state_name(State::Activated), "Activated");
	EXPECT_EQ(parse_action("replace-activate"), Action::ReplaceActivate);
	EXPECT_EQ(static_cast<int>(*parse_action("replace-on-reset")), 1);
	EXPECT_EQ(static_cast<int>(*parse_action("replace")), 0);
	EXPECT_FALSE(parse_action("Replace"));
	EXPECT_EQ(success_state(Action::ReplaceActivate), State::Activated);
	EXPECT_EQ(success_state(Action::ReplaceOnReset), State::Committed);
	EXPECT_EQ(success_state(Action::Replace), State::Committed);
}

TEST(NvmedFirmware, StatusWordsInText)
{
	EXPECT_EQ(status_text(0x106), "NVMe status 0x0106 (Invalid Firmware Slot)");
	EXPECT_EQ(status_text(0x4107), "NVMe status 0x0107 (Invalid Firmware Image)"); // DNR set
	EXPECT_EQ(status_text(0x002), "NVMe status 0x0002 (Invalid Field in Command)");
	EXPECT_EQ(status_text(0x2ff), "NVMe status 0x02ff");
	EXPECT_EQ(status_text(1 << 27 | 0x04), "NVMe-MI status 0x04 (Invalid Parameter)");
	EXPECT_TRUE(needs_reset(0x10b));
	EXPECT_TRUE(needs_reset(0x4111));
	EXPECT_FALSE(needs_reset(0x106));
	EXPECT_FALSE(needs_reset(1 << 27 | 0x0b));
}

TEST(NvmedFirmware, ImageRevision)
{
	const std::uint8_t rev[] = {'2', '.', '0', '.', '0', ' ', ' ', ' ', 0xff};
	EXPECT_EQ(image_revision(rev, sizeof(rev)), "2.0.0");
	const std::uint8_t bin[] = {'2', 0, '0', '.', '0', ' ', ' ', ' '};
	EXPECT_EQ(image_revision(bin, sizeof(bin)), "");
	EXPECT_EQ(image_revision(rev, 4), "");
}
