// SPDX-License-Identifier: GPL-2.0
// PLDM FRU data (type 4): byte vectors written from DSP0257 1.0.
#include <gtest/gtest.h>

#include "pldm_test_util.hpp"
#include "pldmxx/fru.hpp"

using namespace mctpxx::pldm;
using namespace mctpxx::pldm::fru;
using namespace pldm_test;

namespace {

// a general record (set 1, ASCII): Model "X100", Serial Number "S42",
// Vendor IANA 40981; an OEM record (set 1): IANA 40981, field 0x80 DE AD;
// 37 bytes, 3 pad bytes, CRC-32
const Bytes kRecords{
	0x01, 0x00, 0x01, 0x03, 0x01,
	0x02, 0x04, 'X', '1', '0', '0',
	0x04, 0x03, 'S', '4', '2',
	0x0f, 0x04, 0x15, 0xa0, 0x00, 0x00,
	0x01, 0x00, 0xfe, 0x02, 0x01,
	0x01, 0x04, 0x15, 0xa0, 0x00, 0x00,
	0x80, 0x02, 0xde, 0xad,
	0x00, 0x00, 0x00,
};
const std::uint32_t kCrc = 0x4c2067f9;

Bytes table()
{
	Bytes t = kRecords;
	for (std::uint8_t b : {0xf9, 0x67, 0x20, 0x4c})
		t.push_back(b);
	return t;
}

std::vector<Record> records()
{
	Record g{1, RecordType::General, Encoding::Ascii,
		 {{field::Model, {'X', '1', '0', '0'}},
		  {field::SerialNumber, {'S', '4', '2'}},
		  {field::VendorIana, {0x15, 0xa0, 0x00, 0x00}}}};
	Record o{1, RecordType::Oem, Encoding::Ascii,
		 {{field::OemVendorIana, {0x15, 0xa0, 0x00, 0x00}}, {0x80, {0xde, 0xad}}}};
	return {g, o};
}

} // namespace

TEST(PldmFru, Metadata)
{
	const Bytes req{0x84, 0x04, 0x01};
	EXPECT_EQ(*encode_get_metadata_request(4), req);
	EXPECT_TRUE(decode_get_metadata_request(req));
	one_more_fails(req, decode_get_metadata_request);
	every_prefix_fails(req, decode_get_metadata_request);

	const Bytes resp{0x04, 0x04, 0x01, 0x00, 0x01, 0x00,
			 0x00, 0x00, 0x00, 0x00,	   // maximum size
			 0x28, 0x00, 0x00, 0x00,	   // length 40
			 0x01, 0x00, 0x02, 0x00,	   // 1 set, 2 records
			 0xf9, 0x67, 0x20, 0x4c};
	Metadata md{cc::Success, 1, 0, 0, 40, 1, 2, kCrc};
	EXPECT_EQ(*encode_get_metadata_response(4, md), resp);
	auto r = decode_get_metadata_response(resp);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->length, 40u);
	EXPECT_EQ(r->records, 2);
	EXPECT_EQ(r->record_sets, 1);
	EXPECT_EQ(r->checksum, kCrc);
	every_prefix_fails(resp, decode_get_metadata_response);
	one_more_fails(resp, decode_get_metadata_response);
	Bytes bad = resp;
	bad[4] = 2;
	EXPECT_TRUE(mentions(decode_get_metadata_response(bad).error().message, "major version"));
	EXPECT_EQ(decode_get_metadata_response(Bytes{0x04, 0x04, 0x01, 0x04})->completion_code,
		  cc::NotReady);
}

TEST(PldmFru, GetTableMessages)
{
	const Bytes req{0x85, 0x04, 0x02, 0x78, 0x56, 0x34, 0x12, 0x00};
	EXPECT_EQ(*encode_get_table_request(5, {0x12345678, TransferOp::GetNextPart}), req);
	auto q = decode_get_table_request(req);
	ASSERT_TRUE(q);
	EXPECT_EQ(q->transfer_handle, 0x12345678u);
	EXPECT_EQ(q->op, TransferOp::GetNextPart);
	every_prefix_fails(req, decode_get_table_request);
	one_more_fails(req, decode_get_table_request);
	Bytes bad = req;
	bad[7] = 0x02;
	EXPECT_TRUE(mentions(decode_get_table_request(bad).error().message, "transfer operation flag"));

	const Bytes resp{0x05, 0x04, 0x02, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0xaa, 0xbb};
	EXPECT_EQ(*encode_get_table_response(5, {cc::Success, 2, TransferFlag::Start, {0xaa, 0xbb}}),
		  resp);
	auto r = decode_get_table_response(resp);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->next_handle, 2u);
	EXPECT_EQ(r->flag, TransferFlag::Start);
	EXPECT_EQ(r->data, (Bytes{0xaa, 0xbb}));
	every_prefix_fails(Bytes(resp.begin(), resp.begin() + 9), decode_get_table_response);
	bad = resp;
	bad[8] = 0x00;
	EXPECT_TRUE(mentions(decode_get_table_response(bad).error().message, "transfer flag"));
	EXPECT_EQ(decode_get_table_response(Bytes{0x05, 0x04, 0x02, 0x80})->completion_code,
		  cc::InvalidDataTransferHandle);
}

