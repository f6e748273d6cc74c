// SPDX-License-Identifier: GPL-2.0
// The i2c part of the tree (buses, muxes, channels, the devices at their
// addresses) and the MCTP endpoints on it.
#include "topology/build.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "build_parts.hpp"
#include "topology/words.hpp"

namespace mctpxx::topology {
namespace detail {

std::string segment(const std::string &name)
{
	std::string s;
	for (unsigned char c : name) {
		if (std::isalnum(c) || c == '_') {
			s += static_cast<char>(c);
		} else {
			char b[4];
			std::snprintf(b, sizeof(b), "_%02x", c);
			s += b;
		}
	}
	return s.empty() ? "_" : s;
}

std::string answer_reason(const std::string &reason, std::uint64_t last_us, std::uint64_t now_us)
{
	if (reason == "not responding" || reason.starts_with("not answering"))
		return no_response_since(last_us, now_us);
	return reason;
}

} // namespace detail

namespace {

using namespace detail;

// The message types a function daemon serves, and which.
struct Function {
	std::uint8_t type;
	const char *program;
	bool Running::*running;
};
constexpr Function kFunctions[] = {
	{1, "mctp-pldmd", &Running::pldmd},
	{2, "mctp-ncsid", &Running::ncsid},
	{4, "mctp-nvmed", &Running::nvmed},
};

const Function *function_of(std::uint8_t type)
{
	for (const auto &f : kFunctions)
		if (f.type == type)
			return &f;
	return nullptr;
}

class I2cTree {
public:
	explicit I2cTree(Context &c) : c_(c)
	{
		for (const auto &a : c.s.sysfs.adapters)
			adapters_[a.bus] = &a;
		for (const auto &n : c.s.sysfs.netdevs)
			if (n.mctp)
				links_[n.bus].push_back(&n);
		for (const auto &a : c.s.sysfs.adapters)
			if (!a.mux.empty())
				muxes_.insert(a.mux);
		for (const auto &e : c.s.endpoints)
			used_links_.insert(e.link);
	}

	void add_buses()
	{
		for (const auto &a : c_.s.sysfs.adapters)
			bus_path(a.bus);
		for (const auto &cl : c_.s.sysfs.clients)
			add_client(cl);
	}

	// The node of bus @b (made on first use, with its mux and the buses
	// above), "" for a bus the view does not have.
	std::string bus_path(unsigned b)
	{
		if (auto it = bus_nodes_.find(b); it != bus_nodes_.end())
			return it->second;
		auto ait = adapters_.find(b);
		if (ait == adapters_.end())
			return "";
		const i2c::Adapter &a = *ait->second;
		std::string parent = kTopologyRoot;
		Node n;
		if (a.parent && !a.mux.empty() && adapters_.count(*a.parent)) {
			parent = mux_path(*a.parent, a);
			n.kind = kind::kChannel;
			n.name = a.channel ? "channel " + std::to_string(*a.channel) : "i2c-" + std::to_string(b);
			n.path = parent + "/" + (a.channel ? "ch_" + std::to_string(*a.channel)
							   : "i2c_" + std::to_string(b));
			n.present_how = "sysfs: " + (a.channel ? "channel " + std::to_string(*a.channel) + " of "
							      : std::string("a channel of ")) +
					"mux " + a.mux + ", adapter i2c-" + std::to_string(b);
			n.identity.push_back({"bus", "i2c-" + std::to_string(b)});
			if (a.channel)
				n.identity.push_back({"channel", std::to_string(*a.channel)});
		} else {
			n.kind = kind::kBus;
			n.name = "i2c-" + std::to_string(b);
			n.path = parent + "/i2c_" + std::to_string(b);
			n.present_how = "sysfs: i2c adapter i2c-" + std::to_string(b);
			n.identity.push_back({"adapter", a.name});
		}
		n.parent = parent;
		link_state(n, b);
		for (const auto &cl : c_.s.sysfs.clients)
			if (cl.bus == b && cl.own && i2c::mctp_driver(cl.driver))
				n.identity.push_back({"own address", hex_byte(cl.addr)});
		if (n.kind == kind::kBus && !c_.s.running.ctrld && links_.count(b)) {
			n.usable = false;
			n.reason = "mctp-ctrld not running: no endpoints known";
		}
		bus_nodes_[b] = n.path;
		c_.add(std::move(n));
		return bus_nodes_[b];
	}

