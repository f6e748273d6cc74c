// SPDX-License-Identifier: GPL-2.0
// PLDM header, instance IDs, timing and the type 0 (base) commands, with
// byte vectors written from DSP0240 1.1.
#include <gtest/gtest.h>

#include "pldm_test_util.hpp"
#include "pldmxx/base.hpp"

using namespace mctpxx::pldm;
using namespace pldm_test;
using std::chrono::milliseconds;

TEST(PldmHeader, EncodesRequestAndResponse)
{
	// Rq=1 D=0 IID 5; hdr ver 0, type 2; command 0x51
	EXPECT_EQ(*encode_header({true, false, 5, 0, 2, 0x51}), (Bytes{0x85, 0x02, 0x51}));
	EXPECT_EQ(*encode_header({true, true, 31, 0, 0x3f, 0xff}), (Bytes{0xdf, 0x3f, 0xff}));
	EXPECT_EQ(*encode_header({false, false, 5, 0, 4, 0x02}), (Bytes{0x05, 0x04, 0x02}));
}

TEST(PldmHeader, RefusesOutOfRangeFields)
{
	EXPECT_TRUE(mentions(encode_header({true, false, 32, 0, 0, 0}).error().message, "instance ID"));
	EXPECT_TRUE(mentions(encode_header({true, false, 0, 0, 0x40, 0}).error().message, "PLDM type"));
	EXPECT_TRUE(mentions(encode_header({true, false, 0, 4, 0, 0}).error().message, "header version"));
	EXPECT_TRUE(mentions(encode_header({false, true, 0, 0, 0, 0}).error().message, "D bit"));
}

TEST(PldmHeader, Decodes)
{
	auto h = decode_header(Bytes{0x9f, 0x04, 0x02});
	ASSERT_TRUE(h);
	EXPECT_TRUE(h->request);
	EXPECT_FALSE(h->datagram);
	EXPECT_EQ(h->instance_id, 31);
	EXPECT_EQ(h->type, 4);
	EXPECT_EQ(h->command, 2);
	EXPECT_EQ(response_header(*h), (Header{false, false, 31, 0, 4, 2}));
	every_prefix_fails(Bytes{0x9f, 0x04, 0x02}, decode_header);
	EXPECT_TRUE(mentions(decode_header(Bytes{0xa0, 0, 0}).error().message, "reserved"));
	EXPECT_TRUE(mentions(decode_header(Bytes{0x00, 0x40, 0}).error().message, "header version"));
	EXPECT_TRUE(mentions(decode_header(Bytes{0x40, 0x00, 0}).error().message, "D bit"));
}

TEST(PldmHeader, ResponseStartAndCompletionCode)
{
	auto r = decode_response_start(Bytes{0x03, 0x02, 0x11, 0x80, 0xaa});
	ASSERT_TRUE(r);
	EXPECT_EQ(r->completion_code, 0x80);
	EXPECT_EQ(r->payload.size(), 1u);
	EXPECT_FALSE(decode_response_start(Bytes{0x03, 0x02, 0x11}));
	EXPECT_FALSE(decode_response_start(Bytes{0x83, 0x02, 0x11, 0x00}));
	EXPECT_EQ(*encode_cc_response({true, false, 3, 0, 2, 0x11}, cc::UnsupportedCommand),
		  (Bytes{0x03, 0x02, 0x11, 0x05}));
	EXPECT_EQ(completion_code_name(cc::InvalidLength), "invalid length");
	EXPECT_EQ(completion_code_name(0x83), "command-specific 0x83");
	EXPECT_EQ(completion_code_name(0x30), "reserved 0x30");
}

TEST(PldmTiming, ConstantsFromDsp0240)
{
	using namespace timing;
	EXPECT_EQ(kPn1Retries, 2u);
	EXPECT_EQ(kPt1Max, milliseconds(100));
	EXPECT_EQ(kPt2Min, milliseconds(300));
	EXPECT_EQ(kPt2Max, milliseconds(4800));
	EXPECT_EQ(kPt3Min, milliseconds(5000));
	EXPECT_EQ(kPt3Max, milliseconds(6000));
}

TEST(PldmTiming, RetryPolicy)
{
	RetryPolicy p;
	EXPECT_TRUE(p.validate());
	EXPECT_EQ(p.give_up_after(), milliseconds(900));
	EXPECT_TRUE(p.retry_after(1));
	EXPECT_TRUE(p.retry_after(2));
	EXPECT_FALSE(p.retry_after(3));
	EXPECT_TRUE(mentions(RetryPolicy{milliseconds(299), 2}.validate().error().message, "PT2"));
	EXPECT_TRUE(mentions(RetryPolicy{milliseconds(4801), 2}.validate().error().message, "PT2"));
	EXPECT_TRUE(mentions(RetryPolicy{milliseconds(300), 1}.validate().error().message, "PN1"));
	EXPECT_TRUE(mentions(RetryPolicy{milliseconds(2000), 2}.validate().error().message, "PT3"));
	EXPECT_TRUE((RetryPolicy{milliseconds(1000), 4}.validate()));
}

