// SPDX-License-Identifier: GPL-2.0
#include "ncsi_responder.hpp"

#include <algorithm>
#include <cstdio>

#include "ncsixx/command.hpp"
#include "ncsixx/response.hpp"

namespace mctpxx::emu::ncsi {
namespace {

using nc::Command;
namespace rc = nc::response_code;
namespace why = nc::reason;

// Get Capabilities: the Host NC Driver Status indication is supported.
constexpr std::uint32_t kCapHostDriverStatus = 1u << 1;
constexpr std::uint32_t kAenSupported = nc::aen_control::LinkStatusChange |
					nc::aen_control::ConfigurationRequired |
					nc::aen_control::HostNcDriverStatusChange;
// Get Parameters: link settings (auto-negotiation, 10/100/1000 Mb/s, full
// duplex) and the configuration flags that say the channel's state.
constexpr std::uint32_t kLinkSettings = (1u << 0) | (1u << 1) | (1u << 2) | (1u << 3) | (1u << 9);
constexpr std::uint32_t kConfigChannelEnabled = 1u << 1;
constexpr std::uint32_t kConfigNetworkTx = 1u << 2;

std::string hex32(std::uint32_t v)
{
	char b[12];
	std::snprintf(b, sizeof(b), "0x%x", v);
	return b;
}

// Why a packet that decode_request() refused was refused, told from its
// fields with the codec's own reader and checksum.
enum class Fault { Checksum, Length, Other };

Fault classify(std::span<const std::uint8_t> bytes)
{
	nc::Reader r(bytes, "NC-SI packet");
	r.skip(4, "MC ID, revision, reserved, IID");
	const std::uint8_t type = r.u8("packet type");
	r.skip(1, "channel ID");
	const std::uint16_t length = r.u16("payload length") & nc::kMaxPayload;
	const std::size_t total = nc::kHeaderSize + nc::padded(length) + nc::kChecksumSize;
	if (bytes.size() != total)
		return Fault::Length; // cut short, or bytes after the checksum
	nc::Reader sum(bytes.subspan(nc::kHeaderSize + nc::padded(length)), "NC-SI checksum");
	const std::uint32_t got = sum.u32("checksum");
	if (got != 0 && got != nc::checksum(bytes.first(nc::kHeaderSize + length)))
		return Fault::Checksum;
	const auto want = nc::request_payload_length(type);
	if (want && *want != length)
		return Fault::Length;
	return Fault::Other;
}

// The data a successful response to @type carries: a failed one carries as
// many bytes, zeroed, so that its payload length is the command's own.
std::size_t data_length(std::uint8_t type)
{
	Result<Bytes> b = Bytes{};
	switch (static_cast<Command>(type)) {
	case Command::GetLinkStatus: b = nc::encode_link_status({}); break;
	case Command::GetVersionId: b = nc::encode_version_id({}); break;
	case Command::GetCapabilities: b = nc::encode_capabilities({}); break;
	case Command::GetParameters: b = nc::encode_parameters({}); break;
	case Command::GetControllerPacketStatistics: b = nc::encode_controller_packet_statistics({}); break;
	case Command::GetNcsiStatistics: b = nc::encode_ncsi_statistics({}); break;
	case Command::GetPackageUuid: b = nc::encode_package_uuid({}); break;
	case Command::GetMcMacAddress: b = nc::encode_mc_mac_addresses({}); break;
	default: break;
	}
	return b ? b->size() : 0;
}

// The commands this controller carries out; any other is answered
// Command Unsupported.
bool implemented(std::uint8_t type)
{
	switch (static_cast<Command>(type)) {
	case Command::ClearInitialState:
	case Command::SelectPackage:
	case Command::DeselectPackage:
	case Command::EnableChannel:
	case Command::DisableChannel:
	case Command::ResetChannel:
	case Command::EnableChannelNetworkTx:
	case Command::DisableChannelNetworkTx:
	case Command::AenEnable:
	case Command::GetLinkStatus:
	case Command::GetVersionId:
	case Command::GetCapabilities:
	case Command::GetParameters:
	case Command::GetControllerPacketStatistics:
	case Command::GetNcsiStatistics:
	case Command::GetPackageUuid:
	case Command::GetMcMacAddress:
		return true;
	default:
		return false;
	}
}

// Commands for the package as a whole: answered whatever state its
// channels are in, addressed to the package (channel 0x1F) or to one of
// its channels.
bool package_command(std::uint8_t type)
{
	return type == static_cast<std::uint8_t>(Command::SelectPackage) ||
	       type == static_cast<std::uint8_t>(Command::DeselectPackage) ||
	       type == static_cast<std::uint8_t>(Command::GetPackageUuid);
}

// One answer being built: the response packet, with its faults, counted
// in the channel's statistics, and the note saying what happened.
class Answer {
public:
	Answer(Controller &ctl, const nc::Header &h, Channel *c, std::string *note)
		: ctl_(ctl), h_(h), c_(c), note_(note)
	{
	}

