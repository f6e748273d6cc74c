// SPDX-License-Identifier: GPL-2.0
#include "mctpxx/nvme_mi.hpp"

#include <array>
#include <string>

#include "mctpxx/request.hpp"

namespace mctpxx::nvme_mi {
namespace {

constexpr std::uint8_t kRor = 0x80;	  // NMP bit 7: response
constexpr std::uint8_t kNmimtShift = 3;	  // NMP bits 6:3: message type
constexpr std::uint8_t kNmimtMask = 0x78;
constexpr std::uint8_t kNmimtMi = 1;
constexpr std::size_t kHeader = 3;	  // NMP, MEB, reserved
constexpr std::size_t kMiResponseHeader = kHeader + 4; // status, NMRESP

constexpr std::array<std::uint32_t, 256> make_table()
{
	std::array<std::uint32_t, 256> t{};
	for (std::uint32_t i = 0; i < 256; i++) {
		std::uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = (c & 1) ? (c >> 1) ^ 0x82f63b78u : c >> 1;
		t[i] = c;
	}
	return t;
}

constexpr auto kTable = make_table();

void put32(std::vector<std::uint8_t> &v, std::uint32_t x)
{
	for (int i = 0; i < 4; i++)
		v.push_back(static_cast<std::uint8_t>(x >> (8 * i)));
}

} // namespace

std::uint32_t crc32c(std::span<const std::uint8_t> data, std::uint32_t crc)
{
	for (auto b : data)
		crc = kTable[(crc ^ b) & 0xff] ^ (crc >> 8);
	return crc;
}

std::uint32_t mic_of(std::span<const std::uint8_t> body)
{
	const std::uint8_t type = kMessageTypeIc;
	return ~crc32c(body, crc32c({&type, 1}));
}

void append_mic(std::vector<std::uint8_t> &body)
{
	put32(body, mic_of(body));
}

bool mic_ok(std::span<const std::uint8_t> m)
{
	if (m.size() < kMicSize)
		return false;
	const std::size_t n = m.size() - kMicSize;
	const std::uint32_t mic = m[n] | m[n + 1] << 8 | m[n + 2] << 16 |
				  static_cast<std::uint32_t>(m[n + 3]) << 24;
	return mic == mic_of(m.first(n));
}

std::vector<std::uint8_t> mi_request(MiOpcode op, std::uint32_t dw0, std::uint32_t dw1,
				     std::span<const std::uint8_t> data)
{
	std::vector<std::uint8_t> m{kNmimtMi << kNmimtShift, 0, 0, static_cast<std::uint8_t>(op), 0,
				    0, 0};
	put32(m, dw0);
	put32(m, dw1);
	m.insert(m.end(), data.begin(), data.end());
	append_mic(m);
	return m;
}

Result<MiResponse> decode_mi_response(std::span<const std::uint8_t> m)
{
	if (m.size() < kMiResponseHeader + kMicSize)
		return fail(Error::msg("NVMe-MI response of " + std::to_string(m.size()) +
				       " bytes: shorter than its header and MIC (" +
				       std::to_string(kMiResponseHeader + kMicSize) + ")"));
	if (!mic_ok(m))
		return fail(Error::msg("NVMe-MI response with a wrong integrity check (MIC)"));
	if (!(m[0] & kRor))
		return fail(Error::msg("NVMe-MI message is a request, not a response"));
	if (((m[0] & kNmimtMask) >> kNmimtShift) != kNmimtMi)
		return fail(Error::msg("NVMe-MI response of message type " +
				       std::to_string((m[0] & kNmimtMask) >> kNmimtShift) +
				       ", not an MI command response"));
	MiResponse r;
	r.status = m[kHeader];
	r.nmresp = m[kHeader + 1] | m[kHeader + 2] << 8 | m[kHeader + 3] << 16;
	r.data.assign(m.begin() + kMiResponseHeader, m.end() - kMicSize);
	return r;
}

Result<MiResponse> mi_command(Socket &sock, unsigned net, std::uint8_t eid, MiOpcode op,
			      std::uint32_t dw0, std::uint32_t dw1,
			      std::chrono::milliseconds timeout)
{
	const auto req = mi_request(op, dw0, dw1);
	Address to;
	to.net = net;
	to.eid = eid;
	to.type = kMessageTypeIc;
	RequestOptions opts;
	opts.timeout = timeout;
	auto answers = request(sock, to, req, opts);
	if (!answers)
		return fail(answers.error());
	const Message &a = answers->front();
	if (a.truncated)
		return fail(Error::msg("NVMe-MI response larger than the receive buffer"));
	return decode_mi_response(a.data);
}

const char *status_name(std::uint8_t status)
{
	switch (status) {
	case 0x00: return "success";
	case 0x01: return "more processing required";
	case 0x02: return "internal error";
	case 0x03: return "invalid command opcode";
	case 0x04: return "invalid parameter";
	case 0x05: return "invalid command size";
	case 0x06: return "invalid command input data size";
	case 0x07: return "access denied";
	case 0x20: return "VPD updates exceeded";
	case 0x21: return "PCIe inaccessible";
	}
	return "unknown status";
}

} // namespace mctpxx::nvme_mi
