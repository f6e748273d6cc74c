// SPDX-License-Identifier: GPL-2.0
// One endpoint the bus owner knows: identity, where it is, what it
// supports and its connectivity.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "connectivity.hpp"
#include "mctpxx/control.hpp"

namespace mctpxx::ctrld {

struct EndpointKey {
	unsigned net = 0;
	std::uint8_t eid = 0;
	auto operator<=>(const EndpointKey &) const = default;
};

// A physical address on one link.
struct PhysKey {
	int ifindex = 0;
	std::vector<std::uint8_t> addr;
	auto operator<=>(const PhysKey &) const = default;
};

inline constexpr const char *kObjectRoot = "/xyz/openbmc_project/mctp";

inline std::string endpoint_path(const EndpointKey &k)
{
	return std::string(kObjectRoot) + "/" + std::to_string(k.net) + "/" + std::to_string(k.eid);
}

struct Endpoint {
	EndpointKey key;
	std::uint64_t serial = 0; // tells a re-added endpoint from an old one
	PhysKey phys;
	std::string link;
	std::optional<control::Uuid> uuid;
	control::EidType eid_type = control::EidType::Dynamic;
	control::EndpointType endpoint_type = control::EndpointType::Simple;
	std::vector<std::uint8_t> message_types;
	std::vector<control::VersionEntry> versions;
	std::vector<control::GetVendorMessageSupportResponse> vendor;
	Connectivity conn;
	bool pool_eid = false; // handed out by us (rather than the endpoint's own)

	std::string path() const { return endpoint_path(key); }
};

// Told about endpoints appearing, changing and going (the D-Bus objects).
class Publisher {
public:
	virtual ~Publisher() = default;
	virtual void added(const Endpoint &ep) = 0;
	virtual void connectivity_changed(const Endpoint &ep) = 0;
	// It answered: its last response time moved.
	virtual void answered(const Endpoint &) {}
	virtual void removed(const Endpoint &ep) = 0;
	virtual void host_changed(bool) {}
};

} // namespace mctpxx::ctrld
