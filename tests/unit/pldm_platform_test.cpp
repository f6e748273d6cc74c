// SPDX-License-Identifier: GPL-2.0
// PLDM platform monitoring and control (type 2): byte vectors written from
// DSP0248 1.2.
#include <gtest/gtest.h>

#include "pldm_test_util.hpp"
#include "pldmxx/platform.hpp"

using namespace mctpxx::pldm;
using namespace mctpxx::pldm::platform;
using namespace pldm_test;

namespace {

// Numeric sensor 5, degrees C x 10^-1, uint16 readings (sensorDataSize 2),
// sint16 range fields (rangeFieldFormat 3), critical thresholds supported.
const Bytes kNumericPdr{
	0x01, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x47, 0x00, // header, 71 bytes follow
	0x01, 0x00,		// terminus handle
	0x05, 0x00,		// sensor ID
	0x40, 0x00, 0x01, 0x00, 0x00, 0x00, // entity type 64, instance 1, container 0
	0x00, 0x00,		// sensor init, aux names
	0x02, 0xff, 0x00, 0x00, // base unit 2 (degrees C), modifier -1, rate, OEM unit
	0x00, 0x00, 0x00, 0x00, 0x00, // aux unit, modifier, rate, rel, aux OEM unit
	0x01,			// is linear
	0x02,			// sensor data size: uint16
	0x00, 0x00, 0x80, 0x3f, // resolution 1.0
	0x00, 0x00, 0x00, 0x00, // offset 0.0
	0x00, 0x00, 0x00, 0x00, // accuracy, plus and minus tolerance
	0x02, 0x00,		// hysteresis 2 (uint16)
	0x12, 0x00,		// supported thresholds: upper and lower critical; volatility
	0x00, 0x00, 0x00, 0x00, // state transition interval 0.0
	0x00, 0x00, 0x80, 0x3f, // update interval 1.0
	0xe8, 0x03, 0x00, 0x00, // max readable 1000, min readable 0 (uint16)
	0x03, 0x18,		// range field format sint16; critical high and low supported
	0xfa, 0x00, 0x20, 0x03, 0x9c, 0xff, // nominal 250, normal max 800, normal min -100
	0x52, 0x03, 0x38, 0xff, // warning high 850, low -200
	0x84, 0x03, 0xd4, 0xfe, // critical high 900, low -300
	0xb6, 0x03, 0x70, 0xfe, // fatal high 950, low -400
};

NumericSensorPdr numeric()
{
	NumericSensorPdr p;
	p.header.record_handle = 1;
	p.terminus_handle = 1;
	p.sensor_id = 5;
	p.entity = {64, 1, 0};
	p.base_unit = 2;
	p.unit_modifier = -1;
	p.is_linear = true;
	p.data_size = DataSize::U16;
	p.resolution = 1.0f;
	p.hysteresis = 2;
	p.supported_thresholds = 0x12;
	p.update_interval = 1.0f;
	p.max_readable = 1000;
	p.min_readable = 0;
	p.range_format = RangeFormat::S16;
	p.range_support = 0x18;
	p.nominal = 250;
	p.normal_max = 800;
	p.normal_min = -100;
	p.warning_high = 850;
	p.warning_low = -200;
	p.critical_high = 900;
	p.critical_low = -300;
	p.fatal_high = 950;
	p.fatal_low = -400;
	return p;
}

// State sensor 6: two composite sensors, state set 1 (states 1-3) and
// state set 11 (states 1, 2 and 8).
const Bytes kStatePdr{
	0x02, 0x00, 0x00, 0x00, 0x01, 0x04, 0x00, 0x00, 0x16, 0x00,
	0x01, 0x00, 0x06, 0x00, 0x40, 0x00, 0x01, 0x00, 0x00, 0x00,
	0x00, 0x00, // sensor init, aux names
	0x02,	    // composite sensor count
	0x01, 0x00, 0x01, 0x0e,
	0x0b, 0x00, 0x02, 0x06, 0x01,
};

// Entity association: container 1 is entity (45, 1, 0) physically holding
// (64, 1, 1) and (64, 2, 1).
const Bytes kAssocPdr{
	0x03, 0x00, 0x00, 0x00, 0x01, 0x0f, 0x00, 0x00, 0x16, 0x00,
	0x01, 0x00, 0x00,
	0x2d, 0x00, 0x01, 0x00, 0x00, 0x00,
	0x02,
	0x40, 0x00, 0x01, 0x00, 0x01, 0x00,
	0x40, 0x00, 0x02, 0x00, 0x01, 0x00,
};

// Terminus locator: TID 9 at MCTP EID 0x1d, valid.
const Bytes kLocatorPdr{
	0x04, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x09, 0x00,
	0x01, 0x00, 0x01, 0x09, 0x00, 0x00, 0x01, 0x01, 0x1d,
};

template <typename Decode>
void pdr_checks(const Bytes &pdr, Decode decode)
{
	// every cut is refused (the header's length no longer matches, or the
	// header itself is cut), and so is one byte more
	every_prefix_fails(pdr, decode);
	Bytes more = pdr;
	more.push_back(0);
	EXPECT_FALSE(decode(more));
	// one byte more with the length fixed up: a trailing byte
	more[8]++;
	auto r = decode(more);
	ASSERT_FALSE(r);
	EXPECT_TRUE(mentions(r.error().message, "trailing")) << r.error().message;
	// wrong header version, wrong type
	Bytes bad = pdr;
	bad[4] = 2;
	EXPECT_TRUE(mentions(decode(bad).error().message, "header version"));
	bad = pdr;
	bad[5] = 0x7f;
	EXPECT_TRUE(mentions(decode(bad).error().message, "PDR type"));
}

} // namespace

