// SPDX-License-Identifier: GPL-2.0
#include "uuid.hpp"

#include <systemd/sd-id128.h>

#include <algorithm>

namespace mctpxx::ctrld {
namespace {

// Application ID for the machine-specific UUID (any fixed value).
constexpr sd_id128_t kAppId = SD_ID128_MAKE(5c, 2e, 8a, 41, 93, 0d, 4b, 7e, a2, 61, 0f, 3c, d8, 17, 94, 6b);

control::Uuid from_id128(const sd_id128_t &id)
{
	control::Uuid u;
	std::copy(std::begin(id.bytes), std::end(id.bytes), u.begin());
	return u;
}

} // namespace

std::optional<control::Uuid> uuid_parse(const std::string &text)
{
	sd_id128_t id;
	if (sd_id128_from_string(text.c_str(), &id) < 0)
		return std::nullopt;
	return from_id128(id);
}

std::string uuid_text(const control::Uuid &u)
{
	sd_id128_t id;
	std::copy(u.begin(), u.end(), std::begin(id.bytes));
	char buf[SD_ID128_UUID_STRING_MAX];
	return sd_id128_to_uuid_string(id, buf);
}

control::Uuid machine_uuid()
{
	sd_id128_t id;
	if (sd_id128_get_machine_app_specific(kAppId, &id) < 0 && sd_id128_randomize(&id) < 0)
		return control::Uuid{};
	return from_id128(id);
}

} // namespace mctpxx::ctrld