	std::optional<Bytes> ok(const Result<Bytes> &data, const std::string &what = "")
	{
		if (!data)
			return status(rc::Failed, why::InformationNotAvailable,
				      "encoding the response: " + data.error().message);
		return send({rc::Completed, why::None}, *data, what);
	}
	std::optional<Bytes> status(std::uint16_t code, std::uint16_t reason, const std::string &what = "")
	{
		const Bytes zeros(code == rc::Completed || code == rc::Failed ? data_length(h_.type) : 0, 0);
		return send({code, reason}, zeros, what);
	}

private:
	std::optional<Bytes> send(const nc::ResponseStatus &st, std::span<const std::uint8_t> data,
				  const std::string &what)
	{
		auto r = nc::encode_response(h_, st, data);
		if (!r) {
			say("no response: " + r.error().message);
			return std::nullopt;
		}
		std::string spoilt;
		if (ctl_.malformed() == Malformed::Checksum && r->size() >= nc::kChecksumSize) {
			// a checksum that is wrong, and not 0 (0 means "none")
			auto *sum = r->data() + r->size() - nc::kChecksumSize;
			for (int i = 0; i < 4; i++)
				sum[i] ^= 0x5a;
			if (std::all_of(sum, sum + 4, [](std::uint8_t b) { return b == 0; }))
				sum[3] = 1;
			spoilt = " [malformed: wrong checksum]";
		} else if (ctl_.malformed() == Malformed::Truncate) {
			// half the payload, no padding, no checksum
			r->resize(nc::kHeaderSize + (r->size() - nc::kHeaderSize - nc::kChecksumSize) / 2);
			spoilt = " [malformed: truncated to " + std::to_string(r->size()) + " bytes]";
		}
		if (c_)
			c_->stats.transmit_packets++;
		say(nc::describe(st) + (what.empty() ? "" : " (" + what + ")") + spoilt);
		return std::move(*r);
	}
	void say(const std::string &result)
	{
		if (note_)
			*note_ = h_.channel.to_string() + " " + nc::command_name(h_.type) + " IID " +
				 std::to_string(h_.iid) + ": " + result;
	}