	// The node of the MCTP link @name: its bus's, or a root of its own
	// for a link on no i2c adapter we know.
	std::string link_path(const std::string &name)
	{
		for (const auto &n : c_.s.sysfs.netdevs)
			if (n.name == name)
				if (auto p = bus_path(n.bus); !p.empty())
					return p;
		if (auto it = other_links_.find(name); it != other_links_.end())
			return it->second;
		Node n;
		n.kind = kind::kLink;
		n.name = name.empty() ? "unknown link" : name;
		n.path = std::string(kTopologyRoot) + "/link_" + segment(n.name);
		n.parent = kTopologyRoot;
		n.present_how = "mctp-ctrld: the link of its endpoints (not on an i2c adapter)";
		n.identity.push_back({"link", name});
		other_links_[name] = n.path;
		c_.add(std::move(n));
		return other_links_[name];
	}

private:
	std::string mux_path(unsigned parent_bus, const i2c::Adapter &channel)
	{
		const std::string above = bus_path(parent_bus);
		const std::string path = above + "/mux_" + segment(channel.mux);
		if (made_.insert(path).second) {
			Node n;
			n.kind = kind::kMux;
			n.name = channel.mux;
			n.path = path;
			n.parent = above;
			n.present_how = "sysfs: mux device " + channel.mux + " on i2c-" +
					std::to_string(parent_bus);
			n.identity.push_back({"device", channel.mux});
			if (!channel.mux_name.empty())
				n.identity.push_back({"name", channel.mux_name});
			if (auto cn = i2c::i2c_client_name(channel.mux))
				n.identity.push_back({"address", hex_byte(cn->addr & 0x7f)});
			c_.add(std::move(n));
		}
		return path;
	}

	void link_state(Node &n, unsigned b)
	{
		auto it = links_.find(b);
		if (it == links_.end()) {
			n.usable = false;
			n.reason = kNoMctpLink;
			return;
		}
		std::string names;
		const i2c::Netdev *down = nullptr;
		for (const auto *l : it->second) {
			names += (names.empty() ? "" : ", ") + l->name;
			if (!l->up && !down)
				down = l;
		}
		n.identity.push_back({"link", names});
		if (down) {
			n.usable = false;
			n.reason = "MCTP link " + down->name + " down" +
				   (used_links_.count(down->name) ? "" : kNothingOnIt);
		}
	}

	void add_client(const i2c::Client &cl)
	{
		if (cl.own || i2c::mctp_driver(cl.driver) || muxes_.count(cl.sysname))
			return;
		const std::string parent = bus_path(cl.bus);
		if (parent.empty())
			return;
		Node n;
		n.kind = kind::kDevice;
		n.name = hex_byte(cl.addr);
		n.path = parent + "/dev_" + hex_byte(cl.addr).substr(2);
		n.parent = parent;
		n.present_how = "sysfs: i2c client " + cl.sysname +
				(cl.driver.empty() ? ", no driver" : ", driver " + cl.driver);
		n.usable = false;
		n.reason = kNotMctp;
		n.identity.push_back({"client", cl.sysname});
		if (!cl.name.empty())
			n.identity.push_back({"name", cl.name});
		n.identity.push_back({"driver", cl.driver.empty() ? "none" : cl.driver});
		c_.add(std::move(n));
	}

