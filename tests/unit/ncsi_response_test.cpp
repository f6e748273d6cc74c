// SPDX-License-Identifier: GPL-2.0
// NC-SI responses: response and reason codes in words, encode_response()
// from a request, decode_response() checking type, IID and status.
#include <gtest/gtest.h>

#include "ncsi_test_util.hpp"
#include "ncsixx/response.hpp"

using namespace mctpxx::ncsi;
using namespace ncsi_test;

namespace {
Header request_header(std::uint8_t type, std::uint8_t iid)
{
	Header h;
	h.type = type;
	h.iid = iid;
	h.channel = {0, 1};
	return h;
}
} // namespace

TEST(NcsiStatus, Describe)
{
	EXPECT_EQ(describe({}), "completed");
	EXPECT_EQ(describe({response_code::Failed, reason::InterfaceInitRequired}),
		  "failed: interface initialization required");
	EXPECT_EQ(describe({response_code::Unsupported, reason::UnknownCommand}),
		  "unsupported: unknown command type");
	EXPECT_EQ(describe({response_code::Failed, reason::InvalidPayloadLength}),
		  "failed: invalid payload length");
	EXPECT_EQ(describe({response_code::Unavailable, reason::ChannelNotReady}), "unavailable: channel not ready");
	EXPECT_EQ(describe({response_code::Failed, reason::PackageNotReady}), "failed: package not ready");
	EXPECT_EQ(describe({response_code::Failed, reason::ParameterInvalid}),
		  "failed: parameter invalid, unsupported or out of range");
	EXPECT_EQ(describe({response_code::Failed, reason::MacAddressZero}), "failed: MAC address is zero");
	EXPECT_EQ(describe({response_code::Failed, reason::None}), "failed: no reason");
	EXPECT_EQ(describe({0x0009, 0x1234}), "code 0x0009: reason 0x1234");
	EXPECT_EQ(describe({0x8001, 0x8002}), "OEM code 0x8001: OEM reason 0x8002");
	EXPECT_TRUE(ResponseStatus{}.ok());
	EXPECT_FALSE((ResponseStatus{response_code::Unsupported, 0}).ok());
}

TEST(NcsiResponse, EncodesFromTheRequest)
{
	Header req = request_header(0x0a, 5);
	req.mc_id = 0x11;
	const Bytes data{0, 1, 0, 0x6f, 0, 0, 0, 1, 0x12, 0x34, 0x56, 0x78};
	auto b = encode_response(req, {}, data);
	ASSERT_TRUE(b);
	auto p = parse(*b);
	ASSERT_TRUE(p);
	EXPECT_EQ(p->header.type, 0x8a);
	EXPECT_EQ(p->header.iid, 5);
	EXPECT_EQ(p->header.mc_id, 0x11);
	EXPECT_EQ(p->header.channel, (ChannelId{0, 1}));
	EXPECT_EQ(p->header.payload_length, 16);
	EXPECT_EQ(Bytes(p->payload.begin(), p->payload.begin() + 4), (Bytes{0, 0, 0, 0}));

	auto f = encode_response(req, {response_code::Unsupported, reason::UnknownCommand});
	ASSERT_TRUE(f);
	p = parse(*f);
	ASSERT_TRUE(p);
	EXPECT_EQ(Bytes(p->payload.begin(), p->payload.end()), (Bytes{0x00, 0x03, 0x7f, 0xff}));

	EXPECT_TRUE(mentions(error_of(encode_response(request_header(0x8a, 1), {})), "not a command"));
	EXPECT_TRUE(mentions(error_of(encode_response(req, {}, Bytes(4092, 0))), "12-bit payload length"));
}

TEST(NcsiResponse, DecodeChecksTypeIidAndStatus)
{
	const Bytes ok = *encode_response(request_header(0x0a, 5), {}, Bytes(12, 0xab));
	auto r = decode_response(ok, Command::GetLinkStatus, 5);
	ASSERT_TRUE(r) << r.error().message;
	EXPECT_TRUE(r->status.ok());
	EXPECT_EQ(r->data.size(), 12u);
	EXPECT_EQ(r->header.type, 0x8a);

	EXPECT_TRUE(mentions(error_of(decode_response(ok, Command::GetLinkStatus, 6)),
			     "Get Link Status response: IID 5, 6 expected"));
	EXPECT_TRUE(mentions(error_of(decode_response(ok, Command::GetVersionId, 5)),
			     "packet type 0x8a answers Get Link Status, 0x95 expected"));
	const Bytes cmd = *encode_request({{0, 1}, 5}, 0x0a, {});
	EXPECT_TRUE(mentions(error_of(decode_response(cmd, Command::GetLinkStatus, 5)), "is a command"));
	Bytes aen = ok;
	aen[4] = 0xff;
	fix_checksum(aen);
	EXPECT_TRUE(mentions(error_of(decode_response(aen, Command::GetLinkStatus, 5)), "AEN"));

	// room for the two codes
	const Bytes short_payload = with_payload(ok, Bytes{0, 0, 0});
	EXPECT_TRUE(mentions(error_of(decode_response(short_payload, Command::GetLinkStatus, 5)),
			     "truncated at reason code"));
	every_prefix_fails(ok, [](std::span<const std::uint8_t> b) { return decode_response(b, 0x0a, 5); });
	Bytes longer = ok;
	longer.push_back(0);
	EXPECT_TRUE(mentions(error_of(decode_response(longer, 0x0a, 5)), "trailing"));
	Bytes bad = ok;
	bad[1] = 3;
	fix_checksum(bad);
	EXPECT_TRUE(mentions(error_of(decode_response(bad, 0x0a, 5)), "header revision 0x03"));
	bad = ok;
	bad[25] ^= 1;
	EXPECT_TRUE(mentions(error_of(decode_response(bad, 0x0a, 5)), "checksum"));

	// a failed response: status read, data left to the caller
	const Bytes failed = *encode_response(request_header(0x0a, 9),
					      {response_code::Failed, reason::GetLinkStatusHardwareError});
	auto f = decode_response(failed, 0x0a, 9);
	ASSERT_TRUE(f);
	EXPECT_FALSE(f->status.ok());
	EXPECT_EQ(describe(f->status), "failed: link command failed: hardware access error");
	EXPECT_TRUE(f->data.empty());
}
