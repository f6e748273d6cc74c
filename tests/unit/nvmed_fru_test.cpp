// SPDX-License-Identifier: GPL-2.0
// The daemon's VPD path: the client library's NVMe-MI command codec, the
// emulated drive's VPD Read and FRU image, and the daemon's FRU decoder,
// with the malformed images a drive may return.
#include <gtest/gtest.h>

#include <numeric>
#include <string>
#include <vector>

#include "fru.hpp"
#include "mctpxx/nvme_mi.hpp"
#include "nvme_mi_responder.hpp"
#include "nvme_vpd.hpp"

using namespace mctpxx;
using Bytes = std::vector<std::uint8_t>;

namespace {

std::uint8_t sum_fix(const Bytes &b)
{
	return static_cast<std::uint8_t>(-std::accumulate(b.begin(), b.end(), 0u));
}

// a product area of @fields (type/length byte + data each), padded and
// checksummed like a drive would
Bytes area_of(const std::vector<Bytes> &fields, bool end_marker = true)
{
	Bytes a{0x01, 0, 0};
	for (const auto &f : fields)
		a.insert(a.end(), f.begin(), f.end());
	if (end_marker)
		a.push_back(0xc1);
	while ((a.size() + 1) % 8)
		a.push_back(0);
	a[1] = static_cast<std::uint8_t>((a.size() + 1) / 8);
	a.push_back(sum_fix(a));
	return a;
}

Bytes ascii(const std::string &s)
{
	Bytes b{static_cast<std::uint8_t>(0xc0 | s.size())};
	for (char c : s)
		b.push_back(static_cast<std::uint8_t>(c));
	return b;
}

Bytes header_to(std::uint8_t product_offset_8)
{
	Bytes h{0x01, 0, 0, 0, product_offset_8, 0, 0, 0};
	h[7] = sum_fix(h);
	return h;
}

} // namespace

TEST(NvmeMiCodec, MiRequestAndResponseRoundTrip)
{
	auto req = nvme_mi::mi_request(nvme_mi::MiOpcode::VpdRead, 0x10, 0x20);
	ASSERT_EQ(req.size(), 19u); // header 3, opcode + 3, two dwords, MIC
	EXPECT_TRUE(nvme_mi::mic_ok(req));
	EXPECT_EQ(req[0], 0x08); // NMIMT 1, request
	EXPECT_EQ(req[3], 0x05);
	EXPECT_EQ(req[7], 0x10);
	EXPECT_EQ(req[11], 0x20);

	Bytes resp{0x88, 0, 0, 0x00, 0x34, 0x12, 0x00, 'a', 'b'};
	nvme_mi::append_mic(resp);
	auto r = nvme_mi::decode_mi_response(resp);
	ASSERT_TRUE(r) << r.error().message;
	EXPECT_EQ(r->status, 0);
	EXPECT_EQ(r->nmresp, 0x1234u);
	EXPECT_EQ(r->data, (Bytes{'a', 'b'}));
}

TEST(NvmeMiCodec, BadResponsesNamed)
{
	Bytes resp{0x88, 0, 0, 0x00, 0, 0, 0};
	nvme_mi::append_mic(resp);
	Bytes bad_mic = resp;
	bad_mic.back() ^= 1;
	EXPECT_NE(nvme_mi::decode_mi_response(bad_mic).error().message.find("MIC"), std::string::npos);
	EXPECT_NE(nvme_mi::decode_mi_response(Bytes(resp.begin(), resp.begin() + 6))
			  .error()
			  .message.find("shorter"),
		  std::string::npos);
	Bytes request = nvme_mi::mi_request(nvme_mi::MiOpcode::VpdRead, 0, 8);
	EXPECT_NE(nvme_mi::decode_mi_response(request).error().message.find("request"),
		  std::string::npos);
	Bytes admin{0x90, 0, 0, 0, 0, 0, 0};
	nvme_mi::append_mic(admin);
	EXPECT_NE(nvme_mi::decode_mi_response(admin).error().message.find("not an MI"),
		  std::string::npos);
	EXPECT_STREQ(nvme_mi::status_name(0x04), "invalid parameter");
}

TEST(NvmedFru, EmulatedDrivesImageDecodes)
{
	emu::nvme::DriveConfig cfg;
	cfg.manufacturer = "Acme Storage";
	cfg.model = "Acme X1";
	cfg.part_number = "ACM-X1-960";
	cfg.serial = "SN123";
	cfg.firmware = "2.0.1";
	auto f = nvmed::parse_fru(emu::nvme::fru_image(cfg));
	ASSERT_TRUE(f) << f.error().message;
	EXPECT_EQ(f->manufacturer, "Acme Storage");
	EXPECT_EQ(f->product, "Acme X1");
	EXPECT_EQ(f->part_number, "ACM-X1-960");
	EXPECT_EQ(f->version, "2.0.1");
	EXPECT_EQ(f->serial, "SN123");
	EXPECT_EQ(f->asset_tag, "");
}

