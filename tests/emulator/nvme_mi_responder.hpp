// SPDX-License-Identifier: GPL-2.0
// The NVMe-MI management endpoint of an emulated drive: decodes a request
// (nvme_mi_codec), runs it on the drive's state (nvme_drive) and gives the
// response(s) to send back, with the endpoint's fault modes.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "mctpxx/error.hpp"
#include "nvme_drive.hpp"
#include "nvme_mi_codec.hpp"

namespace mctpxx::emu::nvmemi {

// One message to send, @after the previous one (or the request).
struct Reply {
	std::chrono::milliseconds after{0};
	std::vector<std::uint8_t> body; // without the type byte, MIC included
};

struct Faults {
	bool corrupt_mic = false; // every response's MIC is wrong
	bool truncate = false;	  // every response cut after its first 8 bytes (MIC fixed)
};

class Responder {
public:
	using Clock = nvme::Drive::Clock;

	Responder(nvme::DriveConfig cfg, Faults f, Clock::time_point start = Clock::now())
		: drive_(std::move(cfg), start), faults_(f) {}

	// The responses to the request @body (as received: no type byte).
	// None when the request is dropped (bad MIC, not a request); @note
	// then says why, else what the request was.
	std::vector<Reply> handle(std::span<const std::uint8_t> body, Clock::time_point now,
				  std::string *note = nullptr);

	// A control line (--nvme-control): "corrupt-mic on|off" or "truncate
	// on|off" switch that fault from now on. What it did, or why the line
	// was refused.
	Result<std::string> control(const std::string &line);
	const Faults &faults() const { return faults_; }

	nvme::Drive &drive() { return drive_; }
	const nvme::Drive &drive() const { return drive_; }

	// wait between More Processing Required answers of Firmware Commit
	static constexpr std::chrono::milliseconds kCommitStep{300};

private:
	std::vector<std::uint8_t> mi_command(const Request &r, Clock::time_point now);
	std::vector<Reply> admin_command(const Request &r, Clock::time_point now);
	std::vector<std::uint8_t> read_data_structure(const Request &r);
	std::vector<std::uint8_t> subsystem_health(const Request &r, Clock::time_point now);
	std::vector<std::uint8_t> controller_health(const Request &r, Clock::time_point now);
	std::vector<std::uint8_t> configuration(const Request &r, bool set);
	std::vector<std::uint8_t> vpd_read(const Request &r);

	nvme::Drive drive_;
	Faults faults_;
};

} // namespace mctpxx::emu::nvmemi