TEST(PldmPlatform, RepositoryInfo)
{
	const Bytes req{0x80, 0x02, 0x50};
	EXPECT_EQ(*encode_get_repository_info_request(0), req);
	EXPECT_TRUE(decode_get_repository_info_request(req));
	one_more_fails(req, decode_get_repository_info_request);
	every_prefix_fails(req, decode_get_repository_info_request);

	Bytes resp{0x00, 0x02, 0x50, 0x00, 0x00};
	for (int i = 0; i < 13; i++)
		resp.push_back(static_cast<std::uint8_t>(i));
	resp.insert(resp.end(), 13, 0);
	for (std::uint8_t b : {0x04, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x60, 0x00, 0x00, 0x00, 0x05})
		resp.push_back(b);
	RepositoryInfo v;
	for (int i = 0; i < 13; i++)
		v.update_time[i] = static_cast<std::uint8_t>(i);
	v.record_count = 4;
	v.repository_size = 0x100;
	v.largest_record_size = 0x60;
	v.transfer_handle_timeout = 5;
	EXPECT_EQ(*encode_get_repository_info_response(0, v), resp);
	auto r = decode_get_repository_info_response(resp);
	ASSERT_TRUE(r);
	EXPECT_EQ(*r, v);
	every_prefix_fails(resp, decode_get_repository_info_response);
	one_more_fails(resp, decode_get_repository_info_response);
	Bytes bad = resp;
	bad[4] = 3;
	EXPECT_TRUE(mentions(decode_get_repository_info_response(bad).error().message, "repository state"));
}

TEST(PldmPlatform, GetPdrRequest)
{
	const Bytes req{0x81, 0x02, 0x51, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
			0x01, 0x80, 0x00, 0x00, 0x00};
	GetPdrRequest v{0, 0, TransferOp::GetFirstPart, 128, 0};
	EXPECT_EQ(*encode_get_pdr_request(1, v), req);
	EXPECT_EQ(*decode_get_pdr_request(req), v);
	every_prefix_fails(req, decode_get_pdr_request);
	one_more_fails(req, decode_get_pdr_request);
	Bytes bad = req;
	bad[11] = 2;
	EXPECT_TRUE(mentions(decode_get_pdr_request(bad).error().message, "transfer operation flag"));
}

