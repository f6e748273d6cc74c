// SPDX-License-Identifier: GPL-2.0
// mctp-pldm: queries a PLDM terminus over MCTP by hand (base, platform
// monitoring and FRU commands), on libpldmxx's codecs and requester.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "command_line.hpp"
#include "mctpxx/args.hpp"
#include "mctpxx/unreachable.hpp"
#include "pldmxx/fru.hpp"
#include "pldmxx/platform.hpp"
#include "pldmxx/requester.hpp"
#include "query.hpp"

namespace {

using namespace mctpxx;
using namespace mctpxx::pldm;
using json = nlohmann::ordered_json;
using tool::Query;

constexpr const char *kUsage = "[-n NET] [-j] [-w MS] [-r N] EID COMMAND [ARGS]";

// The words after EID: one command and its arguments.
struct Command {
	std::string name;
	std::vector<unsigned long> args;
};

Result<Command> parse_command(const std::vector<std::string> &w)
{
	struct Spec {
		const char *name;
		unsigned min, max;
		unsigned long hi;
		const char *what;
	};
	static const Spec specs[] = {
		{"tid", 0, 0, 0, ""},
		{"set-tid", 1, 1, 254, "TID"},
		{"types", 0, 0, 0, ""},
		{"version", 0, 1, 63, "PLDM type"},
		{"commands", 1, 1, 63, "PLDM type"},
		{"pdrs", 0, 0, 0, ""},
		{"pdr", 1, 1, 0xffffffffUL, "record handle"},
		{"sensor", 1, 1, 0xffff, "sensor ID"},
		{"state-sensor", 1, 1, 0xffff, "sensor ID"},
		{"fru", 0, 0, 0, ""},
		{"repo-info", 0, 0, 0, ""},
	};
	for (std::size_t i = 1; i < w.size(); i++)
		if (w[i].size() > 1 && w[i][0] == '-')
			return fail(Error::msg("option \"" + w[i] + "\" after EID (options go before EID)"));
	if (w.size() < 2)
		return fail(Error::msg(w.empty() ? "missing EID" : "missing COMMAND"));
	for (const auto &s : specs) {
		if (w[1] != s.name)
			continue;
		const std::size_t n = w.size() - 2;
		if (n < s.min || n > s.max)
			return fail(Error::msg(std::string(s.name) + ": " +
					       (n < s.min ? "missing " + std::string(s.what)
							  : "unexpected argument \"" + w.back() + "\"")));
		Command c{s.name, {}};
		for (std::size_t i = 2; i < w.size(); i++) {
			auto v = parse_number(w[i], std::string(s.name) == "set-tid" ? 1 : 0, s.hi, s.what);
			if (!v)
				return fail(v.error());
			c.args.push_back(*v);
		}
		return c;
	}
	return fail(Error::msg("unknown command \"" + w[1] +
			       "\" (tid, set-tid, types, version, commands, pdrs, pdr, sensor, "
			       "state-sensor, fru, repo-info)"));
}

std::string hex(unsigned v, int width = 2)
{
	char b[16];
	std::snprintf(b, sizeof(b), "0x%0*x", width, v);
	return b;
}

// ---- output ----

void print(const json &j, bool as_json, const std::string &human)
{
	if (as_json)
		std::cout << j.dump(2) << "\n";
	else
		std::cout << human;
}

// ---- commands ----

Status run(Query &q, const Command &c, bool as_json)
{
	if (c.name == "tid") {
		auto r = q.tid();
		if (!r)
			return fail(r.error());
		print({{"tid", *r}}, as_json, "TID " + std::to_string(*r) + "\n");
	} else if (c.name == "set-tid") {
		const auto tid = static_cast<std::uint8_t>(c.args[0]);
		if (auto r = q.set_tid(tid); !r)
			return fail(r.error());
		print({{"tid", tid}}, as_json, "TID set to " + std::to_string(tid) + "\n");
	} else if (c.name == "types") {
		auto r = q.types();
		if (!r)
			return fail(r.error());
		json j = json::array();
		std::string h = "PLDM types:";
		for (auto t : *r) {
			j.push_back({{"type", t}, {"name", tool::type_name(t)}});
			h += " " + std::to_string(t) + " (" + tool::type_name(t) + ")";
		}
		print({{"types", j}}, as_json, h + "\n");
	} else if (c.name == "version") {
		const auto type = static_cast<std::uint8_t>(c.args.empty() ? 0 : c.args[0]);
		auto r = q.versions(type);
		if (!r)
			return fail(r.error());
		json j = json::array();
		std::string h = "type " + std::to_string(type) + " versions:";
		for (const auto &v : *r) {
			j.push_back(v.to_string());
			h += " " + v.to_string();
		}
		print({{"type", type}, {"versions", j}}, as_json, h + "\n");
	} else if (c.name == "commands") {
		const auto type = static_cast<std::uint8_t>(c.args[0]);
		auto vs = q.versions(type);
		if (!vs)
			return fail(vs.error());
		if (vs->empty())
			return fail(Error::msg("type " + std::to_string(type) + ": no version to ask the commands of"));
		auto r = q.commands(type, vs->front());
		if (!r)
			return fail(r.error());
		json j = json::array();
		std::string h = "type " + std::to_string(type) + " version " + vs->front().to_string() + " commands:";
		for (auto cmd : *r) {
			j.push_back(cmd);
			h += " " + hex(cmd);
		}
		print({{"type", type}, {"version", vs->front().to_string()}, {"commands", j}}, as_json, h + "\n");
	} else if (c.name == "repo-info") {
		auto r = q.repository_info();
		if (!r)
			return fail(r.error());
		const json j = tool::repository_info_json(*r);
		print(j, as_json, tool::repository_info_text(*r));
	} else if (c.name == "pdr" || c.name == "pdrs") {
		std::vector<tool::FetchedPdr> pdrs;
		if (c.name == "pdr") {
			auto p = q.pdr(static_cast<std::uint32_t>(c.args[0]));
			if (!p)
				return fail(p.error());
			pdrs.push_back(std::move(*p));
		} else {
			auto all = q.all_pdrs();
			if (!all)
				return fail(all.error());
			pdrs = std::move(*all);
		}
		json j = json::array();
		std::string h;
		std::optional<Error> bad;
		for (const auto &p : pdrs) {
			j.push_back(tool::pdr_json(p));
			h += tool::pdr_text(p);
			if (!p.decoded && !bad)
				bad = Error::msg("PDR record " + std::to_string(p.handle) + ": " + p.decoded.error().message);
		}
		if (c.name == "pdr")
			print(j[0], as_json, h);
		else
			print({{"pdrs", j}}, as_json, h);
		if (bad)
			return fail(*bad);
	} else if (c.name == "sensor") {
		auto r = q.sensor(static_cast<std::uint16_t>(c.args[0]));
		if (!r)
			return fail(r.error());
		print(tool::sensor_json(*r), as_json, tool::sensor_text(*r));
	} else if (c.name == "state-sensor") {
		auto r = q.state_sensor(static_cast<std::uint16_t>(c.args[0]));
		if (!r)
			return fail(r.error());
		print(tool::state_sensor_json(*r), as_json, tool::state_sensor_text(*r));
	} else if (c.name == "fru") {
		auto r = q.fru();
		if (!r)
			return fail(r.error());
		print(tool::fru_json(*r), as_json, tool::fru_text(*r));
	}
	return {};
}

} // namespace

