// SPDX-License-Identifier: GPL-2.0
// The emulated NC-SI controller's responder: one NC-SI command packet in
// (the MCTP message after its type byte), its response out, from the
// controller's state (ncsi_controller.hpp), on libncsixx's codecs. Pure:
// no I/O, so the unit tests drive it directly.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "ncsi_controller.hpp"

namespace mctpxx::emu::ncsi {

// The response to @request from @from_eid, or nullopt when nothing is
// answered: a package or channel that does not exist, a silent package, a
// bad checksum (counted in Command Checksum Errors), a packet that is not
// a command or does not parse otherwise (counted as dropped). A length
// that does not fit the command is answered Command Failed / Invalid
// Payload Length; an unknown or unsupported command Command Unsupported /
// Unknown Command Type (counted in Command Type Errors); a channel command
// to a channel in the Initial State Command Failed / Interface
// Initialization Required. @note (if given) says what it was.
std::optional<Bytes> respond(Controller &ctl, std::span<const std::uint8_t> request, std::uint8_t from_eid,
			     std::string *note = nullptr);

} // namespace mctpxx::emu::ncsi
