// SPDX-License-Identifier: GPL-2.0
// fuzz-nvme-mi: the NVMe-MI decoders on the management side and in the
// emulated drive, fed mutations of well-formed messages (bit flips, byte
// overwrites, cuts, extensions, length bytes set to extremes, MICs made
// right again over the damage). Built with AddressSanitizer and
// UndefinedBehaviorSanitizer, so a read out of bounds or an overflow stops
// it; its own checks: what a decoder accepts holds only printable text,
// bounded sizes and plausible values (what would reach D-Bus), and the
// emulated drive answers every request with at most its bounded replies.
//
//   fuzz-nvme-mi [-s SEED] [-n ITERATIONS]
// Ends with "FUZZ-RESULT name=nvme-mi iterations=N seed=S failures=F".
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

#include "drive_state.hpp"
#include "fru.hpp"
#include "mctpxx/nvme_mi.hpp"
#include "nvme_mi_responder.hpp"
#include "nvme_vpd.hpp"

using namespace mctpxx;
using Bytes = std::vector<std::uint8_t>;

namespace {

unsigned long failures = 0;
std::uint64_t seed = 0;
unsigned long iteration = 0;

void check(bool ok, const std::string &what)
{
	if (ok)
		return;
	failures++;
	std::printf("FUZZ-FAIL: seed=%llu iteration=%lu: %s\n",
		    static_cast<unsigned long long>(seed), iteration, what.c_str());
}

bool printable(const std::string &s)
{
	for (unsigned char c : s)
		if (c < 0x20 || c > 0x7e)
			return false;
	return true;
}

Bytes mutate(Bytes b, std::mt19937_64 &rng)
{
	auto pick = [&](std::size_t n) { return n ? static_cast<std::size_t>(rng() % n) : 0; };
	const int rounds = 1 + static_cast<int>(rng() % 4);
	for (int r = 0; r < rounds; r++) {
		switch (rng() % 7) {
		case 0: // flip a bit
			if (!b.empty())
				b[pick(b.size())] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
			break;
		case 1: // overwrite a byte with an extreme or random value
			if (!b.empty()) {
				static const std::uint8_t kExtremes[] = {0x00, 0x01, 0x3f, 0x7f, 0x80, 0xc1, 0xff};
				b[pick(b.size())] = (rng() & 1) ? kExtremes[rng() % 7]
								 : static_cast<std::uint8_t>(rng());
			}
			break;
		case 2: // cut
			b.resize(pick(b.size() + 1));
			break;
		case 3: // extend
			for (std::size_t i = 0, n = pick(64); i < n; i++)
				b.push_back(static_cast<std::uint8_t>(rng()));
			break;
		case 4: // duplicate a range
			if (!b.empty()) {
				const std::size_t at = pick(b.size()), n = pick(b.size() - at + 1);
				Bytes part(b.begin() + static_cast<std::ptrdiff_t>(at),
					   b.begin() + static_cast<std::ptrdiff_t>(at + n));
				b.insert(b.begin() + static_cast<std::ptrdiff_t>(pick(b.size() + 1)),
					 part.begin(), part.end());
			}
			break;
		case 5: // a little-endian dword set to an extreme
			if (b.size() >= 4) {
				const std::size_t at = pick(b.size() - 3);
				const std::uint32_t v = (rng() & 1) ? 0xffffffffu : static_cast<std::uint32_t>(rng());
				for (int i = 0; i < 4; i++)
					b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
			}
			break;
		default: // nothing: the MIC fix below alone
			break;
		}
	}
	return b;
}

// Make the MIC right again over the damage, half the time, so the
// decoders behind the integrity check are reached.
void maybe_fix_mic(Bytes &b, std::mt19937_64 &rng)
{
	if (b.size() >= nvme_mi::kMicSize && (rng() & 1)) {
		b.resize(b.size() - nvme_mi::kMicSize);
		nvme_mi::append_mic(b);
	}
}

void fuzz_fru(const Bytes &image, std::mt19937_64 &rng)
{
	Bytes m = mutate(image, rng);
	if (auto f = nvmed::parse_fru(m)) {
		for (const auto *s : {&f->manufacturer, &f->product, &f->part_number, &f->version,
				      &f->serial, &f->asset_tag}) {
			check(printable(*s), "FRU field not printable");
			check(s->size() <= 2 * 63, "FRU field longer than any field can decode to");
		}
	}
	if (m.size() >= 9)
		(void)nvmed::parse_product_area(std::span(m).subspan(8));
}

void fuzz_identify_smart(std::mt19937_64 &rng)
{
	Bytes id(4096);
	for (auto &b : id)
		b = (rng() % 4) ? static_cast<std::uint8_t>(rng()) : 0x20;
	id.resize(4096 - rng() % 8); // sometimes short
	if (auto i = nvmed::parse_identify(id)) {
		check(printable(i->model) && i->model.size() <= 40, "model");
		check(printable(i->serial) && i->serial.size() <= 20, "serial");
		check(printable(i->firmware) && i->firmware.size() <= 8, "firmware");
		for (auto t : {i->warning_c, i->critical_c})
			check(!t || (*t >= -273 && *t <= 200), "threshold out of range");
	}
	Bytes log(512 - rng() % 4);
	for (auto &b : log)
		b = static_cast<std::uint8_t>(rng());
	if (auto h = nvmed::parse_smart(log))
		check(!h->temperature_c || (*h->temperature_c >= -273 && *h->temperature_c <= 200),
		      "SMART temperature out of range");
}

void fuzz_mi_response(std::mt19937_64 &rng)
{
	Bytes r{0x88, 0, 0, 0, 0, 0, 0};
	for (std::size_t i = 0, n = rng() % 80; i < n; i++)
		r.push_back(static_cast<std::uint8_t>(rng()));
	nvme_mi::append_mic(r);
	Bytes m = mutate(r, rng);
	maybe_fix_mic(m, rng);
	if (auto d = nvme_mi::decode_mi_response(m)) {
		check(d->data.size() + 7 + nvme_mi::kMicSize == m.size(), "response data size");
		check(d->nmresp <= 0xffffff, "NMRESP wider than 24 bits");
	}
}

void fuzz_drive(emu::nvmemi::Responder &drive, const std::vector<Bytes> &requests,
		std::mt19937_64 &rng)
{
	Bytes m = mutate(requests[rng() % requests.size()], rng);
	maybe_fix_mic(m, rng);
	auto replies = drive.handle(m, emu::nvmemi::Responder::Clock::now());
	check(replies.size() <= 16, "too many replies");
	for (const auto &r : replies) {
		check(r.body.size() <= 70000, "reply larger than an NVMe-MI message may be");
		check(nvme_mi::mic_ok(r.body), "reply with a wrong MIC");
	}
}

std::vector<Bytes> seed_requests()
{
	using nvme_mi::MiOpcode;
	std::vector<Bytes> v;
	for (auto op : {MiOpcode::ReadDataStructure, MiOpcode::SubsystemHealthStatusPoll,
			MiOpcode::ControllerHealthStatusPoll, MiOpcode::ConfigurationSet,
			MiOpcode::ConfigurationGet, MiOpcode::VpdRead})
		v.push_back(nvme_mi::mi_request(op, 0x00000100, 0x00000010));
	// admin commands (NMIMT 2): Identify, Get Log Page, Get Features,
	// Firmware Download and Commit; header, opcode, flags, controller,
	// then dwords
	for (std::uint8_t op : {0x06, 0x02, 0x0a, 0x09, 0x11, 0x10}) {
		Bytes a(3 + 64, 0);
		a[0] = 0x10;
		a[3] = op;
		a[4] = 0x03;
		a[3 + 40] = 0x01; // cdw10
		a[3 + 36] = 0x00;
		a[3 + 32] = 0x10; // dlen
		nvme_mi::append_mic(a);
		v.push_back(a);
	}
	return v;
}

} // namespace