TEST(PldmPlatform, GetPdrResponse)
{
	const Bytes one{0x01, 0x02, 0x51, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
			0x05, 0x03, 0x00, 0xaa, 0xbb, 0xcc};
	GetPdrResponse v{cc::Success, 2, 0, TransferFlag::StartAndEnd, {0xaa, 0xbb, 0xcc}, {}};
	EXPECT_EQ(*encode_get_pdr_response(1, v), one);
	EXPECT_EQ(*decode_get_pdr_response(one), v);
	every_prefix_fails(one, decode_get_pdr_response);
	one_more_fails(one, decode_get_pdr_response);
	// response count larger than the bytes
	Bytes bad = one;
	bad[13] = 4;
	EXPECT_TRUE(mentions(decode_get_pdr_response(bad).error().message, "record data"));
	bad = one;
	bad[12] = 0x06;
	EXPECT_TRUE(mentions(decode_get_pdr_response(bad).error().message, "transfer flag"));
	// the End part carries the TransferCRC
	Bytes end = one;
	end[12] = 0x04;
	end.push_back(0x5a);
	auto e = decode_get_pdr_response(end);
	ASSERT_TRUE(e);
	EXPECT_EQ(e->transfer_crc, 0x5a);
	every_prefix_fails(end, decode_get_pdr_response);
	one_more_fails(end, decode_get_pdr_response);
	v.flag = TransferFlag::End;
	EXPECT_TRUE(mentions(encode_get_pdr_response(1, v).error().message, "without its TransferCRC"));
	v.transfer_crc = 0x5a;
	EXPECT_EQ(*encode_get_pdr_response(1, v), end);
	v.flag = TransferFlag::Start;
	EXPECT_FALSE(encode_get_pdr_response(1, v));
	EXPECT_EQ(decode_get_pdr_response(Bytes{0x01, 0x02, 0x51, 0x82})->completion_code, 0x82);
}

TEST(PldmPlatform, GetPdrMultipartWithCrc)
{
	// the numeric sensor PDR in two parts, the second with the CRC-8
	MultipartReader m;
	const Bytes &pdr = kNumericPdr;
	GetPdrResponse a{cc::Success, 2, 77, TransferFlag::Start, Bytes(pdr.begin(), pdr.begin() + 40), {}};
	GetPdrResponse b{cc::Success, 2, 0, TransferFlag::End, Bytes(pdr.begin() + 40, pdr.end()), crc8(pdr)};
	for (const auto &part : {a, b}) {
		auto d = decode_get_pdr_response(*encode_get_pdr_response(1, part));
		ASSERT_TRUE(d);
		ASSERT_TRUE(m.add(d->flag, d->next_transfer_handle, d->data));
		if (d->transfer_crc)
			EXPECT_TRUE(check_transfer_crc(m.data(), *d->transfer_crc));
	}
	ASSERT_TRUE(m.complete());
	EXPECT_EQ(m.data(), pdr);
	EXPECT_TRUE(mentions(check_transfer_crc(pdr, crc8(pdr) ^ 1).error().message, "TransferCRC"));
}

