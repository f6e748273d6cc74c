// SPDX-License-Identifier: GPL-2.0
#include "nvme_drive.hpp"

#include <algorithm>

namespace mctpxx::emu::nvme {
namespace {

constexpr int kKelvin = 273;

void put16(std::vector<std::uint8_t> &b, std::size_t at, std::uint16_t v)
{
	b[at] = static_cast<std::uint8_t>(v);
	b[at + 1] = static_cast<std::uint8_t>(v >> 8);
}

void put32(std::vector<std::uint8_t> &b, std::size_t at, std::uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

void put64(std::vector<std::uint8_t> &b, std::size_t at, std::uint64_t v)
{
	for (int i = 0; i < 8; i++)
		b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

// an ASCII field, space padded
void put_text(std::vector<std::uint8_t> &b, std::size_t at, std::size_t len, const std::string &s)
{
	for (std::size_t i = 0; i < len; i++)
		b[at + i] = i < s.size() ? static_cast<std::uint8_t>(s[i]) : ' ';
}

} // namespace

std::string image_revision(const std::vector<std::uint8_t> &image)
{
	std::string rev;
	for (std::size_t i = 0; i < std::min<std::size_t>(image.size(), 8); i++) {
		const auto c = image[i];
		if (c == 0)
			break;
		if (c < 0x20 || c > 0x7e)
			return "EMUIMAGE";
		rev.push_back(static_cast<char>(c));
	}
	while (!rev.empty() && rev.back() == ' ')
		rev.pop_back();
	return rev.empty() ? "EMUIMAGE" : rev;
}

Drive::Drive(DriveConfig c, Clock::time_point start)
	: cfg_(std::move(c)), start_(start), slots_(kFirmwareSlots),
	  over_threshold_k_(static_cast<std::uint16_t>(cfg_.temperature_c + 40 + kKelvin))
{
	slots_[0] = cfg_.firmware;
}

int Drive::temperature_c(Clock::time_point now) const
{
	// a slow walk around the configured value: +0, +1, +0, -1, every 10 s
	static constexpr int kWalk[] = {0, 1, 0, -1};
	const auto s = std::chrono::duration_cast<std::chrono::seconds>(now - start_).count();
	return cfg_.temperature_c + kWalk[(s / 10) % 4];
}

std::uint8_t Drive::critical_warning(Clock::time_point now) const
{
	const int k = temperature_c(now) + kKelvin;
	return cfg_.forced_warnings | ((k > over_threshold_k_ || k < under_threshold_k_) ? 0x02 : 0x00);
}

std::vector<std::uint8_t> Drive::identify_controller() const
{
	std::vector<std::uint8_t> d(4096);
	put16(d, 0, cfg_.vid);
	put16(d, 2, cfg_.vid);			     // subsystem vendor
	put_text(d, 4, 20, cfg_.serial);
	put_text(d, 24, 40, cfg_.model);
	put_text(d, 64, 8, running_firmware());
	d[72] = 0;				     // arbitration burst
	d[77] = 0;				     // MDTS: no limit
	put16(d, 78, kControllerId);
	put32(d, 80, 0x00010400);		     // NVMe 1.4
	d[111] = 1;				     // I/O controller
	d[253] = 0x01;				     // NVMSR: NVMe storage device
	d[255] = 0x01;				     // MEC: SMBus/I2C port management endpoint
	put16(d, 256, 1 << 2);			     // OACS: firmware download and commit
	d[258] = 3;				     // abort command limit
	d[259] = 3;				     // AER limit
	d[260] = static_cast<std::uint8_t>(kFirmwareSlots << 1 | 1 << 4); // FRMW: slots, no reset needed
	d[261] = 0;				     // LPA: SMART log for the controller only
	d[262] = 15;				     // ELPE: 16 error log entries
	d[263] = 0;				     // one power state
	put16(d, 266, static_cast<std::uint16_t>(cfg_.temperature_c + 40 + kKelvin)); // WCTEMP
	put16(d, 268, static_cast<std::uint16_t>(cfg_.temperature_c + 50 + kKelvin)); // CCTEMP
	d[319] = 1;				     // FWUG: 4 KiB
	d[512] = 0x66;				     // SQES
	d[513] = 0x44;				     // CQES
	put32(d, 516, 1);			     // one namespace
	const std::string nqn = "nqn.2014-08.org.mctp-stack:emu:" + cfg_.serial;
	std::copy(nqn.begin(), nqn.end(), d.begin() + 768);
	put16(d, 2048, 900);			     // PS0: 9 W
	return d;
}

std::vector<std::uint8_t> Drive::identify_namespace() const
{
	std::vector<std::uint8_t> d(4096);
	const std::uint64_t blocks = 1u << 21; // 1 GiB of 512-byte blocks
	put64(d, 0, blocks);
	put64(d, 8, blocks);
	put64(d, 16, blocks / 10);
	d[25] = 0;	 // NLBAF: one format
	d[26] = 0;	 // FLBAS: format 0
	d[128 + 2] = 9;	 // LBAF0: 2^9-byte blocks
	return d;
}

std::vector<std::uint8_t> Drive::active_namespaces(std::uint32_t after) const
{
	std::vector<std::uint8_t> d(4096);
	if (after < kNamespaceId)
		put32(d, 0, kNamespaceId);
	return d;
}

std::vector<std::uint8_t> Drive::smart_log(Clock::time_point now) const
{
	std::vector<std::uint8_t> d(512);
	const auto k = static_cast<std::uint16_t>(temperature_c(now) + kKelvin);
	const auto hours = std::chrono::duration_cast<std::chrono::hours>(now - start_).count();
	d[0] = critical_warning(now);
	put16(d, 1, k);
	d[3] = 100;		 // available spare
	d[4] = 10;		 // spare threshold
	d[5] = cfg_.percent_used;
	put64(d, 32, 123456);	 // data units read
	put64(d, 48, 65432);	 // data units written
	put64(d, 64, 2000000);	 // host reads
	put64(d, 80, 1000000);	 // host writes
	put64(d, 112, 42);	 // power cycles
	put64(d, 128, 1000 + static_cast<std::uint64_t>(hours)); // power-on hours
	put64(d, 144, 1);	 // unsafe shutdowns
	put16(d, 200, k);	 // temperature sensor 1
	return d;
}

std::vector<std::uint8_t> Drive::firmware_slot_log() const
{
	std::vector<std::uint8_t> d(512);
	d[0] = static_cast<std::uint8_t>(active_slot_ | next_slot_ << 4);
	for (unsigned s = 0; s < kFirmwareSlots; s++)
		if (!slots_[s].empty())
			put_text(d, 8 + 8 * s, 8, slots_[s]);
	return d;
}

std::vector<std::uint8_t> Drive::error_log(std::size_t entries) const
{
	return std::vector<std::uint8_t>(64 * entries); // no errors: every entry zero
}

AdminResult Drive::identify(const std::uint32_t *cdw) const
{
	const std::uint8_t cns = cdw[10] & 0xff;
	switch (cns) {
	case 0x00:
		if (cdw[1] != kNamespaceId && cdw[1] != 0xffffffffu)
			return {kInvalidNamespace, 0, {}};
		return {kSuccess, 0, identify_namespace()};
	case 0x01:
		return {kSuccess, 0, identify_controller()};
	case 0x02:
		return {kSuccess, 0, active_namespaces(cdw[1])};
	default:
		return {kInvalidField, 0, {}};
	}
}

AdminResult Drive::get_log_page(const std::uint32_t *cdw, Clock::time_point now) const
{
	const std::uint8_t lid = cdw[10] & 0xff;
	const std::uint32_t dwords = ((cdw[10] >> 16) | (cdw[11] & 0xffff) << 16) + 1;
	const std::uint64_t offset = cdw[12] | static_cast<std::uint64_t>(cdw[13]) << 32;
	// no log here is longer than 4 KiB: a read far past it is a mistake,
	// not a reason to allocate gigabytes
	if ((offset & 3) || offset > 4096 || dwords > 16384)
		return {kInvalidField, 0, {}};
	std::vector<std::uint8_t> log;
	switch (lid) {
	case kLogError:
		log = error_log(16);
		break;
	case kLogSmart:
		log = smart_log(now);
		break;
	case kLogFirmwareSlot:
		log = firmware_slot_log();
		break;
	default:
		return {kInvalidLogPage, 0, {}};
	}
	// bytes past the end of a log read as zero
	std::vector<std::uint8_t> out(static_cast<std::size_t>(dwords) * 4);
	for (std::size_t i = 0; i < out.size() && offset + i < log.size(); i++)
		out[i] = log[offset + i];
	return {kSuccess, 0, std::move(out)};
}

AdminResult Drive::get_features(const std::uint32_t *cdw) const
{
	const std::uint8_t fid = cdw[10] & 0xff;
	const unsigned sel = (cdw[10] >> 8) & 7;
	if (fid != kFeatureTemperatureThreshold)
		return {kInvalidField, 0, {}};
	if (sel == 3) // capabilities: changeable, not saveable
		return {kSuccess, 1u << 2, {}};
	const unsigned tmpsel = (cdw[11] >> 16) & 0xf;
	const unsigned thsel = (cdw[11] >> 20) & 3;
	if (tmpsel != 0 || thsel > 1)
		return {kInvalidField, 0, {}};
	std::uint16_t v;
	if (sel == 1) // default
		v = thsel ? kKelvin - 20 : static_cast<std::uint16_t>(cfg_.temperature_c + 40 + kKelvin);
	else
		v = thsel ? under_threshold_k_ : over_threshold_k_;
	return {kSuccess, v | thsel << 20, {}};
}

AdminResult Drive::set_features(const std::uint32_t *cdw)
{
	const std::uint8_t fid = cdw[10] & 0xff;
	if (fid != kFeatureTemperatureThreshold)
		return {kInvalidField, 0, {}};
	if (cdw[10] & (1u << 31))
		return {kFeatureNotSaveable, 0, {}};
	const unsigned tmpsel = (cdw[11] >> 16) & 0xf;
	const unsigned thsel = (cdw[11] >> 20) & 3;
	if (tmpsel != 0 || thsel > 1)
		return {kInvalidField, 0, {}};
	(thsel ? under_threshold_k_ : over_threshold_k_) = cdw[11] & 0xffff;
	return {kSuccess, 0, {}};
}

AdminResult Drive::firmware_download(const std::uint32_t *cdw, const std::vector<std::uint8_t> &data)
{
	const std::size_t len = (static_cast<std::size_t>(cdw[10]) + 1) * 4;
	const std::size_t offset = static_cast<std::size_t>(cdw[11]) * 4;
	if (data.size() != len || offset > image_.size() || offset + len > (64u << 20))
		return {kInvalidField, 0, {}};
	if (offset == 0)
		image_.clear();
	image_.resize(std::max(image_.size(), offset + len));
	std::copy(data.begin(), data.end(), image_.begin() + static_cast<std::ptrdiff_t>(offset));
	return {kSuccess, 0, {}};
}

AdminResult Drive::firmware_commit(const std::uint32_t *cdw)
{
	unsigned slot = cdw[10] & 7;
	const unsigned action = (cdw[10] >> 3) & 7;
	if (slot > kFirmwareSlots)
		return {kInvalidFirmwareSlot, 0, {}};
	if (slot == 0) // the controller picks: the first slot not running
		slot = active_slot_ == 1 ? 2 : 1;
	switch (action) {
	case 0: // replace
	case 1: // replace, activate at the next reset
	case 3: // replace, activate now
		if (image_.empty())
			return {kInvalidFirmwareImage, 0, {}};
		slots_[slot - 1] = image_revision(image_);
		image_.clear();
		break;
	case 2: // activate at the next reset what the slot holds
		if (slots_[slot - 1].empty())
			return {kInvalidFirmwareSlot, 0, {}};
		break;
	default:
		return {kInvalidField, 0, {}};
	}
	if (action == 1 || action == 2)
		next_slot_ = slot;
	if (action == 3) {
		active_slot_ = slot;
		next_slot_ = 0;
		ccs_ |= kCcsFirmwareActivated;
	}
	return {kSuccess, 0, {}};
}

} // namespace mctpxx::emu::nvme
