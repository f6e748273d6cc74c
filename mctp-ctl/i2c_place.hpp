// SPDX-License-Identifier: GPL-2.0
// Where a link sits on i2c (from sysfs): the adapter its device is, and for
// a mux channel the parent adapter and the channel number. Shown by
// `link show -d` and in `-j link show`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace mctpxx::ctl {

struct I2cPlace {
	unsigned bus = 0;
	std::optional<unsigned> parent;	 // mux channels: the adapter above
	std::optional<unsigned> channel; // mux channels: the channel number
};

// nullopt: not a link on an i2c adapter
std::optional<I2cPlace> i2c_place(const std::string &ifname,
				  const std::filesystem::path &sysfs = "/sys");

std::string to_text(const I2cPlace &p); // "i2c-bus 5 parent 3 channel 1"
void add_json(nlohmann::json &link, const I2cPlace &p);

} // namespace mctpxx::ctl