TEST(PldmPlatform, NumericSensorPdr)
{
	EXPECT_EQ(kNumericPdr.size(), 81u);
	auto p = decode_numeric_sensor_pdr(kNumericPdr);
	ASSERT_TRUE(p) << p.error().message;
	auto want = numeric();
	want.header = PdrHeader{1, 1, 2, 0, 71};
	EXPECT_EQ(*p, want);
	EXPECT_EQ(p->critical_low, -300);
	EXPECT_EQ(*encode_pdr(numeric()), kNumericPdr);
	auto any = decode_pdr(kNumericPdr);
	ASSERT_TRUE(any);
	EXPECT_TRUE(std::holds_alternative<NumericSensorPdr>(*any));
	pdr_checks(kNumericPdr, decode_numeric_sensor_pdr);
	// bad enum values
	Bytes bad = kNumericPdr;
	bad[32] = 0x06; // sensor data size
	EXPECT_TRUE(mentions(decode_numeric_sensor_pdr(bad).error().message, "sensor data size"));
	bad = kNumericPdr;
	bad[61] = 0x07; // range field format
	EXPECT_TRUE(mentions(decode_numeric_sensor_pdr(bad).error().message, "range field format"));
	bad = kNumericPdr;
	bad[20] = 0x04; // sensor init
	EXPECT_TRUE(mentions(decode_numeric_sensor_pdr(bad).error().message, "sensor init"));
	bad = kNumericPdr;
	bad[31] = 0x02; // is linear: bool8
	EXPECT_TRUE(mentions(decode_numeric_sensor_pdr(bad).error().message, "bool8"));
	bad = kNumericPdr;
	bad[47] = 0x40; // supported thresholds, reserved bit
	EXPECT_TRUE(mentions(decode_numeric_sensor_pdr(bad).error().message, "reserved"));
	// widths follow the sizes: uint8 readings and real32 ranges
	auto n = numeric();
	n.data_size = DataSize::U8;
	n.max_readable = 255;
	n.range_format = RangeFormat::Real32;
	n.critical_high = 90.5;
	auto b = encode_pdr(n);
	ASSERT_TRUE(b);
	EXPECT_EQ(b->size(), 81u - 3 + 18);
	auto d = decode_numeric_sensor_pdr(*b);
	ASSERT_TRUE(d) << d.error().message;
	EXPECT_EQ(d->critical_high, 90.5);
	EXPECT_EQ(d->max_readable, 255);
	// values that do not fit their width
	n.max_readable = 256;
	EXPECT_TRUE(mentions(encode_pdr(n).error().message, "max readable"));
	n = numeric();
	n.fatal_low = -40000;
	EXPECT_TRUE(mentions(encode_pdr(n).error().message, "fatal low"));
	n = numeric();
	n.hysteresis = 1.5;
	EXPECT_TRUE(mentions(encode_pdr(n).error().message, "hysteresis"));
}

TEST(PldmPlatform, StateSensorPdr)
{
	auto p = decode_state_sensor_pdr(kStatePdr);
	ASSERT_TRUE(p) << p.error().message;
	EXPECT_EQ(p->sensor_id, 6);
	ASSERT_EQ(p->sensors.size(), 2u);
	EXPECT_EQ(p->sensors[0].id, 1);
	EXPECT_TRUE(p->sensors[0].possible(1));
	EXPECT_TRUE(p->sensors[0].possible(3));
	EXPECT_FALSE(p->sensors[0].possible(0));
	EXPECT_FALSE(p->sensors[0].possible(8));
	EXPECT_TRUE(p->sensors[1].possible(8));
	EXPECT_FALSE(p->sensors[1].possible(200));
	EXPECT_EQ(*encode_pdr(*p), kStatePdr);
	pdr_checks(kStatePdr, decode_state_sensor_pdr);
	Bytes bad = kStatePdr;
	bad[22] = 0; // composite sensor count
	EXPECT_TRUE(mentions(decode_state_sensor_pdr(bad).error().message, "composite sensor count"));
	bad[22] = 9;
	EXPECT_TRUE(mentions(decode_state_sensor_pdr(bad).error().message, "composite sensor count"));
	bad = kStatePdr;
	bad[25] = 0; // possible states size
	EXPECT_TRUE(mentions(decode_state_sensor_pdr(bad).error().message, "possible states size"));
	bad = kStatePdr;
	bad[25] = 33;
	EXPECT_TRUE(mentions(decode_state_sensor_pdr(bad).error().message, "possible states size"));
	bad = kStatePdr;
	bad[22] = 3; // a third sensor that is not there
	EXPECT_TRUE(mentions(decode_state_sensor_pdr(bad).error().message, "truncated"));
	StateSensorPdr s = *p;
	s.sensors.clear();
	EXPECT_FALSE(encode_pdr(s));
	s.sensors.assign(9, StateSet{1, {1}});
	EXPECT_FALSE(encode_pdr(s));
}

