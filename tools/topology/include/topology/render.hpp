// SPDX-License-Identifier: GPL-2.0
// The tree for people (one aligned line per node, as `lspci -tv` draws its
// tree, the state and reason on the line; details below each with -d) and
// for programs (JSON, schema below), and the problems filter.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "topology/tree.hpp"

namespace mctpxx::topology {

struct RenderOptions {
	bool details = false; // -d: how each node is known to be there, and its identity
};

// NODE, WHAT (kind and the main identity), STATE ("usable", "not usable:
// REASON", "absent[: REASON]", "present, REASON" for what is not MCTP).
std::string render_text(const Tree &t, const RenderOptions &o = {});

// {"schema": 1, "nodes": [NODE...]}, NODE = {"path", "kind", "name",
// "present", "present_how", "usable", "reason", "problem", "identity":
// {KEY: VALUE...} in order, "source", "children": [NODE...]}.
nlohmann::ordered_json to_json(const Tree &t);

// The problem nodes (is_problem()) with their ancestors, in order.
Tree problems(const Tree &t);

// What a node is, in a few words: its kind and main identity.
std::string what(const Node &n);
// Its state in words: "usable", "not usable: REASON", "absent", ...
std::string state(const Node &n);

} // namespace mctpxx::topology
