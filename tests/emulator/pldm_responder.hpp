// SPDX-License-Identifier: GPL-2.0
// The PLDM add-in card's responder: one request in, its response out,
// from the card's state (pldm_card.hpp). Types 0 (base), 2 (platform
// monitoring and control) and 4 (FRU data), on libpldmxx's codecs. Pure:
// no I/O, so the unit tests drive it directly.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "pldm_card.hpp"

namespace mctpxx::emu::pldm {

// The largest part of a multipart answer (GetPDR, GetFRURecordTable): the
// PDRs and the FRU table take more than one part.
inline constexpr std::size_t kMaxPart = 64;

// The response to @request at @now, or nullopt when it is not a request
// to answer (a response, a header cut short). A request the card cannot
// decode is answered ERROR_INVALID_LENGTH (cut short, trailing bytes) or
// ERROR_INVALID_DATA; an unknown type ERROR_INVALID_PLDM_TYPE, an unknown
// command ERROR_UNSUPPORTED_PLDM_CMD. @note (if given) says what it was.
std::optional<Bytes> respond(Card &card, std::span<const std::uint8_t> request,
			     Clock::time_point now, std::string *note = nullptr);

} // namespace mctpxx::emu::pldm