TEST(PldmPlatform, EntityAssociationPdr)
{
	auto p = decode_entity_association_pdr(kAssocPdr);
	ASSERT_TRUE(p) << p.error().message;
	EXPECT_EQ(p->container_id, 1);
	EXPECT_EQ(p->container, (Entity{45, 1, 0}));
	ASSERT_EQ(p->children.size(), 2u);
	EXPECT_EQ(p->children[1], (Entity{64, 2, 1}));
	EXPECT_EQ(*encode_pdr(*p), kAssocPdr);
	pdr_checks(kAssocPdr, decode_entity_association_pdr);
	Bytes bad = kAssocPdr;
	bad[12] = 2; // association type
	EXPECT_TRUE(mentions(decode_entity_association_pdr(bad).error().message, "association type"));
	bad = kAssocPdr;
	bad[19] = 3; // count beyond the bytes
	EXPECT_TRUE(mentions(decode_entity_association_pdr(bad).error().message, "contained entity count"));
}

TEST(PldmPlatform, TerminusLocatorPdr)
{
	auto p = decode_terminus_locator_pdr(kLocatorPdr);
	ASSERT_TRUE(p) << p.error().message;
	EXPECT_EQ(p->tid, 9);
	EXPECT_EQ(p->eid(), 0x1d);
	EXPECT_EQ(*encode_pdr(*p), kLocatorPdr);
	pdr_checks(kLocatorPdr, decode_terminus_locator_pdr);
	Bytes bad = kLocatorPdr;
	bad[17] = 2; // value size for an EID
	EXPECT_TRUE(mentions(decode_terminus_locator_pdr(bad).error().message, "value size"));
	bad = kLocatorPdr;
	bad[16] = 4; // locator type
	EXPECT_TRUE(mentions(decode_terminus_locator_pdr(bad).error().message, "locator type"));
	bad = kLocatorPdr;
	bad[12] = 2; // validity
	EXPECT_TRUE(mentions(decode_terminus_locator_pdr(bad).error().message, "validity"));
	// a UID locator: 17 bytes
	TerminusLocatorPdr u = *p;
	u.locator_type = LocatorType::Uid;
	EXPECT_FALSE(encode_pdr(u));
	u.locator_value.assign(17, 0xab);
	auto b = encode_pdr(u);
	ASSERT_TRUE(b);
	EXPECT_FALSE(decode_terminus_locator_pdr(*b)->eid());
}

TEST(PldmPlatform, OtherPdrAndHeader)
{
	const Bytes oem{0x09, 0x00, 0x00, 0x00, 0x01, 0x7f, 0x03, 0x00, 0x02, 0x00, 0xaa, 0xbb};
	auto p = decode_pdr(oem);
	ASSERT_TRUE(p);
	const auto &o = std::get<OtherPdr>(*p);
	EXPECT_EQ(o.header.type, 0x7f);
	EXPECT_EQ(o.header.change_number, 3);
	EXPECT_EQ(o.data, (Bytes{0xaa, 0xbb}));
	every_prefix_fails(oem, decode_pdr_header);
	EXPECT_TRUE(mentions(decode_pdr_header(Bytes{oem.begin(), oem.end() - 1}).error().message,
			     "data length"));
}

