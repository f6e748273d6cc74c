// SPDX-License-Identifier: GPL-2.0
// The daemon's UUIDs through sd-id128: text in both directions (RFC 4122
// form, as D-Bus and the logs show them) and this host's own UUID for the
// control protocol, derived from /etc/machine-id.
#pragma once

#include <optional>
#include <string>

#include "mctpxx/control.hpp"

namespace mctpxx::ctrld {

// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" or 32 hex digits, either case.
std::optional<control::Uuid> uuid_parse(const std::string &text);

// Lowercase RFC 4122 text.
std::string uuid_text(const control::Uuid &u);

// Specific to this machine and this daemon (the machine ID is not handed
// out); a random one if the machine has no ID.
control::Uuid machine_uuid();

} // namespace mctpxx::ctrld
