// SPDX-License-Identifier: GPL-2.0
#include "topology/render.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "topology/words.hpp"

namespace mctpxx::topology {
namespace {

// Display width of UTF-8 text: code points (the tree's box characters are
// one column each).
std::size_t width(const std::string &s)
{
	return static_cast<std::size_t>(std::count_if(
		s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

std::string pad(const std::string &s, std::size_t w)
{
	const std::size_t n = width(s);
	return n >= w ? s : s + std::string(w - n, ' ');
}

// "0 control, 4 NVMe-MI" -> "NVMe-MI" (the types beyond control, names only)
std::string function_types(const std::string &types)
{
	std::string out;
	std::istringstream in(types);
	std::string item;
	while (std::getline(in, item, ',')) {
		item.erase(0, item.find_first_not_of(' '));
		auto sp = item.find(' ');
		const std::string name = sp == std::string::npos ? item : item.substr(sp + 1);
		if (name == "control")
			continue;
		out += (out.empty() ? "" : ", ") + name;
	}
	return out;
}

std::string join_nonempty(std::initializer_list<std::string> parts, const char *sep = " ")
{
	std::string s;
	for (const auto &p : parts)
		if (!p.empty())
			s += (s.empty() ? "" : sep) + p;
	return s;
}

// The tree's drawing before each node: "│  ├─ " and the like.
std::vector<std::string> prefixes(const Tree &t, std::vector<std::string> *continuation)
{
	const auto depth = depths(t);
	const std::size_t n = t.nodes.size();
	// last among its siblings: no later node with the same parent
	std::vector<bool> last(n, true);
	std::map<std::string, std::size_t> latest;
	for (std::size_t i = 0; i < n; i++) {
		auto it = latest.find(t.nodes[i].parent);
		if (it != latest.end())
			last[it->second] = false;
		latest[t.nodes[i].parent] = i;
	}
	std::vector<std::string> out(n), cont(n);
	std::vector<bool> open; // per depth: a later sibling of the ancestor follows
	for (std::size_t i = 0; i < n; i++) {
		const unsigned d = depth[i];
		open.resize(d + 1);
		std::string p;
		for (unsigned k = 1; k < d; k++)
			p += open[k] ? "│  " : "   ";
		std::string c = p;
		if (d > 0) {
			p += last[i] ? "└─ " : "├─ ";
			c += last[i] ? "   " : "│  ";
		}
		open[d] = !last[i];
		out[i] = p;
		cont[i] = c;
	}
	if (continuation)
		*continuation = std::move(cont);
	return out;
}

} // namespace

std::string what(const Node &n)
{
	auto id = [&n](const char *k) { return identity_value(n, k); };
	if (n.kind == kind::kBus)
		return join_nonempty({join_nonempty({"i2c bus", id("adapter").empty() ? "" : "(" + id("adapter") + ")"}),
				      id("link").empty() ? "" : "link " + id("link")},
				     ", ");
	if (n.kind == kind::kLink)
		return "MCTP link, not on i2c";
	if (n.kind == kind::kMux)
		return join_nonempty({"i2c mux", id("name")});
	if (n.kind == kind::kChannel)
		return join_nonempty({join_nonempty({"mux channel", id("bus")}),
				      id("link").empty() ? "" : "link " + id("link")},
				     ", ");
	if (n.kind == kind::kEndpoint) {
		const std::string f = function_types(id("message types"));
		return "MCTP endpoint EID " + id("EID") + (f.empty() ? "" : ": " + f);
	}
	if (n.kind == kind::kDevice)
		return join_nonempty({"i2c device", id("name"),
				      id("driver") == "none" ? "(no driver)" : "(driver " + id("driver") + ")"});
	if (n.kind == kind::kNvmeSubsystem)
		return join_nonempty({"NVMe subsystem", id("model"),
				      id("capacity").empty() ? "" : "(" + id("capacity") + ")"});
	if (n.kind == kind::kNvmeController)
		return "NVMe controller";
	if (n.kind == kind::kPldmTerminus)
		return "PLDM terminus TID " + id("TID");
	if (n.kind == kind::kPldmFru)
		return join_nonempty({"FRU", id("manufacturer"), id("model"), id("serial")});
	if (n.kind == kind::kSensor) {
		const std::string u = unit_symbol(id("unit"));
		std::string t;
		if (!id("critical high").empty())
			t = ", critical " + id("critical high") + " " + u;
		else if (!id("warning high").empty())
			t = ", warning " + id("warning high") + " " + u;
		return "sensor (" + u + t + ")";
	}
	if (n.kind == kind::kNcsiController)
		return join_nonempty({"NC-SI controller", id("manufacturer"), id("model")});
	if (n.kind == kind::kNcsiPackage)
		return join_nonempty({"NC-SI package", id("selected") == "yes" ? "(selected)" : ""});
	if (n.kind == kind::kNcsiChannel)
		return join_nonempty({"NC-SI channel", id("MAC")});
	return n.kind;
}

std::string state(const Node &n)
{
	if (!n.present)
		return "absent" + (n.reason.empty() ? "" : ": " + n.reason);
	if (n.usable)
		return "usable";
	if (!is_problem(n))
		return "present, " + n.reason;
	return "not usable" + (n.reason.empty() ? "" : ": " + n.reason);
}

std::string render_text(const Tree &t, const RenderOptions &o)
{
	std::vector<std::string> cont;
	const auto pre = prefixes(t, &cont);
	std::size_t w1 = 4, w2 = 4;
	std::vector<std::string> whats;
	for (std::size_t i = 0; i < t.nodes.size(); i++) {
		w1 = std::max(w1, width(pre[i] + t.nodes[i].name));
		whats.push_back(what(t.nodes[i]));
		w2 = std::max(w2, width(whats.back()));
	}
	std::string out = pad("NODE", w1) + "  " + pad("WHAT", w2) + "  STATE\n";
	for (std::size_t i = 0; i < t.nodes.size(); i++) {
		const Node &n = t.nodes[i];
		out += pad(pre[i] + n.name, w1) + "  " + pad(whats[i], w2) + "  " + state(n) + "\n";
		if (!o.details)
			continue;
		// below the node, in line with its children
		const std::string indent = cont[i] + (i + 1 < t.nodes.size() && t.nodes[i + 1].parent == n.path ? "│    " : "     ");
		out += indent + "present: " + (n.present_how.empty() ? "-" : n.present_how) + "\n";
		for (const auto &[k, v] : n.identity)
			out += indent + k + ": " + v + "\n";
		if (n.source != "/")
			out += indent + "source: " + n.source + "\n";
	}
	return out;
}

nlohmann::ordered_json to_json(const Tree &t)
{
	using J = nlohmann::ordered_json;
	J root = {{"schema", 1}, {"nodes", J::array()}};
	std::map<std::string, J *> at; // path -> its JSON node (stable: built children-last)
	// build bottom-up so references stay valid: collect each node's
	// children first
	std::map<std::string, std::vector<std::size_t>> kids;
	std::vector<std::size_t> roots;
	std::set<std::string> paths;
	for (const auto &n : t.nodes)
		paths.insert(n.path);
	for (std::size_t i = 0; i < t.nodes.size(); i++) {
		const Node &n = t.nodes[i];
		if (paths.count(n.parent))
			kids[n.parent].push_back(i);
		else
			roots.push_back(i);
	}
	auto make = [&](auto &&self, std::size_t i) -> J {
		const Node &n = t.nodes[i];
		J identity = J::object();
		for (const auto &[k, v] : n.identity)
			identity[k] = v;
		J j = {{"path", n.path},
		       {"kind", n.kind},
		       {"name", n.name},
		       {"present", n.present},
		       {"present_how", n.present_how},
		       {"usable", n.usable},
		       {"reason", n.reason},
		       {"problem", is_problem(n)},
		       {"identity", identity},
		       {"source", n.source},
		       {"children", J::array()}};
		for (std::size_t k : kids[n.path])
			j["children"].push_back(self(self, k));
		return j;
	};
	for (std::size_t i : roots)
		root["nodes"].push_back(make(make, i));
	return root;
}

Tree problems(const Tree &t)
{
	std::map<std::string, const Node *> by_path;
	for (const auto &n : t.nodes)
		by_path[n.path] = &n;
	std::set<std::string> keep;
	for (const auto &n : t.nodes) {
		if (!is_problem(n))
			continue;
		for (const Node *p = &n; p && keep.insert(p->path).second;) {
			auto it = by_path.find(p->parent);
			p = it == by_path.end() ? nullptr : it->second;
		}
	}
	Tree out;
	for (const auto &n : t.nodes)
		if (keep.count(n.path))
			out.nodes.push_back(n);
	return out;
}

} // namespace mctpxx::topology
