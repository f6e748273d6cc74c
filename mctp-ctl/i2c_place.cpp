// SPDX-License-Identifier: GPL-2.0
#include "i2c_place.hpp"

#include <charconv>

namespace fs = std::filesystem;

namespace mctpxx::ctl {
namespace {

// "i2c-N" -> N
std::optional<unsigned> adapter_number(const std::string &name)
{
	unsigned n = 0;
	if (!name.starts_with("i2c-"))
		return std::nullopt;
	auto [end, ec] = std::from_chars(name.data() + 4, name.data() + name.size(), n);
	if (ec != std::errc() || end != name.data() + name.size() || name.size() == 4)
		return std::nullopt;
	return n;
}

// The channel of a mux adapter: the mux device has a channel-K link to it.
std::optional<unsigned> mux_channel(const fs::path &adapter)
{
	std::error_code ec;
	fs::path mux = fs::canonical(adapter / "mux_device", ec);
	if (ec)
		return std::nullopt;
	for (const auto &e : fs::directory_iterator(mux, ec)) {
		const std::string name = e.path().filename().string();
		unsigned k = 0;
		if (!name.starts_with("channel-"))
			continue;
		auto [end, err] = std::from_chars(name.data() + 8, name.data() + name.size(), k);
		if (err != std::errc() || end != name.data() + name.size())
			continue;
		if (fs::equivalent(e.path(), adapter, ec))
			return k;
	}
	return std::nullopt;
}

} // namespace

std::optional<I2cPlace> i2c_place(const std::string &ifname, const fs::path &sysfs)
{
	std::error_code ec;
	fs::path adapter = fs::canonical(sysfs / "class/net" / ifname / "device", ec);
	if (ec)
		return std::nullopt;
	auto bus = adapter_number(adapter.filename().string());
	if (!bus)
		return std::nullopt;
	I2cPlace p{*bus, std::nullopt, std::nullopt};
	p.channel = mux_channel(adapter);
	if (!p.channel)
		return p;
	for (fs::path a = adapter.parent_path(); a.has_relative_path(); a = a.parent_path())
		if ((p.parent = adapter_number(a.filename().string())))
			break;
	return p;
}

std::string to_text(const I2cPlace &p)
{
	std::string s = "i2c-bus " + std::to_string(p.bus);
	if (p.parent)
		s += " parent " + std::to_string(*p.parent);
	if (p.channel)
		s += " channel " + std::to_string(*p.channel);
	return s;
}

void add_json(nlohmann::json &link, const I2cPlace &p)
{
	link["i2c_bus"] = p.bus;
	if (p.parent)
		link["i2c_parent"] = *p.parent;
	if (p.channel)
		link["mux_channel"] = *p.channel;
}

} // namespace mctpxx::ctl
