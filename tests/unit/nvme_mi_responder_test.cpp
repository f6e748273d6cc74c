// SPDX-License-Identifier: GPL-2.0
// The emulated drive's NVMe-MI endpoint: MI commands, tunnelled admin
// commands, firmware update, and what it does with bad requests.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "nvme_mi_responder.hpp"

using namespace mctpxx::emu;
using namespace mctpxx::emu::nvmemi;

namespace {

using Clock = Responder::Clock;
using Bytes = std::vector<std::uint8_t>;

void put32(Bytes &v, std::size_t at, std::uint32_t x)
{
	for (int i = 0; i < 4; i++)
		v[at + i] = static_cast<std::uint8_t>(x >> (8 * i));
}

std::uint32_t le32(const Bytes &v, std::size_t at)
{
	return v[at] | v[at + 1] << 8 | v[at + 2] << 16 | static_cast<std::uint32_t>(v[at + 3]) << 24;
}

Bytes mi(std::uint8_t opcode, std::uint32_t dw0, std::uint32_t dw1 = 0)
{
	Bytes v(15);
	v[0] = request_nmp(Kind::Mi);
	v[3] = opcode;
	put32(v, 7, dw0);
	put32(v, 11, dw1);
	append_mic(v);
	return v;
}

struct Admin {
	std::uint8_t opcode = 0;
	std::uint32_t nsid = 0;
	std::uint32_t cdw10 = 0, cdw11 = 0;
	std::uint32_t dlen = 0, doff = 0;
	Bytes data;
};

Bytes admin(const Admin &a)
{
	Bytes v(67);
	v[0] = request_nmp(Kind::Admin);
	v[3] = a.opcode;
	v[4] = static_cast<std::uint8_t>((a.dlen ? 1 : 0) | (a.doff ? 2 : 0));
	put32(v, 7, a.nsid);
	put32(v, 27, a.doff);
	put32(v, 31, a.dlen);
	put32(v, 43, a.cdw10);
	put32(v, 47, a.cdw11);
	for (auto b : a.data)
		v.push_back(b);
	append_mic(v);
	return v;
}

nvme::DriveConfig config()
{
	nvme::DriveConfig c;
	c.model = "Test Model";
	c.serial = "SN123";
	c.firmware = "FW1";
	c.temperature_c = 40;
	return c;
}

class NvmeMiResponder : public ::testing::Test {
protected:
	Clock::time_point t0 = Clock::now();
	Responder r{config(), {}, t0};

	// the one response to @req, MIC checked and removed
	Bytes one(const Bytes &req)
	{
		auto out = r.handle(req, t0);
		EXPECT_EQ(out.size(), 1u);
		if (out.empty())
			return {};
		return checked(out.back().body);
	}
	static Bytes checked(Bytes b)
	{
		EXPECT_GE(b.size(), 11u);
		const auto n = b.size() - 4;
		EXPECT_EQ(le32(b, n), mic_of(std::span<const std::uint8_t>(b).first(n)));
		b.resize(n);
		return b;
	}
	// admin response: NVMe status (cdw3 >> 17) and data
	static std::uint32_t nvme_status(const Bytes &b) { return le32(b, 15) >> 17; }
	static Bytes admin_data(const Bytes &b) { return Bytes(b.begin() + 19, b.end()); }
};

} // namespace

TEST_F(NvmeMiResponder, SubsystemInformation)
{
	auto b = one(mi(0x00, 0x00000000));
	ASSERT_EQ(b.size(), 7u + 32);
	EXPECT_EQ(b[0], 0x88);
	EXPECT_EQ(b[3], 0x00);
	EXPECT_EQ(b[4], 32); // response data length
	EXPECT_EQ(b[7], 1);  // two ports
	EXPECT_EQ(b[8], 1);
	EXPECT_EQ(b[9], 2);
}

TEST_F(NvmeMiResponder, PortAndControllerInformation)
{
	auto smbus = one(mi(0x00, 0x01010000));
	ASSERT_EQ(smbus.size(), 7u + 32);
	EXPECT_EQ(smbus[7], 0x02); // SMBus port
	EXPECT_EQ(smbus[7 + 10], 0x1d);
	EXPECT_EQ(one(mi(0x00, 0x01070000))[3], 0x04); // no port 7
	auto list = one(mi(0x00, 0x02000000));
	ASSERT_EQ(list.size(), 7u + 4);
	EXPECT_EQ(list[7], 1);
	auto info = one(mi(0x00, 0x03000000));
	ASSERT_EQ(info.size(), 7u + 32);
	EXPECT_EQ(one(mi(0x00, 0x03000005))[3], 0x04); // no controller 5
}

