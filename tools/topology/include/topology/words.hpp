// SPDX-License-Identifier: GPL-2.0
// How the view says things: message types by name, times, numbers, sizes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mctpxx::topology {

// "4 NVMe-MI", "0x7f vendor-IANA", "0x42" for one without a name.
std::string message_type(std::uint8_t t);
// "0 control, 4 NVMe-MI"
std::string message_types(const std::vector<std::uint8_t> &types);
// In a sentence: "5 (SPDM), 0x7f (vendor-IANA)".
std::string message_types_named(const std::vector<std::uint8_t> &types);
// "0x1d"
std::string hex_byte(unsigned v);
// @us (µs since the epoch) in local time: "20:41:07" on the day of
// @now_us, "2024-05-03 20:41:07" before.
std::string clock_time(std::uint64_t us, std::uint64_t now_us);
// "no response since 20:41:07", or "no response" when @last_us is 0.
std::string no_response_since(std::uint64_t last_us, std::uint64_t now_us);
// A value as a person writes it: "42", "62.5", "0.025"; "nan" stays.
std::string number(double v);
// A byte count in SI units: "512 B", "4.1 kB", "960 GB", "1.92 TB".
std::string bytes(std::uint64_t n);
// A D-Bus Sensor.Value unit's short form: DegreesC -> "C", Watts -> "W".
std::string unit_symbol(const std::string &unit);

} // namespace mctpxx::topology
