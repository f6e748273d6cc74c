// SPDX-License-Identifier: GPL-2.0
// mctp-pldmd's rules: sensor value conversion, units, thresholds and
// alarms, state sensors, events, the PDR repository and its changes, TIDs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <set>

#include "model.hpp"

using namespace mctpxx;
using namespace mctpxx::pldmd;
namespace platform = mctpxx::pldm::platform;
using platform::DataSize;

namespace {

platform::NumericSensorPdr numeric(std::uint16_t id, std::uint8_t unit = 2)
{
	platform::NumericSensorPdr p;
	p.header.record_handle = id;
	p.sensor_id = id;
	p.entity = {.type = 61, .instance = 1, .container_id = 1};
	p.base_unit = unit;
	p.data_size = DataSize::U8;
	p.range_format = platform::RangeFormat::U8;
	p.max_readable = 255;
	return p;
}

platform::StateSensorPdr health(std::uint16_t id)
{
	platform::StateSensorPdr p;
	p.header.record_handle = id;
	p.sensor_id = id;
	p.sensors.push_back({.id = kStateSetHealth, .possible_states = {0x1e}}); // states 1-4
	return p;
}

pldm::Bytes bytes(const Result<pldm::Bytes> &r)
{
	EXPECT_TRUE(r) << (r ? "" : r.error().message);
	return r ? *r : pldm::Bytes{};
}

platform::PlatformEventRequest sensor_event(const platform::SensorEvent &e)
{
	return {.tid = 1, .event_class = platform::event_class::Sensor,
		.event_data = bytes(platform::encode_sensor_event(e))};
}

} // namespace

TEST(PldmdConvert, IntegerIdentity)
{
	auto p = numeric(1);
	EXPECT_DOUBLE_EQ(convert(p, 40), 40.0);
}

TEST(PldmdConvert, ResolutionOffsetModifier)
{
	auto p = numeric(2);
	p.resolution = 0.5f;
	EXPECT_DOUBLE_EQ(convert(p, 120), 60.0);
	p.offset = -10.0f;
	EXPECT_DOUBLE_EQ(convert(p, 120), 50.0);
	// milliwatts as Watts: modifier -3
	auto w = numeric(3, 7);
	w.data_size = DataSize::U32;
	w.unit_modifier = -3;
	EXPECT_EQ(convert(w, 25000), 25.0); // exactly: D-Bus shows 25, not 25.000000000000004
	EXPECT_EQ(convert(w, 75000), 75.0);
	w.unit_modifier = 2;
	EXPECT_DOUBLE_EQ(convert(w, 3), 300.0);
}

TEST(PldmdConvert, SignedReadingsAndNonFinite)
{
	auto p = numeric(1);
	p.data_size = DataSize::S16;
	EXPECT_DOUBLE_EQ(convert(p, -40), -40.0);
	p.resolution = std::numeric_limits<float>::infinity();
	EXPECT_TRUE(std::isnan(convert(p, 1)));
}

TEST(PldmdConvert, ReadingOfEachDataSize)
{
	for (auto size : {DataSize::U8, DataSize::S8, DataSize::U16, DataSize::S16, DataSize::U32,
			  DataSize::S32}) {
		auto p = numeric(1);
		p.data_size = size;
		NumericSensor s{.pdr = p, .unit = *map_unit(2), .thresholds = {}};
		platform::SensorReading r{.data_size = size, .reading = 100};
		ASSERT_TRUE(apply_reading(s, r));
		EXPECT_DOUBLE_EQ(s.value, 100.0);
		EXPECT_TRUE(s.functional());
	}
}

TEST(PldmdConvert, ReadingOfTheWrongSizeIsRefused)
{
	NumericSensor s{.pdr = numeric(4), .unit = *map_unit(2), .thresholds = {}};
	s.value = 1;
	platform::SensorReading r{.data_size = DataSize::U16, .reading = 100};
	auto st = apply_reading(s, r);
	ASSERT_FALSE(st);
	EXPECT_NE(st.error().message.find("uint16"), std::string::npos) << st.error().message;
	EXPECT_TRUE(std::isnan(s.value));
}