int main(int argc, char **argv)
{
	unsigned net = kNetAny;
	bool as_json = false;
	unsigned long timeout = 1000, retries = timing::kPn1Retries;
	cli::CommandLine cl("mctp-pldm", kUsage,
			    "Queries a PLDM terminus over MCTP: its TID, PLDM types, versions and\n"
			    "commands, PDR repository, sensors and FRU data.");
	cl.number("-n,--net", net, 1, 0xffffffffu, "network", "NET",
		  "MCTP network (default: the default network)");
	cl.flag("-j,--json", as_json, "JSON output");
	cl.number("-w,--timeout", timeout, timing::kPt2Min.count(), timing::kPt2Max.count(), "timeout",
		  "MS", "Milliseconds to wait for each response (PT2, default 1000)");
	cl.number("-r,--retries", retries, timing::kPn1Retries, 10, "retries", "N",
		  "Attempts after a timeout (default 2)");
	cl.words_after_options();
	cl.footer("COMMAND := tid | set-tid TID | types | version [TYPE] | commands TYPE | pdrs |\n"
		  "           pdr HANDLE | sensor ID | state-sensor ID | fru | repo-info");
	auto o = cl.evaluate(std::vector<std::string>(argv + 1, argv + argc));
	switch (o.kind) {
	case cli::Outcome::Kind::Help:
		std::cout << o.text;
		return 0;
	case cli::Outcome::Kind::Version:
		std::cout << o.text << "\n";
		return 0;
	case cli::Outcome::Kind::UsageError:
		return cl.usage_error(o.text, std::cerr);
	case cli::Outcome::Kind::Run:
		break;
	}
	if (!o.words.empty() && o.words[0].size() > 1 && o.words[0][0] == '-')
		return cl.usage_error("unknown option \"" + o.words[0] + "\" (options go before EID)", std::cerr);
	auto cmd = parse_command(o.words);
	if (!cmd)
		return cl.usage_error(cmd.error().message, std::cerr);
	auto eid = parse_number(o.words[0], 0, 255, "EID");
	if (!eid)
		return cl.usage_error(eid.error().message, std::cerr);

	RetryPolicy policy;
	policy.timeout = std::chrono::milliseconds(timeout);
	policy.retries = static_cast<unsigned>(retries);
	auto rq = Requester::open(policy);
	if (!rq) {
		std::fprintf(stderr, "mctp-pldm: %s\n", rq.error().message.c_str());
		return 1;
	}
	// the default network by number, as errors name it
	Query q(*rq, Peer{net == kNetAny ? kDefaultNet : net, static_cast<std::uint8_t>(*eid)});
	if (auto s = run(q, *cmd, as_json); !s) {
		std::fprintf(stderr, "mctp-pldm: %s\n", s.error().message.c_str());
		return 1;
	}
	return 0;
}