	Controller &ctl_;
	nc::Header h_;
	Channel *c_;
	std::string *note_;
};

std::optional<Bytes> package_level(Package &p, const nc::Request &req, Answer &a)
{
	switch (static_cast<Command>(req.type())) {
	case Command::SelectPackage: {
		auto hw = nc::decode_select_package(req);
		if (!hw)
			return a.status(rc::Failed, why::ParameterInvalid, hw.error().message);
		p.selected = true;
		return a.status(rc::Completed, why::None, "selected");
	}
	case Command::DeselectPackage:
		p.selected = false; // after this response: the package stays quiet
		return a.status(rc::Completed, why::None, "deselected");
	case Command::GetPackageUuid:
		return a.ok(nc::encode_package_uuid(p.uuid), p.uuid.to_string());
	default:
		break;
	}
	return a.status(rc::Unsupported, why::UnknownCommand);
}

std::optional<Bytes> channel_level(Controller &ctl, Package &p, Channel &c, const nc::Request &req,
				   std::uint8_t from_eid, Answer &a)
{
	const auto &cfg = ctl.config();
	switch (static_cast<Command>(req.type())) {
	case Command::ClearInitialState:
		c.initial = false;
		return a.status(rc::Completed, why::None);
	case Command::EnableChannel:
		c.enabled = true;
		return a.status(rc::Completed, why::None);
	case Command::DisableChannel: {
		auto ald = nc::decode_disable_channel(req);
		if (!ald)
			return a.status(rc::Failed, why::ParameterInvalid, ald.error().message);
		c.enabled = false;
		return a.status(rc::Completed, why::None);
	}
	case Command::ResetChannel:
		Controller::reset_state(c);
		return a.status(rc::Completed, why::None, "back in the Initial State");
	case Command::EnableChannelNetworkTx:
		c.network_tx = true;
		return a.status(rc::Completed, why::None);
	case Command::DisableChannelNetworkTx:
		c.network_tx = false;
		return a.status(rc::Completed, why::None);
	case Command::AenEnable: {
		auto e = nc::decode_aen_enable(req);
		if (!e)
			return a.status(rc::Failed, why::ParameterInvalid, e.error().message);
		if (e->aen_control & ~kAenSupported)
			return a.status(rc::Failed, why::ParameterInvalid,
					"AEN control " + hex32(e->aen_control) + " has bits beyond the supported 0x7");
		c.aen_mask = e->aen_control;
		c.aen_mc_id = e->aen_mc_id;
		c.aen_eid = from_eid;
		return a.status(rc::Completed, why::None,
				"mask " + hex32(c.aen_mask) + " for EID " + std::to_string(from_eid));
	}
	case Command::GetLinkStatus: {
		const auto s = c.link_status();
		return a.ok(nc::encode_link_status(s),
			    s.link_up() ? nc::speed_text(s.speed_duplex()) : std::string("link down"));
	}
	case Command::GetVersionId: {
		nc::VersionId v;
		v.ncsi = {kNcsiMajor, kNcsiMinor, kNcsiUpdate, 0, 0};
		v.firmware_name = cfg.firmware_name;
		v.firmware_version = cfg.firmware_version;
		v.pci_vid = kPciVendor;
		v.pci_did = kPciDevice;
		v.pci_ssvid = kPciSubVendor;
		v.pci_ssid = kPciSubDevice;
		v.manufacturer_id = kManufacturerIana;
		return a.ok(nc::encode_version_id(v), v.firmware_name + " " + v.firmware_version_text());
	}
	case Command::GetCapabilities: {
		nc::Capabilities cap;
		cap.flags = kCapHostDriverStatus;
		cap.aen_control = kAenSupported;
		cap.unicast_filter_count = 1;
		cap.channel_count = static_cast<std::uint8_t>(p.channels.size());
		return a.ok(nc::encode_capabilities(cap));
	}
	case Command::GetParameters: {
		nc::Parameters prm;
		prm.macs.push_back({c.mac, true});
		prm.link_settings = kLinkSettings;
		prm.configuration_flags = (c.enabled ? kConfigChannelEnabled : 0) |
					  (c.network_tx ? kConfigNetworkTx : 0);
		prm.aen_control = c.aen_mask;
		return a.ok(nc::encode_parameters(prm), nc::mac_to_string(c.mac));
	}
	case Command::GetControllerPacketStatistics:
		// no network traffic is emulated: every counter is 0
		return a.ok(nc::encode_controller_packet_statistics({}));
	case Command::GetNcsiStatistics: {
		// this response is not counted as transmitted yet
		return a.ok(nc::encode_ncsi_statistics(c.stats));
	}
	case Command::GetMcMacAddress: {
		nc::McMacAddresses m;
		m.macs.push_back(c.mc_mac);
		return a.ok(nc::encode_mc_mac_addresses(m), nc::mac_to_string(c.mc_mac));
	}
	default:
		break;
	}
	return a.status(rc::Unsupported, why::UnknownCommand);
}

} // namespace

std::optional<Bytes> respond(Controller &ctl, std::span<const std::uint8_t> request, std::uint8_t from_eid,
			     std::string *note)
{
	auto say = [&](const std::string &s) {
		if (note)
			*note = s;
	};
	if (request.size() < nc::kHeaderSize) {
		say("dropped: " + std::to_string(request.size()) + " bytes, less than an NC-SI header");
		return std::nullopt;
	}
	const auto id = nc::ChannelId::from_raw(request[5]);
	const std::uint8_t type = request[4];
	Package *p = ctl.package(id.package);
	if (!p) {
		say("dropped: " + id.to_string() + " does not exist");
		return std::nullopt;
	}
	Channel *c = id.is_whole_package() ? nullptr : ctl.channel(id.package, id.channel);
	if (!id.is_whole_package() && !c) {
		say("dropped: " + id.to_string() + " does not exist");
		return std::nullopt;
	}
	if (p->silent) {
		say("dropped: package " + std::to_string(id.package) + " is silent");
		return std::nullopt;
	}
	if (c)
		c->stats.receive_packets++;
	auto req = nc::decode_request(request);
	if (!req) {
		const Fault f = nc::is_command_type(type) ? classify(request) : Fault::Other;
		if (f == Fault::Checksum) {
			if (c) {
				c->stats.command_checksum_errors++;
				c->stats.control_packets_dropped++;
			}
			say("dropped: " + req.error().message);
			return std::nullopt;
		}
		if (f == Fault::Other) {
			if (c)
				c->stats.control_packets_dropped++;
			say("dropped: " + req.error().message);
			return std::nullopt;
		}
		// answered with the header as received
		nc::Reader r(request, "NC-SI header");
		nc::Header h;
		h.mc_id = r.u8("MC ID");
		h.revision = r.u8("revision");
		r.skip(1, "reserved");
		h.iid = r.u8("IID");
		h.type = r.u8("packet type");
		h.channel = id;
		Answer a(ctl, h, c, note);
		return a.status(rc::Failed, why::InvalidPayloadLength, req.error().message);
	}
	Answer a(ctl, req->header, c, note);
	if (!implemented(req->type())) {
		if (c)
			c->stats.command_type_errors++;
		return a.status(rc::Unsupported, why::UnknownCommand);
	}
	if (c)
		c->stats.commands_received++;
	// any command but Deselect Package selects its package
	p->selected = true;
	if (package_command(req->type()))
		return package_level(*p, *req, a);
	if (!c)
		return a.status(rc::Failed, why::ParameterInvalid, "a channel command to the whole package");
	if (c->initial && req->type() != static_cast<std::uint8_t>(Command::ClearInitialState))
		return a.status(rc::Failed, why::InterfaceInitRequired);
	return channel_level(ctl, *p, *c, *req, from_eid, a);
}

} // namespace mctpxx::emu::ncsi