TEST_F(NvmeMiResponder, HealthPolls)
{
	auto s = one(mi(0x01, 0));
	ASSERT_EQ(s.size(), 7u + 8);
	EXPECT_EQ(s[7] & 0x20, 0x20);	     // drive functional
	EXPECT_NEAR(s[9], 40, 1);	     // composite temperature, Celsius
	EXPECT_EQ(s[11] & 0x01, 0x01);	     // ready
	auto c = one(mi(0x02, 0x00ff0000)); // from controller 0, up to 256 entries
	ASSERT_EQ(c.size(), 7u + 16);
	EXPECT_EQ(c[4], 1); // one entry
	EXPECT_NEAR(c[11] | c[12] << 8, 313, 1);
}

TEST_F(NvmeMiResponder, ConfigurationGetAndSet)
{
	EXPECT_EQ(one(mi(0x04, 0x01000001))[4], 1); // SMBus port: 100 kHz
	EXPECT_EQ(one(mi(0x03, 0x01000201))[3], 0x00);
	EXPECT_EQ(one(mi(0x04, 0x01000001))[4], 2); // 400 kHz now
	EXPECT_EQ(one(mi(0x03, 0x01000901))[3], 0x04);
	auto mtu = one(mi(0x04, 0x01000003));
	EXPECT_EQ(mtu[4] | mtu[5] << 8, 64);
	EXPECT_EQ(one(mi(0x03, 0x01000003, 128))[3], 0x00);
	mtu = one(mi(0x04, 0x01000003));
	EXPECT_EQ(mtu[4] | mtu[5] << 8, 128);
	EXPECT_EQ(one(mi(0x03, 0x01000003, 10))[3], 0x04); // below the baseline
	EXPECT_EQ(one(mi(0x04, 0x00000001))[3], 0x04);	    // not the SMBus port
}

TEST_F(NvmeMiResponder, IdentifyController)
{
	auto b = one(admin({.opcode = 0x06, .cdw10 = 1, .dlen = 4096}));
	EXPECT_EQ(b[0], 0x90);
	EXPECT_EQ(b[3], 0x00);
	EXPECT_EQ(nvme_status(b), 0u);
	auto d = admin_data(b);
	ASSERT_EQ(d.size(), 4096u);
	EXPECT_EQ(std::string(d.begin() + 4, d.begin() + 24), "SN123               ");
	EXPECT_EQ(std::string(d.begin() + 24, d.begin() + 34), "Test Model");
	EXPECT_EQ(std::string(d.begin() + 64, d.begin() + 72), "FW1     ");
	// a part of it: dlen and doff
	auto part = admin_data(one(admin({.opcode = 0x06, .cdw10 = 1, .dlen = 8, .doff = 24})));
	EXPECT_EQ(std::string(part.begin(), part.end()), "Test Mod");
	// the active namespace list
	auto ns = admin_data(one(admin({.opcode = 0x06, .cdw10 = 2, .dlen = 4096})));
	EXPECT_EQ(le32(ns, 0), 1u);
	EXPECT_EQ(le32(ns, 4), 0u);
	// an unknown CNS: Invalid Field in Command
	EXPECT_EQ(nvme_status(one(admin({.opcode = 0x06, .cdw10 = 0x7f, .dlen = 4096}))) & 0x7ff, 0x002u);
}

TEST_F(NvmeMiResponder, LogPages)
{
	// SMART: 512 bytes = 128 dwords, NUMDL 127
	auto smart = admin_data(one(admin({.opcode = 0x02, .nsid = 0xffffffff,
					    .cdw10 = 127u << 16 | 0x02, .dlen = 512})));
	ASSERT_EQ(smart.size(), 512u);
	EXPECT_NEAR(smart[1] | smart[2] << 8, 313, 1);
	EXPECT_EQ(smart[5], 3); // percent used
	auto fw = admin_data(one(admin({.opcode = 0x02, .cdw10 = 127u << 16 | 0x03, .dlen = 512})));
	EXPECT_EQ(fw[0], 0x01); // slot 1 active
	EXPECT_EQ(std::string(fw.begin() + 8, fw.begin() + 16), "FW1     ");
	auto err = admin_data(one(admin({.opcode = 0x02, .cdw10 = 15u << 16 | 0x01, .dlen = 64})));
	EXPECT_EQ(err.size(), 64u);
	// an unknown log: Invalid Log Page (SCT 1, SC 9)
	EXPECT_EQ(nvme_status(one(admin({.opcode = 0x02, .cdw10 = 127u << 16 | 0x7e, .dlen = 512}))) &
			  0x7ff,
		  0x109u);
}