TEST(PldmFru, EncodesTheTable)
{
	EXPECT_EQ(crc32(kRecords), kCrc);
	EXPECT_EQ(*encode_records(records()), kRecords);
	EXPECT_EQ(*encode_table(records()), table());
}

TEST(PldmFru, DecodesTheTable)
{
	Metadata md{cc::Success, 1, 0, 0, 40, 1, 2, kCrc};
	auto recs = decode_table(table(), &md);
	ASSERT_TRUE(recs) << recs.error().message;
	EXPECT_EQ(*recs, records());
	const Record &g = (*recs)[0];
	EXPECT_EQ(*g.text(field::Model), "X100");
	EXPECT_EQ(*g.text(field::SerialNumber), "S42");
	EXPECT_FALSE(g.text(field::Manufacturer));
	EXPECT_FALSE(g.text(field::VendorIana));
	EXPECT_EQ(*g.vendor_iana(), 40981u);
	EXPECT_EQ(*(*recs)[1].vendor_iana(), 40981u);
	EXPECT_EQ((*recs)[1].find(0x80)->value, (Bytes{0xde, 0xad}));
	EXPECT_STREQ(general_field_name(field::SerialNumber), "Serial Number");
}

TEST(PldmFru, TextIsPrintable)
{
	Record r{1, RecordType::General, Encoding::Ascii, {{field::Model, {'A', 0x07, 0xc3, 'B', 0, 'C'}}}};
	EXPECT_EQ(*r.text(field::Model), "A??B");
	r.encoding = Encoding::Utf8;
	EXPECT_EQ(r.text(field::Model)->size(), 4u);
	r.encoding = Encoding::Utf16Le;
	EXPECT_FALSE(r.text(field::Model));
}

TEST(PldmFru, TableChecks)
{
	Metadata md{cc::Success, 1, 0, 0, 40, 1, 2, kCrc};
	every_prefix_fails(table(), [](auto d) { return decode_table(d); });
	Bytes t = table();
	t[7] ^= 1;
	EXPECT_TRUE(mentions(decode_table(t).error().message, "CRC-32"));
	md.checksum = 1;
	EXPECT_TRUE(mentions(decode_table(table(), &md).error().message, "metadata's checksum"));
	md.checksum = kCrc;
	md.records = 3;
	EXPECT_TRUE(mentions(decode_table(table(), &md).error().message, "3"));
	md.records = 2;
	md.length = 44; // with the CRC-32: accepted too
	EXPECT_TRUE(decode_table(table(), &md));
	md.length = 36;
	EXPECT_FALSE(decode_table(table(), &md));
}

TEST(PldmFru, RecordChecks)
{
	// every cut inside a record is an error (pad alone is fine: 37 = 34+3)
	for (std::size_t n = 1; n < 37; n++) {
		auto r = decode_records(std::span(kRecords).first(n));
		if (n == 22) {
			EXPECT_TRUE(r) << "the first record alone";
			continue;
		}
		EXPECT_FALSE(r) << n;
	}
	EXPECT_TRUE(decode_records(Bytes{})->empty());
	Bytes b = kRecords;
	b[2] = 0x02; // record type
	EXPECT_TRUE(mentions(decode_records(b).error().message, "record type 0x02"));
	b = kRecords;
	b[4] = 0x06; // encoding
	EXPECT_TRUE(mentions(decode_records(b).error().message, "encoding type 0x06"));
	b = kRecords;
	b[17] = 0x03; // vendor IANA length
	EXPECT_FALSE(decode_records(b));
	b = kRecords;
	b[38] = 0x01; // pad
	EXPECT_TRUE(mentions(decode_records(b).error().message, "pad byte"));
	b = kRecords;
	b[6] = 0xff; // field length past the end
	EXPECT_TRUE(mentions(decode_records(b).error().message, "FRU field value"));
	b = kRecords;
	b.push_back(0); // 4 bytes after the last record
	EXPECT_FALSE(decode_records(b));
	// encoder refusals
	auto recs = records();
	recs[0].fields[0].value.resize(256);
	EXPECT_TRUE(mentions(encode_records(recs).error().message, "at most 255"));
	recs = records();
	recs[0].fields[2].value.resize(3);
	EXPECT_TRUE(mentions(encode_records(recs).error().message, "vendor IANA"));
	recs = records();
	recs[0].encoding = Encoding{9};
	EXPECT_TRUE(mentions(encode_records(recs).error().message, "encoding"));
}

TEST(PldmFru, MultipartTable)
{
	// the table read in three parts
	const Bytes t = table();
	MultipartReader m;
	std::size_t at = 0;
	const std::size_t parts[] = {16, 16, t.size() - 32};
	const TransferFlag flags[] = {TransferFlag::Start, TransferFlag::Middle, TransferFlag::End};
	for (int i = 0; i < 3; i++) {
		GetTableResponse p{cc::Success, static_cast<std::uint32_t>(i + 1), flags[i],
				   Bytes(t.begin() + at, t.begin() + at + parts[i])};
		at += parts[i];
		auto d = decode_get_table_response(*encode_get_table_response(1, p));
		ASSERT_TRUE(d);
		EXPECT_EQ(*m.add(d->flag, d->next_handle, d->data), i == 2);
	}
	EXPECT_EQ(decode_table(m.data())->size(), 2u);
}
