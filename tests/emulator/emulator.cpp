// SPDX-License-Identifier: GPL-2.0
#include "emulator.hpp"

#include <getopt.h>
#include <systemd/sd-id128.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "mctpxx/args.hpp"
#include "mctpxx/uuid.hpp"
#include "ncsi_responder.hpp"
#include "pldm_responder.hpp"

namespace mctpxx::emu {
namespace {

using control::Command;

Result<control::Command> command_named(const std::string &s)
{
	static const std::pair<const char *, Command> names[] = {
		{"set-eid", Command::SetEndpointId},
		{"get-eid", Command::GetEndpointId},
		{"uuid", Command::GetEndpointUuid},
		{"version", Command::GetVersionSupport},
		{"types", Command::GetMessageTypeSupport},
		{"vendor", Command::GetVendorMessageSupport},
	};
	for (auto [n, c] : names)
		if (s == n)
			return c;
	return fail(Error::msg("unknown command \"" + s +
			       "\" (set-eid, get-eid, uuid, version, types, vendor, all)"));
}

std::vector<std::string> split(const std::string &s, char sep)
{
	std::vector<std::string> out;
	std::size_t start = 0;
	for (;;) {
		auto pos = s.find(sep, start);
		out.push_back(s.substr(start, pos - start));
		if (pos == std::string::npos)
			return out;
		start = pos + 1;
	}
}

// "iana:ID:SET" or "pci:ID:SET"
Result<control::GetVendorMessageSupportResponse> vendor_entry(const std::string &s)
{
	auto f = split(s, ':');
	if (f.size() != 3 || (f[0] != "iana" && f[0] != "pci"))
		return fail(Error::msg("vendor \"" + s + "\": expected iana:ID:SET or pci:ID:SET"));
	control::GetVendorMessageSupportResponse v;
	v.format = f[0] == "iana" ? control::VendorIdFormat::Iana : control::VendorIdFormat::Pci;
	auto id = parse_number(f[1], 0, f[0] == "iana" ? 0xffffffffUL : 0xffffUL, "vendor ID");
	if (!id)
		return fail(id.error());
	auto set = parse_number(f[2], 0, 0xffff, "command set");
	if (!set)
		return fail(set.error());
	v.vendor_id = static_cast<std::uint32_t>(*id);
	v.command_set = static_cast<std::uint16_t>(*set);
	return v;
}

} // namespace

void usage(std::FILE *out)
{
	std::fprintf(out,
		"usage: mctp-endpoint-emu [OPTIONS]\n"
		"Answers the MCTP control protocol as an SMBus endpoint on one link.\n"
		"  -l, --link NAME         link to serve (default: the only MCTP link)\n"
		"  -a, --all-links         serve every MCTP link, following links as they come\n"
		"                          and go; each link's UUID ends in its hardware address\n"
		"  -e, --static-eid EID    start with this (static) EID; default: none\n"
		"  -u, --uuid UUID         endpoint UUID (default: random)\n"
		"      --no-uuid           Get Endpoint UUID unsupported\n"
		"  -t, --types LIST        supported message types, e.g. 0,1,0x7e (default 0)\n"
		"      --vendor FMT:ID:SET vendor defined message support (iana|pci), repeatable\n"
		"      --reject-set-eid    refuse Set Endpoint ID, keep the current EID\n"
		"      --silent            answer nothing (SIGUSR1 toggles at run time)\n"
		"      --malformed CMDS    truncate responses to CMDS (comma separated:\n"
		"                          set-eid,get-eid,uuid,version,types,vendor or all)\n"
		"      --delay-ms MS       wait before each response\n"
		"      --discovery-notify ADDR\n"
		"                          announce the endpoint to the bus owner at SMBus\n"
		"                          address ADDR (Discovery Notify) at start and at\n"
		"                          each power-on\n"
		"      --nvme-mi           an NVMe drive's management endpoint too: NVMe-MI\n"
		"                          (message type 4) is listed and answered\n"
		"      --nvme-model TEXT   its model number (default \"MCTP-EMU NVMe drive\")\n"
		"      --nvme-serial TEXT  its serial number (default EMU0000000001)\n"
		"      --nvme-firmware REV firmware revision in slot 1 (default 1.0.0)\n"
		"      --nvme-temperature C composite temperature, drifting +-1 (default 35)\n"
		"      --nvme-commit-mpr N  More Processing Required answers to Firmware\n"
		"                          Commit before its final answer (default 2)\n"
		"      --nvme-manufacturer TEXT / --nvme-part TEXT\n"
		"                          manufacturer and part number in its VPD (FRU)\n"
		"      --nvme-critical-warning BITS\n"
		"                          SMART critical warning bits always set (0x01-0x3f)\n"
		"      --nvme-corrupt-mic  every NVMe-MI response carries a wrong MIC\n"
		"      --nvme-truncate     every NVMe-MI response cut to 8 bytes (malformed)\n"
		"      --nvme-control PATH create the FIFO PATH and take lines from it:\n"
		"                          corrupt-mic on|off, truncate on|off\n"
		"      --nvme-basic DIR    keep the smbus-sim nvme-basic device at DIR (debugfs)\n"
		"                          in sync: the drive answers the Basic Management\n"
		"                          Command there too\n"
		"      --pldm-card         a PLDM add-in card too: message type 1 is listed and\n"
		"                          PLDM types 0, 2 and 4 answered (sensors, FRU, events)\n"
		"      --pldm-model TEXT / --pldm-part TEXT / --pldm-serial TEXT /\n"
		"      --pldm-manufacturer TEXT / --pldm-version TEXT\n"
		"                          its FRU fields (serial default: SN + SMBus address\n"
		"                          with --all-links, else SN-EMU-0001)\n"
		"      --pldm-temperature C inlet temperature, drifting +-1 (default 40)\n"
		"      --pldm-not-ready N  answer the first N PLDM requests after each power-on\n"
		"                          ERROR_NOT_READY\n"
		"      --pldm-malformed-pdr sensor 3's PDR has an unknown sensorDataSize\n"
		"      --pldm-no-events    SetEventReceiver unsupported (a card to be polled)\n"
		"      --pldm-control PATH create the FIFO PATH and take lines from it: set ID\n"
		"                          VALUE, state ID N, repo-change, not-ready on|off\n"
		"      --ncsi              an NC-SI network controller too: message type 2 is\n"
		"                          listed and NC-SI (DSP0222 over MCTP) answered\n"
		"      --ncsi-packages N / --ncsi-channels N\n"
		"                          packages (1-8, default 2) and channels per package\n"
		"                          (1-31, default 2)\n"
		"      --ncsi-link-down P.C channel C of package P starts with its link down\n"
		"                          (repeatable)\n"
		"      --ncsi-speed MBPS   link speed of every channel (default 1000)\n"
		"      --ncsi-firmware NAME,VERSION\n"
		"                          firmware name (12 characters at most) and version\n"
		"                          (e.g. EMU-NIC,1.2.3.4; default EMU-NIC,1.0.0.0)\n"
		"      --ncsi-silent-package P  package P answers nothing (repeatable)\n"
		"      --ncsi-malformed[=KIND] every NC-SI response malformed: KIND checksum\n"
		"                          (wrong checksum, the default) or truncate\n"
		"      --ncsi-control PATH create the FIFO PATH and take lines from it: link P.C\n"
		"                          up [MBPS]|down, speed P.C MBPS, driver P.C up|down,\n"
		"                          reinit P.C, silent P on|off, malformed on|off|...\n"
		"  -v, --verbose           log every request\n"
		"Signals: SIGUSR1 toggles --silent; SIGUSR2 switches power off (EIDs dropped,\n"
		"nothing answered) and on again.\n");
}

Status parse_args(int argc, char **argv, Options &o)
{
	enum {
		kNoUuid = 256, kVendor, kReject, kSilent, kMalformed, kDelay, kNotify,
		kNvme, kNvmeModel, kNvmeSerial, kNvmeFirmware, kNvmeTemp, kNvmeMpr, kNvmeCorrupt,
		kNvmeManufacturer, kNvmePart, kNvmeWarning, kNvmeTruncate,
		kNvmeBasic, kPldm, kPldmModel, kPldmPart, kPldmSerial, kPldmManufacturer,
		kPldmVersion, kPldmTemp, kPldmNotReady, kPldmMalformed, kPldmNoEvents, kPldmControl,
		kNcsi, kNcsiPackages, kNcsiChannels, kNcsiLinkDown, kNcsiSpeed, kNcsiFirmware,
		kNcsiSilent, kNcsiMalformed, kNcsiControl, kNvmeControl,
	};
	static const option opts[] = {
		{"link", required_argument, nullptr, 'l'},
		{"all-links", no_argument, nullptr, 'a'},
		{"static-eid", required_argument, nullptr, 'e'},
		{"uuid", required_argument, nullptr, 'u'},
		{"no-uuid", no_argument, nullptr, kNoUuid},
		{"types", required_argument, nullptr, 't'},
		{"vendor", required_argument, nullptr, kVendor},
		{"reject-set-eid", no_argument, nullptr, kReject},
		{"silent", no_argument, nullptr, kSilent},
		{"malformed", required_argument, nullptr, kMalformed},
		{"delay-ms", required_argument, nullptr, kDelay},
		{"discovery-notify", required_argument, nullptr, kNotify},
		{"nvme-mi", no_argument, nullptr, kNvme},
		{"nvme-model", required_argument, nullptr, kNvmeModel},
		{"nvme-serial", required_argument, nullptr, kNvmeSerial},
		{"nvme-firmware", required_argument, nullptr, kNvmeFirmware},
		{"nvme-temperature", required_argument, nullptr, kNvmeTemp},
		{"nvme-commit-mpr", required_argument, nullptr, kNvmeMpr},
		{"nvme-corrupt-mic", no_argument, nullptr, kNvmeCorrupt},
		{"nvme-manufacturer", required_argument, nullptr, kNvmeManufacturer},
		{"nvme-part", required_argument, nullptr, kNvmePart},
		{"nvme-critical-warning", required_argument, nullptr, kNvmeWarning},
		{"nvme-truncate", no_argument, nullptr, kNvmeTruncate},
		{"nvme-basic", required_argument, nullptr, kNvmeBasic},
		{"pldm-card", no_argument, nullptr, kPldm},
		{"pldm-model", required_argument, nullptr, kPldmModel},
		{"pldm-part", required_argument, nullptr, kPldmPart},
		{"pldm-serial", required_argument, nullptr, kPldmSerial},
		{"pldm-manufacturer", required_argument, nullptr, kPldmManufacturer},
		{"pldm-version", required_argument, nullptr, kPldmVersion},
		{"pldm-temperature", required_argument, nullptr, kPldmTemp},
		{"pldm-not-ready", required_argument, nullptr, kPldmNotReady},
		{"pldm-malformed-pdr", no_argument, nullptr, kPldmMalformed},
		{"pldm-no-events", no_argument, nullptr, kPldmNoEvents},
		{"pldm-control", required_argument, nullptr, kPldmControl},
		{"ncsi", no_argument, nullptr, kNcsi},
		{"ncsi-packages", required_argument, nullptr, kNcsiPackages},
		{"ncsi-channels", required_argument, nullptr, kNcsiChannels},
		{"ncsi-link-down", required_argument, nullptr, kNcsiLinkDown},
		{"ncsi-speed", required_argument, nullptr, kNcsiSpeed},
		{"ncsi-firmware", required_argument, nullptr, kNcsiFirmware},
		{"ncsi-silent-package", required_argument, nullptr, kNcsiSilent},
		{"ncsi-malformed", optional_argument, nullptr, kNcsiMalformed},
		{"ncsi-control", required_argument, nullptr, kNcsiControl},
		{"nvme-control", required_argument, nullptr, kNvmeControl},
		{"verbose", no_argument, nullptr, 'v'},
		{"help", no_argument, nullptr, 'h'},
		{},
	};
	bool uuid_set = false;
	bool nvme = false;
	nvme::DriveConfig drive;
	bool card = false;
	pldm::CardConfig card_cfg;
	bool nic = false;
	ncsi::Config nic_cfg;
	// checked once the shape (--ncsi-packages, --ncsi-channels) is known
	std::vector<std::string> link_down, silent_packages;
	o.identity.message_types = {0x00};
	optind = 1;
	int opt;
	while ((opt = getopt_long(argc, argv, "l:ae:u:t:vh", opts, nullptr)) != -1) {
		switch (opt) {
		case 'l':
			o.link = optarg;
			break;
		case 'a':
			o.all_links = true;
			break;
		case 'e': {
			auto v = parse_number(optarg, 8, 254, "static EID");
			if (!v)
				return fail(v.error());
			o.static_eid = static_cast<std::uint8_t>(*v);
			break;
		}
		case 'u': {
			auto u = parse_uuid(optarg);
			if (!u)
				return fail(Error::msg("\"" + std::string(optarg) + "\" is not a UUID"));
			o.identity.uuid = *u;
			uuid_set = true;
			break;
		}
		case kNoUuid:
			o.identity.uuid.reset();
			uuid_set = true;
			break;
		case 't':
			o.identity.message_types.clear();
			for (const auto &s : split(optarg, ',')) {
				auto v = parse_number(s, 0, 0x7f, "message type");
				if (!v)
					return fail(v.error());
				o.identity.message_types.push_back(static_cast<std::uint8_t>(*v));
			}
			break;
		case kVendor: {
			auto v = vendor_entry(optarg);
			if (!v)
				return fail(v.error());
			o.identity.vendor.push_back(*v);
			break;
		}
		case kReject:
			o.reject_set_eid = true;
			break;
		case kSilent:
			o.silent = true;
			break;
		case kMalformed:
			for (const auto &s : split(optarg, ',')) {
				if (s == "all") {
					o.malformed_all = true;
					continue;
				}
				auto c = command_named(s);
				if (!c)
					return fail(c.error());
				o.malformed.insert(*c);
			}
			break;
		case kDelay: {
			auto v = parse_number(optarg, 0, 60000, "delay");
			if (!v)
				return fail(v.error());
			o.delay = std::chrono::milliseconds(*v);
			break;
		}
		case kNotify: {
			auto v = parse_number(optarg, 0x08, 0x77, "bus owner's SMBus address");
			if (!v)
				return fail(v.error());
			o.notify_owner = static_cast<std::uint8_t>(*v);
			break;
		}
		case kNvme:
			nvme = true;
			break;
		case kNvmeModel:
		case kNvmeSerial:
		case kNvmeFirmware: {
			const std::size_t max = opt == kNvmeModel ? 40 : opt == kNvmeSerial ? 20 : 8;
			const std::string v = optarg;
			if (v.empty() || v.size() > max)
				return fail(Error::msg("\"" + v + "\": 1 to " + std::to_string(max) +
						       " characters"));
			(opt == kNvmeModel ? drive.model : opt == kNvmeSerial ? drive.serial
									     : drive.firmware) = v;
			break;
		}
		case kNvmeTemp: {
			auto v = parse_number(optarg, 0, 120, "temperature");
			if (!v)
				return fail(v.error());
			drive.temperature_c = static_cast<int>(*v);
			break;
		}
		case kNvmeMpr: {
			auto v = parse_number(optarg, 0, 10, "More Processing Required count");
			if (!v)
				return fail(v.error());
			drive.commit_mpr = static_cast<unsigned>(*v);
			break;
		}
		case kNvmeCorrupt:
			o.nvme_faults.corrupt_mic = true;
			break;
		case kNvmeTruncate:
			o.nvme_faults.truncate = true;
			break;
		case kNvmeManufacturer:
		case kNvmePart: {
			const std::string v = optarg;
			if (v.empty() || v.size() > 63)
				return fail(Error::msg("\"" + v + "\": 1 to 63 characters"));
			(opt == kNvmeManufacturer ? drive.manufacturer : drive.part_number) = v;
			break;
		}
		case kNvmeWarning: {
			auto v = parse_number(optarg, 0x01, 0x3f, "critical warning bits");
			if (!v)
				return fail(v.error());
			drive.forced_warnings = static_cast<std::uint8_t>(*v);
			break;
		}
		case kNvmeBasic:
			o.nvme_basic_dir = optarg;
			if (o.nvme_basic_dir.empty())
				return fail(Error::msg("--nvme-basic needs a directory"));
			break;
		case kPldm:
			card = true;
			break;
		case kPldmModel:
		case kPldmPart:
		case kPldmSerial:
		case kPldmManufacturer:
		case kPldmVersion: {
			const std::string v = optarg;
			if (v.empty() || v.size() > 64)
				return fail(Error::msg("\"" + v + "\": 1 to 64 characters"));
			(opt == kPldmModel	  ? card_cfg.model
			 : opt == kPldmPart	  ? card_cfg.part
			 : opt == kPldmSerial	  ? card_cfg.serial
			 : opt == kPldmManufacturer ? card_cfg.manufacturer
						  : card_cfg.version) = v;
			break;
		}
		case kPldmTemp: {
			auto v = parse_number(optarg, 0, 100, "temperature");
			if (!v)
				return fail(v.error());
			card_cfg.temperature_c = static_cast<int>(*v);
			break;
		}
		case kPldmNotReady: {
			auto v = parse_number(optarg, 0, 1000, "not-ready count");
			if (!v)
				return fail(v.error());
			card_cfg.not_ready = static_cast<unsigned>(*v);
			break;
		}
		case kPldmMalformed:
			card_cfg.malformed_pdr = true;
			break;
		case kPldmNoEvents:
			card_cfg.no_events = true;
			break;
		case kPldmControl:
			o.pldm_control = optarg;
			if (o.pldm_control.empty())
				return fail(Error::msg("--pldm-control needs a path"));
			break;
		case kNcsi:
			nic = true;
			break;
		case kNcsiPackages:
		case kNcsiChannels: {
			const bool pk = opt == kNcsiPackages;
			auto v = parse_number(optarg, 1, pk ? 8 : 31, pk ? "NC-SI package count" : "NC-SI channel count");
			if (!v)
				return fail(v.error());
			(pk ? nic_cfg.packages : nic_cfg.channels) = static_cast<unsigned>(*v);
			break;
		}
		case kNcsiLinkDown:
			link_down.push_back(optarg);
			break;
		case kNcsiSilent:
			silent_packages.push_back(optarg);
			break;
		case kNcsiSpeed: {
			auto v = parse_number(optarg, 1, 1000000, "NC-SI link speed");
			if (!v)
				return fail(v.error());
			if (!ncsi::speed_code(static_cast<unsigned>(*v)))
				return fail(Error::msg("--ncsi-speed " + std::string(optarg) +
						       ": not one of 10, 100, 1000, 2500, 10000, 20000, "
						       "25000, 40000, 50000, 100000"));
			nic_cfg.link_mbps = static_cast<unsigned>(*v);
			break;
		}
		case kNcsiFirmware: {
			const std::string v = optarg;
			const auto comma = v.find(',');
			if (comma == std::string::npos || comma == 0 || comma > 12)
				return fail(Error::msg("--ncsi-firmware \"" + v +
						       "\": expected NAME,VERSION with a name of 1 to 12 characters"));
			for (char ch : v.substr(0, comma))
				if (ch < 0x20 || ch > 0x7e)
					return fail(Error::msg("--ncsi-firmware \"" + v +
							       "\": the name must be printable ASCII"));
			auto ver = ncsi::parse_firmware_version(v.substr(comma + 1));
			if (!ver)
				return fail(Error::msg("--ncsi-firmware: " + ver.error().message));
			nic_cfg.firmware_name = v.substr(0, comma);
			nic_cfg.firmware_version = *ver;
			break;
		}
		case kNcsiMalformed: {
			const std::string kind = optarg ? optarg : "checksum";
			if (kind == "checksum")
				nic_cfg.malformed = ncsi::Malformed::Checksum;
			else if (kind == "truncate")
				nic_cfg.malformed = ncsi::Malformed::Truncate;
			else
				return fail(Error::msg("--ncsi-malformed=" + kind + ": checksum or truncate"));
			break;
		}
		case kNcsiControl:
			o.ncsi_control = optarg;
			if (o.ncsi_control.empty())
				return fail(Error::msg("--ncsi-control needs a path"));
			break;
		case kNvmeControl:
			o.nvme_control = optarg;
			if (o.nvme_control.empty())
				return fail(Error::msg("--nvme-control needs a path"));
			break;
		case 'v':
			o.verbose = true;
			break;
		case 'h':
			return fail(Error{0, "help"});
		default:
			return fail(Error::msg("bad option (see --help)"));
		}
	}
	if (optind != argc)
		return fail(Error::msg("unexpected argument \"" + std::string(argv[optind]) + "\""));
	if (o.all_links && (!o.link.empty() || o.static_eid))
		return fail(Error::msg("--all-links serves every link: no --link or --static-eid"));
	if (o.all_links && o.notify_owner)
		return fail(Error::msg("--discovery-notify is for one link, not --all-links"));
	if (!o.nvme_basic_dir.empty() && (!nvme || o.all_links))
		return fail(Error::msg("--nvme-basic is for one --nvme-mi drive, not --all-links"));
	if (nvme) {
		o.nvme = drive;
		auto &t = o.identity.message_types;
		if (std::find(t.begin(), t.end(), nvmemi::kMctpType) == t.end())
			t.push_back(nvmemi::kMctpType);
	}
	if (!o.nvme_control.empty() && !nvme)
		return fail(Error::msg("--nvme-control is for --nvme-mi"));
	if (!o.pldm_control.empty() && !card)
		return fail(Error::msg("--pldm-control is for --pldm-card"));
	if (card) {
		o.pldm = card_cfg;
		auto &t = o.identity.message_types;
		if (std::find(t.begin(), t.end(), mctpxx::pldm::kMessageType) == t.end())
			t.push_back(mctpxx::pldm::kMessageType);
	}
	if ((!o.ncsi_control.empty() || !link_down.empty() || !silent_packages.empty()) && !nic)
		return fail(Error::msg("--ncsi-control, --ncsi-link-down and --ncsi-silent-package are for --ncsi"));
	if (!o.pldm_control.empty() && o.pldm_control == o.ncsi_control)
		return fail(Error::msg("--pldm-control and --ncsi-control need FIFOs of their own"));
	if (nic) {
		for (const auto &s : link_down) {
			auto pc = ncsi::parse_channel(s, nic_cfg);
			if (!pc)
				return fail(Error::msg("--ncsi-link-down " + pc.error().message));
			nic_cfg.link_down.insert(*pc);
		}
		for (const auto &s : silent_packages) {
			auto p = parse_number(s, 0, nic_cfg.packages - 1, "NC-SI package");
			if (!p)
				return fail(Error::msg("--ncsi-silent-package: " + p.error().message));
			nic_cfg.silent_packages.insert(static_cast<unsigned>(*p));
		}
		o.ncsi = nic_cfg;
		auto &t = o.identity.message_types;
		if (std::find(t.begin(), t.end(), mctpxx::ncsi::kMessageType) == t.end())
			t.push_back(mctpxx::ncsi::kMessageType);
	}
	if (!uuid_set) {
		sd_id128_t id;
		if (sd_id128_randomize(&id) == 0) {
			control::Uuid u;
			std::memcpy(u.data(), id.bytes, u.size());
			o.identity.uuid = u;
		}
	}
	return {};
}

Options options_for_link(const Options &base, std::span<const std::uint8_t> hwaddr)
{
	Options o = base;
	if (o.identity.uuid && !hwaddr.empty()) {
		auto &u = *o.identity.uuid;
		const std::size_t n = std::min<std::size_t>(hwaddr.size(), 6); // the node field
		std::copy(hwaddr.end() - n, hwaddr.end(), u.end() - n);
	}
	// each card its own serial number: "SN" and its SMBus address
	if (o.pldm && o.pldm->serial.empty() && !hwaddr.empty()) {
		char sn[8];
		std::snprintf(sn, sizeof(sn), "SN%02X", hwaddr.back());
		o.pldm->serial = sn;
	}
	return o;
}

Emulator::Emulator(Options o) : opts_(std::move(o)), eid_(opts_.static_eid.value_or(0)),
	silent_(opts_.silent)
{
	if (opts_.nvme)
		nvme_ = std::make_shared<nvmemi::Responder>(*opts_.nvme, opts_.nvme_faults);
	if (opts_.pldm)
		card_ = std::make_shared<pldm::Card>(*opts_.pldm, pldm::Clock::now());
	if (opts_.ncsi)
		ncsi_ = std::make_shared<ncsi::Controller>(*opts_.ncsi);
}

void Emulator::power(bool on)
{
	if (card_)
		card_->power(on);
	if (!on)
		receiver_addr_->reset();
	if (ncsi_)
		ncsi_->power(on);
}

std::optional<ncsi::Bytes> Emulator::handle_ncsi(std::span<const std::uint8_t> request, const Address &from,
						 std::string *note)
{
	if (silent_ || !ncsi_)
		return std::nullopt;
	if (from.ext)
		(*ncsi_peers_)[from.eid] = *from.ext;
	return ncsi::respond(*ncsi_, request, from.eid, note);
}

std::optional<ExtAddress> Emulator::ncsi_peer_addr(std::uint8_t eid) const
{
	auto it = ncsi_peers_->find(eid);
	if (it == ncsi_peers_->end())
		return std::nullopt;
	return it->second;
}

std::optional<pldm::Bytes> Emulator::handle_pldm(std::span<const std::uint8_t> request,
						 const Address &from, std::string *note)
{
	if (silent_ || !card_)
		return std::nullopt;
	card_->set_eid(eid_);
	const auto before = card_->receiver();
	auto r = pldm::respond(*card_, request, pldm::Clock::now(), note);
	const auto after = card_->receiver();
	if (after != before || (after && *after == from.eid)) {
		if (after && *after == from.eid && from.ext)
			*receiver_addr_ = from.ext;
		else
			receiver_addr_->reset(); // by route
	}
	return r;
}

std::vector<nvmemi::Reply> Emulator::handle_nvme(std::span<const std::uint8_t> request,
						 std::string *note)
{
	if (silent_ || !nvme_)
		return {};
	return nvme_->handle(request, nvmemi::Responder::Clock::now(), note);
}

std::optional<control::Reply> Emulator::handle(std::span<const std::uint8_t> request) const
{
	if (silent_)
		return std::nullopt;
	control::EidState st;
	st.eid = eid_;
	st.static_eid = opts_.static_eid;
	st.accept_assignment = !opts_.reject_set_eid;
	auto reply = control::respond(request, opts_.identity, st);
	if (!reply)
		return reply;
	auto h = control::parse_header(request);
	if (h && (opts_.malformed_all || opts_.malformed.count(h->command))) {
		// header and completion code only: every body field is missing
		reply->response.resize(std::min<std::size_t>(reply->response.size(), 3));
		reply->new_eid.reset();
	}
	return reply;
}

} // namespace mctpxx::emu
