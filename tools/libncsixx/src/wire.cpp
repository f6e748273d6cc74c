// SPDX-License-Identifier: GPL-2.0
#include "ncsixx/wire.hpp"

namespace mctpxx::ncsi {

namespace {
std::string plural(std::size_t n, const char *word)
{
	return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}
} // namespace

Status Reader::finish()
{
	if (ok_ && pos_ != data_.size())
		invalid(plural(data_.size() - pos_, "trailing byte") + " after the last field (" +
			std::to_string(data_.size()) + " bytes, " + std::to_string(pos_) + " expected)");
	if (!ok_)
		return fail(error());
	return {};
}

bool Reader::take(std::size_t n, const char *field)
{
	if (!ok_)
		return false;
	if (data_.size() - pos_ < n) {
		invalid("truncated at " + std::string(field) + " (offset " + std::to_string(pos_) +
			", needs " + plural(n, "byte") + ", " + std::to_string(data_.size() - pos_) +
			" left)");
		return false;
	}
	pos_ += n;
	return true;
}

} // namespace mctpxx::ncsi
