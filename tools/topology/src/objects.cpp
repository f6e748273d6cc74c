// SPDX-License-Identifier: GPL-2.0
#include "topology/objects.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <set>

#include "dbus.hpp"

namespace mctpxx::topology {
namespace {

constexpr const char *kObjectManager = "org.freedesktop.DBus.ObjectManager";
constexpr const char *kProperties = "org.freedesktop.DBus.Properties";

Error bad(int r, const std::string &what)
{
	return dbus::error(r < 0 ? r : -EBADMSG, what);
}

template <typename T> Result<Value> basic(sd_bus_message *m, char type)
{
	T v{};
	if (int r = sd_bus_message_read_basic(m, type, &v); r < 0)
		return fail(bad(r, "reading a value"));
	if constexpr (std::is_same_v<T, double>)
		return Value(v);
	else if constexpr (std::is_signed_v<T>)
		return Value(static_cast<std::int64_t>(v));
	else
		return Value(static_cast<std::uint64_t>(v));
}

Result<Value> boolean(sd_bus_message *m)
{
	int v = 0;
	if (int r = sd_bus_message_read_basic(m, 'b', &v); r < 0)
		return fail(bad(r, "reading a boolean"));
	return Value(v != 0);
}

Result<Value> text(sd_bus_message *m, char type)
{
	const char *s = nullptr;
	if (int r = sd_bus_message_read_basic(m, type, &s); r < 0)
		return fail(bad(r, "reading a string"));
	return Value(std::string(s ? s : ""));
}

bool integer_type(char c)
{
	return std::strchr("ynqiuxt", c) != nullptr;
}
bool string_type(char c)
{
	return std::strchr("sog", c) != nullptr;
}

// One basic value of @type as an integer.
Result<std::int64_t> integer(sd_bus_message *m, char type)
{
	auto v = type == 'y' ? basic<std::uint8_t>(m, type)
		 : type == 'n' ? basic<std::int16_t>(m, type)
		 : type == 'q' ? basic<std::uint16_t>(m, type)
		 : type == 'i' ? basic<std::int32_t>(m, type)
		 : type == 'u' ? basic<std::uint32_t>(m, type)
		 : type == 'x' ? basic<std::int64_t>(m, type)
			       : basic<std::uint64_t>(m, type);
	if (!v)
		return fail(v.error());
	if (auto *u = std::get_if<std::uint64_t>(&*v))
		return static_cast<std::int64_t>(*u);
	return std::get<std::int64_t>(*v);
}

// An array whose element signature is @elem (the message is at the array).
Result<Value> array(sd_bus_message *m, const std::string &elem)
{
	int r;
	if (elem == "y") {
		const void *p = nullptr;
		std::size_t n = 0;
		if ((r = sd_bus_message_read_array(m, 'y', &p, &n)) < 0)
			return fail(bad(r, "reading a byte array"));
		auto *b = static_cast<const std::uint8_t *>(p);
		return Value(std::vector<std::uint8_t>(b, b + n));
	}
	const bool ints = elem.size() == 1 && integer_type(elem[0]);
	const bool strs = elem.size() == 1 && string_type(elem[0]);
	// structs (r) and dict entries (e) alike, in order, when their
	// members are all strings or all integers
	const bool structs = elem.size() > 2 && elem.front() == '(' && elem.back() == ')';
	const bool entries = elem.size() > 2 && elem.front() == '{' && elem.back() == '}';
	const std::string members = structs || entries ? elem.substr(1, elem.size() - 2) : "";
	bool all_strings = !members.empty(), all_integers = !members.empty();
	for (char c : members) {
		all_strings &= string_type(c);
		all_integers &= integer_type(c);
	}
	if (!ints && !strs && !all_strings && !all_integers) {
		if ((r = sd_bus_message_skip(m, ("a" + elem).c_str())) < 0)
			return fail(bad(r, "skipping an array"));
		return Value(Unknown{});
	}
	if ((r = sd_bus_message_enter_container(m, 'a', elem.c_str())) < 0)
		return fail(bad(r, "entering an array"));
	if (ints || strs) {
		std::vector<std::int64_t> is;
		std::vector<std::string> ss;
		while ((r = sd_bus_message_at_end(m, false)) == 0) {
			if (ints) {
				auto v = integer(m, elem[0]);
				if (!v)
					return fail(v.error());
				is.push_back(*v);
			} else {
				auto v = text(m, elem[0]);
				if (!v)
					return fail(v.error());
				ss.push_back(std::get<std::string>(*v));
			}
		}
		if (r < 0 || (r = sd_bus_message_exit_container(m)) < 0)
			return fail(bad(r, "an array"));
		return ints ? Value(std::move(is)) : Value(std::move(ss));
	}
	const char container = entries ? 'e' : 'r';
	std::vector<std::vector<std::string>> strings;
	std::vector<std::vector<std::int64_t>> integers;
	while ((r = sd_bus_message_enter_container(m, container, members.c_str())) > 0) {
		std::vector<std::string> s;
		std::vector<std::int64_t> i;
		for (char c : members) {
			if (all_strings) {
				auto v = text(m, c);
				if (!v)
					return fail(v.error());
				s.push_back(std::get<std::string>(*v));
			} else {
				auto v = integer(m, c);
				if (!v)
					return fail(v.error());
				i.push_back(*v);
			}
		}
		if ((r = sd_bus_message_exit_container(m)) < 0)
			return fail(bad(r, "leaving a struct"));
		if (all_strings)
			strings.push_back(std::move(s));
		else
			integers.push_back(std::move(i));
	}
	if (r < 0 || (r = sd_bus_message_exit_container(m)) < 0)
		return fail(bad(r, "an array of structs"));
	if (all_strings)
		return Value(std::move(strings));
	return Value(std::move(integers));
}

} // namespace

Result<Value> read_variant(sd_bus_message *m)
{
	const char *contents = nullptr;
	char type = 0;
	int r = sd_bus_message_peek_type(m, &type, &contents);
	if (r <= 0 || type != 'v' || !contents)
		return fail(bad(r, "expected a variant"));
	const std::string sig = contents;
	if ((r = sd_bus_message_enter_container(m, 'v', contents)) < 0)
		return fail(bad(r, "entering a variant"));
	Result<Value> v = Value(Unknown{});
	if (sig.size() == 1) {
		switch (sig[0]) {
		case 'b': v = boolean(m); break;
		case 'd': v = basic<double>(m, 'd'); break;
		case 'y': v = basic<std::uint8_t>(m, 'y'); break;
		case 'n': v = basic<std::int16_t>(m, 'n'); break;
		case 'q': v = basic<std::uint16_t>(m, 'q'); break;
		case 'i': v = basic<std::int32_t>(m, 'i'); break;
		case 'u': v = basic<std::uint32_t>(m, 'u'); break;
		case 'x': v = basic<std::int64_t>(m, 'x'); break;
		case 't': v = basic<std::uint64_t>(m, 't'); break;
		case 's':
		case 'o':
		case 'g': v = text(m, sig[0]); break;
		default:
			if ((r = sd_bus_message_skip(m, contents)) < 0)
				return fail(bad(r, "skipping a value"));
		}
	} else if (sig[0] == 'a' && sig.size() > 1) {
		v = array(m, sig.substr(1));
	} else if ((r = sd_bus_message_skip(m, contents)) < 0) {
		return fail(bad(r, "skipping a value"));
	}
	if (!v)
		return v;
	if ((r = sd_bus_message_exit_container(m)) < 0)
		return fail(bad(r, "leaving a variant"));
	return v;
}

Result<std::vector<std::string>> read_properties(sd_bus_message *m, Properties &out)
{
	std::vector<std::string> names;
	int r = sd_bus_message_enter_container(m, 'a', "{sv}");
	if (r < 0)
		return fail(bad(r, "expected a{sv}"));
	while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
		const char *name = nullptr;
		if ((r = sd_bus_message_read_basic(m, 's', &name)) < 0)
			return fail(bad(r, "a property name"));
		auto v = read_variant(m);
		if (!v)
			return fail(Error{v.error().code, std::string(name) + ": " + v.error().message});
		out[name] = std::move(*v);
		names.emplace_back(name);
		if ((r = sd_bus_message_exit_container(m)) < 0)
			return fail(bad(r, "leaving a property"));
	}
	if (r < 0 || (r = sd_bus_message_exit_container(m)) < 0)
		return fail(bad(r, "a{sv}"));
	return names;
}

