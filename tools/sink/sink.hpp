// SPDX-License-Identifier: GPL-2.0
// The count query of a one-way stream's sink (mctp-echo -s, mctp-bench -S):
// the 4-byte request "CNT?" is answered with the number of messages since
// the last query, 8 bytes little-endian; every other message is counted.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace mctpxx::sink {

inline constexpr std::array<std::uint8_t, 4> kCountQuery{'C', 'N', 'T', '?'};

inline bool is_count_query(std::span<const std::uint8_t> data)
{
	return std::equal(data.begin(), data.end(), kCountQuery.begin(), kCountQuery.end());
}

inline std::vector<std::uint8_t> encode_count(std::uint64_t count)
{
	std::vector<std::uint8_t> out(8);
	for (std::size_t i = 0; i < out.size(); i++)
		out[i] = static_cast<std::uint8_t>(count >> (8 * i));
	return out;
}

// The count, or nothing when @data is not 8 bytes.
inline std::optional<std::uint64_t> decode_count(std::span<const std::uint8_t> data)
{
	if (data.size() != 8)
		return std::nullopt;
	std::uint64_t v = 0;
	for (std::size_t i = 0; i < data.size(); i++)
		v |= std::uint64_t(data[i]) << (8 * i);
	return v;
}

} // namespace mctpxx::sink
