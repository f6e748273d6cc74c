// SPDX-License-Identifier: GPL-2.0
// The pure rules of a drive firmware update: which requests are refused
// and why, how an image is cut into Firmware Image Download chunks, how far
// along an update is, and what an NVMe status means to a person. No I/O
// here: the rules have unit tests (tests/unit/nvmed_firmware_test.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mctpxx::nvmed::fw {

// Bounds of an image: NVMe downloads whole dwords; 32 MiB is far above any
// drive's firmware and keeps the daemon's copy of it bounded.
inline constexpr std::size_t kMaxImage = 32u << 20;
// NVMe-MI 1.2 limits an Admin command's data to 4096 bytes.
inline constexpr std::size_t kMaxChunk = 4096;
inline constexpr unsigned kMinSlot = 1, kMaxSlot = 7;

// Where an update stands, as the FirmwareUpdate interface's State shows it.
enum class State {
	Idle,		// none yet
	Downloading,	// Firmware Image Download in progress
	Committing,	// Firmware Commit sent, waiting for its final answer
	Activated,	// committed and running (action replace-activate)
	Committed,	// committed; runs after the next reset (or when activated)
	Failed,		// see Reason
};
const char *state_name(State s);
bool running(State s);

// Firmware Commit actions (Commit Action field) a Start may ask for; each
// downloads an image first.
enum class Action : std::uint8_t {
	Replace = 0,	     // into the slot, not activated
	ReplaceOnReset = 1,  // into the slot, activated at the next reset
	ReplaceActivate = 3, // into the slot, activated at once
};
std::optional<Action> parse_action(std::string_view name);
const char *action_name(Action a);
// The names parse_action takes, for error messages: "a, b, c".
std::string action_names();
// The State an update with @a ends in when it succeeds.
State success_state(Action a);

// What the daemon knows of the drive and the caller when a Start comes.
struct StartFacts {
	std::uint32_t caller_uid = 0;
	bool host_off = false;	 // host-powered and the host is off
	bool silent = false;	 // not answering its polls
	State current = State::Idle;
	unsigned progress = 0;
};

// What Start asks for.
struct StartRequest {
	std::uint64_t image_size = 0;
	bool image_regular = true; // a regular file (or memfd) opened for reading
	unsigned slot = 0;
	std::string action;
};

// A refusal: the D-Bus error name and a message naming what was wrong.
struct Refusal {
	std::string name;
	std::string message;
};

inline constexpr const char *kErrorAccessDenied = "org.freedesktop.DBus.Error.AccessDenied";
inline constexpr const char *kErrorInvalidArgs = "org.freedesktop.DBus.Error.InvalidArgs";
inline constexpr const char *kErrorBusy = "org.mctpstack.NVMe.Error.Busy";
inline constexpr const char *kErrorUnavailable = "org.mctpstack.NVMe.Error.Unavailable";

// Why @r on a drive in @f must be refused, or nullopt to go ahead. The
// caller first, then the drive, then the arguments.
std::optional<Refusal> refuse(const StartFacts &f, const StartRequest &r,
			      const std::string &drive);

// One Firmware Image Download: @length bytes at byte @offset.
struct Chunk {
	std::size_t offset = 0;
	std::size_t length = 0;
};
// The chunk at @offset of an image of @size bytes, at most @max bytes (a
// multiple of 4 at most kMaxChunk; rounded down to one); length 0 at the end.
Chunk chunk_at(std::size_t offset, std::size_t size, std::size_t max = kMaxChunk);
// How many chunks an image of @size bytes takes.
std::size_t chunk_count(std::size_t size, std::size_t max = kMaxChunk);

// Progress in percent: the download is the first kDownloadShare percent,
// the commit the rest; 100 only once the update succeeded.
inline constexpr unsigned kDownloadShare = 90;
unsigned download_progress(std::size_t done, std::size_t size);
unsigned progress_of(State s, std::size_t done, std::size_t size);

// An NVMe or NVMe-MI status as libnvme-mi returns it (status type in bits
// 27..29), in words: "NVMe status 0x0106 (Invalid Firmware Slot)".
std::string status_text(int status);
// Whether an NVMe status of Firmware Commit says the image is committed
// but needs a reset to run (a success for the commit).
bool needs_reset(int status);

// The revision an image announces: its first 8 bytes when printable
// ASCII, trailing blanks dropped; "" otherwise.
std::string image_revision(const std::uint8_t *data, std::size_t size);

} // namespace mctpxx::nvmed::fw