TEST(PldmInstanceIds, RoundRobinPerTerminus)
{
	InstanceIds ids;
	const auto t0 = InstanceIds::Clock::time_point{};
	EXPECT_EQ(*ids.allocate(8, t0), 0);
	EXPECT_EQ(*ids.allocate(8, t0), 1);
	EXPECT_EQ(*ids.allocate(9, t0), 0); // another terminus, its own IDs
	ids.release(8, 0);
	// a released ID is not given again at once
	EXPECT_EQ(*ids.allocate(8, t0), 2);
	EXPECT_FALSE(ids.in_use(8, 0, t0));
	EXPECT_TRUE(ids.in_use(8, 1, t0));
	EXPECT_EQ(ids.in_use_count(8, t0), 2u);
}

TEST(PldmInstanceIds, NewTerminiStartAtTheFirstId)
{
	InstanceIds ids(timing::kPt3Max, 30 + 32);
	const auto t0 = InstanceIds::Clock::time_point{};
	EXPECT_EQ(*ids.allocate(1, t0), 30);
	EXPECT_EQ(*ids.allocate(1, t0), 31);
	EXPECT_EQ(*ids.allocate(1, t0), 0);
	EXPECT_EQ(*ids.allocate(2, t0), 30);
}

TEST(PldmInstanceIds, AllTakenThenExpiry)
{
	InstanceIds ids;
	const auto t0 = InstanceIds::Clock::time_point{};
	for (unsigned i = 0; i < 32; i++)
		EXPECT_EQ(*ids.allocate(1, t0), i);
	auto none = ids.allocate(1, t0 + milliseconds(5999));
	ASSERT_FALSE(none);
	EXPECT_TRUE(mentions(none.error().message, "all 32"));
	ids.release(1, 17);
	EXPECT_EQ(*ids.allocate(1, t0), 17);
	// PT3 max after they were taken, the others expire
	EXPECT_EQ(*ids.allocate(1, t0 + milliseconds(6000)), 18);
	EXPECT_EQ(ids.in_use_count(1, t0 + milliseconds(6000)), 1u); // 18 alone: 17 was taken at t0
}

TEST(PldmCrc, CheckValues)
{
	const Bytes s{'1', '2', '3', '4', '5', '6', '7', '8', '9'};
	EXPECT_EQ(crc32(s), 0xcbf43926u);
	EXPECT_EQ(crc8(s), 0xf4);
}

TEST(PldmMultipart, Order)
{
	MultipartReader m(8);
	EXPECT_EQ(m.next_op(), TransferOp::GetFirstPart);
	EXPECT_FALSE(m.add(TransferFlag::Middle, 1, Bytes{1}));
	EXPECT_FALSE(*m.add(TransferFlag::Start, 7, Bytes{1, 2}));
	EXPECT_EQ(m.next_handle(), 7u);
	EXPECT_EQ(m.next_op(), TransferOp::GetNextPart);
	EXPECT_FALSE(m.add(TransferFlag::Start, 7, Bytes{1}));
	EXPECT_FALSE(*m.add(TransferFlag::Middle, 8, Bytes{3}));
	EXPECT_FALSE(m.add(TransferFlag::End, 0, Bytes(6, 0))); // over the limit
	EXPECT_TRUE(*m.add(TransferFlag::End, 0, Bytes{4}));
	EXPECT_EQ(m.data(), (Bytes{1, 2, 3, 4}));
	EXPECT_FALSE(m.add(TransferFlag::End, 0, Bytes{5}));
}

TEST(PldmVer32, Strings)
{
	EXPECT_EQ(Ver32::from_u32(0xf1f0f000).to_string(), "1.0.0");
	EXPECT_EQ(Ver32::from_u32(0xf1f2ff00).to_string(), "1.2");
	EXPECT_EQ(Ver32::from_u32(0xf1f1f061).to_string(), "1.1.0a");
	EXPECT_EQ(Ver32::from_u32(0x1012f000).to_string(), "10.12.0");
	EXPECT_EQ(Ver32::from_u32(0xfaf0f000).to_string(), "?.0.0");
}