TEST(NvmedFru, VpdReadThroughTheEmulatedEndpoint)
{
	emu::nvme::DriveConfig cfg;
	cfg.manufacturer = "Acme Storage";
	const auto image = emu::nvme::fru_image(cfg);
	emu::nvmemi::Responder drive(cfg, {});
	const auto now = emu::nvmemi::Responder::Clock::now();
	// the whole image in two reads, as the daemon does it
	auto r = drive.handle(nvme_mi::mi_request(nvme_mi::MiOpcode::VpdRead, 0, 8), now);
	ASSERT_EQ(r.size(), 1u);
	auto h = nvme_mi::decode_mi_response(r[0].body);
	ASSERT_TRUE(h) << h.error().message;
	EXPECT_EQ(h->data, Bytes(image.begin(), image.begin() + 8));
	auto off = nvmed::fru_product_offset(h->data);
	ASSERT_TRUE(off);
	const auto len = static_cast<std::uint32_t>(image.size() - *off);
	r = drive.handle(nvme_mi::mi_request(nvme_mi::MiOpcode::VpdRead,
					     static_cast<std::uint32_t>(*off), len),
			 now);
	auto a = nvme_mi::decode_mi_response(r.at(0).body);
	ASSERT_TRUE(a);
	auto f = nvmed::parse_product_area(a->data);
	ASSERT_TRUE(f) << f.error().message;
	EXPECT_EQ(f->manufacturer, "Acme Storage");
	// past the end: invalid parameter, not data
	r = drive.handle(nvme_mi::mi_request(nvme_mi::MiOpcode::VpdRead,
					     static_cast<std::uint32_t>(image.size() - 4), 8),
			 now);
	auto e = nvme_mi::decode_mi_response(r.at(0).body);
	ASSERT_TRUE(e);
	EXPECT_EQ(e->status, 0x04);
}

TEST(NvmedFru, TruncatedResponsesAreShortNotGarbage)
{
	emu::nvme::DriveConfig cfg;
	emu::nvmemi::Faults faults;
	faults.truncate = true;
	emu::nvmemi::Responder drive(cfg, faults);
	auto r = drive.handle(nvme_mi::mi_request(nvme_mi::MiOpcode::VpdRead, 0, 64),
			      emu::nvmemi::Responder::Clock::now());
	ASSERT_EQ(r.size(), 1u);
	auto d = nvme_mi::decode_mi_response(r[0].body);
	ASSERT_TRUE(d); // a valid MIC over a cut message
	EXPECT_EQ(d->data.size(), 1u);
}

TEST(NvmedFru, FieldEncodings)
{
	// 6-bit packed ASCII "ABCD": 0x21 0x22 0x23 0x24 packed little-endian
	const std::uint32_t packed = 0x21 | 0x22 << 6 | 0x23 << 12 | 0x24 << 18;
	Bytes six{0x83, static_cast<std::uint8_t>(packed), static_cast<std::uint8_t>(packed >> 8),
		  static_cast<std::uint8_t>(packed >> 16)};
	Bytes bcd{0x42, 0x12, 0xab}; // BCD plus: "12" then " -"... 0xa ' ', 0xb '-'
	Bytes bin{0x02, 0xde, 0xad};
	Bytes latin{0xc4, 'x', 0x01, 0xff, ' '}; // unprintable -> '?', trailing blank dropped
	auto f = nvmed::parse_product_area(area_of({six, bcd, bin, latin, ascii("SN")}));
	ASSERT_TRUE(f) << f.error().message;
	EXPECT_EQ(f->manufacturer, "ABCD");
	EXPECT_EQ(f->product, "12 -");
	EXPECT_EQ(f->part_number, "dead");
	EXPECT_EQ(f->version, "x??");
	EXPECT_EQ(f->serial, "SN");
}

TEST(NvmedFru, MalformedImagesNamed)
{
	auto msg = [](auto r) { return r ? std::string("accepted") : r.error().message; };
	EXPECT_NE(msg(nvmed::fru_product_offset(Bytes{1, 0, 0})).find("shorter than 8"),
		  std::string::npos);
	Bytes h = header_to(1);
	h[0] = 2;
	EXPECT_NE(msg(nvmed::fru_product_offset(h)).find("version 2"), std::string::npos);
	h = header_to(1);
	h[7] ^= 1;
	EXPECT_NE(msg(nvmed::fru_product_offset(h)).find("checksum"), std::string::npos);
	EXPECT_NE(msg(nvmed::parse_fru(header_to(0))).find("without a product"), std::string::npos);
	EXPECT_NE(msg(nvmed::parse_fru(header_to(9))).find("past the image"), std::string::npos);

	Bytes a = area_of({ascii("MM")});
	a[4] ^= 1;
	EXPECT_NE(msg(nvmed::parse_product_area(a)).find("checksum"), std::string::npos);
	EXPECT_NE(msg(nvmed::parse_product_area(area_of({ascii("MM")}, false))).find("end-of-fields"),
		  std::string::npos);
	// a field claiming 20 bytes in an area of 16
	EXPECT_NE(msg(nvmed::parse_product_area(area_of({Bytes{0xd4, 'a'}}, false)))
			  .find("runs past"),
		  std::string::npos);
	Bytes zero_len{0x01, 0x00};
	EXPECT_NE(msg(nvmed::parse_product_area(zero_len)).find("length 0"), std::string::npos);
	Bytes cut = area_of({ascii("Manufacturer")});
	cut.resize(8);
	EXPECT_NE(msg(nvmed::parse_product_area(cut)).find("only 8 read"), std::string::npos);
}
