// SPDX-License-Identifier: GPL-2.0
// The NVMe-MI message codec of the endpoint emulator: MIC, request
// decoding, response layout.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "nvme_mi_codec.hpp"

using namespace mctpxx::emu::nvmemi;

namespace {

std::vector<std::uint8_t> mi_request(std::uint8_t opcode, std::uint32_t dw0, std::uint32_t dw1)
{
	std::vector<std::uint8_t> v{request_nmp(Kind::Mi), 0, 0, opcode, 0, 0, 0};
	for (auto d : {dw0, dw1})
		for (int i = 0; i < 4; i++)
			v.push_back(static_cast<std::uint8_t>(d >> (8 * i)));
	append_mic(v);
	return v;
}

std::uint32_t le32_at(const std::vector<std::uint8_t> &v, std::size_t at)
{
	return v[at] | v[at + 1] << 8 | v[at + 2] << 16 | static_cast<std::uint32_t>(v[at + 3]) << 24;
}

} // namespace

TEST(NvmeMiCodec, Crc32cCheckValue)
{
	const char *s = "123456789";
	std::vector<std::uint8_t> v(s, s + 9);
	EXPECT_EQ(~crc32c(v), 0xe3069283u);
}

TEST(NvmeMiCodec, MicCoversTheTypeByte)
{
	std::vector<std::uint8_t> body{0x08, 0x00, 0x00};
	std::vector<std::uint8_t> whole{0x84, 0x08, 0x00, 0x00};
	EXPECT_EQ(mic_of(body), ~crc32c(whole));
}

TEST(NvmeMiCodec, DecodesMiRequest)
{
	auto req = decode_request(mi_request(0x00, 0x03010002, 0x80000000));
	ASSERT_TRUE(req);
	EXPECT_EQ(req->kind, Kind::Mi);
	EXPECT_EQ(req->nmp, 0x08);
	EXPECT_EQ(req->opcode, 0x00);
	EXPECT_EQ(req->mi_dw0, 0x03010002u);
	EXPECT_EQ(req->mi_dw1, 0x80000000u);
	EXPECT_TRUE(req->data.empty());
}

TEST(NvmeMiCodec, DecodesAdminRequestWithData)
{
	std::vector<std::uint8_t> v(67);
	v[0] = request_nmp(Kind::Admin);
	v[3] = 0x11;	// opcode
	v[4] = 0x03;	// flags
	v[5] = 0x02;	// controller 2
	v[7] = 0x01;	// cdw1 = 1
	v[27] = 0x10;	// doff
	v[31] = 0x20;	// dlen
	v[43] = 0xff;	// cdw10
	v[66] = 0x5a;	// cdw15 top byte
	for (std::uint8_t b : {1, 2, 3, 4})
		v.push_back(b);
	append_mic(v);
	auto req = decode_request(v);
	ASSERT_TRUE(req);
	EXPECT_EQ(req->kind, Kind::Admin);
	EXPECT_EQ(req->opcode, 0x11);
	EXPECT_EQ(req->flags, 0x03);
	EXPECT_EQ(req->ctrl_id, 2);
	EXPECT_EQ(req->cdw[1], 1u);
	EXPECT_EQ(req->doff, 0x10u);
	EXPECT_EQ(req->dlen, 0x20u);
	EXPECT_EQ(req->cdw[10], 0xffu);
	EXPECT_EQ(req->cdw[15], 0x5a000000u);
	EXPECT_EQ(req->data, (std::vector<std::uint8_t>{1, 2, 3, 4}));
}

TEST(NvmeMiCodec, WrongMicIsRejected)
{
	auto v = mi_request(0x01, 0, 0);
	v[4] ^= 0x01; // a bit flipped in flight
	auto req = decode_request(v);
	ASSERT_FALSE(req);
	EXPECT_EQ(req.error(), DecodeError::BadMic);
	auto w = mi_request(0x01, 0, 0);
	w.back() ^= 0x80; // the MIC itself damaged
	EXPECT_EQ(decode_request(w).error(), DecodeError::BadMic);
}

TEST(NvmeMiCodec, TruncatedRequestsAreRejected)
{
	EXPECT_EQ(decode_request(std::vector<std::uint8_t>{}).error(), DecodeError::TooShort);
	EXPECT_EQ(decode_request(std::vector<std::uint8_t>{0x08, 0, 0, 0, 0, 0}).error(),
		  DecodeError::TooShort);
	// a valid MIC over an MI header cut short
	std::vector<std::uint8_t> mi{request_nmp(Kind::Mi), 0, 0, 0x01, 0, 0, 0};
	append_mic(mi);
	EXPECT_EQ(decode_request(mi).error(), DecodeError::Truncated);
	// an admin header cut short
	std::vector<std::uint8_t> admin(40);
	admin[0] = request_nmp(Kind::Admin);
	append_mic(admin);
	EXPECT_EQ(decode_request(admin).error(), DecodeError::Truncated);
}

TEST(NvmeMiCodec, ResponsesAreNotRequests)
{
	std::vector<std::uint8_t> v = mi_response(request_nmp(Kind::Mi), Status::Success, 0);
	EXPECT_EQ(decode_request(v).error(), DecodeError::NotRequest);
}

TEST(NvmeMiCodec, MiResponseLayout)
{
	const std::uint8_t data[] = {0xaa, 0xbb, 0xcc, 0xdd};
	auto v = mi_response(0x09, Status::Success, 0x030201, data);
	ASSERT_EQ(v.size(), 3u + 4 + 4 + 4);
	EXPECT_EQ(v[0], 0x89); // ROR set, the rest (CSI included) echoed
	EXPECT_EQ(v[3], 0x00);
	EXPECT_EQ(v[4], 0x01);
	EXPECT_EQ(v[5], 0x02);
	EXPECT_EQ(v[6], 0x03);
	EXPECT_EQ(v[7], 0xaa);
	EXPECT_EQ(le32_at(v, v.size() - 4),
		  mic_of(std::span<const std::uint8_t>(v).first(v.size() - 4)));
}

TEST(NvmeMiCodec, AdminResponseLayout)
{
	auto v = admin_response(request_nmp(Kind::Admin), 0x11223344, 0, 0x00040000);
	ASSERT_EQ(v.size(), 3u + 16 + 4);
	EXPECT_EQ(v[0], 0x90);
	EXPECT_EQ(v[3], 0x00);
	EXPECT_EQ(le32_at(v, 7), 0x11223344u);
	EXPECT_EQ(le32_at(v, 15), 0x00040000u);
}

TEST(NvmeMiCodec, ErrorAndMoreProcessingRequiredLayout)
{
	auto e = error_response(request_nmp(Kind::Mi), Status::InvalidOpcode);
	ASSERT_EQ(e.size(), 3u + 4 + 4);
	EXPECT_EQ(e[3], 0x03);
	auto m = mpr_response(request_nmp(Kind::Admin), 0x1234);
	ASSERT_EQ(m.size(), 3u + 4 + 4);
	EXPECT_EQ(m[3], 0x01);
	EXPECT_EQ(m[5], 0x34);
	EXPECT_EQ(m[6], 0x12);
}
