// SPDX-License-Identifier: GPL-2.0
// Session::vpd(): NVMe-MI VPD Read, which libnvme-mi 1.3 does not have,
// through the client library's NVMe-MI codec on a socket of its own (the
// kernel gives each request its own tag, so it does not disturb
// libnvme's endpoint). The FRU header first, then the product info area.
#include "session.hpp"

#include "mctpxx/nvme_mi.hpp"
#include <algorithm>

#include "mctpxx/socket.hpp"

namespace mctpxx::nvmed {
namespace {

// what one VPD Read asks for at most; the product area is up to 2040 bytes
constexpr std::size_t kMaxRead = 2048;

Result<std::vector<std::uint8_t>> vpd_read(Socket &s, unsigned net, std::uint8_t eid,
					   std::size_t offset, std::size_t len,
					   std::chrono::milliseconds timeout)
{
	auto r = nvme_mi::mi_command(s, net, eid, nvme_mi::MiOpcode::VpdRead,
				     static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(len),
				     timeout);
	const std::string what = "VPD Read of " + std::to_string(len) + " bytes at " +
				 std::to_string(offset);
	if (!r)
		return fail(Error{r.error().code, what + ": " + r.error().message});
	if (r->status != 0)
		return fail(Error{EPROTO, what + ": " + nvme_mi::status_name(r->status)});
	if (r->data.size() != len)
		return fail(Error{EPROTO, what + ": " + std::to_string(r->data.size()) +
					 " bytes came back"});
	return std::move(r->data);
}

} // namespace

Result<Fru> Session::vpd()
{
	auto sock = Socket::open();
	if (!sock)
		return fail(sock.error());
	auto header = vpd_read(*sock, net_, eid_, 0, kFruHeaderSize, timeout_);
	if (!header)
		return fail(header.error());
	auto off = fru_product_offset(*header);
	if (!off)
		return fail(off.error());
	if (*off == 0)
		return fail(Error{ENODATA, "the VPD has no product info area"});
	auto start = vpd_read(*sock, net_, eid_, *off, 2, timeout_);
	if (!start)
		return fail(start.error());
	auto len = fru_area_length(*start);
	if (!len)
		return fail(len.error());
	auto area = vpd_read(*sock, net_, eid_, *off, std::min(*len, kMaxRead), timeout_);
	if (!area)
		return fail(area.error());
	return parse_product_area(*area);
}

} // namespace mctpxx::nvmed
