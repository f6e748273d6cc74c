// SPDX-License-Identifier: GPL-2.0
// fuzz-pldm: every decoder of the PLDM codec library (tools/libpldmxx),
// fed mutations of well-formed messages (bit flips, byte overwrites, cuts,
// extensions, duplicated ranges, dwords set to extremes; PDR lengths and
// CRC-32s made right again over the damage half the time, so the decoders
// behind those checks are reached). Built with AddressSanitizer and
// UndefinedBehaviorSanitizer, so a read out of bounds or an overflow stops
// it. Its own checks on what a decoder accepts: encoding it again gives the
// same bytes (so every count and length agrees with the bytes), text is
// printable and bounded, counts stay within their limits.
//
//   fuzz-pldm [-s SEED] [-n ITERATIONS]
// Ends with "FUZZ-RESULT name=pldm iterations=N seed=S failures=F".
//
// The same decoders and checks under a coverage-guided fuzzer (AFL++,
// run-afl.sh builds this file with afl-g++ as fuzz-pldm-afl):
//   fuzz-pldm -c DIR    writes the seed corpus: one file per decoder, its
//                       index byte, then its well-formed message
//   fuzz-pldm -f FILE   runs one input: the first byte picks the decoder
//                       (modulo their number), the rest is the message,
//                       which then also goes through every other decoder;
//                       a failed check aborts (what AFL++ counts as a crash)
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

#include "pldmxx/base.hpp"
#include "pldmxx/fru.hpp"
#include "pldmxx/platform.hpp"

using namespace mctpxx::pldm;
namespace pf = mctpxx::pldm::platform;

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
		std::printf("FUZZ-FAIL: seed=%llu iteration=%lu: %s\n",
			    static_cast<unsigned long long>(seed), iteration, what.c_str());
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
				static const std::uint8_t kExtremes[] = {0x00, 0x01, 0x02, 0x05, 0x07,
									 0x08, 0x20, 0x7f, 0x80, 0xfe, 0xff};
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
				b.insert(b.begin() + static_cast<std::ptrdiff_t>(pick(b.size() + 1)),
					 part.begin(), part.end());
			}
			break;
		case 5: // a little-endian dword or word set to an extreme
			if (b.size() >= 4) {
				const std::size_t at = pick(b.size() - 3);
				const std::uint32_t v = (rng() & 1) ? 0xffffffffu : static_cast<std::uint32_t>(rng());
				for (int i = 0; i < ((rng() & 1) ? 4 : 2); i++)
					b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
			}
			break;
		default: // only the fix-ups
			break;
		}
	}
	return b;
}

// Fix-ups, each half the time: a PDR's data length, the CRC-32 trailer of
// a FRU table or of version data, GetPDR's response count.
void fix_pdr_length(Bytes &b, std::mt19937_64 &rng, std::size_t at = 0)
{
	if (b.size() >= at + pf::kPdrHeaderSize && (rng() & 1)) {
		const std::size_t n = b.size() - at - pf::kPdrHeaderSize;
		b[at + 8] = static_cast<std::uint8_t>(n);
		b[at + 9] = static_cast<std::uint8_t>(n >> 8);
	}
}

void fix_crc32(Bytes &b, std::mt19937_64 &rng)
{
	if (b.size() >= 4 && (rng() & 1)) {
		b.resize(b.size() - 4);
		const auto c = crc32(b);
		for (int i = 0; i < 4; i++)
			b.push_back(static_cast<std::uint8_t>(c >> (8 * i)));
	}
}

bool printable(const std::string &s)
{
	for (unsigned char c : s)
		if (c < 0x20 || c == 0x7f)
			return false;
	return true;
}

std::uint8_t iid_of(const Bytes &m)
{
	return m.empty() ? 0 : m[0] & 0x1f;
}

// @m as the encoders write it: they never set the D bit of a request (a
// datagram), which the decoders accept.
Bytes undatagram(Bytes m)
{
	if (!m.empty())
		m[0] &= static_cast<std::uint8_t>(~0x40);
	return m;
}