TEST_F(NvmeMiResponder, TemperatureThreshold)
{
	auto get = one(admin({.opcode = 0x0a, .cdw10 = 0x04}));
	EXPECT_EQ(nvme_status(get), 0u);
	EXPECT_EQ(le32(get, 7), 313u + 40);
	EXPECT_EQ(nvme_status(one(admin({.opcode = 0x09, .cdw10 = 0x04, .cdw11 = 300}))), 0u);
	EXPECT_EQ(le32(one(admin({.opcode = 0x0a, .cdw10 = 0x04})), 7), 300u);
	// over the threshold now: the SMART critical warning says so
	auto smart = admin_data(one(admin({.opcode = 0x02, .cdw10 = 127u << 16 | 0x02, .dlen = 512})));
	EXPECT_EQ(smart[0] & 0x02, 0x02);
	// an unsupported feature
	EXPECT_EQ(nvme_status(one(admin({.opcode = 0x0a, .cdw10 = 0x7c}))) & 0x7ff, 0x002u);
}

TEST_F(NvmeMiResponder, FirmwareDownloadAndCommit)
{
	Bytes image(8192, 0xee);
	const std::string rev = "FW2.0";
	std::copy(rev.begin(), rev.end(), image.begin());
	std::fill(image.begin() + 5, image.begin() + 8, ' ');
	for (std::uint32_t off = 0; off < image.size(); off += 4096) {
		Bytes chunk(image.begin() + off, image.begin() + off + 4096);
		auto b = one(admin({.opcode = 0x11, .cdw10 = 4096 / 4 - 1, .cdw11 = off / 4,
				    .data = chunk}));
		EXPECT_EQ(nvme_status(b), 0u);
	}
	// commit to slot 2, activate now (CA 3): More Processing Required first
	auto out = r.handle(admin({.opcode = 0x10, .cdw10 = 3u << 3 | 2}), t0);
	ASSERT_EQ(out.size(), 3u);
	for (int i = 0; i < 2; i++) {
		auto m = checked(out[i].body);
		EXPECT_EQ(m.size(), 7u);
		EXPECT_EQ(m[3], 0x01);
	}
	auto fin = checked(out[2].body);
	EXPECT_EQ(fin[3], 0x00);
	EXPECT_EQ(nvme_status(fin), 0u);
	EXPECT_GT(out[2].after.count(), 0);
	auto fw = admin_data(one(admin({.opcode = 0x02, .cdw10 = 127u << 16 | 0x03, .dlen = 512})));
	EXPECT_EQ(fw[0], 0x02);
	EXPECT_EQ(std::string(fw.begin() + 16, fw.begin() + 24), "FW2.0   ");
	auto id = admin_data(one(admin({.opcode = 0x06, .cdw10 = 1, .dlen = 4096})));
	EXPECT_EQ(std::string(id.begin() + 64, id.begin() + 72), "FW2.0   ");
	// nothing downloaded since: committing an image fails
	auto again = r.handle(admin({.opcode = 0x10, .cdw10 = 0u << 3 | 3}), t0);
	EXPECT_EQ(nvme_status(checked(again.back().body)) & 0x7ff, 0x107u);
	// a download whose length disagrees with NUMD
	EXPECT_EQ(nvme_status(one(admin({.opcode = 0x11, .cdw10 = 3, .data = Bytes(8)}))) & 0x7ff,
		  0x002u);
}

TEST_F(NvmeMiResponder, UnknownOpcodesGetErrorStatus)
{
	EXPECT_EQ(one(mi(0x7f, 0))[3], 0x03); // MI: Invalid Command Opcode
	auto b = one(admin({.opcode = 0xc5}));
	EXPECT_EQ(b[3], 0x00);
	EXPECT_EQ(nvme_status(b) & 0x7ff, 0x001u); // NVMe: Invalid Command Opcode
	Bytes pcie{request_nmp(Kind::Pcie), 0, 0, 0x01, 0, 0, 0};
	append_mic(pcie);
	EXPECT_EQ(one(pcie)[3], 0x03);
}