TEST(PldmBase, GetTid)
{
	const Bytes req{0x85, 0x00, 0x02};
	EXPECT_EQ(*encode_get_tid_request(5), req);
	EXPECT_TRUE(decode_get_tid_request(req));
	every_prefix_fails(req, decode_get_tid_request);
	one_more_fails(req, decode_get_tid_request);
	EXPECT_FALSE(encode_get_tid_request(32));

	const Bytes resp{0x05, 0x00, 0x02, 0x00, 0x09};
	EXPECT_EQ(*encode_get_tid_response(5, {cc::Success, 9}), resp);
	auto r = decode_get_tid_response(resp);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->tid, 9);
	every_prefix_fails(resp, decode_get_tid_response);
	one_more_fails(resp, decode_get_tid_response);
	// an error response is its completion code alone
	auto e = decode_get_tid_response(Bytes{0x05, 0x00, 0x02, 0x01});
	ASSERT_TRUE(e);
	EXPECT_EQ(e->completion_code, cc::Error);
	// wrong header: a request, another command, another type
	EXPECT_TRUE(mentions(decode_get_tid_response(req).error().message, "Rq"));
	EXPECT_TRUE(mentions(decode_get_tid_response(Bytes{0x05, 0x00, 0x03, 0x00, 0x09}).error().message,
			     "command 0x03"));
	EXPECT_TRUE(mentions(decode_get_tid_response(Bytes{0x05, 0x02, 0x02, 0x00, 0x09}).error().message,
			     "PLDM type 2"));
}

TEST(PldmBase, SetTid)
{
	const Bytes req{0x80, 0x00, 0x01, 0x0a};
	EXPECT_EQ(*encode_set_tid_request(0, 10), req);
	EXPECT_EQ(*decode_set_tid_request(req), 10);
	every_prefix_fails(req, decode_set_tid_request);
	one_more_fails(req, decode_set_tid_request);
	EXPECT_TRUE(mentions(encode_set_tid_request(0, 0).error().message, "reserved"));
	EXPECT_TRUE(mentions(encode_set_tid_request(0, 0xff).error().message, "reserved"));
	EXPECT_TRUE(mentions(decode_set_tid_request(Bytes{0x80, 0x00, 0x01, 0xff}).error().message,
			     "reserved"));
	const Bytes resp{0x00, 0x00, 0x01, 0x00};
	EXPECT_EQ(*encode_set_tid_response(0, cc::Success), resp);
	EXPECT_EQ(*decode_set_tid_response(resp), cc::Success);
	every_prefix_fails(resp, decode_set_tid_response);
	one_more_fails(resp, decode_set_tid_response);
}

TEST(PldmBase, GetVersion)
{
	// handle 0, GetFirstPart, type 0 (base)
	const Bytes req{0x81, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00};
	EXPECT_EQ(*encode_get_version_request(1, {0, TransferOp::GetFirstPart, 0}), req);
	auto q = decode_get_version_request(req);
	ASSERT_TRUE(q);
	EXPECT_EQ(q->op, TransferOp::GetFirstPart);
	every_prefix_fails(req, decode_get_version_request);
	one_more_fails(req, decode_get_version_request);
	Bytes bad = req;
	bad[7] = 2;
	EXPECT_TRUE(mentions(decode_get_version_request(bad).error().message, "transfer operation flag"));
	bad = req;
	bad[8] = 0x40;
	EXPECT_TRUE(mentions(decode_get_version_request(bad).error().message, "PLDM type"));

	// 1.0.0 (F1 F0 F0 00, little-endian on the wire) and its CRC-32
	const Bytes data{0x00, 0xf0, 0xf0, 0xf1, 0xfb, 0x8f, 0x86, 0x4a};
	const Ver32 v100 = Ver32::from_u32(0xf1f0f000);
	EXPECT_EQ(*encode_version_data(std::span(&v100, 1)), data);
	auto vs = decode_version_data(data);
	ASSERT_TRUE(vs);
	ASSERT_EQ(vs->size(), 1u);
	EXPECT_EQ((*vs)[0], v100);
	Bytes two{0x00, 0xf0, 0xf0, 0xf1, 0x00, 0xf0, 0xf1, 0xf1, 0xe2, 0xe4, 0x43, 0x13};
	ASSERT_TRUE(decode_version_data(two));
	EXPECT_EQ(decode_version_data(two)->at(1).to_string(), "1.1.0");
	two[0] = 1;
	EXPECT_TRUE(mentions(decode_version_data(two).error().message, "CRC-32"));
	EXPECT_FALSE(decode_version_data(Bytes{1, 2, 3, 4}));
	EXPECT_FALSE(decode_version_data(Bytes(9, 0)));

	Bytes resp{0x01, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05};
	resp.insert(resp.end(), data.begin(), data.end());
	EXPECT_EQ(*encode_get_version_response(1, {cc::Success, 0, TransferFlag::StartAndEnd, data}),
		  resp);
	auto r = decode_get_version_response(resp);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->flag, TransferFlag::StartAndEnd);
	EXPECT_EQ(r->data, data);
	// without its data or with a short header, refused
	every_prefix_fails(Bytes(resp.begin(), resp.begin() + 10), decode_get_version_response);
	bad = resp;
	bad[8] = 0x03;
	EXPECT_TRUE(mentions(decode_get_version_response(bad).error().message, "transfer flag"));
	EXPECT_FALSE(encode_get_version_response(1, {cc::Success, 0, TransferFlag{3}, data}));
}

