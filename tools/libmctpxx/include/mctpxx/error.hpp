// SPDX-License-Identifier: GPL-2.0
// Errors as values at library boundaries.
#pragma once

#include <cerrno>
#include <cstring>
#include <expected>
#include <string>
#include <utility>
#include <version>

#if !defined(__cpp_lib_expected)
#error "the mctp library's headers need C++23 (std::expected): compile with -std=c++23"
#endif

namespace mctpxx {

// An error: an errno-style code (0 when the error is not a system error)
// and a message naming what went wrong.
struct Error {
	int code = 0;
	std::string message;

	static Error sys(int err, std::string what)
	{
		return Error{err, std::move(what) + ": " + std::strerror(err)};
	}
	static Error msg(std::string what) { return Error{0, std::move(what)}; }
	static Error last(std::string what) { return sys(errno, std::move(what)); }
};

template <typename T>
using Result = std::expected<T, Error>;

using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(Error e)
{
	return std::unexpected<Error>(std::move(e));
}

} // namespace mctpxx
