// SPDX-License-Identifier: GPL-2.0
#include "endpoints/selection.hpp"

#include <cctype>
#include <regex>

#include "toml_check.hpp"

namespace mctpxx::endpoints {
namespace {

std::string lower(std::string s)
{
	for (char &c : s)
		c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
	return s;
}

} // namespace

bool valid_object_name(std::string_view s)
{
	static const std::regex re("[A-Za-z0-9_]{1,64}");
	return std::regex_match(s.begin(), s.end(), re);
}

Rule parse_rule(const toml::table &t, std::string_view table, std::string_view noun)
{
	using namespace toml_check;
	const std::string where = "[[" + std::string(table) + "]]";
	only_keys(t, {"uuid", "net", "eid", "name"}, where);
	Rule r;
	if (auto n = t.get("uuid")) {
		r.uuid = string(*n, "uuid");
		static const std::regex re("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
		if (!std::regex_match(*r.uuid, re))
			reject(*n, "uuid \"" + *r.uuid + "\" is not a UUID");
	}
	if (auto n = t.get("net"))
		r.net = static_cast<unsigned>(integer(*n, 1, 0xffffffffLL, "net"));
	if (auto n = t.get("eid"))
		r.eid = static_cast<std::uint8_t>(integer(*n, 8, 254, "eid"));
	if (r.uuid && r.eid)
		reject(t, where + " names a " + std::string(noun) + " by uuid or by eid, not both");
	if (!r.uuid && !r.eid)
		reject(t, where + " needs uuid or eid");
	if (r.net && !r.eid)
		reject(t, where + " net goes with eid");
	if (auto n = t.get("name")) {
		r.name = string(*n, "name");
		if (!valid_object_name(r.name))
			reject(*n, "name \"" + r.name + "\": letters, digits and _ only (1-64)");
	}
	return r;
}

std::optional<std::string> select(const Endpoint &ep, bool all, const std::vector<Rule> &rules,
				  std::string_view prefix)
{
	const std::string def =
		std::string(prefix) + "_" + std::to_string(ep.net) + "_" + std::to_string(ep.eid);
	if (all)
		return def;
	for (const Rule &r : rules) {
		const bool match = r.uuid ? lower(*r.uuid) == lower(ep.uuid)
					  : (*r.eid == ep.eid && (!r.net || *r.net == ep.net));
		if (match)
			return r.name.empty() ? def : r.name;
	}
	return std::nullopt;
}

} // namespace mctpxx::endpoints
