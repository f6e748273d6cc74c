// SPDX-License-Identifier: GPL-2.0
// The tree on D-Bus: org.mctpstack.Topology, an ObjectManager at
// /org/mctpstack/topology, one object per node with
// org.mctpstack.Topology.Node {Kind s, Name s, Parent o, Present b,
// PresentHow s, Usable b, Reason s, Identity a{ss}, Source o}. The
// publisher turns each new tree into the difference from the last one:
// InterfacesAdded for new nodes, InterfacesRemoved for gone ones,
// PropertiesChanged with just the properties that changed.
#pragma once

#include <systemd/sd-bus.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dbus.hpp"
#include "topology/objects.hpp"
#include "topology/tree.hpp"

namespace mctpxx::topology {

class NodePublisher {
public:
	explicit NodePublisher(sd_bus *bus) : bus_(bus) {}
	NodePublisher(const NodePublisher &) = delete;
	NodePublisher &operator=(const NodePublisher &) = delete;
	~NodePublisher();

	// The ObjectManager (the name is the caller's to take).
	Status start();
	// Publishes @t as the new state.
	void publish(const Tree &t);

	struct Counts {
		unsigned added = 0, removed = 0, changed = 0;
	};
	// What the last publish() emitted.
	const Counts &last() const { return last_; }

private:
	struct Slot {
		Node node;
		dbus::Slot slot;
	};
	sd_bus *bus_;
	dbus::Slot manager_;
	std::map<std::string, std::unique_ptr<Slot>> nodes_;
	Counts last_;
};

// The nodes org.mctpstack.Topology published, from its GetManagedObjects
// (objects without the Node interface are skipped), as a tree.
Tree tree_from_objects(const Objects &objects);

// The names of @a's properties that differ in @b.
std::vector<const char *> changed_properties(const Node &a, const Node &b);

} // namespace mctpxx::topology
