// SPDX-License-Identifier: GPL-2.0
// Little-endian field reading and writing for the PLDM codecs. A Reader
// stops at the first problem and remembers it: every later read returns
// zero and never touches memory outside the span, and the error names the
// field (and the message) where the bytes ran out or a value was wrong.
#pragma once

#include <bit>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "mctpxx/error.hpp"

namespace mctpxx::pldm {

using Bytes = std::vector<std::uint8_t>;

class Reader {
public:
	Reader(std::span<const std::uint8_t> data, std::string what)
		: data_(data), what_(std::move(what))
	{
	}

	std::uint8_t u8(const char *field)
	{
		return take(1, field) ? data_[pos_ - 1] : 0;
	}
	std::int8_t s8(const char *field) { return static_cast<std::int8_t>(u8(field)); }
	std::uint16_t u16(const char *field)
	{
		if (!take(2, field))
			return 0;
		return static_cast<std::uint16_t>(data_[pos_ - 2] | data_[pos_ - 1] << 8);
	}
	std::int16_t s16(const char *field) { return static_cast<std::int16_t>(u16(field)); }
	std::uint32_t u32(const char *field)
	{
		if (!take(4, field))
			return 0;
		const auto *p = &data_[pos_ - 4];
		return p[0] | p[1] << 8 | p[2] << 16 | static_cast<std::uint32_t>(p[3]) << 24;
	}
	std::int32_t s32(const char *field) { return static_cast<std::int32_t>(u32(field)); }
	float real32(const char *field) { return std::bit_cast<float>(u32(field)); }
	// @n bytes, or an empty span once anything failed.
	std::span<const std::uint8_t> bytes(std::size_t n, const char *field)
	{
		if (!take(n, field))
			return {};
		return data_.subspan(pos_ - n, n);
	}
	// Everything left.
	std::span<const std::uint8_t> rest()
	{
		if (!ok_)
			return {};
		auto r = data_.subspan(pos_);
		pos_ = data_.size();
		return r;
	}

	// Records a wrong value (the first problem wins).
	void invalid(const std::string &why)
	{
		if (ok_) {
			ok_ = false;
			error_ = what_ + ": " + why;
		}
	}
	// invalid() unless @cond.
	bool expect(bool cond, const std::string &why)
	{
		if (!cond)
			invalid(why);
		return cond && ok_;
	}

	bool ok() const { return ok_; }
	std::size_t left() const { return ok_ ? data_.size() - pos_ : 0; }
	std::size_t offset() const { return pos_; }
	const std::string &what() const { return what_; }
	Error error() const { return Error::msg(error_); }

	// The end of a message: an error if anything failed or bytes are left.
	Status finish()
	{
		if (ok_ && pos_ != data_.size())
			invalid(std::to_string(data_.size() - pos_) + " trailing byte" +
				(data_.size() - pos_ == 1 ? "" : "s") + " after the last field (" +
				std::to_string(data_.size()) + " bytes, " + std::to_string(pos_) +
				" expected)");
		if (!ok_)
			return fail(error());
		return {};
	}

private:
	bool take(std::size_t n, const char *field)
	{
		if (!ok_)
			return false;
		if (data_.size() - pos_ < n) {
			invalid("truncated at " + std::string(field) + " (offset " + std::to_string(pos_) +
				", needs " + std::to_string(n) + " byte" + (n == 1 ? "" : "s") + ", " +
				std::to_string(data_.size() - pos_) + " left)");
			return false;
		}
		pos_ += n;
		return true;
	}

	std::span<const std::uint8_t> data_;
	std::size_t pos_ = 0;
	bool ok_ = true;
	std::string what_;
	std::string error_;
};

class Writer {
public:
	Writer() = default;
	explicit Writer(Bytes start) : b_(std::move(start)) {}

	Writer &u8(std::uint8_t v)
	{
		b_.push_back(v);
		return *this;
	}
	Writer &u16(std::uint16_t v)
	{
		b_.push_back(static_cast<std::uint8_t>(v));
		b_.push_back(static_cast<std::uint8_t>(v >> 8));
		return *this;
	}
	Writer &u32(std::uint32_t v)
	{
		for (int i = 0; i < 4; i++)
			b_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
		return *this;
	}
	Writer &real32(float v) { return u32(std::bit_cast<std::uint32_t>(v)); }
	Writer &bytes(std::span<const std::uint8_t> v)
	{
		b_.insert(b_.end(), v.begin(), v.end());
		return *this;
	}
	std::size_t size() const { return b_.size(); }
	Bytes &data() { return b_; }
	Bytes take() { return std::move(b_); }

private:
	Bytes b_;
};

} // namespace mctpxx::pldm