TEST(PldmBase, GetTypes)
{
	const Bytes req{0x82, 0x00, 0x04};
	EXPECT_EQ(*encode_get_types_request(2), req);
	EXPECT_TRUE(decode_get_types_request(req));
	one_more_fails(req, decode_get_types_request);
	// base, platform, FRU: bits 0, 2, 4 of byte 0; OEM 63: bit 7 of byte 7
	const Bytes resp{0x02, 0x00, 0x04, 0x00, 0x15, 0, 0, 0, 0, 0, 0, 0x80};
	GetTypesResponse v;
	v.types.set(0).set(2).set(4).set(63);
	EXPECT_EQ(*encode_get_types_response(2, v), resp);
	auto r = decode_get_types_response(resp);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->types, v.types);
	every_prefix_fails(resp, decode_get_types_response);
	one_more_fails(resp, decode_get_types_response);
}

TEST(PldmBase, GetCommands)
{
	// type 2 at 1.2.0
	const Bytes req{0x83, 0x00, 0x05, 0x02, 0x00, 0xf0, 0xf2, 0xf1};
	EXPECT_EQ(*encode_get_commands_request(3, {2, Ver32::from_u32(0xf1f2f000)}), req);
	auto q = decode_get_commands_request(req);
	ASSERT_TRUE(q);
	EXPECT_EQ(q->type, 2);
	EXPECT_EQ(q->version.to_string(), "1.2.0");
	every_prefix_fails(req, decode_get_commands_request);
	one_more_fails(req, decode_get_commands_request);
	Bytes bad = req;
	bad[3] = 0x41;
	EXPECT_TRUE(mentions(decode_get_commands_request(bad).error().message, "PLDM type"));

	Bytes resp{0x03, 0x00, 0x05, 0x00};
	resp.resize(4 + 32, 0);
	resp[4 + 2] = 0x02;	 // 0x11 GetSensorReading: byte 2 bit 1
	resp[4 + 10] = 0x03;	 // 0x50 GetPDRRepositoryInfo, 0x51 GetPDR
	GetCommandsResponse v;
	v.commands.set(0x11).set(0x50).set(0x51);
	EXPECT_EQ(*encode_get_commands_response(3, v), resp);
	auto r = decode_get_commands_response(resp);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->commands, v.commands);
	every_prefix_fails(resp, decode_get_commands_response);
	one_more_fails(resp, decode_get_commands_response);
}

TEST(PldmWire, ReaderStopsAtTheFirstProblem)
{
	const Bytes b{0x01, 0x02, 0x03};
	Reader r(b, "test message");
	EXPECT_EQ(r.u16("first"), 0x0201);
	EXPECT_EQ(r.u16("second"), 0); // only one byte left
	EXPECT_FALSE(r.ok());
	EXPECT_EQ(r.error().message, "test message: truncated at second (offset 2, needs 2 bytes, 1 left)");
	EXPECT_EQ(r.u8("third"), 0);	// nothing read after a failure
	EXPECT_TRUE(r.bytes(1, "fourth").empty());
	EXPECT_EQ(r.error().message, "test message: truncated at second (offset 2, needs 2 bytes, 1 left)");
	Reader t(b, "test message");
	t.u8("first");
	EXPECT_EQ(t.finish().error().message,
		  "test message: 2 trailing bytes after the last field (3 bytes, 1 expected)");
	Reader v(b, "test message");
	EXPECT_EQ(v.bytes(3, "all").size(), 3u);
	EXPECT_TRUE(v.finish());
	Reader w(b, "test message");
	EXPECT_TRUE(w.bytes(4, "too many").empty());
	EXPECT_FALSE(w.finish());
}

TEST(PldmWire, WriterLittleEndian)
{
	Writer w;
	w.u8(1).u16(0x0302).u32(0x07060504).real32(1.0f);
	EXPECT_EQ(w.take(), (Bytes{1, 2, 3, 4, 5, 6, 7, 0x00, 0x00, 0x80, 0x3f}));
}
