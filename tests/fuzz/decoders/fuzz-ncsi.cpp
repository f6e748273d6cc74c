// SPDX-License-Identifier: GPL-2.0
// fuzz-ncsi: every decoder of the NC-SI codec library (tools/libncsixx),
// fed mutations of well-formed packets and response data (bit flips, byte
// overwrites, cuts, extensions, duplicated ranges, big-endian words and
// dwords set to extremes; half the time the payload length field and the
// checksum are made right again over the damage, so the checks behind them
// are reached). Built with AddressSanitizer and UndefinedBehaviorSanitizer,
// so a read out of bounds or an overflow stops it. Its own checks on what a
// decoder accepts: encoded again it decodes to the same value, with the
// same size (whole packets: the same bytes but for reserved fields and a
// checksum of 0), lengths and counts agree with the bytes, text is
// printable and bounded.
//
//   fuzz-ncsi [-s SEED] [-n ITERATIONS]
// Ends with "FUZZ-RESULT name=ncsi iterations=N seed=S failures=F ...".
//
// For a coverage-guided fuzzer (AFL++, run-afl.sh; this file built with
// afl-g++ as fuzz-ncsi-afl):
//   fuzz-ncsi -c DIR    writes the seed corpus: one file per decoder, its
//                       index byte, then its well-formed input
//   fuzz-ncsi -f FILE   runs one input: the first byte picks the decoder
//                       (modulo their number), the rest is the input, which
//                       then also goes through every other decoder; a failed
//                       check aborts (what AFL++ counts as a crash)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

#include "ncsixx/ncsi.hpp"

using namespace mctpxx::ncsi;

