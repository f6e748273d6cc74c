// SPDX-License-Identifier: GPL-2.0
#include "config.hpp"

#include "toml_check.hpp"

namespace mctpxx::ncsid {

using namespace toml_check;

Result<Config> parse_config(const std::string &text, const std::string &file)
{
	Config c;
	try {
		toml::table doc = toml::parse(text, file);
		only_keys(doc,
			  {"poll_interval_s", "request_timeout_ms", "retries", "packages", "absent_after",
			   "aens", "controller"},
			  "the configuration");
		if (auto n = doc.get("poll_interval_s"))
			c.poll_interval = std::chrono::seconds(integer(*n, 1, 3600, "poll_interval_s"));
		if (auto n = doc.get("request_timeout_ms"))
			c.request_timeout =
				std::chrono::milliseconds(integer(*n, 50, 5000, "request_timeout_ms"));
		if (auto n = doc.get("retries"))
			c.retries = static_cast<unsigned>(integer(*n, 0, 5, "retries"));
		if (auto n = doc.get("packages"))
			c.packages = static_cast<unsigned>(integer(*n, 1, 8, "packages"));
		if (auto n = doc.get("absent_after"))
			c.absent_after = static_cast<unsigned>(integer(*n, 1, 1000, "absent_after"));
		if (auto n = doc.get("aens"))
			c.aens = boolean(*n, "aens");
		if (auto n = doc.get("controller")) {
			for (auto &&e : array(*n, "controller")) {
				ControllerRule r = endpoints::parse_rule(table(e, "[[controller]]"),
									 "controller", "controller");
				for (const ControllerRule &o : c.controllers) {
					if (!r.name.empty() && o.name == r.name)
						reject(e, "two controllers named \"" + r.name + "\"");
					if ((r.uuid && o.uuid && *r.uuid == *o.uuid) ||
					    (r.eid && o.eid && *r.eid == *o.eid && r.net == o.net))
						reject(e, "this controller is already listed");
				}
				c.controllers.push_back(std::move(r));
			}
			c.all_controllers = false;
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

} // namespace mctpxx::ncsid
