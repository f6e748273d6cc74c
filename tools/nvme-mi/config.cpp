// SPDX-License-Identifier: GPL-2.0
#include "config.hpp"

#include <cstdio>

#include "toml_check.hpp"

namespace mctpxx::nvmed {
namespace {

using namespace toml_check;

std::string hex(std::int64_t v)
{
	char b[24];
	std::snprintf(b, sizeof(b), "0x%02llx", static_cast<long long>(v));
	return b;
}

BasicDriveRule basic_drive_rule(const toml::table &t)
{
	only_keys(t, {"bus", "address", "name", "warning_c", "critical_c"}, "[[basic_drive]]");
	BasicDriveRule d;
	d.line = line_of(t);
	auto bus = t.get("bus");
	if (!bus)
		reject(t, "[[basic_drive]] needs bus (an i2c bus number or adapter name)");
	if (bus->is_string()) {
		d.bus_name = string(*bus, "bus");
		if (d.bus_name.empty() || d.bus_name.find('\n') != std::string::npos)
			reject(*bus, "bus \"" + d.bus_name + "\" is not an i2c adapter name");
	} else {
		d.bus_number = static_cast<unsigned>(integer(*bus, 0, 0xfffff, "bus"));
	}
	if (auto n = t.get("address")) {
		auto a = n->value<std::int64_t>();
		if (n->is_integer() && a && *a >= 0x80 && *a <= 0xff)
			reject(*n, "address " + hex(*a) + " is an 8-bit address; give the 7-bit " +
					   hex(*a >> 1));
		d.address = static_cast<std::uint8_t>(integer(*n, 0x08, 0x77, "address"));
	}
	if (auto n = t.get("warning_c"))
		d.warning_c = static_cast<int>(integer(*n, -60, 127, "warning_c"));
	if (auto n = t.get("critical_c")) {
		d.critical_c = static_cast<int>(integer(*n, -60, 127, "critical_c"));
		if (d.warning_c && *d.critical_c < *d.warning_c)
			reject(*n, "critical_c " + std::to_string(*d.critical_c) + " below warning_c " +
					   std::to_string(*d.warning_c));
	}
	auto n = t.get("name");
	if (!n)
		reject(t, "[[basic_drive]] needs name");
	d.name = string(*n, "name");
	if (!endpoints::valid_object_name(d.name))
		reject(*n, "name \"" + d.name + "\": letters, digits and _ only (1-64)");
	return d;
}

} // namespace

Result<Config> parse_config(const std::string &text, const std::string &file)
{
	Config c;
	try {
		toml::table doc = toml::parse(text, file);
		only_keys(doc,
			  {"poll_interval_s", "request_timeout_ms", "absent_after", "drive",
			   "basic_drive"},
			  "the configuration");
		if (auto n = doc.get("poll_interval_s"))
			c.poll_interval = std::chrono::seconds(integer(*n, 1, 3600, "poll_interval_s"));
		if (auto n = doc.get("request_timeout_ms"))
			c.request_timeout =
				std::chrono::milliseconds(integer(*n, 100, 60000, "request_timeout_ms"));
		if (auto n = doc.get("absent_after"))
			c.absent_after = static_cast<unsigned>(integer(*n, 1, 1000, "absent_after"));
		if (auto n = doc.get("drive")) {
			for (auto &&e : array(*n, "drive"))
				c.drives.push_back(endpoints::parse_rule(table(e, "[[drive]]"), "drive", "drive"));
			c.all_drives = false;
			for (std::size_t i = 0; i < c.drives.size(); i++)
				for (std::size_t j = 0; j < i; j++)
					if (!c.drives[i].name.empty() &&
					    c.drives[i].name == c.drives[j].name)
						reject(*n, "two drives named \"" + c.drives[i].name + "\"");
		}
		if (auto n = doc.get("basic_drive")) {
			for (auto &&e : array(*n, "basic_drive")) {
				BasicDriveRule b = basic_drive_rule(table(e, "[[basic_drive]]"));
				for (const BasicDriveRule &o : c.basic_drives) {
					if (o.name == b.name)
						reject(e, "two drives named \"" + b.name + "\"");
					if (o.bus() == b.bus() && o.address == b.address)
						reject(e, "two drives at bus " + b.bus() + " address " +
								  hex(b.address));
				}
				for (const DriveRule &o : c.drives)
					if (o.name == b.name)
						reject(e, "two drives named \"" + b.name + "\"");
				c.basic_drives.push_back(std::move(b));
			}
		}
	} catch (const toml::parse_error &e) {
		return fail(Error{EINVAL, file + ":" + std::to_string(e.source().begin.line) + ": " +
						  std::string(e.description())});
	} catch (const ConfigError &e) {
		return fail(Error{EINVAL, file + ":" + std::to_string(e.line) + ": " + e.reason});
	}
	return c;
}

Result<Config> load_config(const std::string &file)
{
	return load_or_defaults<Config>(file, parse_config);
}

} // namespace mctpxx::nvmed