TEST(PldmdConvert, DisabledSensorReadsUnknown)
{
	NumericSensor s{.pdr = numeric(4), .unit = *map_unit(2), .thresholds = {}};
	s.value = 1;
	platform::SensorReading r{.op_state = platform::OpState::Unavailable, .reading = 100};
	ASSERT_TRUE(apply_reading(s, r));
	EXPECT_TRUE(std::isnan(s.value));
	EXPECT_FALSE(s.functional());
	r.completion_code = pldm::cc::Error;
	EXPECT_FALSE(apply_reading(s, r));
}

TEST(PldmdUnits, Mapped)
{
	EXPECT_EQ(map_unit(2)->kind, "temperature");
	EXPECT_EQ(map_unit(2)->unit, "xyz.openbmc_project.Sensor.Value.Unit.DegreesC");
	EXPECT_EQ(map_unit(7)->unit, "xyz.openbmc_project.Sensor.Value.Unit.Watts");
	EXPECT_EQ(map_unit(7)->kind, "power");
	EXPECT_EQ(map_unit(5)->kind, "voltage");
	EXPECT_EQ(map_unit(6)->unit, "xyz.openbmc_project.Sensor.Value.Unit.Amperes");
	EXPECT_EQ(map_unit(19)->kind, "fan_tach");
	EXPECT_EQ(map_unit(19)->unit, "xyz.openbmc_project.Sensor.Value.Unit.RPMS");
}

TEST(PldmdUnits, UnmappedAreRefused)
{
	EXPECT_FALSE(map_unit(0)); // none
	EXPECT_FALSE(map_unit(1)); // unspecified
	EXPECT_FALSE(map_unit(3)); // degrees F: not converted
	EXPECT_FALSE(map_unit(4)); // Kelvins
	EXPECT_FALSE(map_unit(200));
	EXPECT_FALSE(map_unit(7, 4)); // Watts per second is not Watts
	EXPECT_EQ(unit_name(3), "degrees F");
	EXPECT_EQ(unit_name(200), "unit 200");
}

TEST(PldmdThresholds, OnlyThoseTheMaskNames)
{
	auto p = numeric(1);
	p.warning_high = 70;
	p.critical_high = 85;
	p.warning_low = 5;
	p.critical_low = 1;
	p.supported_thresholds = 0x03; // upper warning and critical
	auto t = thresholds(p);
	EXPECT_DOUBLE_EQ(t.warning_high, 70);
	EXPECT_DOUBLE_EQ(t.critical_high, 85);
	EXPECT_TRUE(std::isnan(t.warning_low));
	EXPECT_TRUE(std::isnan(t.critical_low));
	p.supported_thresholds = 0x18;
	t = thresholds(p);
	EXPECT_TRUE(std::isnan(t.warning_high));
	EXPECT_DOUBLE_EQ(t.warning_low, 5);
	EXPECT_DOUBLE_EQ(t.critical_low, 1);
}

TEST(PldmdThresholds, ConvertedLikeReadings)
{
	auto p = numeric(3, 7);
	p.data_size = DataSize::U32;
	p.range_format = platform::RangeFormat::U32;
	p.unit_modifier = -3;
	p.warning_high = 75000;
	p.supported_thresholds = 0x01;
	EXPECT_DOUBLE_EQ(thresholds(p).warning_high, 75.0);
}

TEST(PldmdThresholds, Alarms)
{
	Thresholds t{.warning_high = 70, .critical_high = 85};
	EXPECT_EQ(alarms(t, 40), Alarms{});
	EXPECT_EQ(alarms(t, 70), (Alarms{.warning_high = true}));
	EXPECT_EQ(alarms(t, 90), (Alarms{.warning_high = true, .critical_high = true}));
	EXPECT_EQ(alarms(t, kNaN), Alarms{});
	Thresholds low{.warning_low = 10, .critical_low = 5};
	EXPECT_EQ(alarms(low, 4), (Alarms{.warning_low = true, .critical_low = true}));
	EXPECT_EQ(alarms(low, 11), Alarms{});
}