namespace {

unsigned long failures = 0;
std::uint64_t seed = 0;
unsigned long iteration = 0;
unsigned long accepted = 0;

void check(bool ok, const std::string &what)
{
	if (ok)
		return;
	failures++;
	if (failures <= 50)
		std::printf("FUZZ-FAIL: seed=%llu iteration=%lu: %s\n", static_cast<unsigned long long>(seed),
			    iteration, what.c_str());
}

Bytes mutate(Bytes b, std::mt19937_64 &rng)
{
	auto pick = [&](std::size_t n) { return n ? static_cast<std::size_t>(rng() % n) : 0; };
	const int rounds = 1 + static_cast<int>(rng() % 3);
	for (int r = 0; r < rounds; r++) {
		switch (rng() % 7) {
		case 0: // flip a bit
			if (!b.empty())
				b[pick(b.size())] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
			break;
		case 1: // overwrite a byte with an extreme or random value
			if (!b.empty()) {
				static const std::uint8_t kExtremes[] = {0x00, 0x01, 0x02, 0x03, 0x07, 0x08,
									 0x1f, 0x7f, 0x80, 0xfe, 0xff};
				b[pick(b.size())] = (rng() & 1) ? kExtremes[rng() % 11]
								 : static_cast<std::uint8_t>(rng());
			}
			break;
		case 2: // cut
			b.resize(pick(b.size() + 1));
			break;
		case 3: // extend
			for (std::size_t i = 0, n = pick(40); i < n; i++)
				b.push_back(static_cast<std::uint8_t>(rng()));
			break;
		case 4: // duplicate a range
			if (!b.empty()) {
				const std::size_t at = pick(b.size()), n = pick(b.size() - at + 1);
				Bytes part(b.begin() + static_cast<std::ptrdiff_t>(at),
					   b.begin() + static_cast<std::ptrdiff_t>(at + n));
				b.insert(b.begin() + static_cast<std::ptrdiff_t>(pick(b.size() + 1)), part.begin(),
					 part.end());
			}
			break;
		case 5: // a big-endian dword or word set to an extreme
			if (b.size() >= 4) {
				const std::size_t at = pick(b.size() - 3);
				const std::uint32_t v = (rng() & 1) ? 0xffffffffu : static_cast<std::uint32_t>(rng());
				const int n = (rng() & 1) ? 4 : 2;
				for (int i = 0; i < n; i++)
					b[at + i] = static_cast<std::uint8_t>(v >> (8 * (n - 1 - i)));
			}
			break;
		default: // only the fix-ups
			break;
		}
	}
	return b;
}

// Fix-ups of a whole packet, each half the time: the payload length field
// set to what the bytes hold (total less header and checksum, padding
// counted as payload or not), then the checksum made right.
void fix_packet(Bytes &b, std::mt19937_64 &rng)
{
	if (b.size() < kHeaderSize + kChecksumSize)
		return;
	if (rng() & 1) {
		std::size_t n = b.size() - kHeaderSize - kChecksumSize;
		if (n && (rng() & 1))
			n -= rng() % std::min<std::size_t>(n, 4);
		b[6] = static_cast<std::uint8_t>((n >> 8) & 0x0f);
		b[7] = static_cast<std::uint8_t>(n);
	}
	if (rng() & 1) {
		const std::size_t length = (b[6] << 8 | b[7]) & 0x0fff;
		const std::size_t covered = std::min(b.size() - kChecksumSize, kHeaderSize + length);
		const std::uint32_t c = (rng() % 8 == 0) ? 0 : checksum(std::span(b).first(covered));
		for (int i = 0; i < 4; i++)
			b[b.size() - 4 + i] = static_cast<std::uint8_t>(c >> (24 - 8 * i));
	}
}

bool printable(const std::string &s, std::size_t max)
{
	if (s.size() > max)
		return false;
	for (unsigned char c : s)
		if (c < 0x20 || c >= 0x7f)
			return false;
	return true;
}

bool reserved_zero(const Bytes &m)
{
	if (m[2] != 0 || (m[6] & 0xf0))
		return false;
	for (std::size_t i = 8; i < kHeaderSize; i++)
		if (m[i])
			return false;
	return true;
}

// @again (a packet encoded from what was decoded from @m) is @m but for the
// reserved header fields, which the encoders write as 0, and for the
// checksum when @m had none (0) or reserved fields set.
bool same_packet(const Bytes &again, const Bytes &m)
{
	if (again.size() != m.size() || m.size() < kHeaderSize + kChecksumSize)
		return false;
	const bool exact =
		reserved_zero(m) && (m[m.size() - 4] | m[m.size() - 3] | m[m.size() - 2] | m[m.size() - 1]) != 0;
	for (std::size_t i = 0; i < m.size(); i++) {
		const bool reserved = i == 2 || (i >= 8 && i < kHeaderSize);
		const bool sum = i >= m.size() - 4;
		if (reserved || (sum && !exact))
			continue;
		const std::uint8_t mask = i == 6 ? 0x0f : 0xff;
		if ((again[i] & mask) != (m[i] & mask))
			return false;
	}
	return true;
}

// The request header of the command a response answers.
Header request_of(const Header &response)
{
	Header h = response;
	h.type = static_cast<std::uint8_t>(response.type & ~kResponseBit);
	return h;
}

// A typed decoder at both levels: on the response data alone, and inside a
// whole response packet.
template <typename T>
struct Typed {
	const char *name;
	Command command;
	std::function<mctpxx::Result<T>(std::span<const std::uint8_t>)> decode;
	std::function<mctpxx::Result<Bytes>(const T &)> encode;
	std::function<void(const T &, std::size_t)> invariants;
};

struct Decoder {
	std::string name;
	Bytes seed;
	std::function<void(Bytes &, std::mt19937_64 &)> fixup;
	std::function<void(const Bytes &)> run;
};

Bytes must(mctpxx::Result<Bytes> r)
{
	if (!r) {
		std::fprintf(stderr, "fuzz-ncsi: a seed failed to encode: %s\n", r.error().message.c_str());
		std::exit(2);
	}
	return *r;
}

constexpr std::uint8_t kIid = 0x5a;

template <typename T>
void add_typed(std::vector<Decoder> &t, const Typed<T> &ty, const T &value)
{
	auto none = [](Bytes &, std::mt19937_64 &) {};
	const Bytes data = must(ty.encode(value));
	// the data alone: decoded, encoded, decoded again gives the same
	t.push_back({ty.name, data, none, [ty](const Bytes &m) {
		auto d = ty.decode(m);
		if (!d)
			return;
		accepted++;
		ty.invariants(*d, m.size());
		auto e = ty.encode(*d);
		if (!e) {
			check(false, std::string(ty.name) + ": accepted but not encodable: " + e.error().message);
			return;
		}
		check(e->size() == m.size(), std::string(ty.name) + ": encoded size differs");
		auto again = ty.decode(*e);
		check(again && *again == *d, std::string(ty.name) + ": round trip changes the value");
	}});
	// inside a response packet
	Header req;
	req.iid = kIid;
	req.type = static_cast<std::uint8_t>(ty.command);
	req.channel = {1, 2};
	t.push_back({std::string(ty.name) + " (packet)", must(encode_response(req, {}, data)), fix_packet, [ty](const Bytes &m) {
		auto r = decode_response(m, ty.command, kIid);
		if (!r)
			return;
		accepted++;
		check(printable(describe(r->status), 120), std::string(ty.name) + ": status text");
		check(r->data.size() + 4 == r->header.payload_length, std::string(ty.name) + ": data size");
		if (!r->status.ok()) {
			auto e = encode_response(request_of(r->header), r->status, r->data);
			check(e && same_packet(*e, m), std::string(ty.name) + ": failed response round trip");
			return;
		}
		auto d = ty.decode(r->data);
		if (!d)
			return;
		ty.invariants(*d, r->data.size());
		auto data = ty.encode(*d);
		auto e = data ? encode_response(request_of(r->header), r->status, *data) : data;
		check(e && e->size() == m.size() && decode_response(*e, ty.command, kIid),
		      std::string(ty.name) + ": response round trip");
	}});
}

std::vector<Decoder> targets()
{
	std::vector<Decoder> t;
	auto none = [](Bytes &, std::mt19937_64 &) {};
	const mctpxx::ncsi::Target to{{3, 1}, kIid, 0x11};

	// ---- the packet ----
	Header h;
	h.iid = 9;
	h.type = 0x17;
	h.channel = {2, 5};
	t.push_back({"packet", must(frame(h, Bytes{1, 2, 3, 4, 5, 6, 7})), fix_packet, [](const Bytes &m) {
		auto p = parse(m);
		if (!p)
			return;
		accepted++;
		check(p->payload.size() == p->header.payload_length, "packet: payload size");
		check(m.size() == kHeaderSize + padded(p->payload.size()) + kChecksumSize, "packet: size");
		check(p->header.revision == kHeaderRevision, "packet: revision");
		auto e = frame(p->header, p->payload, p->checksum != 0);
		check(e && same_packet(*e, m), "packet: round trip");
	}});

	// ---- requests ----
	auto request = [](const Bytes &m) {
		auto r = decode_request(m);
		if (!r)
			return;
		accepted++;
		check(r->header.iid != 0 && is_command_type(r->header.type), "request: IID or type");
		if (auto len = request_payload_length(r->type()))
			check(*len == r->payload.size(), "request: payload length of " + command_name(r->type()));
		check(printable(command_name(r->type()), 40), "request: command name");
		auto e = encode_request({r->header.channel, r->header.iid, r->header.mc_id}, r->type(), r->payload);
		check(e && same_packet(*e, m), "request: round trip");
		// the arguments: encoded again, decoded again, the same
		const mctpxx::ncsi::Target again_to{r->header.channel, r->header.iid, r->header.mc_id};
		if (r->type() == 0x01)
			if (auto a = decode_select_package(*r)) {
				const Bytes b = must(encode_select_package(again_to, *a));
				auto again = decode_request(b);
				check(again && decode_select_package(*again) == *a, "Select Package round trip");
			}
		if (r->type() == 0x04)
			if (auto a = decode_disable_channel(*r)) {
				const Bytes b = must(encode_disable_channel(again_to, *a));
				auto again = decode_request(b);
				check(again && decode_disable_channel(*again) == *a, "Disable Channel round trip");
			}
		if (r->type() == 0x08)
			if (auto a = decode_aen_enable(*r)) {
				const Bytes b = must(encode_aen_enable(again_to, a->aen_mc_id, a->aen_control));
				auto again = decode_request(b);
				check(again && decode_aen_enable(*again) == *a, "AEN Enable round trip");
			}
	};
	t.push_back({"Select Package req", must(encode_select_package(to, true)), fix_packet, request});
	t.push_back({"Disable Channel req", must(encode_disable_channel(to, true)), fix_packet, request});
	t.push_back({"AEN Enable req", must(encode_aen_enable(to, 0x21, 0x7)), fix_packet, request});
	t.push_back({"Get Link Status req", must(encode_get_link_status(to)), fix_packet, request});
	t.push_back({"OEM req", must(encode_request(to, 0x50, Bytes{0, 0, 0x01, 0x57, 1, 2})), fix_packet, request});

	// ---- a bare response and its status ----
	Header req;
	req.iid = kIid;
	req.type = 0x03;
	t.push_back({"Enable Channel resp", must(encode_response(req, {response_code::Failed, reason::ChannelNotReady})),
		     fix_packet, [](const Bytes &m) {
		auto r = decode_response(m, Command::EnableChannel, kIid);
		if (!r)
			return;
		accepted++;
		check(printable(describe(r->status), 120), "response: status text");
		auto e = encode_response(request_of(r->header), r->status, r->data);
		check(e && same_packet(*e, m), "response: round trip");
	}});

	// ---- typed data ----
	add_typed<LinkStatus>(t, {"Get Link Status data", Command::GetLinkStatus, decode_link_status, encode_link_status,
				  [](const LinkStatus &s, std::size_t n) {
		check(n == 12, "link status: size");
		check(printable(speed_text(s.speed_duplex()), 40), "link status: speed text");
	}}, LinkStatus{0x0001006f, 1, 0x12345678});
	VersionId v;
	v.ncsi = {0xf1, 0xf2, 0xff, 'a', 0};
	v.firmware_name = "NICFW";
	v.firmware_version = 0x01020304;
	v.pci_did = 0x1533;
	v.pci_vid = 0x8086;
	v.manufacturer_id = 343;
	add_typed<VersionId>(t, {"Get Version ID data", Command::GetVersionId, decode_version_id, encode_version_id,
				 [](const VersionId &x, std::size_t n) {
		check(n == 36, "version ID: size");
		check(printable(x.firmware_name, 12), "version ID: firmware name");
		check(printable(x.ncsi.to_string(), 16), "version ID: NC-SI version text");
		check(printable(x.firmware_version_text(), 15), "version ID: firmware version text");
	}}, v);
	add_typed<Capabilities>(t, {"Get Capabilities data", Command::GetCapabilities, decode_capabilities,
				    encode_capabilities, [](const Capabilities &c, std::size_t n) {
		check(n == 28 && c.channel_count <= 31, "capabilities: size or channel count");
	}}, Capabilities{0x1f, 0x0f, 0x07, 16384, 7, 4, 0, 2, 2, 7, 2});
	Parameters p;
	p.macs = {{{2, 0, 0, 0, 0, 1}, true}, {{2, 0, 0, 0, 0, 2}, false}};
	p.vlans = {{100, true}};
	p.configuration_flags = 0x0b;
	add_typed<Parameters>(t, {"Get Parameters data", Command::GetParameters, decode_parameters, encode_parameters,
				  [](const Parameters &x, std::size_t n) {
		check(x.macs.size() <= 8 && x.vlans.size() <= 16, "parameters: counts");
		check(n == 28 + 6 * x.macs.size() + 2 * x.vlans.size(), "parameters: counts and bytes disagree");
	}}, p);
	ControllerPacketStatistics cps;
	cps.rx_bytes = 0x0123456789abcdefull;
	cps.rx_frames_by_size[3] = 7;
	cps.rx_jabber_errors = 1;
	add_typed<ControllerPacketStatistics>(t, {"Get Controller Packet Statistics data",
						  Command::GetControllerPacketStatistics,
						  decode_controller_packet_statistics, encode_controller_packet_statistics,
						  [](const ControllerPacketStatistics &, std::size_t n) {
		check(n == 200, "controller packet statistics: size");
	}}, cps);
	add_typed<NcsiStatistics>(t, {"Get NC-SI Statistics data", Command::GetNcsiStatistics, decode_ncsi_statistics,
				      encode_ncsi_statistics, [](const NcsiStatistics &, std::size_t n) {
		check(n == 28, "NC-SI statistics: size");
	}}, NcsiStatistics{100, 1, 2, 3, 90, 91, 4});
	PackageUuid u;
	u.bytes[0] = 0x12;
	u.bytes[15] = 0xef;
	add_typed<PackageUuid>(t, {"Get Package UUID data", Command::GetPackageUuid, decode_package_uuid,
				   encode_package_uuid, [](const PackageUuid &x, std::size_t n) {
		check(n == 16 && printable(x.to_string(), 36) && x.to_string().size() == 36, "package UUID: text");
	}}, u);
	add_typed<McMacAddresses>(t, {"Get MC MAC Address data", Command::GetMcMacAddress, decode_mc_mac_addresses,
				      encode_mc_mac_addresses, [](const McMacAddresses &x, std::size_t n) {
		check(n == 4 + 6 * x.macs.size(), "MC MAC address: count and bytes disagree");
		for (const auto &m : x.macs)
			check(mac_to_string(m).size() == 17, "MC MAC address: text");
	}}, McMacAddresses{{{2, 0x11, 0x22, 0x33, 0x44, 0x55}}});

	// ---- AENs ----
	auto aen = [](const Bytes &m) {
		auto a = decode_aen(m);
		if (!a)
			return;
		accepted++;
		check(printable(aen_name(a->type()), 40), "AEN: name");
		auto e = encode_aen(*a);
		if (!e) {
			check(false, "AEN: accepted but not encodable: " + e.error().message);
			return;
		}
		check(e->size() == m.size(), "AEN: encoded size differs");
		auto again = decode_aen(*e);
		check(again && *again == *a, "AEN: round trip changes the value");
	};
	t.push_back({"AEN link status", must(encode_aen({{1, 1}, 0, LinkStatusChangeAen{0x0b, 0}})), fix_packet, aen});
	t.push_back({"AEN configuration", must(encode_aen({{0, 0}, 0, ConfigurationRequiredAen{}})), fix_packet, aen});
	t.push_back({"AEN driver", must(encode_aen({{0, 3}, 0x22, HostNcDriverStatusAen{1}})), fix_packet, aen});
	t.push_back({"AEN OEM", must(encode_aen({{0, 3}, 0, OtherAen{0x80, Bytes{1, 2, 3}}})), fix_packet, aen});
	(void)none;
	return t;
}

} // namespace