TEST_F(NvmeMiResponder, BadRequests)
{
	// a wrong MIC: dropped without an answer
	auto bad = mi(0x01, 0);
	bad[3] ^= 0x01;
	std::string note;
	EXPECT_TRUE(r.handle(bad, t0, &note).empty());
	EXPECT_NE(note.find("integrity"), std::string::npos);
	// too short for a header: dropped
	EXPECT_TRUE(r.handle(Bytes{0x08, 0x00}, t0).empty());
	// a truncated admin header: Invalid Command Size
	Bytes cut(30);
	cut[0] = request_nmp(Kind::Admin);
	append_mic(cut);
	auto b = one(cut);
	EXPECT_EQ(b[0], 0x90);
	EXPECT_EQ(b[3], 0x05);
	// a data range beyond the structure: Invalid Parameter
	EXPECT_EQ(one(admin({.opcode = 0x06, .cdw10 = 1, .dlen = 4096, .doff = 8}))[3], 0x04);
}

TEST(NvmeMiResponderFaults, CorruptMic)
{
	Responder r(config(), Faults{.corrupt_mic = true});
	auto out = r.handle(mi(0x01, 0), Clock::now());
	ASSERT_EQ(out.size(), 1u);
	const auto &b = out[0].body;
	const auto n = b.size() - 4;
	EXPECT_NE(le32(b, n), mic_of(std::span<const std::uint8_t>(b).first(n)));
}

// --nvme-control: the MIC fault switched on and off at run time; bad
// lines refused with what was wrong, changing nothing.
TEST(NvmeMiResponderFaults, ControlLines)
{
	Responder r(config(), Faults{});
	auto mic_ok_now = [&r] {
		auto out = r.handle(mi(0x01, 0), Clock::now());
		const auto &b = out.at(0).body;
		const auto n = b.size() - 4;
		return le32(b, n) == mic_of(std::span<const std::uint8_t>(b).first(n));
	};
	EXPECT_TRUE(mic_ok_now());
	auto c = r.control("corrupt-mic on");
	ASSERT_TRUE(c);
	EXPECT_EQ(*c, "corrupt-mic on");
	EXPECT_TRUE(r.faults().corrupt_mic);
	EXPECT_FALSE(mic_ok_now());
	ASSERT_TRUE(r.control("  corrupt-mic   off "));
	EXPECT_TRUE(mic_ok_now());
	ASSERT_TRUE(r.control("truncate on"));
	EXPECT_TRUE(r.faults().truncate);
	ASSERT_TRUE(r.control("truncate off"));
	for (const char *bad : {"corrupt-mic", "corrupt-mic yes", "corrupt-mic on now", "mic on", ""}) {
		auto e = r.control(bad);
		ASSERT_FALSE(e) << bad;
		EXPECT_NE(e.error().message.find(bad), std::string::npos) << e.error().message;
	}
	EXPECT_FALSE(r.faults().corrupt_mic);
	EXPECT_FALSE(r.faults().truncate);
}

TEST(NvmeDrive, TemperatureDriftsAroundItsValue)
{
	auto t0 = nvme::Drive::Clock::now();
	nvme::Drive d(config(), t0);
	int lo = 1000, hi = -1000;
	for (int s = 0; s < 60; s++) {
		const int t = d.temperature_c(t0 + std::chrono::seconds(s));
		lo = std::min(lo, t);
		hi = std::max(hi, t);
	}
	EXPECT_EQ(lo, 39);
	EXPECT_EQ(hi, 41);
}

TEST(NvmeDrive, ImageRevision)
{
	EXPECT_EQ(nvme::image_revision(Bytes{'2', '.', '0', ' ', ' ', ' ', ' ', ' ', 0xff}), "2.0");
	EXPECT_EQ(nvme::image_revision(Bytes{0x01, 0x02}), "EMUIMAGE");
	EXPECT_EQ(nvme::image_revision(Bytes{}), "EMUIMAGE");
}

TEST(NvmeMiResponderRobustness, AnyWellFormedRequestGetsAnAnswerWithoutHarm)
{
	// every message kind and opcode, with dwords of all ones (huge
	// lengths, offsets, slots and identifiers) and with zeros
	Responder r(config(), {});
	const auto now = Clock::now();
	for (unsigned kind = 0; kind < 16; kind++)
		for (unsigned op = 0; op < 256; op++)
			for (std::uint8_t fill : {0x00, 0xff}) {
				Bytes v(67 + 8, fill);
				v[0] = static_cast<std::uint8_t>(kind << 3);
				v[3] = static_cast<std::uint8_t>(op);
				append_mic(v);
				auto out = r.handle(v, now);
				ASSERT_FALSE(out.empty()) << "kind " << kind << " opcode " << op;
				for (const auto &o : out)
					EXPECT_LE(o.body.size(), 3u + 16 + 4096 + 4);
			}
}

