// SPDX-License-Identifier: GPL-2.0
// The view: a tree of nodes, from the physical path down (i2c bus, mux,
// channel, SMBus address with the endpoint or device there, function,
// its parts). Each node says whether it is present and how that is known,
// whether it is usable and if not why, and what it is (identity). The same
// tree is printed by the command line and published on D-Bus
// (org.mctpstack.Topology.Node), and can be read back from there.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mctpxx::topology {

inline constexpr const char *kTopologyService = "org.mctpstack.Topology";
inline constexpr const char *kTopologyRoot = "/org/mctpstack/topology";
inline constexpr const char *kNodeInterface = "org.mctpstack.Topology.Node";

// Node kinds (Kind).
namespace kind {
inline constexpr const char *kBus = "i2c-bus";		 // a root i2c adapter
inline constexpr const char *kLink = "mctp-link";	 // an MCTP link not on i2c
inline constexpr const char *kMux = "i2c-mux";
inline constexpr const char *kChannel = "mux-channel";
inline constexpr const char *kEndpoint = "mctp-endpoint"; // at an SMBus address
inline constexpr const char *kDevice = "i2c-device";	 // a client of another driver
inline constexpr const char *kNvmeSubsystem = "nvme-subsystem";
inline constexpr const char *kNvmeController = "nvme-controller";
inline constexpr const char *kPldmTerminus = "pldm-terminus";
inline constexpr const char *kPldmFru = "pldm-fru";
inline constexpr const char *kSensor = "sensor";
inline constexpr const char *kNcsiController = "ncsi-controller";
inline constexpr const char *kNcsiPackage = "ncsi-package";
inline constexpr const char *kNcsiChannel = "ncsi-channel";
} // namespace kind

// Reasons that tell what a node is rather than a fault: such a node is not
// usable by the stack and that is fine (not a problem).
inline constexpr const char *kNotMctp = "not MCTP, not probed";
inline constexpr const char *kNoMctpLink = "no MCTP link";
// ... and the end of one: a link down with no endpoint known on it (a link
// no discovery rule covers stays down) is not in use, so no fault either.
inline constexpr const char *kNothingOnIt = ", nothing known on it";

using Identity = std::vector<std::pair<std::string, std::string>>;

struct Node {
	std::string path;   // its D-Bus object, below kTopologyRoot
	std::string parent; // the parent's path, kTopologyRoot for a root
	std::string kind;
	std::string name;
	bool present = true;
	std::string present_how;
	bool usable = true;
	std::string reason; // why not usable (or, with present false, absent)
	Identity identity;
	std::string source = "/"; // the daemon object it came from ("/": sysfs)

	bool operator==(const Node &) const = default;
};

// Nodes in display order: each parent before its children, children in
// canonical order (canonical_less()).
struct Tree {
	std::vector<Node> nodes;
};

// A fault to show with --problems: absent, or not usable for a reason
// other than kNotMctp, kNoMctpLink and one ending in kNothingOnIt.
bool is_problem(const Node &n);

// The order of siblings: by kind (addresses before muxes, parts before
// sensors), then by name, numbers in names compared as numbers ("0x" and
// hex digits as a hex number).
bool canonical_less(const Node &a, const Node &b);

// @nodes in any order into a tree in display order (a node whose parent
// is missing becomes a root).
Tree arrange(std::vector<Node> nodes);

// The depth of each node of @t (0 for roots), in the same order.
std::vector<unsigned> depths(const Tree &t);

// The value of @key in @n's identity, or "".
std::string identity_value(const Node &n, const std::string &key);

} // namespace mctpxx::topology