int write_corpus(const std::string &dir)
{
	const auto t = targets();
	for (std::size_t i = 0; i < t.size(); i++) {
		const std::string path = dir + "/seed-" + std::to_string(i);
		std::FILE *f = std::fopen(path.c_str(), "wb");
		if (!f) {
			std::perror(path.c_str());
			return 1;
		}
		const auto index = static_cast<unsigned char>(i);
		const bool ok = std::fwrite(&index, 1, 1, f) == 1 &&
				std::fwrite(t[i].seed.data(), 1, t[i].seed.size(), f) == t[i].seed.size();
		if (std::fclose(f) != 0 || !ok) {
			std::perror(path.c_str());
			return 1;
		}
	}
	std::printf("fuzz-ncsi: %zu seeds in %s\n", t.size(), dir.c_str());
	return 0;
}

int run_file(const char *path)
{
	std::FILE *f = std::fopen(path, "rb");
	if (!f) {
		std::perror(path);
		return 2;
	}
	Bytes in;
	unsigned char buf[4096];
	for (std::size_t n; (n = std::fread(buf, 1, sizeof(buf), f)) > 0 && in.size() < (1u << 20);)
		in.insert(in.end(), buf, buf + n);
	std::fclose(f);
	if (in.empty())
		return 0;
	const auto t = targets();
	const Bytes m(in.begin() + 1, in.end());
	t[in[0] % t.size()].run(m);
	for (const auto &y : t)
		y.run(m);
	if (failures)
		std::abort();
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long n = 100000;
	seed = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
	int c;
	while ((c = getopt(argc, argv, "s:n:c:f:")) != -1) {
		if (c == 's')
			seed = std::strtoull(optarg, nullptr, 0);
		else if (c == 'n')
			n = std::strtoul(optarg, nullptr, 0);
		else if (c == 'c')
			return write_corpus(optarg);
		else if (c == 'f')
			return run_file(optarg);
		else {
			std::fprintf(stderr, "usage: fuzz-ncsi [-s SEED] [-n ITERATIONS] | -c DIR | -f FILE\n");
			return 2;
		}
	}
	std::printf("fuzz-ncsi: seed %llu, %lu iterations\n", static_cast<unsigned long long>(seed), n);
	const auto start = std::chrono::steady_clock::now();
	std::mt19937_64 rng(seed);
	const auto t = targets();
	// every seed is accepted by its own decoder before any mutation
	const unsigned long before = accepted;
	for (const auto &x : t)
		x.run(x.seed);
	check(accepted - before == t.size(), "a seed is refused by its decoder (" + std::to_string(accepted - before) +
						     " of " + std::to_string(t.size()) + " accepted)");
	for (iteration = 0; iteration < n; iteration++) {
		const auto &x = t[iteration % t.size()];
		Bytes m = mutate(x.seed, rng);
		x.fixup(m, rng);
		x.run(m);
		// and now and then through every other decoder too
		if (rng() % 16 == 0)
			for (const auto &y : t)
				y.run(m);
	}
	const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
	std::printf("FUZZ-RESULT name=ncsi iterations=%lu seed=%llu failures=%lu accepted=%lu decoders=%zu "
		    "seconds=%.1f\n",
		    n, static_cast<unsigned long long>(seed), failures, accepted, t.size(), secs);
	return failures ? 1 : 0;
}
