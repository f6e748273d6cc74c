// SPDX-License-Identifier: GPL-2.0
// The state of an emulated NVMe drive (one NVM subsystem, one controller,
// one namespace): identify data, health (SMART) log, firmware slots,
// temperature thresholds, and what the NVMe-MI management endpoint reports.
// Admin commands take their NVMe command dwords; results are an NVMe
// status and data, the transport's business is elsewhere.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mctpxx::emu::nvme {

struct DriveConfig {
	std::string model = "MCTP-EMU NVMe drive";
	std::string serial = "EMU0000000001";
	std::string firmware = "1.0.0";
	std::string manufacturer = "MCTP-EMU Storage"; // VPD (FRU product area)
	std::string part_number = "EMU-NVME-0001";
	// critical warning bits (SMART log, health polls) set from the start,
	// besides the temperature warning the drive raises itself
	std::uint8_t forced_warnings = 0;
	int temperature_c = 35;	 // composite temperature; drifts +-1 around it
	std::uint8_t percent_used = 3;
	std::uint16_t vid = 0xfffe; // no real vendor
	std::uint8_t smbus_addr = 0x1d;
	// Firmware Commit answers More Processing Required this many times
	// before its final response
	unsigned commit_mpr = 2;
};

// NVMe completion status: status code type and status code.
struct NvmeStatus {
	std::uint8_t sct = 0;
	std::uint8_t sc = 0;
	bool dnr = false;
	bool ok() const { return sct == 0 && sc == 0; }
	// the completion queue entry's dword 3 (phase bit clear)
	std::uint32_t cqe_dw3() const
	{
		return static_cast<std::uint32_t>(sc | (sct & 7) << 8 | (dnr ? 1 : 0) << 14) << 17;
	}
};

inline constexpr NvmeStatus kSuccess{};
inline constexpr NvmeStatus kInvalidOpcode{0, 0x01, true};
inline constexpr NvmeStatus kInvalidField{0, 0x02, true};
inline constexpr NvmeStatus kInvalidNamespace{0, 0x0b, true};
inline constexpr NvmeStatus kInvalidFirmwareSlot{1, 0x06, true};
inline constexpr NvmeStatus kInvalidFirmwareImage{1, 0x07, true};
inline constexpr NvmeStatus kInvalidLogPage{1, 0x09, true};
inline constexpr NvmeStatus kFeatureNotSaveable{1, 0x0d, true};

struct AdminResult {
	NvmeStatus status;
	std::uint32_t cdw0 = 0;
	std::vector<std::uint8_t> data;
};

// Log page identifiers and admin opcodes this drive knows
enum : std::uint8_t {
	kLogError = 0x01,
	kLogSmart = 0x02,
	kLogFirmwareSlot = 0x03,
	kFeatureTemperatureThreshold = 0x04,
};

class Drive {
public:
	using Clock = std::chrono::steady_clock;

	explicit Drive(DriveConfig c, Clock::time_point start = Clock::now());

	const DriveConfig &config() const { return cfg_; }
	static constexpr std::uint16_t kControllerId = 0;
	static constexpr std::uint32_t kNamespaceId = 1;
	static constexpr unsigned kFirmwareSlots = 3;

	// Composite temperature now, in degrees Celsius.
	int temperature_c(Clock::time_point now) const;
	// SMART critical warning byte now (bit 1: a temperature threshold crossed).
	std::uint8_t critical_warning(Clock::time_point now) const;
	// The firmware revision running now.
	const std::string &running_firmware() const { return slots_[active_slot_ - 1]; }

	// Data structures (little endian, full size)
	std::vector<std::uint8_t> identify_controller() const;	   // 4096 bytes
	std::vector<std::uint8_t> identify_namespace() const;	   // 4096 bytes
	std::vector<std::uint8_t> active_namespaces(std::uint32_t after) const; // 4096 bytes
	std::vector<std::uint8_t> smart_log(Clock::time_point now) const; // 512 bytes
	std::vector<std::uint8_t> firmware_slot_log() const;		    // 512 bytes
	std::vector<std::uint8_t> error_log(std::size_t entries) const;   // 64 bytes each

	// Admin commands (cdw[10..15] as sent, cdw[1] the namespace)
	AdminResult identify(const std::uint32_t *cdw) const;
	AdminResult get_log_page(const std::uint32_t *cdw, Clock::time_point now) const;
	AdminResult get_features(const std::uint32_t *cdw) const;
	AdminResult set_features(const std::uint32_t *cdw);
	AdminResult firmware_download(const std::uint32_t *cdw, const std::vector<std::uint8_t> &data);
	AdminResult firmware_commit(const std::uint32_t *cdw);

	// NVMe-MI side: health and configuration
	std::uint16_t composite_status() const { return ccs_; }
	void clear_composite_status(std::uint16_t mask) { ccs_ = (ccs_ & ~mask) | kCcsReady; }
	std::uint8_t smbus_frequency() const { return smbus_freq_; } // 1: 100 kHz, 2: 400 kHz, 3: 1 MHz
	void set_smbus_frequency(std::uint8_t f) { smbus_freq_ = f; }
	std::uint16_t mctp_mtu() const { return mctp_mtu_; }
	void set_mctp_mtu(std::uint16_t m) { mctp_mtu_ = m; }

	static constexpr std::uint16_t kCcsReady = 1 << 0;
	static constexpr std::uint16_t kCcsFirmwareActivated = 1 << 7;
	static constexpr std::uint16_t kCcsTemperatureChanged = 1 << 9;

private:
	DriveConfig cfg_;
	Clock::time_point start_;
	std::vector<std::string> slots_; // firmware revision per slot (1..N), empty: no image
	unsigned active_slot_ = 1;
	unsigned next_slot_ = 0;	 // activated at the next reset (0: none)
	std::vector<std::uint8_t> image_; // downloaded, not yet committed
	std::uint16_t over_threshold_k_;
	std::uint16_t under_threshold_k_ = 273 - 20;
	std::uint16_t ccs_ = kCcsReady;
	std::uint8_t smbus_freq_ = 1;
	std::uint16_t mctp_mtu_ = 64;
};

// The firmware revision an image carries: its first 8 bytes when they are
// printable ASCII (trailing spaces and NULs dropped), else "EMUIMAGE".
std::string image_revision(const std::vector<std::uint8_t> &image);

} // namespace mctpxx::emu::nvme
