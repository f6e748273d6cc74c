// SPDX-License-Identifier: GPL-2.0
#include "firmware_plan.hpp"

#include <algorithm>
#include <cstdio>

namespace mctpxx::nvmed::fw {
namespace {

struct ActionName {
	Action action;
	const char *name;
};
constexpr ActionName kActions[] = {
	{Action::ReplaceActivate, "replace-activate"},
	{Action::ReplaceOnReset, "replace-on-reset"},
	{Action::Replace, "replace"},
};

// libnvme-mi's status word: type in bits 27..29 (0 NVMe, 1 NVMe-MI)
constexpr int kTypeShift = 27, kTypeMask = 7, kTypeMi = 1;

const char *mi_status_name(int s)
{
	switch (s) {
	case 0x01: return "More Processing Required";
	case 0x02: return "Internal Error";
	case 0x03: return "Invalid Command Opcode";
	case 0x04: return "Invalid Parameter";
	case 0x05: return "Invalid Command Size";
	case 0x06: return "Invalid Command Input Data Size";
	case 0x07: return "Access Denied";
	default: return nullptr;
	}
}

// Status Code Type and Status Code (bits 8..10 and 0..7)
const char *nvme_status_name(int sct, int sc)
{
	if (sct == 0) {
		switch (sc) {
		case 0x01: return "Invalid Command Opcode";
		case 0x02: return "Invalid Field in Command";
		case 0x04: return "Data Transfer Error";
		case 0x06: return "Internal Error";
		default: return nullptr;
		}
	}
	if (sct != 1)
		return nullptr;
	switch (sc) {
	case 0x06: return "Invalid Firmware Slot";
	case 0x07: return "Invalid Firmware Image";
	case 0x0b: return "Firmware Activation Requires Conventional Reset";
	case 0x10: return "Firmware Activation Requires NVM Subsystem Reset";
	case 0x11: return "Firmware Activation Requires Controller Level Reset";
	case 0x12: return "Firmware Activation Requires Maximum Time Violation";
	case 0x13: return "Firmware Activation Prohibited";
	case 0x14: return "Overlapping Range";
	default: return nullptr;
	}
}

} // namespace

const char *state_name(State s)
{
	switch (s) {
	case State::Idle: return "Idle";
	case State::Downloading: return "Downloading";
	case State::Committing: return "Committing";
	case State::Activated: return "Activated";
	case State::Committed: return "Committed";
	case State::Failed: return "Failed";
	}
	return "Failed";
}

bool running(State s)
{
	return s == State::Downloading || s == State::Committing;
}

std::optional<Action> parse_action(std::string_view name)
{
	for (const ActionName &a : kActions)
		if (name == a.name)
			return a.action;
	return std::nullopt;
}

const char *action_name(Action a)
{
	for (const ActionName &n : kActions)
		if (n.action == a)
			return n.name;
	return "?";
}

std::string action_names()
{
	std::string s;
	for (const ActionName &a : kActions)
		s += (s.empty() ? "" : ", ") + std::string(a.name);
	return s;
}

State success_state(Action a)
{
	return a == Action::ReplaceActivate ? State::Activated : State::Committed;
}

std::optional<Refusal> refuse(const StartFacts &f, const StartRequest &r, const std::string &drive)
{
	if (f.caller_uid != 0)
		return Refusal{kErrorAccessDenied, "updating the firmware of " + drive +
							   " needs root (the caller is uid " +
							   std::to_string(f.caller_uid) + ")"};
	if (f.host_off)
		return Refusal{kErrorUnavailable,
			       "drive " + drive + " is powered by the host, which is off"};
	if (running(f.current))
		return Refusal{kErrorBusy, "a firmware update of " + drive + " is running (" +
						   state_name(f.current) + ", " +
						   std::to_string(f.progress) + "%)"};
	if (f.silent)
		return Refusal{kErrorUnavailable, "drive " + drive + " is not answering"};
	if (r.slot < kMinSlot || r.slot > kMaxSlot)
		return Refusal{kErrorInvalidArgs, "firmware slot " + std::to_string(r.slot) +
							  " out of range " + std::to_string(kMinSlot) +
							  ".." + std::to_string(kMaxSlot)};
	if (!parse_action(r.action))
		return Refusal{kErrorInvalidArgs,
			       "unknown commit action '" + r.action + "' (" + action_names() + ")"};
	if (!r.image_regular)
		return Refusal{kErrorInvalidArgs,
			       "the image must be a regular file opened for reading"};
	if (r.image_size == 0)
		return Refusal{kErrorInvalidArgs, "the image is empty"};
	if (r.image_size > kMaxImage)
		return Refusal{kErrorInvalidArgs, "the image is " + std::to_string(r.image_size) +
							  " bytes, more than the " +
							  std::to_string(kMaxImage >> 20) + " MiB allowed"};
	if (r.image_size % 4)
		return Refusal{kErrorInvalidArgs,
			       "the image is " + std::to_string(r.image_size) +
				       " bytes, not a multiple of 4 (NVMe downloads whole dwords)"};
	return std::nullopt;
}

Chunk chunk_at(std::size_t offset, std::size_t size, std::size_t max)
{
	max = std::clamp<std::size_t>(max & ~std::size_t{3}, 4, kMaxChunk);
	if (offset >= size)
		return {offset, 0};
	return {offset, std::min(max, size - offset)};
}

std::size_t chunk_count(std::size_t size, std::size_t max)
{
	std::size_t n = 0;
	for (Chunk c = chunk_at(0, size, max); c.length; c = chunk_at(c.offset + c.length, size, max))
		n++;
	return n;
}

unsigned download_progress(std::size_t done, std::size_t size)
{
	if (size == 0)
		return 0;
	done = std::min(done, size);
	// 64 bits: done * 90 of 32 MiB cannot overflow
	return static_cast<unsigned>(static_cast<std::uint64_t>(done) * kDownloadShare / size);
}

unsigned progress_of(State s, std::size_t done, std::size_t size)
{
	switch (s) {
	case State::Downloading: return download_progress(done, size);
	case State::Committing: return kDownloadShare;
	case State::Activated:
	case State::Committed: return 100;
	case State::Idle:
	case State::Failed: return 0;
	}
	return 0;
}

std::string status_text(int status)
{
	const int type = (status >> kTypeShift) & kTypeMask;
	const int v = status & ~(kTypeMask << kTypeShift);
	char b[64];
	const char *name;
	if (type == kTypeMi) {
		name = mi_status_name(v & 0xff);
		std::snprintf(b, sizeof(b), "NVMe-MI status 0x%02x", v & 0xff);
	} else {
		name = nvme_status_name(v >> 8 & 7, v & 0xff);
		std::snprintf(b, sizeof(b), "NVMe status 0x%04x", v & 0x7ff);
	}
	return name ? std::string(b) + " (" + name + ")" : std::string(b);
}

bool needs_reset(int status)
{
	const int type = (status >> kTypeShift) & kTypeMask;
	const int v = status & 0x7ff;
	return type == 0 && (v == 0x10b || v == 0x110 || v == 0x111);
}

std::string image_revision(const std::uint8_t *data, std::size_t size)
{
	if (size < 8)
		return {};
	std::string s;
	for (std::size_t i = 0; i < 8; i++) {
		if (data[i] < 0x20 || data[i] >= 0x7f)
			return {};
		s += static_cast<char>(data[i]);
	}
	while (!s.empty() && s.back() == ' ')
		s.pop_back();
	return s;
}

} // namespace mctpxx::nvmed::fw