TEST(PldmPlatform, GetSensorReading)
{
	const Bytes req{0x82, 0x02, 0x11, 0x05, 0x00, 0x00};
	EXPECT_EQ(*encode_get_sensor_reading_request(2, {5, false}), req);
	EXPECT_EQ(*decode_get_sensor_reading_request(req), (GetSensorReadingRequest{5, false}));
	every_prefix_fails(req, decode_get_sensor_reading_request);
	one_more_fails(req, decode_get_sensor_reading_request);
	Bytes bad = req;
	bad[5] = 2;
	EXPECT_TRUE(mentions(decode_get_sensor_reading_request(bad).error().message, "rearm"));

	const Bytes resp{0x02, 0x02, 0x11, 0x00, 0x02, 0x00, 0x02, 0x01, 0x01, 0x01, 0x39, 0x01};
	SensorReading v{cc::Success, DataSize::U16, OpState::Enabled, EventEnable::EventsEnabled,
			SensorState::Normal, SensorState::Normal, SensorState::Normal, 313};
	EXPECT_EQ(*encode_get_sensor_reading_response(2, v), resp);
	EXPECT_EQ(*decode_get_sensor_reading_response(resp), v);
	every_prefix_fails(resp, decode_get_sensor_reading_response);
	one_more_fails(resp, decode_get_sensor_reading_response);
	// sint32 reading -5
	const Bytes s32{0x02, 0x02, 0x11, 0x00, 0x05, 0x00, 0x02, 0x01, 0x01, 0x01, 0xfb, 0xff, 0xff, 0xff};
	EXPECT_EQ(decode_get_sensor_reading_response(s32)->reading, -5);
	every_prefix_fails(s32, decode_get_sensor_reading_response);
	bad = resp;
	bad[4] = 6;
	EXPECT_TRUE(mentions(decode_get_sensor_reading_response(bad).error().message, "sensor data size"));
	bad = resp;
	bad[5] = 8;
	EXPECT_TRUE(mentions(decode_get_sensor_reading_response(bad).error().message, "operational state"));
	bad = resp;
	bad[6] = 5;
	EXPECT_TRUE(mentions(decode_get_sensor_reading_response(bad).error().message, "event message enable"));
	bad = resp;
	bad[9] = 11;
	EXPECT_TRUE(mentions(decode_get_sensor_reading_response(bad).error().message, "event state"));
	v.reading = 70000;
	EXPECT_FALSE(encode_get_sensor_reading_response(2, v));
}

TEST(PldmPlatform, GetStateSensorReadings)
{
	const Bytes req{0x83, 0x02, 0x21, 0x06, 0x00, 0x01, 0x00};
	EXPECT_EQ(*encode_get_state_sensor_readings_request(3, {6, 1}), req);
	EXPECT_EQ(*decode_get_state_sensor_readings_request(req), (GetStateSensorReadingsRequest{6, 1}));
	every_prefix_fails(req, decode_get_state_sensor_readings_request);
	one_more_fails(req, decode_get_state_sensor_readings_request);

	const Bytes resp{0x03, 0x02, 0x21, 0x00, 0x02, 0x00, 0x01, 0x01, 0x01, 0x00, 0x02, 0x01, 0x02};
	StateSensorReadings v{cc::Success, {{OpState::Enabled, 1, 1, 1}, {OpState::Enabled, 2, 1, 2}}};
	EXPECT_EQ(*encode_get_state_sensor_readings_response(3, v), resp);
	EXPECT_EQ(*decode_get_state_sensor_readings_response(resp), v);
	every_prefix_fails(resp, decode_get_state_sensor_readings_response);
	one_more_fails(resp, decode_get_state_sensor_readings_response);
	Bytes bad = resp;
	bad[4] = 0;
	EXPECT_TRUE(mentions(decode_get_state_sensor_readings_response(bad).error().message, "composite"));
	bad[4] = 9;
	EXPECT_TRUE(mentions(decode_get_state_sensor_readings_response(bad).error().message, "composite"));
	bad = resp;
	bad[9] = 8;
	EXPECT_TRUE(mentions(decode_get_state_sensor_readings_response(bad).error().message, "operational state"));
	v.fields.clear();
	EXPECT_FALSE(encode_get_state_sensor_readings_response(3, v));
}

