// SPDX-License-Identifier: GPL-2.0
#include "nvme_mi_codec.hpp"

namespace mctpxx::emu::nvmemi {
namespace {

constexpr std::uint8_t kRorResponse = 0x80; // NMP bit 7
using mctpxx::nvme_mi::kMicSize;
// sizes without the type byte
constexpr std::size_t kHeader = 3;		// NMP, MEB, reserved
constexpr std::size_t kMiRequest = kHeader + 12; // opcode, 3 reserved, dword 0, dword 1
constexpr std::size_t kAdminRequest = kHeader + 64;

std::uint32_t le32(std::span<const std::uint8_t> b, std::size_t at)
{
	return b[at] | b[at + 1] << 8 | b[at + 2] << 16 | static_cast<std::uint32_t>(b[at + 3]) << 24;
}

void put32(std::vector<std::uint8_t> &v, std::uint32_t x)
{
	for (int i = 0; i < 4; i++)
		v.push_back(static_cast<std::uint8_t>(x >> (8 * i)));
}

std::vector<std::uint8_t> header(std::uint8_t req_nmp)
{
	return {static_cast<std::uint8_t>(req_nmp | kRorResponse), 0, 0};
}

} // namespace

const char *to_string(DecodeError e)
{
	switch (e) {
	case DecodeError::BadMic:
		return "integrity check failed";
	case DecodeError::TooShort:
		return "shorter than a message header and its MIC";
	case DecodeError::NotRequest:
		return "a response, not a request";
	case DecodeError::Truncated:
		return "request header truncated";
	}
	return "?";
}

std::expected<Request, DecodeError> decode_request(std::span<const std::uint8_t> body)
{
	if (body.size() < kHeader + kMicSize)
		return std::unexpected(DecodeError::TooShort);
	auto msg = body.first(body.size() - kMicSize);
	if (mic_of(msg) != le32(body, msg.size()))
		return std::unexpected(DecodeError::BadMic);
	Request r;
	r.nmp = msg[0];
	if (r.nmp & kRorResponse)
		return std::unexpected(DecodeError::NotRequest);
	r.kind = static_cast<Kind>((r.nmp >> 3) & 0x0f);
	std::size_t hdr = kHeader;
	switch (r.kind) {
	case Kind::Mi:
		if (msg.size() < kMiRequest)
			return std::unexpected(DecodeError::Truncated);
		r.opcode = msg[3];
		r.mi_dw0 = le32(msg, 7);
		r.mi_dw1 = le32(msg, 11);
		hdr = kMiRequest;
		break;
	case Kind::Admin:
		if (msg.size() < kAdminRequest)
			return std::unexpected(DecodeError::Truncated);
		r.opcode = msg[3];
		r.flags = msg[4];
		r.ctrl_id = static_cast<std::uint16_t>(msg[5] | msg[6] << 8);
		for (int i = 1; i <= 5; i++)
			r.cdw[i] = le32(msg, 7 + 4 * (i - 1));
		r.doff = le32(msg, 27);
		r.dlen = le32(msg, 31);
		// 35..42 reserved
		for (int i = 10; i <= 15; i++)
			r.cdw[i] = le32(msg, 43 + 4 * (i - 10));
		hdr = kAdminRequest;
		break;
	default:
		if (msg.size() < kHeader + 1)
			return std::unexpected(DecodeError::Truncated);
		r.opcode = msg[3];
		hdr = kHeader + 1;
		break;
	}
	r.data.assign(msg.begin() + static_cast<std::ptrdiff_t>(hdr), msg.end());
	return r;
}

std::vector<std::uint8_t> mi_response(std::uint8_t req_nmp, Status st, std::uint32_t nmresp,
				      std::span<const std::uint8_t> data)
{
	auto v = header(req_nmp);
	v.push_back(static_cast<std::uint8_t>(st));
	v.push_back(static_cast<std::uint8_t>(nmresp));
	v.push_back(static_cast<std::uint8_t>(nmresp >> 8));
	v.push_back(static_cast<std::uint8_t>(nmresp >> 16));
	v.insert(v.end(), data.begin(), data.end());
	append_mic(v);
	return v;
}

std::vector<std::uint8_t> admin_response(std::uint8_t req_nmp, std::uint32_t cdw0,
					 std::uint32_t cdw1, std::uint32_t cdw3,
					 std::span<const std::uint8_t> data)
{
	auto v = header(req_nmp);
	v.insert(v.end(), {static_cast<std::uint8_t>(Status::Success), 0, 0, 0});
	put32(v, cdw0);
	put32(v, cdw1);
	put32(v, cdw3);
	v.insert(v.end(), data.begin(), data.end());
	append_mic(v);
	return v;
}

std::vector<std::uint8_t> error_response(std::uint8_t req_nmp, Status st)
{
	return mi_response(req_nmp, st, 0);
}

std::vector<std::uint8_t> mpr_response(std::uint8_t req_nmp, std::uint16_t wait_100ms)
{
	auto v = header(req_nmp);
	v.push_back(static_cast<std::uint8_t>(Status::MoreProcessingRequired));
	v.push_back(0);
	v.push_back(static_cast<std::uint8_t>(wait_100ms));
	v.push_back(static_cast<std::uint8_t>(wait_100ms >> 8));
	append_mic(v);
	return v;
}

} // namespace mctpxx::emu::nvmemi
