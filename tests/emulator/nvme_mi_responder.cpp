// SPDX-License-Identifier: GPL-2.0
#include "nvme_mi_responder.hpp"

#include <algorithm>
#include <cstdio>

#include "nvme_vpd.hpp"

namespace mctpxx::emu::nvmemi {
namespace {

// NVMe-MI command opcodes
enum : std::uint8_t {
	kReadDataStructure = 0x00,
	kSubsystemHealthPoll = 0x01,
	kControllerHealthPoll = 0x02,
	kConfigurationSet = 0x03,
	kConfigurationGet = 0x04,
	kVpdRead = 0x05,
};

// Admin opcodes
enum : std::uint8_t {
	kGetLogPage = 0x02,
	kIdentify = 0x06,
	kSetFeatures = 0x09,
	kGetFeatures = 0x0a,
	kFirmwareCommit = 0x10,
	kFirmwareDownload = 0x11,
	kSecuritySend = 0x81,
	kSecurityReceive = 0x82,
};

// Read NVMe-MI Data Structure types
enum : std::uint8_t {
	kSubsystemInfo = 0x00,
	kPortInfo = 0x01,
	kControllerList = 0x02,
	kControllerInfo = 0x03,
	kOptionalCommands = 0x04,
};

// Configuration identifiers
enum : std::uint8_t {
	kConfigSmbusFrequency = 0x01,
	kConfigHealthStatusChange = 0x02,
	kConfigMctpUnit = 0x03,
};

// ports: 0 PCIe, 1 SMBus (the one the management endpoint is on)
constexpr std::uint8_t kPortPcie = 0;
constexpr std::uint8_t kPortSmbus = 1;
constexpr std::uint16_t kMaxMctpUnit = 250;

void put16(std::vector<std::uint8_t> &b, std::size_t at, std::uint16_t v)
{
	b[at] = static_cast<std::uint8_t>(v);
	b[at + 1] = static_cast<std::uint8_t>(v >> 8);
}

std::vector<std::uint8_t> with_length(const Request &r, std::vector<std::uint8_t> data)
{
	const auto n = static_cast<std::uint32_t>(data.size());
	return mi_response(r.nmp, Status::Success, n & 0xffff, data);
}

const char *kind_name(Kind k)
{
	switch (k) {
	case Kind::ControlPrimitive:
		return "control primitive";
	case Kind::Mi:
		return "MI";
	case Kind::Admin:
		return "admin";
	case Kind::Pcie:
		return "PCIe";
	}
	return "unknown";
}

} // namespace

std::vector<std::uint8_t> Responder::read_data_structure(const Request &r)
{
	const std::uint8_t dtyp = r.mi_dw0 >> 24;
	const std::uint8_t port = (r.mi_dw0 >> 16) & 0xff;
	const std::uint16_t ctrl = r.mi_dw0 & 0xffff;
	std::vector<std::uint8_t> d;
	switch (dtyp) {
	case kSubsystemInfo:
		d.assign(32, 0);
		d[0] = 1; // two ports (0's based)
		d[1] = 1; // NVMe-MI 1.2
		d[2] = 2;
		return with_length(r, d);
	case kPortInfo:
		d.assign(32, 0);
		if (port == kPortPcie) {
			d[0] = 0x01;
			put16(d, 2, 0);
			d[8] = 1;    // max payload 256 bytes
			d[9] = 0x0f; // 2.5 to 16 GT/s
			d[10] = 4;   // 16 GT/s now
			d[11] = 4;   // x4
			d[12] = 4;
			d[13] = 0;   // port number
		} else if (port == kPortSmbus) {
			d[0] = 0x02;
			put16(d, 2, kMaxMctpUnit);
			d[8] = 0;    // no VPD
			d[9] = 0;
			d[10] = drive_.config().smbus_addr;
			d[11] = drive_.smbus_frequency();
			d[12] = 0;   // no NVMe basic management
		} else {
			return error_response(r.nmp, Status::InvalidParameter);
		}
		return with_length(r, d);
	case kControllerList: {
		const bool listed = ctrl <= nvme::Drive::kControllerId;
		d.assign(2 + (listed ? 2 : 0), 0);
		put16(d, 0, listed ? 1 : 0);
		if (listed)
			put16(d, 2, nvme::Drive::kControllerId);
		return with_length(r, d);
	}
	case kControllerInfo:
		if (ctrl != nvme::Drive::kControllerId)
			return error_response(r.nmp, Status::InvalidParameter);
		d.assign(32, 0);
		d[0] = kPortPcie;
		d[5] = 1;	       // PCIe routing ID valid
		put16(d, 6, 0x0100);   // bus 1, device 0, function 0
		put16(d, 8, drive_.config().vid);
		put16(d, 10, 0x0001);
		put16(d, 12, drive_.config().vid);
		put16(d, 14, 0x0001);
		return with_length(r, d);
	case kOptionalCommands: {
		// none of the optional commands is supported
		d.assign(2, 0);
		return with_length(r, d);
	}
	default:
		return error_response(r.nmp, Status::InvalidParameter);
	}
}

std::vector<std::uint8_t> Responder::subsystem_health(const Request &r, Clock::time_point now)
{
	std::vector<std::uint8_t> d(8);
	d[0] = 0x38; // drive functional, no reset required, port 0 link active
	// SMART warnings: a bit cleared means that warning is on
	d[1] = static_cast<std::uint8_t>(~drive_.critical_warning(now) & 0x3f);
	const int t = drive_.temperature_c(now);
	d[2] = static_cast<std::uint8_t>(std::clamp(t, -60, 127));
	d[3] = drive_.config().percent_used;
	put16(d, 4, drive_.composite_status());
	if (r.mi_dw1 & (1u << 31)) // clear status
		drive_.clear_composite_status(0xffff);
	return mi_response(r.nmp, Status::Success, 0, d);
}

std::vector<std::uint8_t> Responder::controller_health(const Request &r, Clock::time_point now)
{
	const std::uint16_t start = r.mi_dw0 & 0xffff;
	const unsigned max_entries = ((r.mi_dw0 >> 16) & 0xff) + 1;
	std::vector<std::uint8_t> d;
	unsigned n = 0;
	if (start <= nvme::Drive::kControllerId && max_entries > 0) {
		d.assign(16, 0);
		put16(d, 0, nvme::Drive::kControllerId);
		put16(d, 2, 0x0001); // CSTS: ready
		put16(d, 4, static_cast<std::uint16_t>(drive_.temperature_c(now) + 273));
		d[6] = drive_.config().percent_used;
		d[7] = 100; // available spare
		d[8] = drive_.critical_warning(now);
		n = 1;
	}
	return mi_response(r.nmp, Status::Success, n, d);
}

std::vector<std::uint8_t> Responder::configuration(const Request &r, bool set)
{
	const std::uint8_t id = r.mi_dw0 & 0xff;
	const std::uint8_t port = r.mi_dw0 >> 24;
	switch (id) {
	case kConfigSmbusFrequency: {
		if (port != kPortSmbus)
			return error_response(r.nmp, Status::InvalidParameter);
		if (!set)
			return mi_response(r.nmp, Status::Success, drive_.smbus_frequency());
		const std::uint8_t f = (r.mi_dw0 >> 8) & 0x0f;
		if (f < 1 || f > 2) // 100 and 400 kHz
			return error_response(r.nmp, Status::InvalidParameter);
		drive_.set_smbus_frequency(f);
		return mi_response(r.nmp, Status::Success, 0);
	}
	case kConfigHealthStatusChange:
		if (!set)
			return error_response(r.nmp, Status::InvalidParameter);
		drive_.clear_composite_status(static_cast<std::uint16_t>(r.mi_dw1));
		return mi_response(r.nmp, Status::Success, 0);
	case kConfigMctpUnit: {
		if (port != kPortSmbus)
			return error_response(r.nmp, Status::InvalidParameter);
		if (!set)
			return mi_response(r.nmp, Status::Success, drive_.mctp_mtu());
		const std::uint16_t mtu = r.mi_dw1 & 0xffff;
		if (mtu < 64 || mtu > kMaxMctpUnit)
			return error_response(r.nmp, Status::InvalidParameter);
		drive_.set_mctp_mtu(mtu);
		return mi_response(r.nmp, Status::Success, 0);
	}
	default:
		return error_response(r.nmp, Status::InvalidParameter);
	}
}

std::vector<std::uint8_t> Responder::vpd_read(const Request &r)
{
	const auto image = nvme::fru_image(drive_.config());
	const std::size_t off = r.mi_dw0 & 0xffff, len = r.mi_dw1 & 0xffff;
	if (off + len > image.size())
		return error_response(r.nmp, Status::InvalidParameter);
	return mi_response(r.nmp, Status::Success, 0,
			   std::span(image).subspan(off, len));
}

std::vector<std::uint8_t> Responder::mi_command(const Request &r, Clock::time_point now)
{
	switch (r.opcode) {
	case kReadDataStructure:
		return read_data_structure(r);
	case kSubsystemHealthPoll:
		return subsystem_health(r, now);
	case kControllerHealthPoll:
		return controller_health(r, now);
	case kConfigurationSet:
		return configuration(r, true);
	case kConfigurationGet:
		return configuration(r, false);
	case kVpdRead:
		return vpd_read(r);
	default:
		return error_response(r.nmp, Status::InvalidOpcode);
	}
}

std::vector<Reply> Responder::admin_command(const Request &r, Clock::time_point now)
{
	if (r.ctrl_id != nvme::Drive::kControllerId)
		return {{{}, error_response(r.nmp, Status::InvalidParameter)}};
	nvme::AdminResult res;
	bool reads = false; // data from the controller: dlen and doff apply
	std::vector<Reply> out;
	switch (r.opcode) {
	case kIdentify:
		res = drive_.identify(r.cdw.data());
		reads = true;
		break;
	case kGetLogPage:
		res = drive_.get_log_page(r.cdw.data(), now);
		reads = true;
		break;
	case kGetFeatures:
		res = drive_.get_features(r.cdw.data());
		break;
	case kSetFeatures:
		res = drive_.set_features(r.cdw.data());
		break;
	case kFirmwareDownload:
		res = drive_.firmware_download(r.cdw.data(), r.data);
		break;
	case kSecuritySend:
		res = drive_.security_send(r.cdw.data(), r.data);
		break;
	case kSecurityReceive:
		res = drive_.security_receive(r.cdw.data());
		reads = true;
		break;
	case kFirmwareCommit:
		// the drive takes its time: More Processing Required meanwhile
		for (unsigned i = 0; i < drive_.config().commit_mpr; i++)
			out.push_back({i ? kCommitStep : std::chrono::milliseconds(0),
				       mpr_response(r.nmp, 20)});
		res = drive_.firmware_commit(r.cdw.data());
		break;
	default:
		res.status = nvme::kInvalidOpcode;
		break;
	}
	std::span<const std::uint8_t> data = res.data;
	if (reads && res.status.ok() && (r.flags & 0x01)) {
		const std::size_t off = (r.flags & 0x02) ? r.doff : 0;
		if (off > data.size() || r.dlen > data.size() - off)
			return {{{}, error_response(r.nmp, Status::InvalidParameter)}};
		data = data.subspan(off, r.dlen);
	}
	out.push_back({out.empty() ? std::chrono::milliseconds(0) : kCommitStep,
		       admin_response(r.nmp, res.cdw0, 0, res.status.cqe_dw3(), data)});
	return out;
}

std::vector<Reply> Responder::handle(std::span<const std::uint8_t> body, Clock::time_point now,
				     std::string *note)
{
	auto req = decode_request(body);
	std::vector<Reply> out;
	if (!req) {
		if (note)
			*note = std::string("dropped: ") + to_string(req.error());
		if (req.error() != DecodeError::Truncated)
			return out;
		// the header says what it is: tell the requester the size is wrong
		out.push_back({{}, error_response(body[0], Status::InvalidCommandSize)});
	} else {
		if (note) {
			char b[64];
			std::snprintf(b, sizeof(b), "%s opcode 0x%02x", kind_name(req->kind), req->opcode);
			*note = b;
		}
		if (req->kind == Kind::Mi)
			out.push_back({{}, mi_command(*req, now)});
		else if (req->kind == Kind::Admin)
			out = admin_command(*req, now);
		else
			out.push_back({{}, error_response(req->nmp, Status::InvalidOpcode)});
	}
	if (faults_.truncate)
		for (auto &o : out)
			if (o.body.size() > 8 + mctpxx::nvme_mi::kMicSize) {
				o.body.resize(8);
				append_mic(o.body);
			}
	if (faults_.corrupt_mic)
		for (auto &o : out)
			o.body.back() ^= 0xff;
	return out;
}

Result<std::string> Responder::control(const std::string &line)
{
	std::string what, how, extra;
	{
		const auto b = line.find_first_not_of(" \t");
		std::string rest = b == std::string::npos ? "" : line.substr(b);
		const auto sp = rest.find_first_of(" \t");
		what = rest.substr(0, sp);
		if (sp != std::string::npos) {
			rest = rest.substr(rest.find_first_not_of(" \t", sp));
			const auto sp2 = rest.find_first_of(" \t");
			how = rest.substr(0, sp2);
			if (sp2 != std::string::npos && rest.find_first_not_of(" \t", sp2) != std::string::npos)
				extra = rest.substr(rest.find_first_not_of(" \t", sp2));
		}
	}
	bool *fault = what == "corrupt-mic" ? &faults_.corrupt_mic
		      : what == "truncate"  ? &faults_.truncate
					    : nullptr;
	if (!fault)
		return fail(Error::msg("\"" + line + "\": unknown (corrupt-mic on|off, truncate on|off)"));
	if ((how != "on" && how != "off") || !extra.empty())
		return fail(Error::msg("\"" + line + "\": " + what + " takes on or off"));
	*fault = how == "on";
	return what + " " + how;
}

} // namespace mctpxx::emu::nvmemi