TEST(PldmdState, HealthState)
{
	StateSensor s{.pdr = health(4), .present = {0}, .op_state = {platform::OpState::StatusUnknown}};
	EXPECT_TRUE(s.healthy()); // unknown is not unhealthy
	platform::StateSensorReadings r{.fields = {{.op_state = platform::OpState::Enabled, .present_state = 1}}};
	ASSERT_TRUE(apply_state_readings(s, r));
	EXPECT_TRUE(s.healthy());
	r.fields[0].present_state = 3; // critical
	ASSERT_TRUE(apply_state_readings(s, r));
	EXPECT_FALSE(s.healthy());
	// a state the PDR does not list is refused, not shown
	r.fields[0].present_state = 9;
	EXPECT_FALSE(apply_state_readings(s, r));
	EXPECT_EQ(s.present[0], 0);
	// a composite count other than the PDR's
	r.fields.push_back(r.fields[0]);
	EXPECT_FALSE(apply_state_readings(s, r));
	// failed
	r.fields = {{.op_state = platform::OpState::Failed}};
	ASSERT_TRUE(apply_state_readings(s, r));
	EXPECT_FALSE(s.healthy());
}

TEST(PldmdRepository, BuiltFromPdrs)
{
	auto temp = numeric(1);
	auto volts_f = numeric(6, 3); // degrees F: skipped
	std::vector<pldm::Bytes> pdrs = {bytes(platform::encode_pdr(temp)),
					 bytes(platform::encode_pdr(volts_f)),
					 bytes(platform::encode_pdr(health(4)))};
	pdrs.push_back({0x09, 0, 0, 0, 1, 2, 0, 0, 5, 0, 1}); // length says 5, 1 byte follows
	auto repo = build_repository(pdrs);
	EXPECT_EQ(repo.numeric.size(), 1u);
	EXPECT_EQ(repo.numeric.count(1), 1u);
	EXPECT_EQ(repo.state.size(), 1u);
	ASSERT_EQ(repo.problems.size(), 2u);
	EXPECT_NE(repo.problems[0].find("numeric sensor 6"), std::string::npos) << repo.problems[0];
	EXPECT_NE(repo.problems[0].find("degrees F"), std::string::npos) << repo.problems[0];
	EXPECT_NE(repo.problems[1].find("record handle 9"), std::string::npos) << repo.problems[1];
}

TEST(PldmdRepository, DuplicateSensorIdSkipped)
{
	auto a = numeric(1), b = numeric(1, 7);
	auto repo = build_repository({bytes(platform::encode_pdr(a)), bytes(platform::encode_pdr(b))});
	EXPECT_EQ(repo.numeric.size(), 1u);
	EXPECT_EQ(repo.numeric.at(1).unit.kind, "temperature");
	EXPECT_EQ(repo.problems.size(), 1u);
}

TEST(PldmdRepository, ChangeAddsRemovesAndKeepsValues)
{
	auto before = build_repository({bytes(platform::encode_pdr(numeric(1))),
					bytes(platform::encode_pdr(numeric(2)))});
	before.numeric.at(1).value = 41;
	auto changed = numeric(2);
	changed.unit_modifier = -1;
	auto moved = numeric(1);
	moved.header.change_number = 7; // the same sensor under a new change number
	auto after = build_repository({bytes(platform::encode_pdr(moved)),
				       bytes(platform::encode_pdr(changed)),
				       bytes(platform::encode_pdr(numeric(5)))});
	carry_values(before, after);
	auto d = diff(before, after);
	EXPECT_EQ(d.added, std::vector<std::uint16_t>{5});
	EXPECT_EQ(d.changed, std::vector<std::uint16_t>{2});
	EXPECT_TRUE(d.removed.empty());
	EXPECT_DOUBLE_EQ(after.numeric.at(1).value, 41);
	EXPECT_TRUE(std::isnan(after.numeric.at(5).value));

	auto gone = build_repository({bytes(platform::encode_pdr(numeric(1)))});
	d = diff(after, gone);
	EXPECT_EQ(d.removed, (std::vector<std::uint16_t>{2, 5}));
}

