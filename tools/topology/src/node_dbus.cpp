// SPDX-License-Identifier: GPL-2.0
#include "topology/node_dbus.hpp"

#include <algorithm>

#include "daemon/log.hpp"

namespace mctpxx::topology {
namespace {

using daemon::log_debug;
using daemon::log_warning;

const Node &node(void *ud)
{
	return *static_cast<const Node *>(ud);
}

#define GETTER(fn)                                                                              \
	int fn(sd_bus *, const char *, const char *, const char *, sd_bus_message *r, void *ud, \
	       sd_bus_error *)

GETTER(get_kind)
{
	return sd_bus_message_append(r, "s", node(ud).kind.c_str());
}
GETTER(get_name)
{
	return sd_bus_message_append(r, "s", node(ud).name.c_str());
}
GETTER(get_parent)
{
	return sd_bus_message_append(r, "o", node(ud).parent.c_str());
}
GETTER(get_present)
{
	return sd_bus_message_append(r, "b", static_cast<int>(node(ud).present));
}
GETTER(get_present_how)
{
	return sd_bus_message_append(r, "s", node(ud).present_how.c_str());
}
GETTER(get_usable)
{
	return sd_bus_message_append(r, "b", static_cast<int>(node(ud).usable));
}
GETTER(get_reason)
{
	return sd_bus_message_append(r, "s", node(ud).reason.c_str());
}
GETTER(get_identity)
{
	int rc = sd_bus_message_open_container(r, 'a', "{ss}");
	for (const auto &[k, v] : node(ud).identity)
		if (rc >= 0)
			rc = sd_bus_message_append(r, "{ss}", k.c_str(), v.c_str());
	return rc < 0 ? rc : sd_bus_message_close_container(r);
}
GETTER(get_source)
{
	return sd_bus_message_append(r, "o", node(ud).source.c_str());
}
#undef GETTER

constexpr auto kEmits = SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE;

const sd_bus_vtable kNodeVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Kind", "s", get_kind, 0, kEmits),
	SD_BUS_PROPERTY("Name", "s", get_name, 0, kEmits),
	SD_BUS_PROPERTY("Parent", "o", get_parent, 0, kEmits),
	SD_BUS_PROPERTY("Present", "b", get_present, 0, kEmits),
	SD_BUS_PROPERTY("PresentHow", "s", get_present_how, 0, kEmits),
	SD_BUS_PROPERTY("Usable", "b", get_usable, 0, kEmits),
	SD_BUS_PROPERTY("Reason", "s", get_reason, 0, kEmits),
	SD_BUS_PROPERTY("Identity", "a{ss}", get_identity, 0, kEmits),
	SD_BUS_PROPERTY("Source", "o", get_source, 0, kEmits),
	SD_BUS_VTABLE_END,
};

} // namespace

std::vector<const char *> changed_properties(const Node &a, const Node &b)
{
	std::vector<const char *> out;
	if (a.kind != b.kind)
		out.push_back("Kind");
	if (a.name != b.name)
		out.push_back("Name");
	if (a.parent != b.parent)
		out.push_back("Parent");
	if (a.present != b.present)
		out.push_back("Present");
	if (a.present_how != b.present_how)
		out.push_back("PresentHow");
	if (a.usable != b.usable)
		out.push_back("Usable");
	if (a.reason != b.reason)
		out.push_back("Reason");
	if (a.identity != b.identity)
		out.push_back("Identity");
	if (a.source != b.source)
		out.push_back("Source");
	return out;
}

NodePublisher::~NodePublisher()
{
	nodes_.clear();
}

Status NodePublisher::start()
{
	sd_bus_slot *s = nullptr;
	if (int r = sd_bus_add_object_manager(bus_, &s, kTopologyRoot); r < 0)
		return fail(dbus::error(r, std::string("object manager at ") + kTopologyRoot));
	manager_.reset(s);
	return {};
}

void NodePublisher::publish(const Tree &t)
{
	last_ = {};
	std::map<std::string, const Node *> next;
	for (const auto &n : t.nodes)
		next[n.path] = &n;
	// gone: deepest first, so a child goes before its parent
	std::vector<std::string> gone;
	for (const auto &[path, slot] : nodes_)
		if (!next.count(path))
			gone.push_back(path);
	std::sort(gone.begin(), gone.end(), [](const std::string &a, const std::string &b) {
		return a.size() != b.size() ? a.size() > b.size() : a < b;
	});
	for (const auto &path : gone) {
		if (int r = sd_bus_emit_interfaces_removed(bus_, path.c_str(), kNodeInterface, nullptr); r < 0)
			log_debug("InterfacesRemoved " + path + ": " + dbus::error(r, "").message);
		nodes_.erase(path);
		last_.removed++;
	}
	// new and changed, in display order (parents first)
	for (const auto &n : t.nodes) {
		auto it = nodes_.find(n.path);
		if (it == nodes_.end()) {
			auto slot = std::make_unique<Slot>();
			slot->node = n;
			sd_bus_slot *s = nullptr;
			int r = sd_bus_add_object_vtable(bus_, &s, n.path.c_str(), kNodeInterface, kNodeVtable,
							 &slot->node);
			if (r < 0) {
				log_warning("publishing " + n.path + ": " + dbus::error(r, "").message);
				continue;
			}
			slot->slot.reset(s);
			nodes_[n.path] = std::move(slot);
			if ((r = sd_bus_emit_interfaces_added(bus_, n.path.c_str(), kNodeInterface, nullptr)) < 0)
				log_debug("InterfacesAdded " + n.path + ": " + dbus::error(r, "").message);
			last_.added++;
			continue;
		}
		auto names = changed_properties(it->second->node, n);
		if (names.empty())
			continue;
		it->second->node = n;
		names.push_back(nullptr);
		if (int r = sd_bus_emit_properties_changed_strv(bus_, n.path.c_str(), kNodeInterface,
								const_cast<char **>(names.data()));
		    r < 0)
			log_debug("PropertiesChanged " + n.path + ": " + dbus::error(r, "").message);
		last_.changed++;
	}
}

Tree tree_from_objects(const Objects &objects)
{
	std::vector<Node> nodes;
	for (const auto &[path, ifaces] : objects) {
		auto it = ifaces.find(kNodeInterface);
		if (it == ifaces.end())
			continue;
		const Interfaces &i = ifaces;
		Node n;
		n.path = path;
		n.kind = as_string(property(i, kNodeInterface, "Kind")).value_or("");
		n.name = as_string(property(i, kNodeInterface, "Name")).value_or("");
		n.parent = as_string(property(i, kNodeInterface, "Parent")).value_or(kTopologyRoot);
		n.present = as_bool(property(i, kNodeInterface, "Present")).value_or(false);
		n.present_how = as_string(property(i, kNodeInterface, "PresentHow")).value_or("");
		n.usable = as_bool(property(i, kNodeInterface, "Usable")).value_or(false);
		n.reason = as_string(property(i, kNodeInterface, "Reason")).value_or("");
		for (const auto &kv : as_string_tuples(property(i, kNodeInterface, "Identity")))
			if (kv.size() == 2)
				n.identity.push_back({kv[0], kv[1]});
		n.source = as_string(property(i, kNodeInterface, "Source")).value_or("/");
		nodes.push_back(std::move(n));
	}
	return arrange(std::move(nodes));
}

} // namespace mctpxx::topology
