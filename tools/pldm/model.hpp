// SPDX-License-Identifier: GPL-2.0
// What the daemon knows of one PLDM terminus, in the units D-Bus
// publishes, and the pure rules that turn a terminus's PDRs, readings and
// events into it: the numeric sensors' conversion (resolution, offset,
// unit modifier), units, thresholds and alarms, state sensors, the PDR
// repository and its changes. No I/O here: the rules have unit tests
// (tests/unit/pldmd_*_test.cpp).
#pragma once

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pldmxx/fru.hpp"
#include "pldmxx/platform.hpp"

namespace mctpxx::pldmd {

namespace platform = mctpxx::pldm::platform;

inline const double kNaN = std::nan("");

// ---- numeric sensors ----

// Where a DSP0248 base unit goes on D-Bus: the sensor namespace
// (/xyz/openbmc_project/sensors/KIND/...) and Sensor.Value's Unit.
struct SensorUnit {
	std::string kind; // "temperature", "power", ...
	std::string unit; // "xyz.openbmc_project.Sensor.Value.Unit.DegreesC", ...
	bool operator==(const SensorUnit &) const = default;
};
// nullopt for a unit with no Sensor.Value unit (the sensor is not
// published: a wrong unit is worse than none); a rate unit (per second,
// ...) other than none is refused too.
std::optional<SensorUnit> map_unit(std::uint8_t base_unit, std::uint8_t rate_unit = 0);
// "degrees C", "Watts", ... or "unit 42" (for messages).
std::string unit_name(std::uint8_t base_unit);

// A reading (or a range field) of @pdr in the published unit: Y = (M*X + B)
// * 10^unitModifier (DSP0248 27.1, resolution M, offset B). NaN for a
// non-finite result.
double convert(const platform::NumericSensorPdr &pdr, double raw);

struct Thresholds {
	double warning_high = kNaN, warning_low = kNaN, critical_high = kNaN, critical_low = kNaN;
};
// The PDR's warning and critical thresholds, converted, for those its
// supportedThresholds mask names (NaN otherwise).
Thresholds thresholds(const platform::NumericSensorPdr &pdr);

struct Alarms {
	bool warning_high = false, warning_low = false, critical_high = false, critical_low = false;
	bool operator==(const Alarms &) const = default;
};
// High alarms at or above their threshold, low ones at or below; none
// for an unknown (NaN) value or threshold.
Alarms alarms(const Thresholds &t, double value);

struct NumericSensor {
	platform::NumericSensorPdr pdr;
	SensorUnit unit;
	Thresholds thresholds;
	double value = kNaN;		// NaN while unknown
	Alarms alarm;			// what was last published
	// the Value and Functional last announced (PropertiesChanged only on a change)
	std::optional<double> shown_value;
	std::optional<bool> shown_functional;
	platform::OpState op_state = platform::OpState::StatusUnknown;
	bool functional() const { return op_state == platform::OpState::Enabled; }
};

// ---- state sensors ----
inline constexpr std::uint16_t kStateSetHealth = 1; // DSP0249 Health State
inline constexpr std::uint8_t kHealthNormal = 1;
struct StateSensor {
	platform::StateSensorPdr pdr;
	// per composite sensor: present state (0: unknown) and operational state
	std::vector<std::uint8_t> present;
	std::vector<platform::OpState> op_state;
	// false when a Health State set of it is known and not Normal, or the
	// sensor is failed
	bool healthy() const;
};

// ---- the PDR repository ----
struct Repository {
	std::map<std::uint16_t, NumericSensor> numeric; // by sensor ID
	std::map<std::uint16_t, StateSensor> state;
	std::vector<platform::EntityAssociationPdr> associations;
	std::optional<platform::TerminusLocatorPdr> locator;
	std::vector<std::string> problems; // records skipped, and why
};
// The repository from its PDRs as read (GetPDR, reassembled and
// CRC-checked): records that do not decode, sensors with a unit that has
// no D-Bus unit, duplicate sensor IDs are skipped and named in problems.
Repository build_repository(const std::vector<pldm::Bytes> &pdrs);

// What a new repository changes: sensors gone, new, or different (their
// PDR changed: they are published again).
struct RepositoryDiff {
	std::vector<std::uint16_t> removed, added, changed;
};
RepositoryDiff diff(const Repository &before, const Repository &after);
// Carry the values the old repository had into the new one for sensors
// whose PDR did not change.
void carry_values(const Repository &before, Repository &after);

// ---- readings and events ----
// What a GetSensorReading answer does to @s; an error names what is wrong
// (a data size other than the PDR's).
Status apply_reading(NumericSensor &s, const platform::SensorReading &r);
Status apply_state_readings(StateSensor &s, const platform::StateSensorReadings &r);

struct EventEffect {
	enum class Kind { Numeric, State, RepositoryChanged, Ignored } kind = Kind::Ignored;
	std::uint16_t sensor_id = 0;
	std::string note; // for Ignored: why
};
// A PlatformEventMessage's effect on @repo. Numeric sensor events set the
// value at once (the event carries the reading), state sensor events set
// the composite sensor's state, operational state events the op state;
// a PDR repository change asks for the PDRs again. Errors: event data that
// does not decode, an unknown sensor ID, a reading of the wrong size.
Result<EventEffect> apply_event(Repository &repo, const platform::PlatformEventRequest &ev);

// ---- FRU ----
struct Asset {
	std::string model, part_number, serial_number, manufacturer, version, name, sku, vendor;
	std::string asset_tag, description, build_date;
	bool operator==(const Asset &) const = default;
};
// The first general record's text fields (printable, as fru::Record::text
// gives them).
Asset asset_from(const std::vector<pldm::fru::Record> &records);

// ---- TIDs ----
// TIDs 1..254, unique among the termini of this daemon, kept per UUID (or
// per net/EID when there is none) across a terminus leaving and coming
// back, as long as no other terminus took it meanwhile.
class TidPool {
public:
	// The TID for @key (the endpoint path) with identity @stable (its
	// UUID, or "net/eid"); nullopt when all 254 are taken.
	std::optional<std::uint8_t> assign(const std::string &key, const std::string &stable);
	void release(const std::string &key);
	std::optional<std::uint8_t> tid_of(const std::string &key) const;

private:
	std::map<std::string, std::uint8_t> in_use_;	     // key -> TID
	std::map<std::string, std::uint8_t> remembered_; // stable -> TID
	std::uint8_t next_ = 1;
};

} // namespace mctpxx::pldmd