Status read_interfaces(sd_bus_message *m, Interfaces &out)
{
	int r = sd_bus_message_enter_container(m, 'a', "{sa{sv}}");
	if (r < 0)
		return fail(bad(r, "expected a{sa{sv}}"));
	while ((r = sd_bus_message_enter_container(m, 'e', "sa{sv}")) > 0) {
		const char *iface = nullptr;
		if ((r = sd_bus_message_read_basic(m, 's', &iface)) < 0)
			return fail(bad(r, "an interface name"));
		if (auto p = read_properties(m, out[iface]); !p)
			return fail(Error{p.error().code, std::string(iface) + ": " + p.error().message});
		if ((r = sd_bus_message_exit_container(m)) < 0)
			return fail(bad(r, "leaving an interface"));
	}
	if (r < 0 || (r = sd_bus_message_exit_container(m)) < 0)
		return fail(bad(r, "a{sa{sv}}"));
	return {};
}

const std::vector<Service> &services()
{
	static const std::vector<Service> all = {
		{"xyz.openbmc_project.MCTP", "mctp-ctrld", {"/xyz/openbmc_project/mctp"},
		 {{"/xyz/openbmc_project/mctp", "org.mctpstack.BusOwner"}}},
		{"org.mctpstack.NVMe", "mctp-nvmed",
		 {"/xyz/openbmc_project/inventory", "/xyz/openbmc_project/sensors"}, {}},
		{"org.mctpstack.PLDM", "mctp-pldmd",
		 {"/xyz/openbmc_project/inventory", "/xyz/openbmc_project/sensors"}, {}},
		{"org.mctpstack.NCSI", "mctp-ncsid", {"/xyz/openbmc_project/inventory", "/"}, {}},
	};
	return all;
}