TEST_F(NvmeMiResponder, HugeLogReadIsRefused)
{
	auto b = one(admin({.opcode = 0x02, .cdw10 = 0xffffu << 16 | 0x02, .dlen = 512}));
	EXPECT_EQ(b[3], 0x00);
	EXPECT_EQ(nvme_status(b) & 0x7ff, 0x002u);
}

TEST_F(NvmeMiResponder, FirmwareActivationShowsInTheHealthPollUntilCleared)
{
	EXPECT_EQ(one(mi(0x01, 0))[11], 0x01); // ready, nothing changed
	one(admin({.opcode = 0x11, .cdw10 = 1, .data = Bytes{'F', 'W', '3', 0, 0, 0, 0, 0}}));
	auto out = r.handle(admin({.opcode = 0x10, .cdw10 = 3u << 3 | 2}), t0);
	EXPECT_EQ(nvme_status(checked(out.back().body)), 0u);
	EXPECT_EQ(one(mi(0x01, 0))[11], 0x81);		  // firmware activated
	EXPECT_EQ(one(mi(0x01, 0, 1u << 31))[11], 0x81); // reported once more, then cleared
	EXPECT_EQ(one(mi(0x01, 0))[11], 0x01);
}

TEST_F(NvmeMiResponder, SecuritySendAndReceivePassPayloadsThrough)
{
	// protocol 0: the supported protocols (0x00 and 0xea)
	auto info = admin_data(one(admin({.opcode = 0x82, .cdw10 = 0, .cdw11 = 16, .dlen = 16})));
	ASSERT_EQ(info.size(), 16u);
	EXPECT_EQ(info[7], 2);
	EXPECT_EQ(info[8], 0x00);
	EXPECT_EQ(info[9], 0xea);
	// what is sent for (0xea, SPSP 0x0102) comes back, zero-padded to AL
	const Bytes payload{1, 2, 3, 4, 5, 6, 7, 8};
	const std::uint32_t cdw10 = 0xeau << 24 | 0x0102u << 8;
	EXPECT_EQ(nvme_status(one(admin({.opcode = 0x81, .cdw10 = cdw10, .cdw11 = 8, .data = payload}))),
		  0u);
	auto back = admin_data(one(admin({.opcode = 0x82, .cdw10 = cdw10, .cdw11 = 12, .dlen = 12})));
	EXPECT_EQ(back, (Bytes{1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0}));
	// another SPSP holds nothing
	auto other = admin_data(one(admin({.opcode = 0x82, .cdw10 = 0xeau << 24 | 0x0103u << 8,
					    .cdw11 = 4, .dlen = 4})));
	EXPECT_EQ(other, Bytes(4, 0));
	// refused: a send to protocol 0, a length that disagrees, too large
	EXPECT_EQ(nvme_status(one(admin({.opcode = 0x81, .cdw10 = 0, .cdw11 = 8, .data = payload}))) & 0x7ff,
		  0x002u);
	EXPECT_EQ(nvme_status(one(admin({.opcode = 0x81, .cdw10 = cdw10, .cdw11 = 9, .data = payload}))) &
			  0x7ff,
		  0x002u);
	EXPECT_EQ(nvme_status(one(admin({.opcode = 0x82, .cdw10 = cdw10, .cdw11 = 1u << 20}))) & 0x7ff,
		  0x002u);
	// bounded: at most 16 (protocol, SPSP) pairs kept
	for (std::uint32_t spsp = 0x200; spsp < 0x200 + 15; spsp++)
		EXPECT_EQ(nvme_status(one(admin({.opcode = 0x81, .cdw10 = 0xeau << 24 | spsp << 8,
						 .cdw11 = 1, .data = Bytes{1}}))),
			  0u);
	EXPECT_EQ(nvme_status(one(admin({.opcode = 0x81, .cdw10 = 0xeau << 24 | 0x300u << 8,
					 .cdw11 = 1, .data = Bytes{1}}))) &
			  0x7ff,
		  0x002u);
}
