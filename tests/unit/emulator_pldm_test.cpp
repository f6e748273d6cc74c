// SPDX-License-Identifier: GPL-2.0
// The emulated PLDM add-in card (mctp-endpoint-emu --pldm-card): every
// command answered and decoded by libpldmxx's decoders, the multipart
// reads walked to the end, sensor states at the thresholds, events, the
// faults and the control lines.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "pldm_card.hpp"
#include "pldm_responder.hpp"
#include "pldmxx/base.hpp"
#include "pldmxx/fru.hpp"
#include "pldmxx/platform.hpp"

namespace {

using namespace mctpxx::emu::pldm;
namespace b = mctpxx::pldm;
namespace fru = mctpxx::pldm::fru;
using plat::SensorState;

const Clock::time_point t0 = Clock::time_point{} + std::chrono::hours(1);

struct PldmCard : ::testing::Test {
	CardConfig cfg;
	std::optional<Card> card;
	void SetUp() override { card.emplace(cfg, t0); }
	void remake() { card.emplace(cfg, t0); }

	Bytes ask(const mctpxx::Result<Bytes> &req, Clock::time_point now = t0)
	{
		EXPECT_TRUE(req) << req.error().message;
		auto r = respond(*card, *req, now);
		EXPECT_TRUE(r);
		return r.value_or(Bytes{});
	}

	// Every PDR, walked with GetPDR in parts of at most @count bytes.
	std::map<std::uint32_t, Bytes> all_pdrs(std::uint16_t count = 255)
	{
		std::map<std::uint32_t, Bytes> out;
		std::uint32_t handle = 0;
		for (int guard = 0; guard < 50; guard++) {
			b::MultipartReader mr;
			std::uint32_t next_record = 0;
			std::optional<std::uint8_t> crc;
			while (!mr.complete()) {
				plat::GetPdrRequest q;
				q.record_handle = handle;
				q.transfer_handle = mr.next_handle();
				q.op = mr.next_op();
				q.request_count = count;
				auto r = plat::decode_get_pdr_response(ask(plat::encode_get_pdr_request(1, q)));
				EXPECT_TRUE(r) << r.error().message;
				if (!r)
					return out;
				EXPECT_EQ(r->completion_code, b::cc::Success);
				EXPECT_LE(r->data.size(), std::min<std::size_t>(count, kMaxPart));
				auto done = mr.add(r->flag, r->next_transfer_handle, r->data);
				EXPECT_TRUE(done) << done.error().message;
				if (!done)
					return out;
				next_record = r->next_record_handle;
				crc = r->transfer_crc;
			}
			if (crc)
				EXPECT_TRUE(plat::check_transfer_crc(mr.data(), *crc));
			auto h = plat::decode_pdr_header(mr.data());
			EXPECT_TRUE(h) << h.error().message;
			out[h ? h->record_handle : 0] = mr.data();
			if (next_record == 0)
				break;
			handle = next_record;
		}
		return out;
	}