	Context &c_;
	std::map<unsigned, const i2c::Adapter *> adapters_;
	std::map<unsigned, std::vector<const i2c::Netdev *>> links_;
	std::set<std::string> muxes_;
	std::set<std::string> used_links_; // links with endpoints
	std::map<unsigned, std::string> bus_nodes_;
	std::map<std::string, std::string> other_links_;
	std::set<std::string> made_;
};

std::string vendor_text(const EndpointInfo::Vendor &v)
{
	char b[64];
	if (v.format == 1)
		std::snprintf(b, sizeof(b), "IANA %u set %u", v.id, v.command_set);
	else
		std::snprintf(b, sizeof(b), "PCI 0x%04x set %u", v.id, v.command_set);
	return b;
}

// Usable as far as the endpoint goes: answering, with a message type a
// running function daemon serves and has a function for.
void endpoint_state(Context &c, Node &n, const EndpointInfo &e, unsigned functions)
{
	if (e.state != "Available") {
		n.usable = false;
		n.reason = answer_reason(e.reason.empty() ? e.state : e.reason, e.last_response, c.now_us);
		return;
	}
	std::vector<std::uint8_t> unserved, served;
	for (auto t : e.types) {
		if (t == 0)
			continue;
		(function_of(t) ? served : unserved).push_back(t);
	}
	if (served.empty()) {
		n.usable = false;
		if (unserved.empty())
			n.reason = "unsupported message types: only MCTP control (0)";
		else
			n.reason = std::string("unsupported message type") + (unserved.size() > 1 ? "s " : " ") +
				   message_types_named(unserved);
		return;
	}
	if (functions > 0)
		return;
	// served types, but no function for any of them
	std::string stopped, idle;
	for (auto t : served) {
		const Function *f = function_of(t);
		std::string &list = c.s.running.*(f->running) ? idle : stopped;
		list += (list.empty() ? "" : ", ") + std::string(f->program);
	}
	n.usable = false;
	if (!stopped.empty())
		n.reason = stopped + " not running";
	else
		n.reason = "no function published by " + idle + " (not managed, or not read yet)";
}

void add_endpoints(Context &c, I2cTree &t)
{
	// endpoints first (the functions hang below them), their state after
	std::vector<std::pair<const EndpointInfo *, std::size_t>> made;
	for (const auto &e : c.s.endpoints) {
		Node n;
		n.kind = kind::kEndpoint;
		n.source = e.path;
		const std::string parent = t.link_path(e.link);
		const bool smbus = e.phys.size() == 1 && parent.find("/link_") == std::string::npos;
		if (smbus) {
			n.name = hex_byte(e.phys[0]);
			n.path = parent + "/addr_" + hex_byte(e.phys[0]).substr(2);
		} else {
			n.name = "EID " + std::to_string(e.eid);
			n.path = parent + "/eid_" + std::to_string(e.net) + "_" + std::to_string(e.eid);
		}
		n.parent = parent;
		n.present_how = "mctp-ctrld: endpoint at " +
				(smbus ? hex_byte(e.phys[0]) + " on " : std::string("")) + e.link + ", EID " +
				std::to_string(e.eid) + (e.eid_type.empty() ? "" : " (" + e.eid_type + ")");
		n.identity.push_back({"EID", std::to_string(e.eid)});
		n.identity.push_back({"network", std::to_string(e.net)});
		if (!e.uuid.empty())
			n.identity.push_back({"UUID", e.uuid});
		n.identity.push_back({"message types", message_types(e.types)});
		std::string vendor;
		for (const auto &v : e.vendor)
			vendor += (vendor.empty() ? "" : ", ") + vendor_text(v);
		if (!vendor.empty())
			n.identity.push_back({"vendor types", vendor});
		if (e.host_powered)
			n.identity.push_back({"powered by", "host"});
		c.endpoint_nodes[e.path] = n.path;
		c.add(std::move(n));
		made.push_back({&e, c.nodes.size() - 1});
	}
	add_functions(c);
	for (auto [e, i] : made)
		endpoint_state(c, c.nodes[i], *e, c.functions_of[e->path]);
}

} // namespace

Tree build(const Snapshot &s, std::uint64_t now_us)
{
	Context c{s, now_us, {}, {}, {}};
	I2cTree t(c);
	t.add_buses();
	add_endpoints(c, t);
	return arrange(std::move(c.nodes));
}

} // namespace mctpxx::topology
