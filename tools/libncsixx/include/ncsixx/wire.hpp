// SPDX-License-Identifier: GPL-2.0
// Big-endian (network order) field reading and writing for the NC-SI
// codecs. A Reader stops at the first problem and remembers it: every later
// read returns zero and never reads outside its span, and the error names
// the field (and the packet) where the bytes ran out or a value was wrong.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "mctpxx/error.hpp"

namespace mctpxx::ncsi {

using Bytes = std::vector<std::uint8_t>;

class Reader {
public:
	Reader(std::span<const std::uint8_t> data, std::string what)
		: data_(data), what_(std::move(what))
	{
	}

	std::uint8_t u8(const char *field) { return take(1, field) ? data_[pos_ - 1] : 0; }
	std::uint16_t u16(const char *field)
	{
		return static_cast<std::uint16_t>(be(2, field));
	}
	std::uint32_t u32(const char *field)
	{
		return static_cast<std::uint32_t>(be(4, field));
	}
	std::uint64_t u64(const char *field) { return be(8, field); }
	// @n bytes, or an empty span once anything failed.
	std::span<const std::uint8_t> bytes(std::size_t n, const char *field)
	{
		if (!take(n, field))
			return {};
		return data_.subspan(pos_ - n, n);
	}
	// @n bytes passed over (reserved fields, padding).
	void skip(std::size_t n, const char *field) { take(n, field); }
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
	// invalid() unless @cond; true when still good.
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

	// The end: an error if anything failed or bytes are left.
	Status finish();

private:
	bool take(std::size_t n, const char *field);
	std::uint64_t be(std::size_t n, const char *field)
	{
		if (!take(n, field))
			return 0;
		std::uint64_t v = 0;
		for (std::size_t i = pos_ - n; i < pos_; i++)
			v = v << 8 | data_[i];
		return v;
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
	Writer &u16(std::uint16_t v) { return be(v, 2); }
	Writer &u32(std::uint32_t v) { return be(v, 4); }
	Writer &u64(std::uint64_t v) { return be(v, 8); }
	Writer &zeros(std::size_t n)
	{
		b_.insert(b_.end(), n, 0);
		return *this;
	}
	Writer &bytes(std::span<const std::uint8_t> v)
	{
		b_.insert(b_.end(), v.begin(), v.end());
		return *this;
	}
	std::size_t size() const { return b_.size(); }
	Bytes &data() { return b_; }
	Bytes take() { return std::move(b_); }

private:
	Writer &be(std::uint64_t v, int n)
	{
		for (int i = n - 1; i >= 0; i--)
			b_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
		return *this;
	}
	Bytes b_;
};

} // namespace mctpxx::ncsi
