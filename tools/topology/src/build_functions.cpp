// SPDX-License-Identifier: GPL-2.0
// What the function daemons publish, below the endpoints it came from: NVMe
// subsystems with their controllers and temperature, PLDM termini with
// their FRU data and sensors, NC-SI controllers with their packages and
// channels.
#include <cmath>

#include "build_parts.hpp"
#include "topology/words.hpp"

namespace mctpxx::topology::detail {
namespace {

// The SMART critical warning bits (NVMe base specification, SMART / Health
// log byte 0), bit 1 being the temperature's.
std::string critical_warning_text(std::uint8_t w)
{
	static const char *bits[] = {"spare below threshold", "temperature threshold crossed",
				     "reliability degraded", "read-only", "volatile memory backup failed",
				     "persistent memory region read-only"};
	std::string s;
	for (unsigned i = 0; i < 6; i++)
		if (w & (1u << i))
			s += (s.empty() ? "" : ", ") + std::string(bits[i]);
	return "critical warning " + hex_byte(w) + (s.empty() ? "" : ": " + s);
}

// "over temperature: 90 C at or above critical 85 C" for a temperature
// sensor at or beyond a critical threshold (its daemon's alarm); for
// other sensors "critical: ...". Empty when no critical alarm is set.
std::string critical_text(const SensorInfo &x)
{
	const bool temp = x.kind == "temperature";
	const std::string u = unit_symbol(x.unit);
	const std::string v = number(x.value) + " " + u;
	std::string what;
	if (x.critical_alarm_high)
		what = v + " at or above critical " + number(x.critical_high) + " " + u;
	else if (x.critical_alarm_low)
		what = v + " at or below critical " + number(x.critical_low) + " " + u;
	else
		return "";
	return (temp ? "over temperature: " : "critical: ") + what;
}

// One sensor below @parent.
void add_sensor(Context &c, const SensorInfo &x, const std::string &parent)
{
	Node n;
	n.kind = kind::kSensor;
	n.name = x.kind + "/" + x.name;
	n.path = parent + "/sensor_" + segment(x.kind + "_" + x.name);
	n.parent = parent;
	n.source = x.path;
	n.present_how = (x.service == "org.mctpstack.NVMe" ? "mctp-nvmed" : x.service == "org.mctpstack.PLDM" ? "mctp-pldmd" : "mctp-ncsid") +
			std::string(": sensor ") + x.path;
	n.identity.push_back({"unit", x.unit});
	struct T {
		const char *key;
		double v;
	};
	for (T t : {T{"warning high", x.warning_high}, T{"critical high", x.critical_high},
		    T{"warning low", x.warning_low}, T{"critical low", x.critical_low}})
		if (!std::isnan(t.v))
			n.identity.push_back({t.key, number(t.v)});
	if (!x.functional) {
		n.usable = false;
		n.reason = "sensor failed or disabled";
	} else if (std::isnan(x.value)) {
		n.usable = false;
		n.reason = "no reading";
	} else if (auto crit = critical_text(x); !crit.empty()) {
		n.usable = false;
		n.reason = crit;
	}
	c.add(std::move(n));
}

// The sensors of @owner (an inventory object) below @parent; the first
// critical one's words, if any.
std::string add_sensors(Context &c, const std::string &owner, const std::string &parent)
{
	std::string critical;
	for (const auto &x : c.s.sensors) {
		if (x.owner != owner)
			continue;
		add_sensor(c, x, parent);
		if (critical.empty() && x.functional && !std::isnan(x.value))
			critical = critical_text(x);
	}
	return critical;
}

void asset(Node &n, const ItemInfo &i, bool with_version, const char *version_key)
{
	struct F {
		const char *key;
		const std::string &v;
	};
	for (F f : {F{"manufacturer", i.manufacturer}, F{"model", i.model}, F{"part", i.part_number},
		    F{"serial", i.serial_number}})
		if (!f.v.empty())
			n.identity.push_back({f.key, f.v});
	if (with_version && !i.version.empty())
		n.identity.push_back({version_key, i.version});
}

void add_drive(Context &c, const NvmeDriveInfo &d, const std::string &parent)
{
	Node n;
	n.kind = kind::kNvmeSubsystem;
	n.name = d.item.name;
	n.path = parent + "/drive_" + segment(d.item.name);
	n.parent = parent;
	n.source = d.item.path;
	n.present = d.item.present;
	n.present_how = d.item.present ? "mctp-nvmed: NVMe-MI drive " + d.item.path
				       : "mctp-nvmed: seen before, absent after missed polls";
	asset(n, d.item, true, "firmware");
	if (d.capacity)
		n.identity.push_back({"capacity", bytes(d.capacity)});
	if (d.mic_errors)
		n.identity.push_back({"MIC errors", std::to_string(d.mic_errors)});
	const std::string path = n.path;
	c.add(std::move(n));
	const std::size_t at = c.nodes.size() - 1;

	const bool answering = d.item.present && d.item.available;
	const std::string why = answering ? "" : answer_reason(d.reason.empty() ? "not available" : d.reason,
							       d.last_response, c.now_us);
	for (auto id : d.controllers) {
		Node k;
		k.kind = kind::kNvmeController;
		k.name = "controller " + std::to_string(id);
		k.path = path + "/ctrl_" + std::to_string(id);
		k.parent = path;
		k.source = d.item.path;
		k.present_how = "mctp-nvmed: the subsystem's controller list";
		k.identity.push_back({"controller ID", std::to_string(id)});
		k.usable = answering;
		k.reason = why;
		c.add(std::move(k));
	}
	const std::string critical = add_sensors(c, d.item.path, path);

	Node &s = c.nodes[at];
	if (!answering) {
		s.usable = false;
		s.reason = why;
	} else if (d.critical_warning & 0x02) {
		s.usable = false;
		s.reason = "over temperature: " + critical_warning_text(d.critical_warning);
	} else if (!critical.empty()) {
		s.usable = false;
		s.reason = critical;
	} else if (d.critical_warning & 0x3f) {
		s.usable = false;
		s.reason = critical_warning_text(d.critical_warning);
	} else if (!d.item.functional) {
		s.usable = false;
		s.reason = "not functional";
	}
}

void add_terminus(Context &c, const PldmTerminusInfo &t, const std::string &parent)
{
	Node n;
	n.kind = kind::kPldmTerminus;
	n.name = t.item.name;
	n.path = parent + "/board_" + segment(t.item.name);
	n.parent = parent;
	n.source = t.item.path;
	n.present = t.item.present;
	n.present_how = t.item.present ? "mctp-pldmd: PLDM terminus " + t.item.path
				       : "mctp-pldmd: seen before, absent after missed polls";
	n.identity.push_back({"TID", std::to_string(t.tid)});
	n.identity.push_back({"events", t.events ? "yes" : "no (polled)"});
	const std::string path = n.path;
	c.add(std::move(n));
	const std::size_t at = c.nodes.size() - 1;

	const bool answering = t.item.present && t.item.available;
	const std::string why = answering ? "" : answer_reason(t.reason.empty() ? "not available" : t.reason,
							       t.last_response, c.now_us);
	const ItemInfo &i = t.item;
	if (!i.manufacturer.empty() || !i.model.empty() || !i.part_number.empty() ||
	    !i.serial_number.empty()) {
		Node f;
		f.kind = kind::kPldmFru;
		f.name = "FRU";
		f.path = path + "/fru";
		f.parent = path;
		f.source = t.item.path;
		f.present_how = "mctp-pldmd: the terminus's FRU record table";
		asset(f, i, true, "version");
		c.add(std::move(f));
	}
	const std::string critical = add_sensors(c, t.item.path, path);

	Node &s = c.nodes[at];
	if (!answering) {
		s.usable = false;
		s.reason = why;
	} else if (!critical.empty()) {
		s.usable = false;
		s.reason = critical;
	} else if (!t.item.functional) {
		s.usable = false;
		s.reason = "not functional (a health sensor is not normal, or not discovered yet)";
	}
}

// NC-SI: usable as its daemon says; its own reason first, else words for
// the flags.
void ncsi_state(Context &c, Node &n, const ItemInfo &i, const std::string &reason,
		std::uint64_t last_response)
{
	if (i.present && i.available && i.functional && reason.empty())
		return;
	n.usable = false;
	n.reason = !reason.empty() ? answer_reason(reason, last_response, c.now_us)
		   : !i.present	   ? ""
		   : !i.available  ? "not available"
				   : "not functional";
}

void add_ncsi(Context &c, const NcsiControllerInfo &k, const std::string &parent)
{
	Node n;
	n.kind = kind::kNcsiController;
	n.name = k.item.name;
	n.path = parent + "/nic_" + segment(k.item.name);
	n.parent = parent;
	n.source = k.item.path;
	n.present = k.item.present;
	n.present_how = k.item.present ? "mctp-ncsid: NC-SI controller " + k.item.path
				       : "mctp-ncsid: seen before, absent now";
	asset(n, k.item, true, "firmware");
	ncsi_state(c, n, k.item, k.reason, k.last_response);
	const std::string path = n.path;
	c.add(std::move(n));

	for (const auto &p : c.s.ncsi_packages) {
		if (p.controller != k.item.path)
			continue;
		Node pn;
		pn.kind = kind::kNcsiPackage;
		pn.name = "package " + std::to_string(p.package);
		pn.path = path + "/package_" + std::to_string(p.package);
		pn.parent = path;
		pn.source = p.item.path;
		pn.present = p.item.present;
		pn.present_how = "mctp-ncsid: package " + std::to_string(p.package) + " of the controller";
		if (!p.uuid.empty())
			pn.identity.push_back({"UUID", p.uuid});
		pn.identity.push_back({"selected", p.selected ? "yes" : "no"});
		ncsi_state(c, pn, p.item, p.reason, k.last_response);
		const std::string ppath = pn.path;
		c.add(std::move(pn));

		for (const auto &ch : c.s.ncsi_channels) {
			if (ch.package_object != p.item.path)
				continue;
			Node cn;
			cn.kind = kind::kNcsiChannel;
			cn.name = "channel " + std::to_string(ch.channel);
			cn.path = ppath + "/channel_" + std::to_string(ch.channel);
			cn.parent = ppath;
			cn.source = ch.item.path;
			cn.present = ch.item.present;
			cn.present_how = "mctp-ncsid: channel " + std::to_string(ch.channel) + " of package " +
					 std::to_string(ch.package);
			if (!ch.mac.empty())
				cn.identity.push_back({"MAC", ch.mac});
			if (!ch.item.version.empty())
				cn.identity.push_back({"firmware", ch.item.version});
			if (ch.speed_mbps)
				cn.identity.push_back({"speed", std::to_string(ch.speed_mbps) + " Mb/s" +
									(ch.full_duplex ? " full duplex" : " half duplex")});
			cn.identity.push_back({"host driver", ch.host_driver});
			// usable: there, functional, its link up
			if (!ch.item.present || !ch.reason.empty() || !ch.item.functional || !ch.link_up) {
				cn.usable = false;
				cn.reason = !ch.reason.empty() ? answer_reason(ch.reason, k.last_response, c.now_us)
					    : !ch.item.present ? ""
					    : !ch.link_up      ? "link down"
							       : "not functional";
			}
			c.add(std::move(cn));
		}
	}
}

} // namespace

void add_functions(Context &c)
{
	for (const auto &d : c.s.drives)
		if (auto it = c.endpoint_nodes.find(d.endpoint); it != c.endpoint_nodes.end()) {
			add_drive(c, d, it->second);
			c.functions_of[d.endpoint]++;
		}
	for (const auto &t : c.s.termini)
		if (auto it = c.endpoint_nodes.find(t.endpoint); it != c.endpoint_nodes.end()) {
			add_terminus(c, t, it->second);
			c.functions_of[t.endpoint]++;
		}
	for (const auto &k : c.s.ncsi_controllers)
		if (auto it = c.endpoint_nodes.find(k.endpoint); it != c.endpoint_nodes.end()) {
			add_ncsi(c, k, it->second);
			c.functions_of[k.endpoint]++;
		}
}

} // namespace mctpxx::topology::detail
