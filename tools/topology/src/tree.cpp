// SPDX-License-Identifier: GPL-2.0
#include "topology/tree.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace mctpxx::topology {
namespace {

int kind_rank(const std::string &k)
{
	static const std::map<std::string, int> ranks = {
		{kind::kBus, 0},	     {kind::kLink, 1},		 {kind::kEndpoint, 2},
		{kind::kDevice, 2},	     {kind::kMux, 3},		 {kind::kChannel, 4},
		{kind::kNvmeSubsystem, 5}, {kind::kPldmTerminus, 5},   {kind::kNcsiController, 5},
		{kind::kNvmeController, 6}, {kind::kPldmFru, 6},	 {kind::kNcsiPackage, 6},
		{kind::kNcsiChannel, 7},   {kind::kSensor, 8},
	};
	auto it = ranks.find(k);
	return it == ranks.end() ? 9 : it->second;
}

bool hex_at(const std::string &s, std::size_t i)
{
	return i + 2 < s.size() && s[i] == '0' && s[i + 1] == 'x' &&
	       std::isxdigit(static_cast<unsigned char>(s[i + 2]));
}

// A number at @i (a "0x" hex run, or decimal digits): its value; @i moves
// past it.
unsigned long long number_at(const std::string &s, std::size_t &i)
{
	unsigned long long v = 0;
	if (hex_at(s, i)) {
		for (i += 2; i < s.size() && std::isxdigit(static_cast<unsigned char>(s[i])); i++)
			v = v * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(s[i]))
								   ? s[i] - '0'
								   : std::tolower(s[i]) - 'a' + 10);
		return v;
	}
	for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); i++)
		v = v * 10 + static_cast<unsigned>(s[i] - '0');
	return v;
}

// <0, 0, >0: @a against @b, numbers as numbers.
int natural_compare(const std::string &a, const std::string &b)
{
	std::size_t i = 0, j = 0;
	while (i < a.size() && j < b.size()) {
		const bool na = std::isdigit(static_cast<unsigned char>(a[i]));
		const bool nb = std::isdigit(static_cast<unsigned char>(b[j]));
		if (na && nb) {
			const auto x = number_at(a, i), y = number_at(b, j);
			if (x != y)
				return x < y ? -1 : 1;
			continue;
		}
		if (a[i] != b[j])
			return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
		i++;
		j++;
	}
	if (i < a.size())
		return 1;
	if (j < b.size())
		return -1;
	return a.compare(b);
}

} // namespace

bool is_problem(const Node &n)
{
	if (!n.present)
		return true;
	return !n.usable && n.reason != kNotMctp && n.reason != kNoMctpLink &&
	       !n.reason.ends_with(kNothingOnIt);
}

bool canonical_less(const Node &a, const Node &b)
{
	const int ra = kind_rank(a.kind), rb = kind_rank(b.kind);
	if (ra != rb)
		return ra < rb;
	if (int c = natural_compare(a.name, b.name); c != 0)
		return c < 0;
	return a.path < b.path;
}

Tree arrange(std::vector<Node> nodes)
{
	std::set<std::string> paths;
	for (const auto &n : nodes)
		paths.insert(n.path);
	std::map<std::string, std::vector<const Node *>> children;
	std::vector<const Node *> roots;
	for (auto &n : nodes) {
		if (n.parent != n.path && paths.count(n.parent)) {
			children[n.parent].push_back(&n);
		} else {
			n.parent = kTopologyRoot;
			roots.push_back(&n);
		}
	}
	auto less = [](const Node *a, const Node *b) { return canonical_less(*a, *b); };
	Tree t;
	std::set<std::string> placed;
	// depth first, each sibling list in canonical order
	auto place = [&](auto &&self, std::vector<const Node *> list) -> void {
		std::sort(list.begin(), list.end(), less);
		for (const Node *n : list) {
			if (!placed.insert(n->path).second)
				continue; // a duplicate path: once
			t.nodes.push_back(*n);
			if (auto it = children.find(n->path); it != children.end())
				self(self, it->second);
		}
	};
	place(place, roots);
	// a cycle of parents never reaches a root: those nodes become roots
	for (const auto &n : nodes)
		if (!placed.count(n.path)) {
			Node copy = n;
			copy.parent = kTopologyRoot;
			place(place, {&copy});
		}
	return t;
}

std::vector<unsigned> depths(const Tree &t)
{
	std::map<std::string, unsigned> depth;
	std::vector<unsigned> out;
	for (const auto &n : t.nodes) {
		auto it = depth.find(n.parent);
		const unsigned d = it == depth.end() ? 0 : it->second + 1;
		depth[n.path] = d;
		out.push_back(d);
	}
	return out;
}

std::string identity_value(const Node &n, const std::string &key)
{
	for (const auto &[k, v] : n.identity)
		if (k == key)
			return v;
	return "";
}

} // namespace mctpxx::topology
