// SPDX-License-Identifier: GPL-2.0
// Object paths and names of the au.com.codeconstruct.MCTP1 tree (the API
// of "mctpd" that deployed OpenBMC software uses). Pure helpers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "endpoint.hpp"

namespace mctpxx::ctrld::ccapi {

inline constexpr const char *kService = "au.com.codeconstruct.MCTP1";
inline constexpr const char *kRoot = "/au/com/codeconstruct/mctp1";
inline constexpr const char *kIfaceInterface1 = "au.com.codeconstruct.MCTP.Interface1";
inline constexpr const char *kIfaceBusOwner1 = "au.com.codeconstruct.MCTP.BusOwner1";
inline constexpr const char *kIfaceNetwork1 = "au.com.codeconstruct.MCTP.Network1";
inline constexpr const char *kIfaceEndpoint1 = "au.com.codeconstruct.MCTP.Endpoint1";

// One object path element for a link name: letters and digits as they
// are, every other byte as "_" and two lower-case hex digits (the
// escaping sd-bus uses); an empty name is "_".
std::string escape_element(std::string_view name);
// The inverse; nullopt for an element escape_element() cannot produce.
std::optional<std::string> unescape_element(std::string_view elem);

std::string link_path(std::string_view ifname);
std::string network_path(unsigned net);
std::string endpoint_object_path(const EndpointKey &k);

// The link name of ROOT/interfaces/NAME.
std::optional<std::string> parse_link_path(std::string_view path);
// The network of ROOT/networks/NET.
std::optional<unsigned> parse_network_path(std::string_view path);
// The endpoint of ROOT/networks/NET/endpoints/EID.
std::optional<EndpointKey> parse_endpoint_path(std::string_view path);

// The Role property of a link.
enum class Role { Unknown, BusOwner, Endpoint };
const char *to_string(Role r);
std::optional<Role> parse_role(std::string_view s);

} // namespace mctpxx::ctrld::ccapi