	plat::SensorReading reading(std::uint16_t id, Clock::time_point now = t0)
	{
		auto r = plat::decode_get_sensor_reading_response(
			ask(plat::encode_get_sensor_reading_request(2, {id, false}), now));
		EXPECT_TRUE(r) << r.error().message;
		return r.value_or(plat::SensorReading{});
	}
};

TEST_F(PldmCard, TidSetGetAndLostAtPowerOff)
{
	auto t = b::decode_get_tid_response(ask(b::encode_get_tid_request(0)));
	ASSERT_TRUE(t);
	EXPECT_EQ(t->tid, 0);
	auto s = b::decode_set_tid_response(ask(b::encode_set_tid_request(1, 9)));
	ASSERT_TRUE(s);
	EXPECT_EQ(*s, b::cc::Success);
	t = b::decode_get_tid_response(ask(b::encode_get_tid_request(2)));
	ASSERT_TRUE(t);
	EXPECT_EQ(t->tid, 9);
	card->power(false);
	card->power(true);
	t = b::decode_get_tid_response(ask(b::encode_get_tid_request(3)));
	ASSERT_TRUE(t);
	EXPECT_EQ(t->tid, 0);
}

TEST_F(PldmCard, TypesVersionsCommands)
{
	auto types = b::decode_get_types_response(ask(b::encode_get_types_request(0)));
	ASSERT_TRUE(types);
	EXPECT_EQ(types->types.to_ullong(), 0x15u);
	const std::map<std::uint8_t, std::string> want = {{0, "1.1.0"}, {2, "1.2.0"}, {4, "1.0.0"}};
	for (auto [type, ver] : want) {
		auto v = b::decode_get_version_response(ask(b::encode_get_version_request(0, {0, b::TransferOp::GetFirstPart, type})));
		ASSERT_TRUE(v) << v.error().message;
		EXPECT_EQ(v->flag, b::TransferFlag::StartAndEnd);
		auto d = b::decode_version_data(v->data);
		ASSERT_TRUE(d) << d.error().message;
		ASSERT_EQ(d->size(), 1u);
		EXPECT_EQ((*d)[0].to_string(), ver);
		auto c = b::decode_get_commands_response(ask(b::encode_get_commands_request(0, {type, (*d)[0]})));
		ASSERT_TRUE(c) << c.error().message;
		EXPECT_TRUE(c->commands.any());
	}
	auto c = b::decode_get_commands_response(ask(b::encode_get_commands_request(0, {2, {}})));
	ASSERT_TRUE(c);
	for (unsigned cmd : {0x04u, 0x11u, 0x21u, 0x50u, 0x51u})
		EXPECT_TRUE(c->commands.test(cmd)) << cmd;
	auto v = b::decode_get_version_response(ask(b::encode_get_version_request(0, {0, b::TransferOp::GetFirstPart, 3})));
	ASSERT_TRUE(v);
	EXPECT_EQ(v->completion_code, 0x83);
}

TEST_F(PldmCard, FruTableWalkedToTheEnd)
{
	auto m = fru::decode_get_metadata_response(ask(fru::encode_get_metadata_request(0)));
	ASSERT_TRUE(m) << m.error().message;
	b::MultipartReader mr;
	int parts = 0;
	while (!mr.complete()) {
		auto r = fru::decode_get_table_response(
			ask(fru::encode_get_table_request(1, {mr.next_handle(), mr.next_op()})));
		ASSERT_TRUE(r) << r.error().message;
		ASSERT_EQ(r->completion_code, b::cc::Success);
		ASSERT_TRUE(mr.add(r->flag, r->next_handle, r->data));
		ASSERT_LT(++parts, 20);
	}
	EXPECT_GT(parts, 1);
	auto records = fru::decode_table(mr.data(), &*m);
	ASSERT_TRUE(records) << records.error().message;
	ASSERT_EQ(records->size(), 2u);
	const auto &g = (*records)[0];
	EXPECT_EQ(g.record_set_id, 1);
	EXPECT_EQ(g.text(fru::field::Model), "EMU-ACCEL-100");
	EXPECT_EQ(g.text(fru::field::PartNumber), "PN-100-01");
	EXPECT_EQ(g.text(fru::field::SerialNumber), kDefaultSerial);
	EXPECT_EQ(g.text(fru::field::Manufacturer), "Emulated Devices");
	EXPECT_EQ(g.text(fru::field::Version), "1.0");
	EXPECT_TRUE(g.text(fru::field::ChassisType));
	const auto &oem = (*records)[1];
	EXPECT_EQ(oem.type, fru::RecordType::Oem);
	EXPECT_EQ(oem.vendor_iana(), 32473u);
	ASSERT_EQ(oem.fields.size(), 2u);
	EXPECT_EQ(m->records, 2);
	EXPECT_EQ(m->record_sets, 1);

	// a bad transfer handle
	auto bad = fru::decode_get_table_response(
		ask(fru::encode_get_table_request(1, {99999, b::TransferOp::GetNextPart})));
	ASSERT_TRUE(bad);
	EXPECT_EQ(bad->completion_code, b::cc::InvalidDataTransferHandle);
}

TEST_F(PldmCard, PdrRepositoryDecodes)
{
	ASSERT_TRUE(b::decode_set_tid_response(ask(b::encode_set_tid_request(1, 7))));
	card->set_eid(23);
	auto pdrs = all_pdrs();
	ASSERT_EQ(pdrs.size(), 6u);
	auto info = plat::decode_get_repository_info_response(ask(plat::encode_get_repository_info_request(0)));
	ASSERT_TRUE(info) << info.error().message;
	EXPECT_EQ(info->record_count, 6u);
	std::uint32_t size = 0, largest = 0;
	std::map<std::uint16_t, plat::NumericSensorPdr> numeric;
	for (const auto &[h, bytes] : pdrs) {
		size += static_cast<std::uint32_t>(bytes.size());
		largest = std::max<std::uint32_t>(largest, static_cast<std::uint32_t>(bytes.size()));
		auto p = plat::decode_pdr(bytes);
		ASSERT_TRUE(p) << "record " << h << ": " << p.error().message;
		if (auto *n = std::get_if<plat::NumericSensorPdr>(&*p))
			numeric[n->sensor_id] = *n;
	}
	EXPECT_EQ(info->repository_size, size);
	EXPECT_EQ(info->largest_record_size, largest);

	auto loc = plat::decode_terminus_locator_pdr(pdrs.at(1));
	ASSERT_TRUE(loc);
	EXPECT_EQ(loc->validity, 1);
	EXPECT_EQ(loc->tid, 7);
	EXPECT_EQ(loc->eid(), 23);
	auto assoc = plat::decode_entity_association_pdr(pdrs.at(2));
	ASSERT_TRUE(assoc);
	EXPECT_EQ(assoc->container.type, entity::AddInCard);
	EXPECT_EQ(assoc->children.size(), 3u);
	for (const auto &[id, n] : numeric) {
		bool contained = false;
		for (const auto &c : assoc->children)
			contained = contained || c == n.entity;
		EXPECT_TRUE(contained) << "sensor " << id;
	}

	ASSERT_EQ(numeric.size(), 3u);
	EXPECT_EQ(numeric[1].base_unit, unit::DegreesC);
	EXPECT_EQ(numeric[1].supported_thresholds, 0x03);
	EXPECT_EQ(numeric[1].warning_high, 70);
	EXPECT_EQ(numeric[1].critical_high, 85);
	EXPECT_EQ(numeric[2].resolution, 0.5f);
	EXPECT_EQ(numeric[2].warning_high, 180);
	EXPECT_EQ(numeric[2].critical_high, 200);
	EXPECT_EQ(numeric[3].base_unit, unit::Watts);
	EXPECT_EQ(numeric[3].unit_modifier, -3);
	EXPECT_EQ(numeric[3].supported_thresholds, 0x01);
	EXPECT_EQ(numeric[3].warning_high, 75000);

	auto state = plat::decode_state_sensor_pdr(pdrs.at(6));
	ASSERT_TRUE(state);
	EXPECT_EQ(state->sensor_id, 4);
	ASSERT_EQ(state->sensors.size(), 1u);
	EXPECT_EQ(state->sensors[0].id, kStateSetHealth);
	EXPECT_TRUE(state->sensors[0].possible(1));
	EXPECT_TRUE(state->sensors[0].possible(10));
	EXPECT_FALSE(state->sensors[0].possible(0));

	// small parts give the same records
	EXPECT_EQ(all_pdrs(7), pdrs);
	// unknown record
	auto r = plat::decode_get_pdr_response(ask(plat::encode_get_pdr_request(1, {99, 0, b::TransferOp::GetFirstPart, 64, 0})));
	ASSERT_TRUE(r);
	EXPECT_EQ(r->completion_code, 0x82);
}

TEST_F(PldmCard, TerminusLocatorInvalidBeforeSetTid)
{
	auto loc = plat::decode_terminus_locator_pdr(all_pdrs().at(1));
	ASSERT_TRUE(loc);
	EXPECT_EQ(loc->validity, 0);
}

TEST_F(PldmCard, ReadingsAndStatesAtTheThresholds)
{
	auto r = reading(1);
	EXPECT_EQ(r.reading, 40);
	EXPECT_EQ(r.data_size, plat::DataSize::S16);
	EXPECT_EQ(r.present_state, SensorState::Normal);
	EXPECT_EQ(reading(2).reading, 120); // 60 C at 0.5
	EXPECT_EQ(reading(3).reading, 25000);

	struct Step {
		double v;
		SensorState now, before;
	};
	const Step steps[] = {
		{69, SensorState::Normal, SensorState::Normal},
		{70, SensorState::UpperWarning, SensorState::Normal},
		{84, SensorState::UpperWarning, SensorState::Normal},
		{85, SensorState::UpperCritical, SensorState::UpperWarning},
		{90, SensorState::UpperCritical, SensorState::UpperWarning},
		{71, SensorState::UpperWarning, SensorState::UpperCritical},
		{40, SensorState::Normal, SensorState::UpperWarning},
	};
	for (const auto &s : steps) {
		ASSERT_TRUE(card->control("set 1 " + std::to_string(static_cast<int>(s.v)), t0));
		r = reading(1);
		EXPECT_EQ(r.reading, s.v);
		EXPECT_EQ(r.present_state, s.now) << s.v;
		EXPECT_EQ(r.previous_state, s.before) << s.v;
		EXPECT_EQ(r.event_state, s.now);
	}
	ASSERT_TRUE(card->control("set 3 80", t0));
	r = reading(3);
	EXPECT_EQ(r.reading, 80000);
	EXPECT_EQ(r.present_state, SensorState::UpperWarning);
	ASSERT_TRUE(card->control("set 2 100.5", t0));
	r = reading(2);
	EXPECT_EQ(r.reading, 201);
	EXPECT_EQ(r.present_state, SensorState::UpperCritical);

	auto nosuch = plat::decode_get_sensor_reading_response(ask(plat::encode_get_sensor_reading_request(2, {9, false})));
	ASSERT_TRUE(nosuch);
	EXPECT_EQ(nosuch->completion_code, 0x80);
}

TEST_F(PldmCard, DriftWalksAroundTheBase)
{
	using std::chrono::seconds;
	const double want[] = {40, 41, 40, 39, 40};
	for (int i = 0; i < 5; i++)
		EXPECT_EQ(reading(1, t0 + seconds(10 * i + 1)).reading, want[i]) << i;
	ASSERT_TRUE(card->control("set 1 50", t0));
	EXPECT_EQ(reading(1, t0 + seconds(11)).reading, 50);
}

TEST_F(PldmCard, StateSensor)
{
	auto s = plat::decode_get_state_sensor_readings_response(
		ask(plat::encode_get_state_sensor_readings_request(0, {4, 0})));
	ASSERT_TRUE(s) << s.error().message;
	ASSERT_EQ(s->fields.size(), 1u);
	EXPECT_EQ(s->fields[0].present_state, kHealthNormal);
	ASSERT_TRUE(card->control("state 4 3", t0));
	s = plat::decode_get_state_sensor_readings_response(
		ask(plat::encode_get_state_sensor_readings_request(0, {4, 0})));
	ASSERT_TRUE(s);
	EXPECT_EQ(s->fields[0].present_state, 3);
	EXPECT_EQ(s->fields[0].previous_state, kHealthNormal);
	EXPECT_FALSE(card->control("state 4 11", t0));
	EXPECT_FALSE(card->control("state 1 2", t0));
}

TEST_F(PldmCard, EventsOnlyWithAReceiver)
{
	ASSERT_TRUE(card->control("set 1 90", t0));
	EXPECT_TRUE(card->take_events().empty());
	auto r = plat::decode_set_event_receiver_response(
		ask(plat::encode_set_event_receiver_request(0, {plat::EventGlobalEnable::EnableAsync, 0, 8, 0})));
	ASSERT_TRUE(r);
	EXPECT_EQ(*r, b::cc::Success);
	EXPECT_EQ(card->receiver(), 8);
	ASSERT_TRUE(card->control("set 1 75", t0));
	auto ev = card->take_events();
	ASSERT_EQ(ev.size(), 1u);
	auto msg = plat::encode_platform_event_request(3, ev[0].request);
	ASSERT_TRUE(msg);
	auto req = plat::decode_platform_event_request(*msg);
	ASSERT_TRUE(req) << req.error().message;
	EXPECT_EQ(req->event_class, plat::event_class::Sensor);
	auto se = plat::decode_sensor_event(req->event_data);
	ASSERT_TRUE(se) << se.error().message;
	EXPECT_EQ(se->sensor_id, 1);
	auto *n = std::get_if<plat::NumericSensorStateEvent>(&se->data);
	ASSERT_TRUE(n);
	EXPECT_EQ(n->event_state, SensorState::UpperWarning);
	EXPECT_EQ(n->previous_event_state, SensorState::UpperCritical);
	EXPECT_EQ(n->reading, 75);
	// no crossing, no event
	ASSERT_TRUE(card->control("set 1 76", t0));
	EXPECT_TRUE(card->take_events().empty());
	// the state sensor
	ASSERT_TRUE(card->control("state 4 2", t0));
	ev = card->take_events();
	ASSERT_EQ(ev.size(), 1u);
	se = plat::decode_sensor_event(ev[0].request.event_data);
	ASSERT_TRUE(se);
	auto *st = std::get_if<plat::StateSensorStateEvent>(&se->data);
	ASSERT_TRUE(st);
	EXPECT_EQ(st->event_state, 2);
	EXPECT_EQ(st->previous_event_state, 1);
	// disabled again
	ASSERT_TRUE(plat::decode_set_event_receiver_response(
		ask(plat::encode_set_event_receiver_request(0, {plat::EventGlobalEnable::Disable, 0, 8, 0}))));
	EXPECT_FALSE(card->receiver());
}

TEST_F(PldmCard, NoEventsCardRefusesSetEventReceiver)
{
	cfg.no_events = true;
	remake();
	auto r = plat::decode_set_event_receiver_response(
		ask(plat::encode_set_event_receiver_request(0, {plat::EventGlobalEnable::EnableAsync, 0, 8, 0})));
	ASSERT_TRUE(r);
	EXPECT_EQ(*r, b::cc::UnsupportedCommand);
	auto c = b::decode_get_commands_response(ask(b::encode_get_commands_request(0, {2, {}})));
	ASSERT_TRUE(c);
	EXPECT_FALSE(c->commands.test(0x04));
}

TEST_F(PldmCard, NotReadyCountAfterEachPowerOn)
{
	cfg.not_ready = 2;
	remake();
	auto code = [&] {
		auto r = b::decode_get_tid_response(ask(b::encode_get_tid_request(0)));
		EXPECT_TRUE(r);
		return r ? r->completion_code : 0xff;
	};
	EXPECT_EQ(code(), b::cc::NotReady);
	EXPECT_EQ(code(), b::cc::NotReady);
	EXPECT_EQ(code(), b::cc::Success);
	card->power(false);
	card->power(true);
	EXPECT_EQ(code(), b::cc::NotReady);
	EXPECT_EQ(code(), b::cc::NotReady);
	EXPECT_EQ(code(), b::cc::Success);
	ASSERT_TRUE(card->control("not-ready on", t0));
	EXPECT_EQ(code(), b::cc::NotReady);
	ASSERT_TRUE(card->control("not-ready off", t0));
	EXPECT_EQ(code(), b::cc::Success);
}

TEST_F(PldmCard, MalformedPdrDoesNotDecode)
{
	cfg.malformed_pdr = true;
	remake();
	auto pdrs = all_pdrs();
	ASSERT_EQ(pdrs.size(), 6u);
	auto bad = plat::decode_pdr(pdrs.at(5));
	ASSERT_FALSE(bad);
	EXPECT_NE(bad.error().message.find("sensor data size"), std::string::npos) << bad.error().message;
	for (std::uint32_t h : {1u, 2u, 3u, 4u, 6u})
		EXPECT_TRUE(plat::decode_pdr(pdrs.at(h))) << h;
}

TEST_F(PldmCard, RepositoryChangeAddsAndRemovesSensor5)
{
	ASSERT_TRUE(plat::decode_set_event_receiver_response(
		ask(plat::encode_set_event_receiver_request(0, {plat::EventGlobalEnable::EnableAsync, 0, 8, 0}))));
	auto before = plat::decode_get_repository_info_response(ask(plat::encode_get_repository_info_request(0)));
	ASSERT_TRUE(before);
	auto r = card->control("repo-change", t0);
	ASSERT_TRUE(r);
	EXPECT_EQ(*r, "sensor 5 added");
	auto after = plat::decode_get_repository_info_response(ask(plat::encode_get_repository_info_request(0)));
	ASSERT_TRUE(after);
	EXPECT_EQ(after->record_count, before->record_count + 1);
	EXPECT_NE(after->update_time, before->update_time);
	auto pdrs = all_pdrs();
	ASSERT_EQ(pdrs.size(), 7u);
	auto p5 = plat::decode_numeric_sensor_pdr(pdrs.at(7));
	ASSERT_TRUE(p5);
	EXPECT_EQ(p5->sensor_id, 5);
	EXPECT_EQ(p5->warning_high, 80);
	EXPECT_EQ(p5->critical_high, 95);
	EXPECT_EQ(reading(5).reading, 45);
	auto ev = card->take_events();
	ASSERT_EQ(ev.size(), 1u);
	EXPECT_EQ(ev[0].request.event_class, plat::event_class::PdrRepositoryChange);
	auto ch = plat::decode_pdr_repository_change_event(ev[0].request.event_data);
	ASSERT_TRUE(ch) << ch.error().message;
	ASSERT_EQ(ch->records.size(), 1u);
	EXPECT_EQ(ch->records[0].operation, 2);
	EXPECT_EQ(ch->records[0].entries, std::vector<std::uint32_t>{7});

	ASSERT_TRUE(card->control("repo-change", t0));
	EXPECT_EQ(all_pdrs().size(), 6u);
	auto gone = plat::decode_get_sensor_reading_response(ask(plat::encode_get_sensor_reading_request(2, {5, false})));
	ASSERT_TRUE(gone);
	EXPECT_EQ(gone->completion_code, 0x80);
	ev = card->take_events();
	ASSERT_EQ(ev.size(), 1u);
	ch = plat::decode_pdr_repository_change_event(ev[0].request.event_data);
	ASSERT_TRUE(ch);
	EXPECT_EQ(ch->records[0].operation, 1);
}

TEST_F(PldmCard, ControlLinesRefusedWithAReason)
{
	for (const char *line : {"bogus", "set 1", "set x 5", "set 9 5", "set 1 1000", "state 4",
				 "not-ready maybe", "repo-change now", ""}) {
		auto r = card->control(line, t0);
		ASSERT_FALSE(r) << line;
		EXPECT_FALSE(r.error().message.empty());
	}
}

TEST_F(PldmCard, BadRequestsAnsweredOrDropped)
{
	// every prefix of a GetPDR request: dropped (no header) or refused
	auto req = plat::encode_get_pdr_request(1, {0, 0, b::TransferOp::GetFirstPart, 64, 0});
	ASSERT_TRUE(req);
	for (std::size_t n = 0; n < req->size(); n++) {
		auto r = respond(*card, std::span<const std::uint8_t>(req->data(), n), t0);
		if (n < b::kHeaderSize) {
			EXPECT_FALSE(r) << n;
			continue;
		}
		ASSERT_TRUE(r) << n;
		auto s = b::decode_response_start(*r);
		ASSERT_TRUE(s);
		EXPECT_EQ(s->completion_code, b::cc::InvalidLength) << n;
	}
	// a response is not answered
	auto resp = b::encode_get_tid_response(0, {b::cc::Success, 1});
	ASSERT_TRUE(resp);
	EXPECT_FALSE(respond(*card, *resp, t0));
	// an unknown type and an unknown command
	Bytes smbios = {0x80, 0x01, 0x01};
	auto r = respond(*card, smbios, t0);
	ASSERT_TRUE(r);
	EXPECT_EQ(b::decode_response_start(*r)->completion_code, b::cc::InvalidType);
	Bytes unknown = {0x80, 0x02, 0x39};
	r = respond(*card, unknown, t0);
	ASSERT_TRUE(r);
	EXPECT_EQ(b::decode_response_start(*r)->completion_code, b::cc::UnsupportedCommand);
}

TEST_F(PldmCard, RandomRequestsNeverCrash)
{
	// requests of the card's types and commands with random bodies: each is
	// answered with a response that decodes at least to its completion code
	std::mt19937 rng(17);
	const std::uint8_t cmds[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x11, 0x21, 0x50, 0x51, 0x0a, 0x10};
	for (int i = 0; i < 20000; i++) {
		Bytes m(3 + rng() % 24);
		for (auto &b : m)
			b = static_cast<std::uint8_t>(rng());
		m[0] = static_cast<std::uint8_t>(0x80 | (m[0] & 0x1f));
		m[1] = static_cast<std::uint8_t>(std::array<std::uint8_t, 3>{0, 2, 4}[rng() % 3]);
		m[2] = cmds[rng() % std::size(cmds)];
		auto r = respond(*card, m, t0 + std::chrono::seconds(i));
		ASSERT_TRUE(r);
		auto start = b::decode_response_start(*r);
		ASSERT_TRUE(start) << start.error().message;
		EXPECT_EQ(start->header.instance_id, m[0] & 0x1f);
	}
}

} // namespace