TEST(PldmdEvents, NumericEventSetsValue)
{
	auto p = numeric(1);
	p.warning_high = 70;
	p.critical_high = 85;
	p.supported_thresholds = 3;
	auto repo = build_repository({bytes(platform::encode_pdr(p))});
	platform::SensorEvent e{.sensor_id = 1,
				.data = platform::NumericSensorStateEvent{
					.event_state = platform::SensorState::UpperCritical,
					.previous_event_state = platform::SensorState::Normal,
					.data_size = DataSize::U8,
					.reading = 90}};
	auto r = apply_event(repo, sensor_event(e));
	ASSERT_TRUE(r) << r.error().message;
	EXPECT_EQ(r->kind, EventEffect::Kind::Numeric);
	EXPECT_DOUBLE_EQ(repo.numeric.at(1).value, 90);
	EXPECT_TRUE(alarms(repo.numeric.at(1).thresholds, repo.numeric.at(1).value).critical_high);
}

TEST(PldmdEvents, BadEventsAreErrors)
{
	auto repo = build_repository({bytes(platform::encode_pdr(numeric(1))),
				      bytes(platform::encode_pdr(health(4)))});
	// unknown sensor
	platform::SensorEvent e{.sensor_id = 9,
				.data = platform::NumericSensorStateEvent{.data_size = DataSize::U8, .reading = 1}};
	EXPECT_FALSE(apply_event(repo, sensor_event(e)));
	// wrong size
	e.sensor_id = 1;
	e.data = platform::NumericSensorStateEvent{.data_size = DataSize::U16, .reading = 1};
	EXPECT_FALSE(apply_event(repo, sensor_event(e)));
	// a state event for a numeric sensor
	e.data = platform::StateSensorStateEvent{.sensor_offset = 0, .event_state = 1};
	EXPECT_FALSE(apply_event(repo, sensor_event(e)));
	// event data cut short
	auto ev = sensor_event(e);
	ev.event_data.resize(2);
	EXPECT_FALSE(apply_event(repo, ev));
	EXPECT_TRUE(std::isnan(repo.numeric.at(1).value));
}

TEST(PldmdEvents, StateEventAndOpState)
{
	auto repo = build_repository({bytes(platform::encode_pdr(health(4))),
				      bytes(platform::encode_pdr(numeric(1)))});
	platform::SensorEvent e{.sensor_id = 4,
				.data = platform::StateSensorStateEvent{.sensor_offset = 0,
									.event_state = 3,
									.previous_event_state = 1}};
	auto r = apply_event(repo, sensor_event(e));
	ASSERT_TRUE(r) << r.error().message;
	EXPECT_EQ(r->kind, EventEffect::Kind::State);
	EXPECT_FALSE(repo.state.at(4).healthy());
	e.data = platform::StateSensorStateEvent{.sensor_offset = 1, .event_state = 1};
	EXPECT_FALSE(apply_event(repo, sensor_event(e))); // one composite sensor only
	e.data = platform::StateSensorStateEvent{.sensor_offset = 0, .event_state = 7};
	EXPECT_FALSE(apply_event(repo, sensor_event(e))); // not a possible state

	repo.numeric.at(1).value = 30;
	repo.numeric.at(1).op_state = platform::OpState::Enabled;
	e = {.sensor_id = 1, .data = platform::SensorOpStateEvent{.present_op_state = 4, .previous_op_state = 0}};
	ASSERT_TRUE(apply_event(repo, sensor_event(e)));
	EXPECT_FALSE(repo.numeric.at(1).functional());
	EXPECT_TRUE(std::isnan(repo.numeric.at(1).value));
}

TEST(PldmdEvents, RepositoryChange)
{
	Repository repo;
	platform::PdrRepositoryChangeEvent c{.format = 0};
	platform::PlatformEventRequest ev{.tid = 1,
					  .event_class = platform::event_class::PdrRepositoryChange,
					  .event_data = bytes(platform::encode_pdr_repository_change_event(c))};
	auto r = apply_event(repo, ev);
	ASSERT_TRUE(r) << r.error().message;
	EXPECT_EQ(r->kind, EventEffect::Kind::RepositoryChanged);
	ev.event_data = {0x07};
	EXPECT_FALSE(apply_event(repo, ev));
	ev.event_class = 0xf0; // OEM: ignored, not an error
	r = apply_event(repo, ev);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->kind, EventEffect::Kind::Ignored);
}

