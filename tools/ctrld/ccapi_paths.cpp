// SPDX-License-Identifier: GPL-2.0
#include "ccapi_paths.hpp"

#include <charconv>

namespace mctpxx::ctrld::ccapi {
namespace {

bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

// A decimal number without sign or leading zeros, at most @max.
std::optional<unsigned long> number(std::string_view s, unsigned long max)
{
	if (s.empty() || (s.size() > 1 && s[0] == '0'))
		return std::nullopt;
	unsigned long v = 0;
	auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
	if (ec != std::errc() || end != s.data() + s.size() || v > max)
		return std::nullopt;
	return v;
}

// The rest of @path after "ROOT/@what/", or nullopt.
std::optional<std::string_view> under(std::string_view path, std::string_view what)
{
	const std::string prefix = std::string(kRoot) + "/" + std::string(what) + "/";
	if (path.size() <= prefix.size() || path.substr(0, prefix.size()) != prefix)
		return std::nullopt;
	return path.substr(prefix.size());
}

} // namespace

std::string escape_element(std::string_view name)
{
	if (name.empty())
		return "_";
	static const char hex[] = "0123456789abcdef";
	std::string out;
	for (char c : name) {
		if (is_alnum(c)) {
			out += c;
		} else {
			const auto b = static_cast<unsigned char>(c);
			out += '_';
			out += hex[b >> 4];
			out += hex[b & 15];
		}
	}
	return out;
}

std::optional<std::string> unescape_element(std::string_view elem)
{
	if (elem == "_")
		return std::string();
	if (elem.empty())
		return std::nullopt;
	std::string out;
	for (std::size_t i = 0; i < elem.size(); i++) {
		const char c = elem[i];
		if (is_alnum(c)) {
			out += c;
			continue;
		}
		if (c != '_' || i + 2 >= elem.size())
			return std::nullopt;
		const int hi = hex_value(elem[i + 1]), lo = hex_value(elem[i + 2]);
		if (hi < 0 || lo < 0)
			return std::nullopt;
		const char d = static_cast<char>(hi * 16 + lo);
		if (is_alnum(d)) // never escaped, so not a path we made
			return std::nullopt;
		out += d;
		i += 2;
	}
	return out;
}

std::string link_path(std::string_view ifname)
{
	return std::string(kRoot) + "/interfaces/" + escape_element(ifname);
}

std::string network_path(unsigned net)
{
	return std::string(kRoot) + "/networks/" + std::to_string(net);
}

std::string endpoint_object_path(const EndpointKey &k)
{
	return network_path(k.net) + "/endpoints/" + std::to_string(k.eid);
}

std::optional<std::string> parse_link_path(std::string_view path)
{
	auto rest = under(path, "interfaces");
	if (!rest || rest->find('/') != std::string_view::npos)
		return std::nullopt;
	auto name = unescape_element(*rest);
	if (!name || name->empty())
		return std::nullopt;
	return name;
}

std::optional<unsigned> parse_network_path(std::string_view path)
{
	auto rest = under(path, "networks");
	if (!rest)
		return std::nullopt;
	auto n = number(*rest, 0xffffffffUL);
	if (!n)
		return std::nullopt;
	return static_cast<unsigned>(*n);
}

std::optional<EndpointKey> parse_endpoint_path(std::string_view path)
{
	auto rest = under(path, "networks");
	if (!rest)
		return std::nullopt;
	const auto slash = rest->find('/');
	if (slash == std::string_view::npos)
		return std::nullopt;
	auto net = number(rest->substr(0, slash), 0xffffffffUL);
	const std::string_view tail = rest->substr(slash);
	constexpr std::string_view mid = "/endpoints/";
	if (!net || tail.substr(0, mid.size()) != mid)
		return std::nullopt;
	auto eid = number(tail.substr(mid.size()), 255);
	if (!eid)
		return std::nullopt;
	return EndpointKey{static_cast<unsigned>(*net), static_cast<std::uint8_t>(*eid)};
}

const char *to_string(Role r)
{
	switch (r) {
	case Role::BusOwner: return "BusOwner";
	case Role::Endpoint: return "Endpoint";
	case Role::Unknown: break;
	}
	return "Unknown";
}

std::optional<Role> parse_role(std::string_view s)
{
	if (s == "BusOwner")
		return Role::BusOwner;
	if (s == "Endpoint")
		return Role::Endpoint;
	if (s == "Unknown")
		return Role::Unknown;
	return std::nullopt;
}

} // namespace mctpxx::ctrld::ccapi
