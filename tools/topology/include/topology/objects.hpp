// SPDX-License-Identifier: GPL-2.0
// What the stack's daemons publish on D-Bus, kept as plain values: per
// service, its objects' interfaces and properties. Filled from
// GetManagedObjects (the command line, and the service when a daemon
// appears) and kept up to date from InterfacesAdded, InterfacesRemoved and
// PropertiesChanged (the service). Only values are kept; what they mean is
// collect.hpp's business.
#pragma once

#include <systemd/sd-bus.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "mctpxx/error.hpp"

namespace mctpxx::topology {

// One property's value. Arrays of structs or dict entries are kept, in
// order, when their members are all strings (a(sss): associations; a{ss})
// or all integers (a(yuq)); anything else is Unknown.
struct Unknown {
	bool operator==(const Unknown &) const = default;
};
using Value = std::variant<Unknown, bool, std::int64_t, std::uint64_t, double, std::string,
			   std::vector<std::uint8_t>, std::vector<std::int64_t>,
			   std::vector<std::string>, std::vector<std::vector<std::string>>,
			   std::vector<std::vector<std::int64_t>>>;

using Properties = std::map<std::string, Value>;
using Interfaces = std::map<std::string, Properties>;
using Objects = std::map<std::string, Interfaces>; // by object path

// One daemon's objects, and whether its bus name has an owner (and which:
// signals are taken from that unique name only).
struct ServiceObjects {
	bool running = false;
	std::string owner;
	Objects objects;
};

// The daemons whose objects the view is made of, and where their
// ObjectManagers are.
struct Service {
	const char *name;		    // bus name
	const char *program;		    // the daemon, as an operator knows it
	std::vector<const char *> managers; // ObjectManager paths (missing ones are skipped)
	struct Extra {
		const char *path, *interface;
	};
	std::vector<Extra> extra; // interfaces of objects outside them to read too
};
const std::vector<Service> &services();
const Service *service(const std::string &name);

class ObjectCache {
public:
	ServiceObjects &operator[](const std::string &service) { return services_[service]; }
	const ServiceObjects *find(const std::string &service) const;
	bool running(const std::string &service) const;

	// Replaces @s's objects with what it has now (sd_bus_call: blocks for
	// at most the bus timeout per call). A service without an owner is
	// not running and has no objects; errors of single calls are skipped
	// (a manager path the daemon does not have).
	void fetch(sd_bus *bus, const Service &s);
	void fetch_all(sd_bus *bus);

	// Signals of @service: each returns whether anything changed, or an
	// error for a message that does not parse. A signal from anyone but
	// the service's owner changes nothing: a match on a well-known sender
	// name is the bus daemon's to apply, and sd-bus hands every signal it
	// gets to every match of the same member, whoever sent it.
	Result<bool> interfaces_added(const std::string &service, sd_bus_message *m);
	Result<bool> interfaces_removed(const std::string &service, sd_bus_message *m);
	// PropertiesChanged; invalidated properties are dropped (the caller
	// may fetch the service again).
	Result<bool> properties_changed(const std::string &service, sd_bus_message *m);

	const std::map<std::string, ServiceObjects> &all() const { return services_; }

private:
	bool from_owner(const std::string &service, sd_bus_message *m) const;

	std::map<std::string, ServiceObjects> services_;
};

// Reading values: the property at @path @iface @name of an object map,
// or nullptr.
const Value *property(const Objects &o, const std::string &path, const std::string &iface,
		      const std::string &name);
const Value *property(const Interfaces &i, const std::string &iface, const std::string &name);

// Typed views of a value (a value of another type gives nullopt).
std::optional<bool> as_bool(const Value *v);
std::optional<std::string> as_string(const Value *v);
std::optional<std::uint64_t> as_unsigned(const Value *v); // any non-negative integer
std::optional<std::int64_t> as_signed(const Value *v);
std::optional<double> as_double(const Value *v);
std::vector<std::uint8_t> as_bytes(const Value *v);
std::vector<std::int64_t> as_integers(const Value *v); // ay too
std::vector<std::string> as_strings(const Value *v);
std::vector<std::vector<std::string>> as_string_tuples(const Value *v);
std::vector<std::vector<std::int64_t>> as_integer_tuples(const Value *v);

// The value of a "v" the message is at (entered and left).
Result<Value> read_variant(sd_bus_message *m);
// a{sv} into @out (merged); returns the names read.
Result<std::vector<std::string>> read_properties(sd_bus_message *m, Properties &out);
// a{sa{sv}} into @out (merged).
Status read_interfaces(sd_bus_message *m, Interfaces &out);

} // namespace mctpxx::topology