TEST(PldmPlatform, SetEventReceiver)
{
	const Bytes req{0x84, 0x02, 0x04, 0x01, 0x00, 0x08};
	SetEventReceiverRequest v{EventGlobalEnable::EnableAsync, 0, 8, 0};
	EXPECT_EQ(*encode_set_event_receiver_request(4, v), req);
	EXPECT_EQ(*decode_set_event_receiver_request(req), v);
	every_prefix_fails(req, decode_set_event_receiver_request);
	one_more_fails(req, decode_set_event_receiver_request);
	// keep-alive: the heartbeat timer follows
	const Bytes ka{0x84, 0x02, 0x04, 0x03, 0x00, 0x08, 0x78, 0x00};
	v = {EventGlobalEnable::EnableAsyncKeepAlive, 0, 8, 120};
	EXPECT_EQ(*encode_set_event_receiver_request(4, v), ka);
	EXPECT_EQ(*decode_set_event_receiver_request(ka), v);
	every_prefix_fails(ka, decode_set_event_receiver_request);
	one_more_fails(ka, decode_set_event_receiver_request);
	Bytes bad = req;
	bad[3] = 4;
	EXPECT_TRUE(mentions(decode_set_event_receiver_request(bad).error().message, "global enable"));
	bad = req;
	bad[4] = 1;
	EXPECT_TRUE(mentions(decode_set_event_receiver_request(bad).error().message, "transport"));
	const Bytes resp{0x04, 0x02, 0x04, 0x00};
	EXPECT_EQ(*encode_set_event_receiver_response(4, cc::Success), resp);
	EXPECT_EQ(*decode_set_event_receiver_response(resp), cc::Success);
	every_prefix_fails(resp, decode_set_event_receiver_response);
	one_more_fails(resp, decode_set_event_receiver_response);
}

TEST(PldmPlatform, PlatformEventMessage)
{
	// a numeric sensor event: sensor 5 went upper critical, reading 912
	const Bytes data{0x05, 0x00, 0x02, 0x09, 0x01, 0x02, 0x90, 0x03};
	Bytes req{0x85, 0x02, 0x0a, 0x01, 0x09, 0x00};
	req.insert(req.end(), data.begin(), data.end());
	PlatformEventRequest v{1, 9, event_class::Sensor, data};
	EXPECT_EQ(*encode_platform_event_request(5, v), req);
	auto q = decode_platform_event_request(req);
	ASSERT_TRUE(q);
	EXPECT_EQ(*q, v);
	every_prefix_fails(Bytes(req.begin(), req.begin() + 6), decode_platform_event_request);
	Bytes bad = req;
	bad[3] = 2;
	EXPECT_TRUE(mentions(decode_platform_event_request(bad).error().message, "format version"));
	bad = req;
	bad[5] = 0x07;
	EXPECT_TRUE(mentions(decode_platform_event_request(bad).error().message, "event class"));
	bad[5] = 0xf0; // OEM
	EXPECT_TRUE(decode_platform_event_request(bad));

	SensorEvent e{5, NumericSensorStateEvent{SensorState::UpperCritical, SensorState::Normal,
						 DataSize::U16, 912}};
	EXPECT_EQ(*encode_sensor_event(e), data);
	EXPECT_EQ(*decode_sensor_event(data), e);
	every_prefix_fails(data, decode_sensor_event);
	one_more_fails(data, decode_sensor_event);
	const Bytes state{0x06, 0x00, 0x01, 0x00, 0x02, 0x01};
	SensorEvent se{6, StateSensorStateEvent{0, 2, 1}};
	EXPECT_EQ(*encode_sensor_event(se), state);
	EXPECT_EQ(*decode_sensor_event(state), se);
	every_prefix_fails(state, decode_sensor_event);
	one_more_fails(state, decode_sensor_event);
	const Bytes op{0x06, 0x00, 0x00, 0x01, 0x00};
	SensorEvent oe{6, SensorOpStateEvent{1, 0}};
	EXPECT_EQ(*encode_sensor_event(oe), op);
	EXPECT_EQ(*decode_sensor_event(op), oe);
	every_prefix_fails(op, decode_sensor_event);
	one_more_fails(op, decode_sensor_event);
	bad = data;
	bad[2] = 3;
	EXPECT_TRUE(mentions(decode_sensor_event(bad).error().message, "sensor event class"));
	bad = data;
	bad[5] = 6;
	EXPECT_TRUE(mentions(decode_sensor_event(bad).error().message, "sensor data size"));
	bad = state;
	bad[3] = 8;
	EXPECT_TRUE(mentions(decode_sensor_event(bad).error().message, "sensor offset"));

	const Bytes resp{0x05, 0x02, 0x0a, 0x00, 0x00};
	EXPECT_EQ(*encode_platform_event_response(5, {cc::Success, 0}), resp);
	EXPECT_EQ(*decode_platform_event_response(resp), (PlatformEventResponse{cc::Success, 0}));
	every_prefix_fails(resp, decode_platform_event_response);
	one_more_fails(resp, decode_platform_event_response);
	bad = resp;
	bad[4] = 6;
	EXPECT_TRUE(mentions(decode_platform_event_response(bad).error().message, "platform event status"));
}