int main(int argc, char **argv)
{
	unsigned long n = 100000;
	seed = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
	int c;
	while ((c = getopt(argc, argv, "s:n:")) != -1) {
		if (c == 's')
			seed = std::strtoull(optarg, nullptr, 0);
		else if (c == 'n')
			n = std::strtoul(optarg, nullptr, 0);
		else {
			std::fprintf(stderr, "usage: fuzz-nvme-mi [-s SEED] [-n ITERATIONS]\n");
			return 2;
		}
	}
	std::printf("fuzz-nvme-mi: seed %llu, %lu iterations\n", static_cast<unsigned long long>(seed), n);
	std::mt19937_64 rng(seed);
	emu::nvme::DriveConfig cfg;
	cfg.commit_mpr = 0; // no waits
	const Bytes image = emu::nvme::fru_image(cfg);
	emu::nvmemi::Responder drive(cfg, {});
	const auto requests = seed_requests();
	for (iteration = 0; iteration < n; iteration++) {
		switch (iteration % 4) {
		case 0: fuzz_fru(image, rng); break;
		case 1: fuzz_identify_smart(rng); break;
		case 2: fuzz_mi_response(rng); break;
		default: fuzz_drive(drive, requests, rng); break;
		}
	}
	std::printf("FUZZ-RESULT name=nvme-mi iterations=%lu seed=%llu failures=%lu\n", n,
		    static_cast<unsigned long long>(seed), failures);
	return failures ? 1 : 0;
}
