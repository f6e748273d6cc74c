// SPDX-License-Identifier: GPL-2.0
#include "model.hpp"

#include <algorithm>
#include <cstdio>

namespace mctpxx::pldmd {
namespace {

using platform::OpState;

std::string num(unsigned v)
{
	return std::to_string(v);
}

std::string pdr_what(const pldm::Bytes &pdr, std::size_t index)
{
	// the record handle when the header is there, else the position
	if (pdr.size() >= 4) {
		const unsigned handle = pdr[0] | pdr[1] << 8 | pdr[2] << 16 | unsigned(pdr[3]) << 24;
		return "PDR record handle " + num(handle);
	}
	return "PDR #" + num(static_cast<unsigned>(index + 1));
}

} // namespace

// ---- units ----
// DSP0248 table 75 (sensorUnits); only those with a Sensor.Value unit.
std::optional<SensorUnit> map_unit(std::uint8_t base_unit, std::uint8_t rate_unit)
{
	if (rate_unit != 0)
		return std::nullopt; // "Watts per second" is not Watts
	const std::string p = "xyz.openbmc_project.Sensor.Value.Unit.";
	switch (base_unit) {
	case 2: return SensorUnit{"temperature", p + "DegreesC"};
	case 5: return SensorUnit{"voltage", p + "Volts"};
	case 6: return SensorUnit{"current", p + "Amperes"};
	case 7: return SensorUnit{"power", p + "Watts"};
	case 8: return SensorUnit{"energy", p + "Joules"};
	case 18: return SensorUnit{"airflow", p + "CFM"};
	case 19: return SensorUnit{"fan_tach", p + "RPMS"};
	case 65: return SensorUnit{"utilization", p + "Percent"};
	case 66: return SensorUnit{"pressure", p + "Pascals"};
	default: return std::nullopt;
	}
}

std::string unit_name(std::uint8_t base_unit)
{
	switch (base_unit) {
	case 0: return "no unit";
	case 1: return "unspecified unit";
	case 2: return "degrees C";
	case 3: return "degrees F";
	case 4: return "Kelvins";
	case 5: return "Volts";
	case 6: return "Amps";
	case 7: return "Watts";
	case 8: return "Joules";
	case 18: return "CFM";
	case 19: return "RPM";
	case 20: return "Hertz";
	case 65: return "percent";
	case 66: return "Pascals";
	default: return "unit " + num(base_unit);
	}
}

double convert(const platform::NumericSensorPdr &pdr, double raw)
{
	const double base = static_cast<double>(pdr.resolution) * raw + static_cast<double>(pdr.offset);
	// dividing by 10^n (exact for the usual n) keeps 25000 mW at 25 W exactly
	const double v = pdr.unit_modifier < 0 ? base / std::pow(10.0, -pdr.unit_modifier)
					       : base * std::pow(10.0, pdr.unit_modifier);
	return std::isfinite(v) ? v : kNaN;
}

Thresholds thresholds(const platform::NumericSensorPdr &pdr)
{
	Thresholds t;
	const std::uint8_t m = pdr.supported_thresholds;
	if (m & 0x01)
		t.warning_high = convert(pdr, pdr.warning_high);
	if (m & 0x02)
		t.critical_high = convert(pdr, pdr.critical_high);
	if (m & 0x08)
		t.warning_low = convert(pdr, pdr.warning_low);
	if (m & 0x10)
		t.critical_low = convert(pdr, pdr.critical_low);
	return t;
}

Alarms alarms(const Thresholds &t, double v)
{
	Alarms a;
	if (std::isnan(v))
		return a;
	a.warning_high = !std::isnan(t.warning_high) && v >= t.warning_high;
	a.critical_high = !std::isnan(t.critical_high) && v >= t.critical_high;
	a.warning_low = !std::isnan(t.warning_low) && v <= t.warning_low;
	a.critical_low = !std::isnan(t.critical_low) && v <= t.critical_low;
	return a;
}

bool StateSensor::healthy() const
{
	for (std::size_t i = 0; i < pdr.sensors.size(); i++) {
		if (i < op_state.size() && op_state[i] == OpState::Failed)
			return false;
		if (pdr.sensors[i].id == kStateSetHealth && i < present.size() && present[i] != 0 &&
		    present[i] != kHealthNormal)
			return false;
	}
	return true;
}

// ---- repository ----
Repository build_repository(const std::vector<pldm::Bytes> &pdrs)
{
	Repository repo;
	for (std::size_t i = 0; i < pdrs.size(); i++) {
		auto p = platform::decode_pdr(pdrs[i]);
		if (!p) {
			repo.problems.push_back(pdr_what(pdrs[i], i) + ": " + p.error().message +
						"; skipped");
			continue;
		}
		if (auto *n = std::get_if<platform::NumericSensorPdr>(&*p)) {
			const std::string what = "numeric sensor " + num(n->sensor_id);
			auto unit = map_unit(n->base_unit, n->rate_unit);
			if (!unit) {
				repo.problems.push_back(
					what + ": " + unit_name(n->base_unit) +
					(n->rate_unit ? " per rate unit " + num(n->rate_unit) : "") +
					" has no D-Bus sensor unit; not published");
				continue;
			}
			if (repo.numeric.count(n->sensor_id) || repo.state.count(n->sensor_id)) {
				repo.problems.push_back(what + ": a second PDR with this sensor ID; skipped");
				continue;
			}
			NumericSensor s;
			s.pdr = *n;
			s.unit = *unit;
			s.thresholds = thresholds(*n);
			repo.numeric.emplace(n->sensor_id, std::move(s));
		} else if (auto *st = std::get_if<platform::StateSensorPdr>(&*p)) {
			if (repo.numeric.count(st->sensor_id) || repo.state.count(st->sensor_id)) {
				repo.problems.push_back("state sensor " + num(st->sensor_id) +
							": a second PDR with this sensor ID; skipped");
				continue;
			}
			StateSensor s;
			s.pdr = *st;
			s.present.assign(st->sensors.size(), 0);
			s.op_state.assign(st->sensors.size(), OpState::StatusUnknown);
			repo.state.emplace(st->sensor_id, std::move(s));
		} else if (auto *a = std::get_if<platform::EntityAssociationPdr>(&*p)) {
			repo.associations.push_back(*a);
		} else if (auto *l = std::get_if<platform::TerminusLocatorPdr>(&*p)) {
			if (!repo.locator)
				repo.locator = *l;
		}
		// other PDR types: not used
	}
	return repo;
}

namespace {
bool same_pdr(const platform::NumericSensorPdr &a, const platform::NumericSensorPdr &b)
{
	// the change number and record handle may move without the sensor changing
	platform::NumericSensorPdr x = a, y = b;
	x.header = y.header = {};
	return x == y;
}
bool same_pdr(const platform::StateSensorPdr &a, const platform::StateSensorPdr &b)
{
	platform::StateSensorPdr x = a, y = b;
	x.header = y.header = {};
	return x == y;
}
template <typename M>
void diff_map(const M &before, const M &after, RepositoryDiff &d)
{
	for (auto &[id, s] : before) {
		auto it = after.find(id);
		if (it == after.end())
			d.removed.push_back(id);
		else if (!same_pdr(s.pdr, it->second.pdr))
			d.changed.push_back(id);
	}
	for (auto &[id, s] : after)
		if (!before.count(id))
			d.added.push_back(id);
}
} // namespace

RepositoryDiff diff(const Repository &before, const Repository &after)
{
	RepositoryDiff d;
	diff_map(before.numeric, after.numeric, d);
	diff_map(before.state, after.state, d);
	for (auto *v : {&d.removed, &d.added, &d.changed})
		std::sort(v->begin(), v->end());
	return d;
}

void carry_values(const Repository &before, Repository &after)
{
	for (auto &[id, s] : after.numeric) {
		auto it = before.numeric.find(id);
		if (it != before.numeric.end() && same_pdr(it->second.pdr, s.pdr)) {
			s.value = it->second.value;
			s.alarm = it->second.alarm;
			s.op_state = it->second.op_state;
			s.shown_value = it->second.shown_value;
			s.shown_functional = it->second.shown_functional;
		}
	}
	for (auto &[id, s] : after.state) {
		auto it = before.state.find(id);
		if (it != before.state.end() && same_pdr(it->second.pdr, s.pdr)) {
			s.present = it->second.present;
			s.op_state = it->second.op_state;
		}
	}
}

// ---- readings and events ----
namespace {
std::string size_name(platform::DataSize d)
{
	static const char *const names[] = {"uint8", "sint8", "uint16", "sint16", "uint32", "sint32"};
	const auto i = static_cast<unsigned>(d);
	return i < 6 ? names[i] : "size " + num(i);
}
} // namespace

Status apply_reading(NumericSensor &s, const platform::SensorReading &r)
{
	if (r.completion_code != pldm::cc::Success)
		return fail(Error::msg("GetSensorReading of sensor " + num(s.pdr.sensor_id) + ": " +
				       pldm::completion_code_name(r.completion_code)));
	s.op_state = r.op_state;
	if (r.op_state != OpState::Enabled) {
		s.value = kNaN; // a disabled, unavailable or failed sensor reads nothing
		return {};
	}
	if (r.data_size != s.pdr.data_size) {
		s.value = kNaN;
		return fail(Error::msg("sensor " + num(s.pdr.sensor_id) + ": reading in " +
				       size_name(r.data_size) + ", its PDR says " +
				       size_name(s.pdr.data_size)));
	}
	s.value = convert(s.pdr, r.reading);
	return {};
}

Status apply_state_readings(StateSensor &s, const platform::StateSensorReadings &r)
{
	const std::string what = "state sensor " + num(s.pdr.sensor_id);
	if (r.completion_code != pldm::cc::Success)
		return fail(Error::msg("GetStateSensorReadings of " + what + ": " +
				       pldm::completion_code_name(r.completion_code)));
	if (r.fields.size() != s.pdr.sensors.size())
		return fail(Error::msg(what + ": " + num(static_cast<unsigned>(r.fields.size())) +
				       " composite readings, its PDR has " +
				       num(static_cast<unsigned>(s.pdr.sensors.size()))));
	for (std::size_t i = 0; i < r.fields.size(); i++) {
		const auto &f = r.fields[i];
		s.op_state[i] = f.op_state;
		if (f.op_state != OpState::Enabled) {
			s.present[i] = 0;
			continue;
		}
		if (!s.pdr.sensors[i].possible(f.present_state)) {
			s.present[i] = 0;
			return fail(Error::msg(what + ": state " + num(f.present_state) +
					       " is not one its PDR lists for state set " +
					       num(s.pdr.sensors[i].id)));
		}
		s.present[i] = f.present_state;
	}
	return {};
}

Result<EventEffect> apply_event(Repository &repo, const platform::PlatformEventRequest &ev)
{
	EventEffect e;
	if (ev.event_class == platform::event_class::PdrRepositoryChange) {
		auto c = platform::decode_pdr_repository_change_event(ev.event_data);
		if (!c)
			return fail(c.error());
		e.kind = EventEffect::Kind::RepositoryChanged;
		return e;
	}
	if (ev.event_class != platform::event_class::Sensor) {
		char b[64];
		std::snprintf(b, sizeof(b), "event class 0x%02x not handled", ev.event_class);
		e.note = b;
		return e;
	}
	auto se = platform::decode_sensor_event(ev.event_data);
	if (!se)
		return fail(se.error());
	e.sensor_id = se->sensor_id;
	const std::string id = num(se->sensor_id);
	if (auto *n = std::get_if<platform::NumericSensorStateEvent>(&se->data)) {
		auto it = repo.numeric.find(se->sensor_id);
		if (it == repo.numeric.end())
			return fail(Error::msg("numeric sensor event for sensor " + id +
					       ", which is not a known numeric sensor"));
		NumericSensor &s = it->second;
		if (n->data_size != s.pdr.data_size)
			return fail(Error::msg("numeric sensor event for sensor " + id + ": reading in " +
					       size_name(n->data_size) + ", its PDR says " +
					       size_name(s.pdr.data_size)));
		s.op_state = OpState::Enabled;
		s.value = convert(s.pdr, n->reading);
		e.kind = EventEffect::Kind::Numeric;
		return e;
	}
	if (auto *st = std::get_if<platform::StateSensorStateEvent>(&se->data)) {
		auto it = repo.state.find(se->sensor_id);
		if (it == repo.state.end())
			return fail(Error::msg("state sensor event for sensor " + id +
					       ", which is not a known state sensor"));
		StateSensor &s = it->second;
		if (st->sensor_offset >= s.pdr.sensors.size())
			return fail(Error::msg("state sensor event for sensor " + id + ": offset " +
					       num(st->sensor_offset) + ", it has " +
					       num(static_cast<unsigned>(s.pdr.sensors.size())) +
					       " composite sensors"));
		if (!s.pdr.sensors[st->sensor_offset].possible(st->event_state))
			return fail(Error::msg("state sensor event for sensor " + id + ": state " +
					       num(st->event_state) + " is not one its PDR lists"));
		s.present[st->sensor_offset] = st->event_state;
		s.op_state[st->sensor_offset] = OpState::Enabled;
		e.kind = EventEffect::Kind::State;
		return e;
	}
	const auto &op = std::get<platform::SensorOpStateEvent>(se->data);
	if (op.present_op_state > static_cast<std::uint8_t>(OpState::InTest))
		return fail(Error::msg("sensor operational state event for sensor " + id + ": state " +
				       num(op.present_op_state) + " unknown"));
	const auto state = static_cast<OpState>(op.present_op_state);
	if (auto it = repo.numeric.find(se->sensor_id); it != repo.numeric.end()) {
		it->second.op_state = state;
		if (state != OpState::Enabled)
			it->second.value = kNaN;
		e.kind = EventEffect::Kind::Numeric;
		return e;
	}
	if (auto it = repo.state.find(se->sensor_id); it != repo.state.end()) {
		std::fill(it->second.op_state.begin(), it->second.op_state.end(), state);
		e.kind = EventEffect::Kind::State;
		return e;
	}
	return fail(Error::msg("sensor operational state event for sensor " + id +
			       ", which is not a known sensor"));
}

// ---- FRU ----
Asset asset_from(const std::vector<pldm::fru::Record> &records)
{
	namespace f = pldm::fru::field;
	Asset a;
	for (const auto &r : records) {
		if (r.type != pldm::fru::RecordType::General)
			continue;
		auto text = [&](std::uint8_t t) { return r.text(t).value_or(""); };
		a.model = text(f::Model);
		a.part_number = text(f::PartNumber);
		a.serial_number = text(f::SerialNumber);
		a.manufacturer = text(f::Manufacturer);
		a.version = text(f::Version);
		a.name = text(f::Name);
		a.sku = text(f::Sku);
		a.vendor = text(f::Vendor);
		a.asset_tag = text(f::AssetTag);
		a.description = text(f::Description);
		break; // the first general record describes the FRU
	}
	return a;
}

// ---- TIDs ----
std::optional<std::uint8_t> TidPool::assign(const std::string &key, const std::string &stable)
{
	if (auto it = in_use_.find(key); it != in_use_.end())
		return it->second;
	auto taken = [&](std::uint8_t t) {
		return std::any_of(in_use_.begin(), in_use_.end(),
				   [&](const auto &kv) { return kv.second == t; });
	};
	if (auto it = remembered_.find(stable); it != remembered_.end() && !taken(it->second)) {
		in_use_[key] = it->second;
		return it->second;
	}
	// round robin, preferring TIDs no other terminus had before
	for (int pass = 0; pass < 2; pass++) {
		for (unsigned n = 0; n < 254; n++) {
			const auto t = static_cast<std::uint8_t>((next_ - 1 + n) % 254 + 1);
			if (taken(t))
				continue;
			const bool someones = std::any_of(remembered_.begin(), remembered_.end(),
							  [&](const auto &kv) { return kv.second == t; });
			if (pass == 0 && someones)
				continue;
			in_use_[key] = t;
			remembered_[stable] = t;
			next_ = static_cast<std::uint8_t>(t % 254 + 1);
			return t;
		}
	}
	return std::nullopt;
}

void TidPool::release(const std::string &key)
{
	in_use_.erase(key);
}

std::optional<std::uint8_t> TidPool::tid_of(const std::string &key) const
{
	auto it = in_use_.find(key);
	if (it == in_use_.end())
		return std::nullopt;
	return it->second;
}

} // namespace mctpxx::pldmd