const Service *service(const std::string &name)
{
	for (const auto &s : services())
		if (name == s.name)
			return &s;
	return nullptr;
}

const ServiceObjects *ObjectCache::find(const std::string &service) const
{
	auto it = services_.find(service);
	return it == services_.end() ? nullptr : &it->second;
}

bool ObjectCache::running(const std::string &service) const
{
	const auto *s = find(service);
	return s && s->running;
}

void ObjectCache::fetch(sd_bus *bus, const Service &s)
{
	ServiceObjects fresh;
	{
		dbus::BusError err;
		sd_bus_message *reply = nullptr;
		int r = sd_bus_call_method(bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
					   "org.freedesktop.DBus", "GetNameOwner", err.get(), &reply, "s",
					   s.name);
		dbus::Message hold(reply);
		const char *owner = nullptr;
		if (r >= 0 && sd_bus_message_read(reply, "s", &owner) >= 0 && owner && *owner) {
			fresh.running = true;
			fresh.owner = owner;
		}
	}
	if (!fresh.running) {
		services_[s.name] = std::move(fresh);
		return;
	}
	for (const char *root : s.managers) {
		dbus::BusError err;
		sd_bus_message *reply = nullptr;
		if (sd_bus_call_method(bus, s.name, root, kObjectManager, "GetManagedObjects",
				       err.get(), &reply, "") < 0)
			continue; // no ObjectManager there
		dbus::Message hold(reply);
		int r = sd_bus_message_enter_container(reply, 'a', "{oa{sa{sv}}}");
		while (r > 0 && (r = sd_bus_message_enter_container(reply, 'e', "oa{sa{sv}}")) > 0) {
			const char *path = nullptr;
			if (sd_bus_message_read_basic(reply, 'o', &path) < 0 ||
			    !read_interfaces(reply, fresh.objects[path]) ||
			    sd_bus_message_exit_container(reply) < 0)
				break;
		}
	}
	for (const auto &x : s.extra) {
		dbus::BusError err;
		sd_bus_message *reply = nullptr;
		if (sd_bus_call_method(bus, s.name, x.path, kProperties, "GetAll", err.get(), &reply,
				       "s", x.interface) < 0)
			continue;
		dbus::Message hold(reply);
		(void)read_properties(reply, fresh.objects[x.path][x.interface]);
	}
	services_[s.name] = std::move(fresh);
}

void ObjectCache::fetch_all(sd_bus *bus)
{
	for (const auto &s : services())
		fetch(bus, s);
}

bool ObjectCache::from_owner(const std::string &service, sd_bus_message *m) const
{
	const auto *s = find(service);
	const char *sender = sd_bus_message_get_sender(m);
	return s && !s->owner.empty() && sender && s->owner == sender;
}

Result<bool> ObjectCache::interfaces_added(const std::string &service, sd_bus_message *m)
{
	if (!from_owner(service, m))
		return false;
	const char *path = nullptr;
	if (int r = sd_bus_message_read_basic(m, 'o', &path); r < 0)
		return fail(bad(r, "InterfacesAdded: the path"));
	Interfaces got;
	if (auto s = read_interfaces(m, got); !s)
		return fail(Error{s.error().code, "InterfacesAdded " + std::string(path) + ": " +
							  s.error().message});
	auto &obj = services_[service].objects[path];
	bool changed = false;
	for (auto &[iface, props] : got) {
		auto &have = obj[iface];
		for (auto &[name, v] : props) {
			auto it = have.find(name);
			if (it == have.end() || !(it->second == v)) {
				have[name] = std::move(v);
				changed = true;
			}
		}
		changed |= props.empty();
	}
	return changed;
}

Result<bool> ObjectCache::interfaces_removed(const std::string &service, sd_bus_message *m)
{
	if (!from_owner(service, m))
		return false;
	const char *path = nullptr;
	char **ifaces = nullptr;
	if (int r = sd_bus_message_read_basic(m, 'o', &path); r < 0)
		return fail(bad(r, "InterfacesRemoved: the path"));
	if (int r = sd_bus_message_read_strv(m, &ifaces); r < 0)
		return fail(bad(r, "InterfacesRemoved " + std::string(path) + ": the interfaces"));
	bool changed = false;
	auto &objs = services_[service].objects;
	auto it = objs.find(path);
	for (char **i = ifaces; i && *i; i++) {
		if (it != objs.end())
			changed |= it->second.erase(*i) > 0;
		std::free(*i);
	}
	std::free(ifaces);
	if (it != objs.end() && it->second.empty())
		objs.erase(it);
	return changed;
}