// Decoded, then encoded again: the same bytes. For a response with an
// error code the decoder keeps only the code: the first 4 bytes.
template <typename Dec, typename Enc>
void roundtrip(const char *name, const Bytes &raw, Dec dec, Enc enc)
{
	const Bytes m = undatagram(raw);
	auto d = dec(raw);
	if (!d)
		return;
	accepted++;
	auto e = enc(iid_of(m), *d);
	if (!e) {
		check(false, std::string(name) + ": accepted but not encodable: " + e.error().message);
		return;
	}
	bool same = *e == m;
	if constexpr (requires { d->completion_code; })
		if (d->completion_code != cc::Success)
			same = e->size() == 4 && std::equal(e->begin(), e->end(), m.begin());
	check(same, std::string(name) + ": encoding the decoded message gives other bytes");
}

// For decoders whose result is only a completion code (SetTID, ...).
template <typename Dec, typename Enc>
void roundtrip_cc(const char *name, const Bytes &m, Dec dec, Enc enc)
{
	auto d = dec(m); // a response: never a datagram
	if (!d)
		return;
	accepted++;
	auto e = enc(iid_of(m), *d);
	check(e && (*d != cc::Success ? e->size() == 4 && std::equal(e->begin(), e->end(), m.begin())
				      : *e == m),
	      std::string(name) + ": encoding the decoded response gives other bytes");
}

template <typename Dec, typename Enc>
void roundtrip_status(const char *name, const Bytes &raw, Dec dec, Enc enc)
{
	if (!dec(raw))
		return;
	const Bytes m = undatagram(raw);
	accepted++;
	auto e = enc(iid_of(m));
	check(e && *e == m, std::string(name) + ": encoding the decoded request gives other bytes");
}

template <typename T, typename Dec>
void pdr_roundtrip(const char *name, const Bytes &m, Dec dec)
{
	auto d = dec(m);
	if (!d)
		return;
	accepted++;
	check(d->header.length + pf::kPdrHeaderSize == m.size(), std::string(name) + ": length");
	auto e = pf::encode_pdr(*d);
	if (!e) {
		check(false, std::string(name) + ": accepted but not encodable: " + e.error().message);
		return;
	}
	if constexpr (std::is_same_v<T, pf::NumericSensorPdr>) {
		// real32 fields may hold NaNs whose payload a double does not
		// keep: compare sizes and the decoded values again
		check(e->size() == m.size(), std::string(name) + ": encoded size");
		auto again = dec(*e);
		check(again.has_value(), std::string(name) + ": re-encoded PDR refused");
	} else {
		check(*e == m, std::string(name) + ": encoding the decoded PDR gives other bytes");
	}
}

struct Target {
	const char *name;
	Bytes seed;
	std::function<void(Bytes &, std::mt19937_64 &)> fixup;
	std::function<void(const Bytes &)> run;
};

Bytes must(mctpxx::Result<Bytes> r)
{
	if (!r) {
		std::fprintf(stderr, "fuzz-pldm: a seed failed to encode: %s\n", r.error().message.c_str());
		std::exit(2);
	}
	return *r;
}

