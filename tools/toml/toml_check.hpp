// SPDX-License-Identifier: GPL-2.0
// Checked access to TOML nodes for configuration parsers: each check throws
// a ConfigError naming the node's line and what was wrong; a parser catches
// it at the document level and turns it into "FILE:LINE: reason".
#pragma once

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <initializer_list>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "mctpxx/error.hpp"

namespace mctpxx::toml_check {

struct ConfigError {
	int line;
	std::string reason;
};

inline int line_of(const toml::node &n)
{
	return static_cast<int>(n.source().begin.line);
}

[[noreturn]] inline void reject(const toml::node &n, std::string reason)
{
	throw ConfigError{line_of(n), std::move(reason)};
}

inline void only_keys(const toml::table &t, std::initializer_list<std::string_view> allowed,
		      const std::string &where)
{
	for (auto &&[k, v] : t)
		if (std::find(allowed.begin(), allowed.end(), k.str()) == allowed.end())
			reject(v, "unknown key \"" + std::string(k.str()) + "\" in " + where);
}

inline std::int64_t integer(const toml::node &n, std::int64_t lo, std::int64_t hi,
			    const std::string &what)
{
	auto v = n.value<std::int64_t>();
	if (!n.is_integer() || !v)
		reject(n, what + " must be an integer");
	if (*v < lo || *v > hi)
		reject(n, what + " " + std::to_string(*v) + " out of range " + std::to_string(lo) +
				  ".." + std::to_string(hi));
	return *v;
}

inline bool boolean(const toml::node &n, const std::string &what)
{
	if (!n.is_boolean())
		reject(n, what + " must be true or false");
	return *n.value<bool>();
}

inline std::string string(const toml::node &n, const std::string &what)
{
	if (!n.is_string())
		reject(n, what + " must be a string");
	return *n.value<std::string>();
}

inline const toml::table &table(const toml::node &n, const std::string &what)
{
	if (!n.is_table())
		reject(n, what + " must be a table");
	return *n.as_table();
}

inline const toml::array &array(const toml::node &n, const std::string &what)
{
	if (!n.is_array())
		reject(n, what + " must be an array");
	return *n.as_array();
}

// A configuration whose file may be missing (a daemon then runs on its
// defaults, Config{}): @parse(text, file) of the file's text, or the
// error of reading it. Something there that is not a file (a directory,
// a device) is an error, never the defaults.
template <typename Config, typename Parse>
Result<Config> load_or_defaults(const std::string &file, Parse parse)
{
	std::error_code ec;
	const auto st = std::filesystem::status(file, ec);
	if (ec || st.type() == std::filesystem::file_type::not_found) {
		if (st.type() == std::filesystem::file_type::not_found)
			return Config{};
		return fail(Error::sys(ec.value(), "reading " + file));
	}
	if (st.type() == std::filesystem::file_type::directory)
		return fail(Error::sys(EISDIR, "reading " + file));
	if (st.type() != std::filesystem::file_type::regular)
		return fail(Error{EINVAL, "reading " + file + ": not a regular file"});
	std::ifstream in(file);
	if (!in)
		return fail(Error::last("reading " + file));
	std::stringstream ss;
	ss << in.rdbuf();
	return parse(ss.str(), file);
}

} // namespace mctpxx::toml_check
