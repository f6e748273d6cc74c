// SPDX-License-Identifier: GPL-2.0
// mctp-pldm's queries (one PLDM command or a walk of several: all PDRs,
// the FRU table) and their output as text and JSON. Every error names the
// command and what went wrong: the transport (no route, timeout, no
// permission), an error completion code by its DSP0240/DSP0248/DSP0257
// name, or a response the codec refuses, with the codec's message.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pldmxx/fru.hpp"
#include "pldmxx/platform.hpp"
#include "pldmxx/requester.hpp"

namespace mctpxx::pldm::tool {

using json = nlohmann::ordered_json;

struct FetchedPdr {
	std::uint32_t handle = 0; // as asked for (0: the first)
	Bytes bytes;
	Result<platform::Pdr> decoded;
};

struct SensorResult {
	std::uint16_t id = 0;
	platform::SensorReading reading;
	// the sensor's PDR, for the value in units (absent: raw only)
	std::optional<platform::NumericSensorPdr> pdr;
};

struct StateSensorResult {
	std::uint16_t id = 0;
	platform::StateSensorReadings readings;
	std::optional<platform::StateSensorPdr> pdr;
};

struct FruResult {
	fru::Metadata metadata;
	std::vector<fru::Record> records;
};

// "ERROR_NOT_READY", "INVALID_RECORD_HANDLE", ... for @code in a response
// to @command of @type; "0xNN" when the code has no name there.
std::string completion_code_symbol(std::uint8_t type, std::uint8_t command, std::uint8_t code);
const char *type_name(unsigned type);
const char *unit_name(std::uint8_t unit);
const char *sensor_state_name(platform::SensorState s);
// The reading in the PDR's units: (resolution * raw + offset) * 10^modifier.
double converted(const platform::NumericSensorPdr &p, double raw);

class Query {
public:
	Query(Requester &rq, Peer peer) : rq_(rq), peer_(peer) {}

	Result<std::uint8_t> tid();
	Status set_tid(std::uint8_t tid);
	Result<std::vector<unsigned>> types();
	Result<std::vector<Ver32>> versions(std::uint8_t type);
	Result<std::vector<unsigned>> commands(std::uint8_t type, Ver32 version);
	Result<platform::RepositoryInfo> repository_info();
	// One PDR by handle (0: the first), its parts put together; @next gets
	// the next record's handle.
	Result<FetchedPdr> pdr(std::uint32_t handle, std::uint32_t *next = nullptr);
	Result<std::vector<FetchedPdr>> all_pdrs();
	Result<SensorResult> sensor(std::uint16_t id);
	Result<StateSensorResult> state_sensor(std::uint16_t id);
	Result<FruResult> fru();

private:
	// The response to @request (success completion code), or the error
	// naming @name.
	Result<Bytes> ask(const char *name, const Result<Bytes> &request);

	Requester &rq_;
	Peer peer_;
};

json repository_info_json(const platform::RepositoryInfo &r);
std::string repository_info_text(const platform::RepositoryInfo &r);
json pdr_json(const FetchedPdr &p);
std::string pdr_text(const FetchedPdr &p);
json sensor_json(const SensorResult &s);
std::string sensor_text(const SensorResult &s);
json state_sensor_json(const StateSensorResult &s);
std::string state_sensor_text(const StateSensorResult &s);
json fru_json(const FruResult &f);
std::string fru_text(const FruResult &f);

} // namespace mctpxx::pldm::tool
