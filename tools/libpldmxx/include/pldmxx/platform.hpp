// SPDX-License-Identifier: GPL-2.0
// PLDM platform monitoring and control (type 2, DSP0248 1.2): the PDR
// repository (GetPDRRepositoryInfo, GetPDR with its multipart transfer and
// TransferCRC), the PDRs a BMC needs first (common header, numeric sensor,
// state sensor, entity association, terminus locator), sensor readings
// (GetSensorReading, GetStateSensorReadings), events (SetEventReceiver,
// PlatformEventMessage with sensor events and PDR repository change
// events) and SetNumericSensorEnable.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <variant>
#include <vector>

#include "pldmxx/base.hpp"

namespace mctpxx::pldm::platform {

enum class Command : std::uint8_t {
	SetEventReceiver = 0x04,
	PlatformEventMessage = 0x0a,
	SetNumericSensorEnable = 0x10,
	GetSensorReading = 0x11,
	GetStateSensorReadings = 0x21,
	GetPdrRepositoryInfo = 0x50,
	GetPdr = 0x51,
};

// sensorDataSize (the readings' and hysteresis' width)
enum class DataSize : std::uint8_t { U8 = 0, S8 = 1, U16 = 2, S16 = 3, U32 = 4, S32 = 5 };
// rangeFieldFormat (the range fields' width)
enum class RangeFormat : std::uint8_t { U8 = 0, S8 = 1, U16 = 2, S16 = 3, U32 = 4, S32 = 5, Real32 = 6 };

// sensorOperationalState
enum class OpState : std::uint8_t {
	Enabled = 0, Disabled = 1, Unavailable = 2, StatusUnknown = 3, Failed = 4,
	Initializing = 5, ShuttingDown = 6, InTest = 7,
};
// sensorEventMessageEnable
enum class EventEnable : std::uint8_t {
	NoEventGeneration = 0, EventsDisabled = 1, EventsEnabled = 2, OpEventsOnly = 3,
	StateEventsOnly = 4,
};
// presentState, previousState, eventState of a numeric sensor
enum class SensorState : std::uint8_t {
	Unknown = 0, Normal = 1, Warning = 2, Critical = 3, Fatal = 4, LowerWarning = 5,
	LowerCritical = 6, LowerFatal = 7, UpperWarning = 8, UpperCritical = 9, UpperFatal = 10,
};

// ---- GetPDRRepositoryInfo ----
using Timestamp104 = std::array<std::uint8_t, 13>;
struct RepositoryInfo {
	std::uint8_t completion_code = cc::Success;
	std::uint8_t state = 0; // 0 available, 1 update in progress, 2 failed
	Timestamp104 update_time{};
	Timestamp104 oem_update_time{};
	std::uint32_t record_count = 0;
	std::uint32_t repository_size = 0;
	std::uint32_t largest_record_size = 0;
	std::uint8_t transfer_handle_timeout = 0; // seconds
	bool operator==(const RepositoryInfo &) const = default;
};
Result<Bytes> encode_get_repository_info_request(std::uint8_t instance_id);
Status decode_get_repository_info_request(std::span<const std::uint8_t> message);
Result<Bytes> encode_get_repository_info_response(std::uint8_t instance_id, const RepositoryInfo &r);
Result<RepositoryInfo> decode_get_repository_info_response(std::span<const std::uint8_t> message);

// ---- GetPDR ----
struct GetPdrRequest {
	std::uint32_t record_handle = 0; // 0: the first PDR
	std::uint32_t transfer_handle = 0;
	TransferOp op = TransferOp::GetFirstPart;
	std::uint16_t request_count = 0;
	std::uint16_t record_change_number = 0;
	bool operator==(const GetPdrRequest &) const = default;
};
Result<Bytes> encode_get_pdr_request(std::uint8_t instance_id, const GetPdrRequest &r);
Result<GetPdrRequest> decode_get_pdr_request(std::span<const std::uint8_t> message);
struct GetPdrResponse {
	std::uint8_t completion_code = cc::Success;
	std::uint32_t next_record_handle = 0; // 0: this was the last PDR
	std::uint32_t next_transfer_handle = 0;
	TransferFlag flag = TransferFlag::StartAndEnd;
	Bytes data;				// responseCount bytes of the PDR
	std::optional<std::uint8_t> transfer_crc; // CRC-8 of the whole PDR, with End only
	bool operator==(const GetPdrResponse &) const = default;
};
// The TransferCRC must be there exactly when the flag is End.
Result<Bytes> encode_get_pdr_response(std::uint8_t instance_id, const GetPdrResponse &r);
Result<GetPdrResponse> decode_get_pdr_response(std::span<const std::uint8_t> message);
// Whether @crc (an End part's TransferCRC) is that of the whole @pdr.
Status check_transfer_crc(std::span<const std::uint8_t> pdr, std::uint8_t crc);

// ---- PDRs ----
enum class PdrType : std::uint8_t {
	TerminusLocator = 1,
	NumericSensor = 2,
	StateSensor = 4,
	EntityAssociation = 15,
};
inline constexpr std::uint8_t kPdrHeaderVersion = 1;
inline constexpr std::size_t kPdrHeaderSize = 10;

struct PdrHeader {
	std::uint32_t record_handle = 0;
	std::uint8_t version = kPdrHeaderVersion;
	std::uint8_t type = 0;
	std::uint16_t change_number = 0;
	std::uint16_t length = 0; // of what follows the header
	bool operator==(const PdrHeader &) const = default;
};
// The common header of @pdr; its length must be that of the rest of @pdr.
Result<PdrHeader> decode_pdr_header(std::span<const std::uint8_t> pdr);

// Entity identification (DSP0248 entity type, instance, container).
struct Entity {
	std::uint16_t type = 0;
	std::uint16_t instance = 0;
	std::uint16_t container_id = 0;
	bool operator==(const Entity &) const = default;
};

// Numeric sensor PDR (type 2). Sized fields (hysteresis, maxReadable,
// minReadable: sensorDataSize; the nine range fields: rangeFieldFormat)
// are held as double, which carries every 32-bit integer and real32
// exactly; an encoder refuses a value its width cannot carry.
struct NumericSensorPdr {
	PdrHeader header; // type and length are set by the encoder
	std::uint16_t terminus_handle = 0;
	std::uint16_t sensor_id = 0;
	Entity entity;
	std::uint8_t sensor_init = 0; // 0 noInit, 1 useInitPDR, 2 enable, 3 disable
	bool aux_names = false;
	std::uint8_t base_unit = 0;
	std::int8_t unit_modifier = 0;
	std::uint8_t rate_unit = 0;
	std::uint8_t base_oem_unit_handle = 0;
	std::uint8_t aux_unit = 0;
	std::int8_t aux_unit_modifier = 0;
	std::uint8_t aux_rate_unit = 0;
	std::uint8_t rel = 0;
	std::uint8_t aux_oem_unit_handle = 0;
	bool is_linear = true;
	DataSize data_size = DataSize::U8;
	float resolution = 1.0f;
	float offset = 0.0f;
	std::uint16_t accuracy = 0;
	std::uint8_t plus_tolerance = 0;
	std::uint8_t minus_tolerance = 0;
	double hysteresis = 0;
	// bit 0 upper warning, 1 upper critical, 2 upper fatal, 3 lower warning,
	// 4 lower critical, 5 lower fatal
	std::uint8_t supported_thresholds = 0;
	std::uint8_t threshold_volatility = 0;
	float state_transition_interval = 0;
	float update_interval = 0;
	double max_readable = 0;
	double min_readable = 0;
	RangeFormat range_format = RangeFormat::U8;
	// bit 0 nominal, 1 normal max, 2 normal min, 3 critical high,
	// 4 critical low, 5 fatal high, 6 fatal low
	std::uint8_t range_support = 0;
	double nominal = 0, normal_max = 0, normal_min = 0, warning_high = 0, warning_low = 0,
	       critical_high = 0, critical_low = 0, fatal_high = 0, fatal_low = 0;
	bool operator==(const NumericSensorPdr &) const = default;
};

// One sensor of a (composite) state sensor.
struct StateSet {
	std::uint16_t id = 0;
	Bytes possible_states; // bitfield, 1-32 bytes: bit N = state N possible
	bool possible(unsigned state) const
	{
		return state / 8 < possible_states.size() && (possible_states[state / 8] >> (state % 8) & 1);
	}
	bool operator==(const StateSet &) const = default;
};
// State sensor PDR (type 4): 1-8 composite sensors.
struct StateSensorPdr {
	PdrHeader header;
	std::uint16_t terminus_handle = 0;
	std::uint16_t sensor_id = 0;
	Entity entity;
	std::uint8_t sensor_init = 0;
	bool aux_names = false;
	std::vector<StateSet> sensors;
	bool operator==(const StateSensorPdr &) const = default;
};

// Entity association PDR (type 15).
struct EntityAssociationPdr {
	PdrHeader header;
	std::uint16_t container_id = 0;
	std::uint8_t association_type = 0; // 0 physical containment, 1 logical
	Entity container;
	std::vector<Entity> children; // at most 255
	bool operator==(const EntityAssociationPdr &) const = default;
};

// Terminus locator PDR (type 1).
enum class LocatorType : std::uint8_t { Uid = 0, MctpEid = 1, SmbusRelative = 2, SystemSoftware = 3 };
struct TerminusLocatorPdr {
	PdrHeader header;
	std::uint16_t terminus_handle = 0;
	std::uint8_t validity = 1; // 0 not valid, 1 valid
	std::uint8_t tid = 0;
	std::uint16_t container_id = 0;
	LocatorType locator_type = LocatorType::MctpEid;
	// the value as sent: 17 bytes (UID: instance and UUID; system software:
	// class and UUID), 1 (MCTP EID), 18 (SMBus relative: UUID, bus, address)
	Bytes locator_value;
	std::optional<std::uint8_t> eid() const
	{
		if (locator_type == LocatorType::MctpEid && locator_value.size() == 1)
			return locator_value[0];
		return std::nullopt;
	}
	bool operator==(const TerminusLocatorPdr &) const = default;
};

// A PDR of a type this library does not decode: its header and bytes.
struct OtherPdr {
	PdrHeader header;
	Bytes data; // after the header
	bool operator==(const OtherPdr &) const = default;
};

using Pdr = std::variant<NumericSensorPdr, StateSensorPdr, EntityAssociationPdr, TerminusLocatorPdr,
			 OtherPdr>;

// A whole PDR by its type (header checked, every field, nothing left over).
Result<Pdr> decode_pdr(std::span<const std::uint8_t> pdr);
Result<NumericSensorPdr> decode_numeric_sensor_pdr(std::span<const std::uint8_t> pdr);
Result<StateSensorPdr> decode_state_sensor_pdr(std::span<const std::uint8_t> pdr);
Result<EntityAssociationPdr> decode_entity_association_pdr(std::span<const std::uint8_t> pdr);
Result<TerminusLocatorPdr> decode_terminus_locator_pdr(std::span<const std::uint8_t> pdr);

// PDR bytes, header included (its type and length filled in).
Result<Bytes> encode_pdr(const NumericSensorPdr &p);
Result<Bytes> encode_pdr(const StateSensorPdr &p);
Result<Bytes> encode_pdr(const EntityAssociationPdr &p);
Result<Bytes> encode_pdr(const TerminusLocatorPdr &p);

// ---- GetSensorReading ----
struct GetSensorReadingRequest {
	std::uint16_t sensor_id = 0;
	bool rearm = false;
	bool operator==(const GetSensorReadingRequest &) const = default;
};
Result<Bytes> encode_get_sensor_reading_request(std::uint8_t instance_id, const GetSensorReadingRequest &r);
Result<GetSensorReadingRequest> decode_get_sensor_reading_request(std::span<const std::uint8_t> message);
struct SensorReading {
	std::uint8_t completion_code = cc::Success;
	DataSize data_size = DataSize::U8;
	OpState op_state = OpState::Enabled;
	EventEnable event_enable = EventEnable::NoEventGeneration;
	SensorState present_state = SensorState::Normal;
	SensorState previous_state = SensorState::Normal;
	SensorState event_state = SensorState::Normal;
	double reading = 0; // in data_size
	bool operator==(const SensorReading &) const = default;
};
Result<Bytes> encode_get_sensor_reading_response(std::uint8_t instance_id, const SensorReading &r);
Result<SensorReading> decode_get_sensor_reading_response(std::span<const std::uint8_t> message);

// ---- GetStateSensorReadings ----
struct GetStateSensorReadingsRequest {
	std::uint16_t sensor_id = 0;
	std::uint8_t rearm = 0; // bit N: rearm composite sensor N
	bool operator==(const GetStateSensorReadingsRequest &) const = default;
};
Result<Bytes> encode_get_state_sensor_readings_request(std::uint8_t instance_id,
							const GetStateSensorReadingsRequest &r);
Result<GetStateSensorReadingsRequest>
decode_get_state_sensor_readings_request(std::span<const std::uint8_t> message);
struct StateField {
	OpState op_state = OpState::Enabled;
	std::uint8_t present_state = 0; // values of the sensor's state set
	std::uint8_t previous_state = 0;
	std::uint8_t event_state = 0;
	bool operator==(const StateField &) const = default;
};
struct StateSensorReadings {
	std::uint8_t completion_code = cc::Success;
	std::vector<StateField> fields; // 1-8
	bool operator==(const StateSensorReadings &) const = default;
};
Result<Bytes> encode_get_state_sensor_readings_response(std::uint8_t instance_id,
							 const StateSensorReadings &r);
Result<StateSensorReadings> decode_get_state_sensor_readings_response(std::span<const std::uint8_t> message);

// ---- SetEventReceiver (MCTP transport) ----
enum class EventGlobalEnable : std::uint8_t {
	Disable = 0, EnableAsync = 1, EnablePolling = 2, EnableAsyncKeepAlive = 3,
};
struct SetEventReceiverRequest {
	EventGlobalEnable enable = EventGlobalEnable::EnableAsync;
	std::uint8_t transport = 0; // 0: MCTP, the only one this codec carries
	std::uint8_t receiver_eid = 0;
	std::uint16_t heartbeat_s = 0; // with EnableAsyncKeepAlive only
	bool operator==(const SetEventReceiverRequest &) const = default;
};
Result<Bytes> encode_set_event_receiver_request(std::uint8_t instance_id, const SetEventReceiverRequest &r);
Result<SetEventReceiverRequest> decode_set_event_receiver_request(std::span<const std::uint8_t> message);
Result<Bytes> encode_set_event_receiver_response(std::uint8_t instance_id, std::uint8_t completion_code);
Result<std::uint8_t> decode_set_event_receiver_response(std::span<const std::uint8_t> message);

// ---- PlatformEventMessage ----
namespace event_class {
inline constexpr std::uint8_t Sensor = 0x00;
inline constexpr std::uint8_t Effecter = 0x01;
inline constexpr std::uint8_t RedfishTaskExecuted = 0x02;
inline constexpr std::uint8_t RedfishMessage = 0x03;
inline constexpr std::uint8_t PdrRepositoryChange = 0x04;
inline constexpr std::uint8_t MessagePoll = 0x05;
inline constexpr std::uint8_t HeartbeatTimerElapsed = 0x06;
} // namespace event_class
inline constexpr std::uint8_t kEventFormatVersion = 0x01;

struct PlatformEventRequest {
	std::uint8_t format_version = kEventFormatVersion;
	std::uint8_t tid = 0;
	std::uint8_t event_class = event_class::Sensor;
	Bytes event_data; // decode with the functions below, by class
	bool operator==(const PlatformEventRequest &) const = default;
};
Result<Bytes> encode_platform_event_request(std::uint8_t instance_id, const PlatformEventRequest &r);
// Event classes 0x07-0xef are reserved (refused); OEM ones (0xf0-0xfe) pass.
Result<PlatformEventRequest> decode_platform_event_request(std::span<const std::uint8_t> message);
struct PlatformEventResponse {
	std::uint8_t completion_code = cc::Success;
	// 0 no logging, 1 logging disabled, 2 log full, 3 accepted for
	// logging, 4 logged, 5 logging rejected
	std::uint8_t status = 0;
	bool operator==(const PlatformEventResponse &) const = default;
};
Result<Bytes> encode_platform_event_response(std::uint8_t instance_id, const PlatformEventResponse &r);
Result<PlatformEventResponse> decode_platform_event_response(std::span<const std::uint8_t> message);

// sensorEvent data: one of three classes
struct SensorOpStateEvent {
	std::uint8_t present_op_state = 0, previous_op_state = 0;
	bool operator==(const SensorOpStateEvent &) const = default;
};
struct StateSensorStateEvent {
	std::uint8_t sensor_offset = 0; // which composite sensor
	std::uint8_t event_state = 0, previous_event_state = 0;
	bool operator==(const StateSensorStateEvent &) const = default;
};
struct NumericSensorStateEvent {
	SensorState event_state = SensorState::Normal;
	SensorState previous_event_state = SensorState::Normal;
	DataSize data_size = DataSize::U8;
	double reading = 0;
	bool operator==(const NumericSensorStateEvent &) const = default;
};
struct SensorEvent {
	std::uint16_t sensor_id = 0;
	std::variant<SensorOpStateEvent, StateSensorStateEvent, NumericSensorStateEvent> data;
	bool operator==(const SensorEvent &) const = default;
};
Result<Bytes> encode_sensor_event(const SensorEvent &e);
Result<SensorEvent> decode_sensor_event(std::span<const std::uint8_t> event_data);

// pldmPDRRepositoryChgEvent data
struct ChangeRecord {
	std::uint8_t operation = 0; // 0 refresh all, 1 deleted, 2 added, 3 modified
	std::vector<std::uint32_t> entries; // PDR types (as uint32) or record handles
	bool operator==(const ChangeRecord &) const = default;
};
struct PdrRepositoryChangeEvent {
	std::uint8_t format = 0; // 0 refresh entire repository, 1 PDR types, 2 PDR handles
	std::vector<ChangeRecord> records;
	bool operator==(const PdrRepositoryChangeEvent &) const = default;
};
Result<Bytes> encode_pdr_repository_change_event(const PdrRepositoryChangeEvent &e);
Result<PdrRepositoryChangeEvent> decode_pdr_repository_change_event(std::span<const std::uint8_t> event_data);

// ---- SetNumericSensorEnable ----
struct SetNumericSensorEnableRequest {
	std::uint16_t sensor_id = 0;
	OpState op_state = OpState::Enabled; // Enabled, Disabled or Unavailable
	EventEnable event_enable = EventEnable::EventsEnabled;
	bool operator==(const SetNumericSensorEnableRequest &) const = default;
};
Result<Bytes> encode_set_numeric_sensor_enable_request(std::uint8_t instance_id,
							const SetNumericSensorEnableRequest &r);
Result<SetNumericSensorEnableRequest>
decode_set_numeric_sensor_enable_request(std::span<const std::uint8_t> message);
Result<Bytes> encode_set_numeric_sensor_enable_response(std::uint8_t instance_id,
							 std::uint8_t completion_code);
Result<std::uint8_t> decode_set_numeric_sensor_enable_response(std::span<const std::uint8_t> message);

} // namespace mctpxx::pldm::platform