TEST(PldmPlatform, PdrRepositoryChangeEvent)
{
	// records 5 and 6 added, by handle
	const Bytes data{0x02, 0x01, 0x02, 0x02, 0x05, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00};
	PdrRepositoryChangeEvent e{2, {{2, {5, 6}}}};
	EXPECT_EQ(*encode_pdr_repository_change_event(e), data);
	EXPECT_EQ(*decode_pdr_repository_change_event(data), e);
	every_prefix_fails(data, decode_pdr_repository_change_event);
	one_more_fails(data, decode_pdr_repository_change_event);
	const Bytes refresh{0x00, 0x00};
	EXPECT_TRUE(decode_pdr_repository_change_event(refresh)->records.empty());
	EXPECT_FALSE(decode_pdr_repository_change_event(Bytes{0x00, 0x01, 0x00, 0x00}));
	Bytes bad = data;
	bad[0] = 3;
	EXPECT_TRUE(mentions(decode_pdr_repository_change_event(bad).error().message, "event data format"));
	bad = data;
	bad[2] = 4;
	EXPECT_TRUE(mentions(decode_pdr_repository_change_event(bad).error().message, "event data operation"));
	bad = data;
	bad[3] = 0xff; // entries beyond the bytes
	EXPECT_TRUE(mentions(decode_pdr_repository_change_event(bad).error().message, "entries"));
}

TEST(PldmPlatform, SetNumericSensorEnable)
{
	const Bytes req{0x86, 0x02, 0x10, 0x05, 0x00, 0x00, 0x02};
	SetNumericSensorEnableRequest v{5, OpState::Enabled, EventEnable::EventsEnabled};
	EXPECT_EQ(*encode_set_numeric_sensor_enable_request(6, v), req);
	EXPECT_EQ(*decode_set_numeric_sensor_enable_request(req), v);
	every_prefix_fails(req, decode_set_numeric_sensor_enable_request);
	one_more_fails(req, decode_set_numeric_sensor_enable_request);
	Bytes bad = req;
	bad[5] = 3; // only enabled, disabled, unavailable may be set
	EXPECT_TRUE(mentions(decode_set_numeric_sensor_enable_request(bad).error().message, "operational state"));
	bad = req;
	bad[6] = 5;
	EXPECT_TRUE(mentions(decode_set_numeric_sensor_enable_request(bad).error().message, "event message enable"));
	v.op_state = OpState::Failed;
	EXPECT_FALSE(encode_set_numeric_sensor_enable_request(6, v));
	const Bytes resp{0x06, 0x02, 0x10, 0x00};
	EXPECT_EQ(*encode_set_numeric_sensor_enable_response(6, cc::Success), resp);
	EXPECT_EQ(*decode_set_numeric_sensor_enable_response(resp), cc::Success);
	every_prefix_fails(resp, decode_set_numeric_sensor_enable_response);
	one_more_fails(resp, decode_set_numeric_sensor_enable_response);
}