TEST(PldmdFru, AssetFromGeneralRecord)
{
	namespace fru = mctpxx::pldm::fru;
	auto text = [](const char *s) { return pldm::Bytes(s, s + std::strlen(s)); };
	fru::Record oem{.record_set_id = 1, .type = fru::RecordType::Oem,
			.fields = {{.type = 1, .value = {0, 0, 0, 1}}}};
	fru::Record gen{.record_set_id = 1, .type = fru::RecordType::General,
			.fields = {{fru::field::Model, text("EMU-ACCEL-100")},
				   {fru::field::PartNumber, text("PN-100-01")},
				   {fru::field::SerialNumber, text("SN\x01" "9")},
				   {fru::field::Manufacturer, text("Emulated Devices")},
				   {fru::field::Version, text("1.0")}}};
	auto a = asset_from({oem, gen});
	EXPECT_EQ(a.model, "EMU-ACCEL-100");
	EXPECT_EQ(a.part_number, "PN-100-01");
	EXPECT_EQ(a.serial_number, "SN?9"); // control characters never reach D-Bus
	EXPECT_EQ(a.manufacturer, "Emulated Devices");
	EXPECT_EQ(a.version, "1.0");
}

TEST(PldmdTid, UniqueAndKeptPerUuid)
{
	TidPool pool;
	auto a = pool.assign("/ep/a", "uuid-a");
	auto b = pool.assign("/ep/b", "uuid-b");
	ASSERT_TRUE(a && b);
	EXPECT_NE(*a, *b);
	EXPECT_EQ(pool.assign("/ep/a", "uuid-a"), a); // asked again: the same
	pool.release("/ep/a");
	auto c = pool.assign("/ep/c", "uuid-c");
	ASSERT_TRUE(c);
	EXPECT_NE(*c, *a); // a's TID is kept for a while others are free
	EXPECT_EQ(pool.assign("/ep/a2", "uuid-a"), a); // back under another path
}

TEST(PldmdTid, AllTakenAndNeverReserved)
{
	TidPool pool;
	std::set<unsigned> seen;
	for (int i = 0; i < 254; i++) {
		auto t = pool.assign("/ep/" + std::to_string(i), std::to_string(i));
		ASSERT_TRUE(t);
		EXPECT_GE(*t, 1);
		EXPECT_LE(*t, 254);
		seen.insert(*t);
	}
	EXPECT_EQ(seen.size(), 254u);
	EXPECT_FALSE(pool.assign("/ep/x", "x"));
	pool.release("/ep/7");
	EXPECT_TRUE(pool.assign("/ep/x", "x")); // a remembered TID is reused when none else is free
}

// Whatever a terminus sends, the rules never crash and never keep garbage:
// random PDR bytes (some with a plausible header) and random event data.
TEST(PldmdRobustness, RandomPdrsAndEvents)
{
	std::uint32_t x = 12345;
	auto rnd = [&] {
		x = x * 1103515245u + 12345u;
		return static_cast<std::uint8_t>(x >> 16);
	};
	auto valid = bytes(platform::encode_pdr(numeric(1)));
	for (int round = 0; round < 2000; round++) {
		std::vector<pldm::Bytes> pdrs;
		for (int i = 0; i < 4; i++) {
			pldm::Bytes b = valid;
			if (round % 2) // a valid PDR with bytes flipped
				for (int k = 0; k < 3; k++)
					b[rnd() % b.size()] = rnd();
			else
				b.resize(rnd() % 64, rnd());
			pdrs.push_back(b);
		}
		auto repo = build_repository(pdrs);
		for (auto &[id, s] : repo.numeric) {
			EXPECT_TRUE(map_unit(s.pdr.base_unit, s.pdr.rate_unit));
			EXPECT_EQ(id, s.pdr.sensor_id);
		}
		platform::PlatformEventRequest ev{.tid = 1, .event_class = static_cast<std::uint8_t>(rnd() % 6)};
		ev.event_data.resize(rnd() % 16);
		for (auto &c : ev.event_data)
			c = rnd();
		(void)apply_event(repo, ev);
	}
}