std::vector<Target> targets()
{
	std::vector<Target> t;
	auto none = [](Bytes &, std::mt19937_64 &) {};
	const Ver32 vers[] = {Ver32::from_u32(0xf1f0f000), Ver32::from_u32(0xf1f1f000)};
	const Bytes vdata = must(encode_version_data(vers));

	// ---- base ----
	t.push_back({"header", must(encode_header({true, false, 3, 0, 2, 0x51})), none, [](const Bytes &m) {
		if (auto h = decode_header(m)) {
			accepted++;
			check(h->instance_id < 32 && h->type < 64, "header fields out of range");
			auto e = encode_header(*h);
			check(e && std::equal(e->begin(), e->end(), m.begin()), "header round trip");
		}
	}});
	t.push_back({"GetTID req", must(encode_get_tid_request(1)), none, [](const Bytes &m) {
		roundtrip_status("GetTID req", m, decode_get_tid_request, encode_get_tid_request);
	}});
	t.push_back({"GetTID resp", must(encode_get_tid_response(1, {cc::Success, 9})), none, [](const Bytes &m) {
		roundtrip("GetTID resp", m, decode_get_tid_response, encode_get_tid_response);
	}});
	t.push_back({"SetTID req", must(encode_set_tid_request(1, 9)), none, [](const Bytes &m) {
		if (auto d = decode_set_tid_request(m)) {
			accepted++;
			check(*d != 0 && *d != 0xff, "SetTID reserved TID accepted");
			check(must(encode_set_tid_request(iid_of(m), *d)) == undatagram(m), "SetTID req round trip");
		}
	}});
	t.push_back({"SetTID resp", must(encode_set_tid_response(1, 0)), none, [](const Bytes &m) {
		roundtrip_cc("SetTID resp", m, decode_set_tid_response, encode_set_tid_response);
	}});
	t.push_back({"GetPLDMVersion req", must(encode_get_version_request(2, {7, TransferOp::GetNextPart, 4})),
		     none, [](const Bytes &m) {
		roundtrip("GetPLDMVersion req", m, decode_get_version_request, encode_get_version_request);
	}});
	t.push_back({"GetPLDMVersion resp",
		     must(encode_get_version_response(2, {cc::Success, 0, TransferFlag::StartAndEnd, vdata})),
		     none, [](const Bytes &m) {
		roundtrip("GetPLDMVersion resp", m, decode_get_version_response, encode_get_version_response);
	}});
	t.push_back({"version data", vdata, fix_crc32, [](const Bytes &m) {
		if (auto v = decode_version_data(m)) {
			accepted++;
			check(v->size() * 4 + 4 == m.size(), "version count and bytes");
			check(must(encode_version_data(*v)) == m, "version data round trip");
			for (const auto &x : *v)
				check(x.to_string().size() <= 12, "version string too long");
		}
	}});
	t.push_back({"GetPLDMTypes req", must(encode_get_types_request(0)), none, [](const Bytes &m) {
		roundtrip_status("GetPLDMTypes req", m, decode_get_types_request, encode_get_types_request);
	}});
	GetTypesResponse types;
	types.types.set(0).set(2).set(4);
	t.push_back({"GetPLDMTypes resp", must(encode_get_types_response(0, types)), none, [](const Bytes &m) {
		roundtrip("GetPLDMTypes resp", m, decode_get_types_response, encode_get_types_response);
	}});
	t.push_back({"GetPLDMCommands req", must(encode_get_commands_request(0, {2, vers[0]})), none,
		     [](const Bytes &m) {
		roundtrip("GetPLDMCommands req", m, decode_get_commands_request, encode_get_commands_request);
	}});
	GetCommandsResponse cmds;
	cmds.commands.set(0x11).set(0x51).set(0xff);
	t.push_back({"GetPLDMCommands resp", must(encode_get_commands_response(0, cmds)), none, [](const Bytes &m) {
		roundtrip("GetPLDMCommands resp", m, decode_get_commands_response, encode_get_commands_response);
	}});
	t.push_back({"response start", must(encode_get_tid_response(1, {cc::Success, 9})), none, [](const Bytes &m) {
		if (auto r = decode_response_start(m)) {
			accepted++;
			check(r->payload.size() + 4 == m.size(), "response start payload size");
		}
	}});

	// ---- FRU ----
	using namespace mctpxx::pldm::fru;
	std::vector<Record> recs{
		{1, RecordType::General, Encoding::Ascii,
		 {{field::Model, {'X', '1', '0', '0'}}, {field::SerialNumber, {'S', '4', '2'}},
		  {field::Manufacturer, {'A', 'c', 'm', 'e'}}, {field::VendorIana, {0x15, 0xa0, 0, 0}}}},
		{2, RecordType::Oem, Encoding::Utf8, {{field::OemVendorIana, {0x15, 0xa0, 0, 0}}, {0x80, {1, 2, 3}}}},
	};
	const Bytes table = must(encode_table(recs));
	t.push_back({"FRU metadata req", must(encode_get_metadata_request(1)), none, [](const Bytes &m) {
		roundtrip_status("FRU metadata req", m, decode_get_metadata_request, encode_get_metadata_request);
	}});
	t.push_back({"FRU metadata resp", must(encode_get_metadata_response(1, {cc::Success, 1, 0, 0, 40, 2, 2, 7})),
		     none, [](const Bytes &m) {
		roundtrip("FRU metadata resp", m, decode_get_metadata_response, encode_get_metadata_response);
	}});
	t.push_back({"FRU table req", must(encode_get_table_request(1, {5, TransferOp::GetNextPart})), none,
		     [](const Bytes &m) {
		roundtrip("FRU table req", m, decode_get_table_request, encode_get_table_request);
	}});
	t.push_back({"FRU table resp", must(encode_get_table_response(1, {cc::Success, 0, TransferFlag::End, table})),
		     none, [](const Bytes &m) {
		roundtrip("FRU table resp", m, decode_get_table_response, encode_get_table_response);
	}});
	t.push_back({"FRU table", table, fix_crc32, [](const Bytes &m) {
		auto r = decode_table(m);
		if (!r)
			return;
		accepted++;
		std::size_t bytes = 0;
		for (const auto &rec : *r) {
			bytes += 5;
			for (const auto &f : rec.fields) {
				bytes += 2 + f.value.size();
				check(f.value.size() <= 255, "FRU field over 255 bytes");
			}
			for (std::uint8_t ft = 0; ft < 32; ft++)
				if (auto s = rec.text(ft))
					check(printable(*s) && s->size() <= 255, "FRU text not printable or too long");
			if (rec.find(rec.type == RecordType::General ? field::VendorIana : field::OemVendorIana))
				check(rec.vendor_iana().has_value(), "vendor IANA not 4 bytes");
		}
		check(bytes <= m.size() - 4 && m.size() - 4 - bytes <= 3, "FRU records and bytes disagree");
		auto again = encode_records(*r);
		check(again && again->size() == m.size() - 4 && *decode_records(*again) == *r,
		      "FRU records round trip");
	}});

	// ---- platform ----
	pf::RepositoryInfo info;
	info.record_count = 4;
	info.update_time[12] = 1;
	t.push_back({"PDR repo info req", must(pf::encode_get_repository_info_request(0)), none, [](const Bytes &m) {
		roundtrip_status("PDR repo info req", m, pf::decode_get_repository_info_request,
				 pf::encode_get_repository_info_request);
	}});
	t.push_back({"PDR repo info resp", must(pf::encode_get_repository_info_response(0, info)), none,
		     [](const Bytes &m) {
		roundtrip("PDR repo info resp", m, pf::decode_get_repository_info_response,
			  pf::encode_get_repository_info_response);
	}});
	t.push_back({"GetPDR req", must(pf::encode_get_pdr_request(0, {1, 2, TransferOp::GetNextPart, 64, 3})), none,
		     [](const Bytes &m) {
		roundtrip("GetPDR req", m, pf::decode_get_pdr_request, pf::encode_get_pdr_request);
	}});
	t.push_back({"GetPDR resp",
		     must(pf::encode_get_pdr_response(0, {cc::Success, 2, 0, TransferFlag::End, {1, 2, 3, 4}, 0x33})),
		     [](Bytes &b, std::mt19937_64 &rng) {
			     // the response count made right (minus a CRC byte or not)
			     if (b.size() >= 16 && (rng() & 1)) {
				     const std::size_t n = b.size() - 15 - (rng() & 1);
				     b[13] = static_cast<std::uint8_t>(n);
				     b[14] = static_cast<std::uint8_t>(n >> 8);
			     }
		     },
		     [](const Bytes &m) {
		roundtrip("GetPDR resp", m, pf::decode_get_pdr_response, pf::encode_get_pdr_response);
	}});

	pf::NumericSensorPdr num;
	num.header.record_handle = 1;
	num.sensor_id = 5;
	num.data_size = pf::DataSize::S16;
	num.max_readable = 1000;
	num.min_readable = -100;
	num.range_format = pf::RangeFormat::Real32;
	num.critical_high = 90.5;
	num.supported_thresholds = 0x3f;
	num.range_support = 0x7f;
	pf::StateSensorPdr st;
	st.sensor_id = 6;
	st.sensors = {{1, {0x0e}}, {11, {0x06, 0x01}}};
	pf::EntityAssociationPdr assoc;
	assoc.container = {45, 1, 0};
	assoc.children = {{64, 1, 1}, {64, 2, 1}};
	pf::TerminusLocatorPdr loc;
	loc.tid = 9;
	loc.locator_value = {0x1d};
	auto pdrfix = [](Bytes &b, std::mt19937_64 &rng) { fix_pdr_length(b, rng); };
	const Bytes npdr = must(pf::encode_pdr(num)), spdr = must(pf::encode_pdr(st)),
		    apdr = must(pf::encode_pdr(assoc)), lpdr = must(pf::encode_pdr(loc));
	t.push_back({"numeric sensor PDR", npdr, pdrfix, [](const Bytes &m) {
		pdr_roundtrip<pf::NumericSensorPdr>("numeric sensor PDR", m, pf::decode_numeric_sensor_pdr);
	}});
	// the same with sizes changed, so other widths are reached
	pf::NumericSensorPdr num8 = num;
	num8.data_size = pf::DataSize::U8;
	num8.max_readable = 200;
	num8.min_readable = 0;
	num8.range_format = pf::RangeFormat::S32;
	num8.critical_high = -70000;
	const Bytes npdr8 = must(pf::encode_pdr(num8));
	t.push_back({"numeric sensor PDR (resized)", npdr8, pdrfix, [](const Bytes &m) {
		pdr_roundtrip<pf::NumericSensorPdr>("numeric sensor PDR", m, pf::decode_numeric_sensor_pdr);
	}});
	t.push_back({"state sensor PDR", spdr, pdrfix, [](const Bytes &m) {
		pdr_roundtrip<pf::StateSensorPdr>("state sensor PDR", m, pf::decode_state_sensor_pdr);
		if (auto p = pf::decode_state_sensor_pdr(m)) {
			check(!p->sensors.empty() && p->sensors.size() <= 8, "composite count");
			for (const auto &s : p->sensors)
				check(!s.possible_states.empty() && s.possible_states.size() <= 32,
				      "possible states size");
		}
	}});
	t.push_back({"entity association PDR", apdr, pdrfix, [](const Bytes &m) {
		pdr_roundtrip<pf::EntityAssociationPdr>("entity association PDR", m,
							pf::decode_entity_association_pdr);
	}});
	t.push_back({"terminus locator PDR", lpdr, pdrfix, [](const Bytes &m) {
		pdr_roundtrip<pf::TerminusLocatorPdr>("terminus locator PDR", m, pf::decode_terminus_locator_pdr);
	}});
	t.push_back({"any PDR", spdr, pdrfix, [](const Bytes &m) {
		if (auto p = pf::decode_pdr(m)) {
			accepted++;
			if (auto *o = std::get_if<pf::OtherPdr>(&*p))
				check(o->data.size() + pf::kPdrHeaderSize == m.size(), "other PDR size");
		}
	}});

	pf::SensorReading rd{cc::Success, pf::DataSize::S32, pf::OpState::Enabled, pf::EventEnable::EventsEnabled,
			     pf::SensorState::Normal, pf::SensorState::Normal, pf::SensorState::Normal, -5};
	t.push_back({"GetSensorReading req", must(pf::encode_get_sensor_reading_request(1, {5, true})), none,
		     [](const Bytes &m) {
		roundtrip("GetSensorReading req", m, pf::decode_get_sensor_reading_request,
			  pf::encode_get_sensor_reading_request);
	}});
	t.push_back({"GetSensorReading resp", must(pf::encode_get_sensor_reading_response(1, rd)), none,
		     [](const Bytes &m) {
		roundtrip("GetSensorReading resp", m, pf::decode_get_sensor_reading_response,
			  pf::encode_get_sensor_reading_response);
	}});
	t.push_back({"GetStateSensorReadings req", must(pf::encode_get_state_sensor_readings_request(1, {6, 3})),
		     none, [](const Bytes &m) {
		// the reserved byte is not kept: compare all but it
		auto d = pf::decode_get_state_sensor_readings_request(m);
		if (!d)
			return;
		accepted++;
		auto e = pf::encode_get_state_sensor_readings_request(iid_of(m), *d);
		check(e && e->size() == m.size() && std::equal(e->begin(), e->end() - 1, undatagram(m).begin()),
		      "GetStateSensorReadings req round trip");
	}});
	pf::StateSensorReadings ssr{cc::Success, {{pf::OpState::Enabled, 1, 1, 1}, {pf::OpState::Failed, 2, 1, 2}}};
	t.push_back({"GetStateSensorReadings resp", must(pf::encode_get_state_sensor_readings_response(1, ssr)),
		     none, [](const Bytes &m) {
		roundtrip("GetStateSensorReadings resp", m, pf::decode_get_state_sensor_readings_response,
			  pf::encode_get_state_sensor_readings_response);
		if (auto d = pf::decode_get_state_sensor_readings_response(m); d && d->completion_code == 0)
			check(!d->fields.empty() && d->fields.size() <= 8, "state readings count");
	}});
	t.push_back({"SetEventReceiver req",
		     must(pf::encode_set_event_receiver_request(1, {pf::EventGlobalEnable::EnableAsyncKeepAlive, 0, 8, 120})),
		     none, [](const Bytes &m) {
		roundtrip("SetEventReceiver req", m, pf::decode_set_event_receiver_request,
			  pf::encode_set_event_receiver_request);
	}});
	t.push_back({"SetEventReceiver resp", must(pf::encode_set_event_receiver_response(1, 0)), none,
		     [](const Bytes &m) {
		roundtrip_cc("SetEventReceiver resp", m, pf::decode_set_event_receiver_response,
			     pf::encode_set_event_receiver_response);
	}});
	const Bytes sev = must(pf::encode_sensor_event(
		{5, pf::NumericSensorStateEvent{pf::SensorState::UpperCritical, pf::SensorState::Normal,
						pf::DataSize::U16, 912}}));
	const Bytes sev2 = must(pf::encode_sensor_event({6, pf::StateSensorStateEvent{0, 2, 1}}));
	const Bytes chg = must(pf::encode_pdr_repository_change_event({2, {{2, {5, 6}}, {1, {9}}}}));
	t.push_back({"PlatformEventMessage req", must(pf::encode_platform_event_request(1, {1, 9, 0, sev})), none,
		     [](const Bytes &m) {
		roundtrip("PlatformEventMessage req", m, pf::decode_platform_event_request,
			  pf::encode_platform_event_request);
	}});
	t.push_back({"PlatformEventMessage resp", must(pf::encode_platform_event_response(1, {cc::Success, 4})),
		     none, [](const Bytes &m) {
		roundtrip("PlatformEventMessage resp", m, pf::decode_platform_event_response,
			  pf::encode_platform_event_response);
	}});
	auto sensor_event = [](const Bytes &m) {
		auto d = pf::decode_sensor_event(m);
		if (!d)
			return;
		accepted++;
		auto e = pf::encode_sensor_event(*d);
		check(e && *e == m, "sensor event round trip");
	};
	t.push_back({"sensor event (numeric)", sev, none, sensor_event});
	t.push_back({"sensor event (state)", sev2, none, sensor_event});
	t.push_back({"PDR repository change event", chg, none, [](const Bytes &m) {
		auto d = pf::decode_pdr_repository_change_event(m);
		if (!d)
			return;
		accepted++;
		std::size_t bytes = 2;
		for (const auto &c : d->records)
			bytes += 2 + 4 * c.entries.size();
		check(bytes == m.size(), "change records and bytes disagree");
		auto e = pf::encode_pdr_repository_change_event(*d);
		check(e && *e == m, "PDR repository change event round trip");
	}});
	t.push_back({"SetNumericSensorEnable req",
		     must(pf::encode_set_numeric_sensor_enable_request(1, {5, pf::OpState::Disabled,
									    pf::EventEnable::StateEventsOnly})),
		     none, [](const Bytes &m) {
		roundtrip("SetNumericSensorEnable req", m, pf::decode_set_numeric_sensor_enable_request,
			  pf::encode_set_numeric_sensor_enable_request);
	}});
	t.push_back({"SetNumericSensorEnable resp", must(pf::encode_set_numeric_sensor_enable_response(1, 0)), none,
		     [](const Bytes &m) {
		roundtrip_cc("SetNumericSensorEnable resp", m, pf::decode_set_numeric_sensor_enable_response,
			     pf::encode_set_numeric_sensor_enable_response);
	}});
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
	std::printf("fuzz-pldm: %zu seeds in %s\n", t.size(), dir.c_str());
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
			std::fprintf(stderr, "usage: fuzz-pldm [-s SEED] [-n ITERATIONS] | -c DIR | -f FILE\n");
			return 2;
		}
	}
	std::printf("fuzz-pldm: seed %llu, %lu iterations\n", static_cast<unsigned long long>(seed), n);
	std::mt19937_64 rng(seed);
	const auto t = targets();
	// every seed is accepted by its own decoder before any mutation
	const unsigned long before = accepted;
	for (const auto &x : t)
		x.run(x.seed);
	check(accepted - before == t.size(), "a seed message is refused by its decoder (" +
						     std::to_string(accepted - before) + " of " +
						     std::to_string(t.size()) + " accepted)");
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
	std::printf("FUZZ-RESULT name=pldm iterations=%lu seed=%llu failures=%lu accepted=%lu decoders=%zu\n", n,
		    static_cast<unsigned long long>(seed), failures, accepted, t.size());
	return failures ? 1 : 0;
}
