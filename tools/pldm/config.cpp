// SPDX-License-Identifier: GPL-2.0
#include "config.hpp"

#include <cerrno>
#include <fstream>
#include <regex>
#include <sstream>

#include "toml_check.hpp"

namespace mctpxx::pldmd {
namespace {

using namespace toml_check;

bool valid_name(const std::string &s)
{
	static const std::regex re("[A-Za-z0-9_]{1,64}");
	return std::regex_match(s, re);
}

TerminusRule terminus_rule(const toml::table &t)
{
	only_keys(t, {"uuid", "net", "eid", "name"}, "[[terminus]]");
	TerminusRule d;
	if (auto n = t.get("uuid")) {
		d.uuid = string(*n, "uuid");
		static const std::regex re("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
		if (!std::regex_match(*d.uuid, re))
			reject(*n, "uuid \"" + *d.uuid + "\" is not a UUID");
	}
	if (auto n = t.get("net"))
		d.net = static_cast<unsigned>(integer(*n, 1, 0xffffffffLL, "net"));
	if (auto n = t.get("eid"))
		d.eid = static_cast<std::uint8_t>(integer(*n, 8, 254, "eid"));
	if (d.uuid && d.eid)
		reject(t, "[[terminus]] names a terminus by uuid or by eid, not both");
	if (!d.uuid && !d.eid)
		reject(t, "[[terminus]] needs uuid or eid");
	if (d.net && !d.eid)
		reject(t, "[[terminus]] net goes with eid");
	if (auto n = t.get("name")) {
		d.name = string(*n, "name");
		if (!valid_name(d.name))
			reject(*n, "name \"" + d.name + "\": letters, digits and _ only (1-64)");
	}
	return d;
}

} // namespace

Result<Config> parse_config(const std::string &text, const std::string &file)
{
	Config c;
	try {
		toml::table doc = toml::parse(text, file);
		only_keys(doc, {"poll_interval_s", "request_timeout_ms", "absent_after", "terminus"},
			  "the configuration");
		if (auto n = doc.get("poll_interval_s"))
			c.poll_interval = std::chrono::seconds(integer(*n, 1, 3600, "poll_interval_s"));
		if (auto n = doc.get("request_timeout_ms"))
			c.request_timeout =
				std::chrono::milliseconds(integer(*n, 300, 1600, "request_timeout_ms"));
		if (auto n = doc.get("absent_after"))
			c.absent_after = static_cast<unsigned>(integer(*n, 1, 1000, "absent_after"));
		if (auto n = doc.get("terminus")) {
			for (auto &&e : array(*n, "terminus")) {
				TerminusRule r = terminus_rule(table(e, "[[terminus]]"));
				for (const TerminusRule &o : c.termini) {
					if (!r.name.empty() && o.name == r.name)
						reject(e, "two termini named \"" + r.name + "\"");
					if ((r.uuid && o.uuid && *r.uuid == *o.uuid) ||
					    (r.eid && o.eid && *r.eid == *o.eid && r.net == o.net))
						reject(e, "this terminus is already listed");
				}
				c.termini.push_back(std::move(r));
			}
			c.all_termini = false;
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
	std::ifstream in(file);
	if (!in) {
		if (errno == ENOENT)
			return Config{};
		return fail(Error::last("reading " + file));
	}
	std::stringstream ss;
	ss << in.rdbuf();
	return parse_config(ss.str(), file);
}

} // namespace mctpxx::pldmd
