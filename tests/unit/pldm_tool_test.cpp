// SPDX-License-Identifier: GPL-2.0
// mctp-pldm's output: completion codes by name, readings in units, PDRs
// and FRU records as JSON, a PDR that does not decode shown with the reason.
#include <gtest/gtest.h>

#include "query.hpp"

namespace {

using namespace mctpxx::pldm;
namespace plat = mctpxx::pldm::platform;

TEST(PldmTool, CompletionCodesByName)
{
	EXPECT_EQ(tool::completion_code_symbol(0, 0x02, 0x04), "ERROR_NOT_READY");
	EXPECT_EQ(tool::completion_code_symbol(2, 0x11, 0x05), "ERROR_UNSUPPORTED_PLDM_CMD");
	EXPECT_EQ(tool::completion_code_symbol(2, 0x51, 0x82), "INVALID_RECORD_HANDLE");
	EXPECT_EQ(tool::completion_code_symbol(2, 0x51, 0x80), "INVALID_DATA_TRANSFER_HANDLE");
	EXPECT_EQ(tool::completion_code_symbol(2, 0x11, 0x80), "INVALID_SENSOR_ID");
	EXPECT_EQ(tool::completion_code_symbol(0, 0x03, 0x83), "INVALID_PLDM_TYPE_IN_REQUEST_DATA");
	EXPECT_EQ(tool::completion_code_symbol(2, 0x04, 0x81), "ENABLE_METHOD_NOT_SUPPORTED");
	EXPECT_EQ(tool::completion_code_symbol(4, 0x01, 0x90), "0x90");
}

TEST(PldmTool, ReadingsInUnits)
{
	plat::NumericSensorPdr p;
	p.resolution = 0.5f;
	EXPECT_EQ(tool::converted(p, 120), 60);
	p.resolution = 1;
	p.unit_modifier = -3;
	EXPECT_EQ(tool::converted(p, 25000), 25);
	EXPECT_EQ(tool::converted(p, 25001), 25.001);
	p.unit_modifier = 0;
	p.offset = -40;
	EXPECT_EQ(tool::converted(p, 100), 60);
	EXPECT_EQ(tool::converted(p, 40), 0);
}

TEST(PldmTool, PdrJson)
{
	plat::NumericSensorPdr p;
	p.header.record_handle = 5;
	p.sensor_id = 3;
	p.base_unit = 7;
	p.unit_modifier = -3;
	p.data_size = plat::DataSize::U32;
	p.range_format = plat::RangeFormat::U32;
	p.supported_thresholds = 0x01;
	p.warning_high = 75000;
	auto bytes = plat::encode_pdr(p);
	ASSERT_TRUE(bytes);
	tool::FetchedPdr f{5, *bytes, plat::decode_pdr(*bytes)};
	auto j = tool::pdr_json(f);
	EXPECT_EQ(j["kind"], "numeric sensor");
	EXPECT_EQ(j["unit"], "watts");
	EXPECT_EQ(j["thresholds"]["warning_high"], 75);
	EXPECT_FALSE(j["thresholds"].contains("critical_high"));

	(*bytes)[32] = 0x06; // sensorDataSize
	tool::FetchedPdr bad{5, *bytes, plat::decode_pdr(*bytes)};
	j = tool::pdr_json(bad);
	ASSERT_TRUE(j.contains("error"));
	EXPECT_NE(j["error"].get<std::string>().find("sensor data size 0x06"), std::string::npos) << j.dump();
	EXPECT_NE(tool::pdr_text(bad).find("does not decode"), std::string::npos);
}

TEST(PldmTool, SensorJson)
{
	tool::SensorResult s;
	s.id = 2;
	s.reading.data_size = plat::DataSize::S16;
	s.reading.reading = 181;
	s.reading.present_state = plat::SensorState::UpperWarning;
	plat::NumericSensorPdr p;
	p.base_unit = 2;
	p.resolution = 0.5f;
	s.pdr = p;
	auto j = tool::sensor_json(s);
	EXPECT_EQ(j["reading"], 90.5);
	EXPECT_EQ(j["raw"], 181);
	EXPECT_EQ(j["unit"], "degrees C");
	EXPECT_EQ(j["present_state"], "UpperWarning");
	EXPECT_EQ(tool::sensor_text(s), "sensor 2: 90.5 degrees C, UpperWarning (previous Normal), enabled\n");
	s.pdr.reset();
	EXPECT_FALSE(tool::sensor_json(s).contains("reading"));
}

TEST(PldmTool, FruJson)
{
	fru::Record g;
	g.record_set_id = 1;
	g.fields = {{fru::field::Model, {'M', '1'}}, {fru::field::VendorIana, {0xd9, 0x7e, 0, 0}}};
	fru::Record oem;
	oem.record_set_id = 1;
	oem.type = fru::RecordType::Oem;
	oem.fields = {{fru::field::OemVendorIana, {0xd9, 0x7e, 0, 0}}, {2, {'x'}}};
	tool::FruResult f{{}, {g, oem}};
	auto j = tool::fru_json(f);
	EXPECT_EQ(j["records"][0]["fields"][0]["name"], "Model");
	EXPECT_EQ(j["records"][0]["fields"][0]["value"], "M1");
	EXPECT_EQ(j["records"][0]["fields"][1]["hex"], "d97e0000");
	EXPECT_EQ(j["records"][1]["vendor_iana"], 32473);
	EXPECT_EQ(j["records"][1]["fields"][0]["hex"], "d97e0000");
	EXPECT_EQ(j["records"][1]["fields"][1]["value"], "x");
}

} // namespace
