// SPDX-License-Identifier: GPL-2.0
// Property values both D-Bus trees publish the same way for an endpoint
// (xyz.openbmc_project.MCTP.Endpoint and xyz.openbmc_project.Common.UUID).
#pragma once

#include <systemd/sd-bus.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "mctpxx/control.hpp"
#include "uuid.hpp"

namespace mctpxx::ctrld {

inline int append_eid(sd_bus_message *reply, std::uint8_t eid)
{
	return sd_bus_message_append(reply, "y", eid);
}

inline int append_message_types(sd_bus_message *reply, const std::vector<std::uint8_t> &types)
{
	return sd_bus_message_append_array(reply, 'y', types.data(), types.size());
}

// The UUID as text; empty when the endpoint gave none.
inline int append_uuid(sd_bus_message *reply, const std::optional<control::Uuid> &u)
{
	const std::string s = u ? uuid_text(*u) : std::string();
	return sd_bus_message_append(reply, "s", s.c_str());
}

} // namespace mctpxx::ctrld