Result<bool> ObjectCache::properties_changed(const std::string &service, sd_bus_message *m)
{
	if (!from_owner(service, m))
		return false;
	const char *path = sd_bus_message_get_path(m);
	const char *iface = nullptr;
	if (!path)
		return false;
	if (int r = sd_bus_message_read_basic(m, 's', &iface); r < 0)
		return fail(bad(r, "PropertiesChanged: the interface"));
	auto &objs = services_[service].objects;
	auto oit = objs.find(path);
	if (oit == objs.end() || !oit->second.count(iface)) {
		// not an interface we know of this object (yet): nothing to
		// merge into; the signal is read to check it
		Properties ignored;
		if (auto p = read_properties(m, ignored); !p)
			return fail(p.error());
		return false;
	}
	Properties got;
	if (auto p = read_properties(m, got); !p)
		return fail(Error{p.error().code, "PropertiesChanged " + std::string(path) + " " +
							  iface + ": " + p.error().message});
	auto &have = oit->second[iface];
	bool changed = false;
	for (auto &[name, v] : got) {
		auto it = have.find(name);
		if (it == have.end() || !(it->second == v)) {
			have[name] = std::move(v);
			changed = true;
		}
	}
	char **invalidated = nullptr;
	if (sd_bus_message_read_strv(m, &invalidated) >= 0) {
		for (char **i = invalidated; i && *i; i++) {
			changed |= have.erase(*i) > 0;
			std::free(*i);
		}
		std::free(invalidated);
	}
	return changed;
}

const Value *property(const Interfaces &i, const std::string &iface, const std::string &name)
{
	auto it = i.find(iface);
	if (it == i.end())
		return nullptr;
	auto p = it->second.find(name);
	return p == it->second.end() ? nullptr : &p->second;
}

const Value *property(const Objects &o, const std::string &path, const std::string &iface,
		      const std::string &name)
{
	auto it = o.find(path);
	return it == o.end() ? nullptr : property(it->second, iface, name);
}

std::optional<bool> as_bool(const Value *v)
{
	if (auto *b = v ? std::get_if<bool>(v) : nullptr)
		return *b;
	return std::nullopt;
}

std::optional<std::string> as_string(const Value *v)
{
	if (auto *s = v ? std::get_if<std::string>(v) : nullptr)
		return *s;
	return std::nullopt;
}

std::optional<std::uint64_t> as_unsigned(const Value *v)
{
	if (!v)
		return std::nullopt;
	if (auto *u = std::get_if<std::uint64_t>(v))
		return *u;
	if (auto *i = std::get_if<std::int64_t>(v); i && *i >= 0)
		return static_cast<std::uint64_t>(*i);
	return std::nullopt;
}

std::optional<std::int64_t> as_signed(const Value *v)
{
	if (!v)
		return std::nullopt;
	if (auto *i = std::get_if<std::int64_t>(v))
		return *i;
	if (auto *u = std::get_if<std::uint64_t>(v); u && *u <= INT64_MAX)
		return static_cast<std::int64_t>(*u);
	return std::nullopt;
}

std::optional<double> as_double(const Value *v)
{
	if (auto *d = v ? std::get_if<double>(v) : nullptr)
		return *d;
	return std::nullopt;
}

std::vector<std::uint8_t> as_bytes(const Value *v)
{
	if (auto *b = v ? std::get_if<std::vector<std::uint8_t>>(v) : nullptr)
		return *b;
	return {};
}

std::vector<std::int64_t> as_integers(const Value *v)
{
	if (auto *i = v ? std::get_if<std::vector<std::int64_t>>(v) : nullptr)
		return *i;
	std::vector<std::int64_t> out;
	for (auto b : as_bytes(v))
		out.push_back(b);
	return out;
}

std::vector<std::string> as_strings(const Value *v)
{
	if (auto *s = v ? std::get_if<std::vector<std::string>>(v) : nullptr)
		return *s;
	return {};
}

std::vector<std::vector<std::string>> as_string_tuples(const Value *v)
{
	if (auto *s = v ? std::get_if<std::vector<std::vector<std::string>>>(v) : nullptr)
		return *s;
	return {};
}

std::vector<std::vector<std::int64_t>> as_integer_tuples(const Value *v)
{
	if (auto *s = v ? std::get_if<std::vector<std::vector<std::int64_t>>>(v) : nullptr)
		return *s;
	return {};
}

} // namespace mctpxx::topology
