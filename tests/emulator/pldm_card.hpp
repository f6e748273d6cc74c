// SPDX-License-Identifier: GPL-2.0
// The state of an emulated PLDM add-in card (--pldm-card): its TID, FRU
// data, PDR repository and sensors (drifting or pinned values, states from
// thresholds), the event receiver a BMC set and the events waiting to go
// to it, the faults. No I/O: the responder answers from it, main.cpp sends
// what it queues.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mctpxx/error.hpp"
#include "pldmxx/fru.hpp"
#include "pldmxx/platform.hpp"

namespace mctpxx::emu::pldm {

namespace plat = mctpxx::pldm::platform;
using mctpxx::pldm::Bytes;
using Clock = std::chrono::steady_clock;

// The card's identity and behaviour (the --pldm-* options).
struct CardConfig {
	std::string model = "EMU-ACCEL-100";
	std::string part = "PN-100-01";
	std::string serial; // empty: "SN" + the SMBus address (--all-links) or kDefaultSerial
	std::string manufacturer = "Emulated Devices";
	std::string version = "1.0";
	int temperature_c = 40;	  // sensor 1 walks around it, sensor 2 around it + 20
	unsigned not_ready = 0;	  // first N requests after each power-on: NOT_READY
	bool malformed_pdr = false; // sensor 3's PDR has an unknown sensorDataSize
	bool no_events = false;	  // SetEventReceiver unsupported (a card to be polled)
};
inline constexpr const char *kDefaultSerial = "SN-EMU-0001";

// DSP0249 entity types and state sets, DSP0248 units used here.
namespace entity {
inline constexpr std::uint16_t AddInCard = 68;
inline constexpr std::uint16_t CoolingUnitDomain = 92; // the card's air path
inline constexpr std::uint16_t DcDcConverter = 124;    // the card's power input
inline constexpr std::uint16_t Processor = 135;	       // the ASIC
} // namespace entity
namespace unit {
inline constexpr std::uint8_t None = 0;
inline constexpr std::uint8_t DegreesC = 2;
inline constexpr std::uint8_t Watts = 7;
} // namespace unit
inline constexpr std::uint16_t kStateSetHealth = 1; // 1 Normal, 2 Non-Critical, 3 Critical, 4 Fatal, ...
inline constexpr std::uint8_t kHealthNormal = 1;
inline constexpr std::uint8_t kHealthMaxState = 10; // Lower Fatal
inline constexpr std::uint16_t kContainerId = 1;    // the card's children's container
inline constexpr std::uint16_t kTerminusHandle = 1;

struct NumericSensor {
	std::uint16_t id = 0;
	std::string name;
	std::uint32_t record_handle = 0;
	plat::Entity entity;
	std::uint8_t base_unit = unit::DegreesC;
	std::int8_t unit_modifier = 0;
	float resolution = 1.0f; // reading = (resolution * raw + offset) * 10^modifier
	float offset = 0.0f;
	plat::DataSize data_size = plat::DataSize::S16;
	double min_readable = 0, max_readable = 0; // raw
	std::optional<double> warning_high, critical_high; // in published units
	double base = 0;    // published units
	bool drifts = true; // +0, +1, +0, -1 around base, one step every 10 s
	std::optional<double> pinned; // `set ID VALUE`
	plat::SensorState present = plat::SensorState::Normal;
	plat::SensorState previous = plat::SensorState::Normal;

	// The value at @now in published units.
	double value(Clock::time_point start, Clock::time_point now) const;
	// @v in raw units (what goes on the wire), rounded.
	double raw(double v) const;
	// The state for @v (published units) from the thresholds.
	plat::SensorState state_for(double v) const;
};

struct StateSensor {
	std::uint16_t id = 4;
	std::uint32_t record_handle = 0;
	plat::Entity entity;
	std::uint8_t present = kHealthNormal, previous = kHealthNormal;
};

// An event for the receiver: a PlatformEventMessage request without its
// instance ID yet (the sender gives one).
struct PendingEvent {
	plat::PlatformEventRequest request;
	std::string what; // for the log: "sensor 1 UpperCritical", ...
};

class Card {
public:
	Card(CardConfig cfg, Clock::time_point start);

	const CardConfig &config() const { return cfg_; }

	// ---- base ----
	std::uint8_t tid() const { return tid_; }
	void set_tid(std::uint8_t tid) { tid_ = tid; }
	std::uint8_t eid() const { return eid_; }
	void set_eid(std::uint8_t eid) { eid_ = eid; }
	// SIGUSR2: at power off the TID and the event receiver are lost; at
	// power on the not-ready count starts again.
	void power(bool on);
	// Whether this request is to be answered NOT_READY (counts it).
	bool take_not_ready();
	void set_forced_not_ready(bool on) { forced_not_ready_ = on; }

	// ---- FRU ----
	std::vector<mctpxx::pldm::fru::Record> fru_records() const;
	// The metadata and the transferred table (records, pad, CRC-32).
	mctpxx::pldm::fru::Metadata fru_metadata() const;
	Bytes fru_table() const;

	// ---- PDR repository ----
	struct Pdr {
		std::uint32_t handle = 0;
		Bytes bytes;
	};
	// In handle order; every PDR as sent.
	std::vector<Pdr> pdrs() const;
	plat::RepositoryInfo repository_info() const;
	bool has_outlet() const { return outlet_; }

	// ---- sensors ----
	// Recomputes every numeric sensor's state at @now; a change with a
	// receiver set queues an event.
	void update(Clock::time_point now);
	NumericSensor *numeric(std::uint16_t id);
	StateSensor *state_sensor(std::uint16_t id);
	// Readings at @now (after update()).
	double value(const NumericSensor &s, Clock::time_point now) const;
	bool events_enabled() const { return !cfg_.no_events; }

	// ---- control (the FIFO) ----
	// `set ID VALUE`: pins a numeric sensor (published units); events fire.
	Status set_value(std::uint16_t id, double v, Clock::time_point now);
	// `state ID N`
	Status set_state(std::uint16_t id, std::uint8_t state);
	// `repo-change`: adds sensor 5 or removes it; returns whether it is there now.
	bool toggle_repository(Clock::time_point now);
	// One line of the control FIFO; the result says what was done.
	Result<std::string> control(const std::string &line, Clock::time_point now);

	// ---- events ----
	std::optional<std::uint8_t> receiver() const { return receiver_; }
	void set_receiver(std::optional<std::uint8_t> eid) { receiver_ = eid; }
	std::vector<PendingEvent> take_events();
	// The next instance ID of an event the card sends.
	std::uint8_t next_event_instance() { return event_iid_++ & 0x1f; }

private:
	void queue_numeric_event(const NumericSensor &s, double v);
	void touch_repository();
	Result<Bytes> numeric_pdr(const NumericSensor &s) const;

	CardConfig cfg_;
	Clock::time_point start_;
	std::uint8_t tid_ = 0, eid_ = 0;
	unsigned not_ready_left_ = 0;
	bool forced_not_ready_ = false;
	std::vector<NumericSensor> numeric_;
	StateSensor health_;
	bool outlet_ = false;
	std::uint16_t change_number_ = 0;
	std::chrono::system_clock::time_point updated_;
	std::optional<std::uint8_t> receiver_;
	std::vector<PendingEvent> events_;
	std::uint8_t event_iid_ = 0;
};

// DSP0240 timestamp104 of @t (UTC).
plat::Timestamp104 timestamp104(std::chrono::system_clock::time_point t);
const char *sensor_state_name(plat::SensorState s);

} // namespace mctpxx::emu::pldm
