// SPDX-License-Identifier: GPL-2.0
#include "pldm_card.hpp"

#include <cmath>
#include <cstdlib>
#include <ctime>
#include <sstream>

namespace mctpxx::emu::pldm {
namespace fru = mctpxx::pldm::fru;
using plat::SensorState;

namespace {

constexpr std::uint32_t kLocatorHandle = 1;
constexpr std::uint32_t kAssociationHandle = 2;
constexpr std::uint32_t kHealthHandle = 6;
constexpr std::uint16_t kOutletId = 5;
// where sensorDataSize sits in a numeric sensor PDR (header 10, then 22)
constexpr std::size_t kDataSizeOffset = 32;
// the example enterprise number (RFC 5612) for the OEM record
constexpr std::uint32_t kOemIana = 32473;

Bytes text(const std::string &s)
{
	return Bytes(s.begin(), s.end());
}

NumericSensor temperature(std::uint16_t id, const char *name, std::uint32_t handle, double base,
			  double warning, double critical)
{
	NumericSensor s;
	s.id = id;
	s.name = name;
	s.record_handle = handle;
	s.entity = {entity::CoolingUnitDomain, 1, kContainerId};
	s.base_unit = unit::DegreesC;
	s.data_size = plat::DataSize::S16;
	s.min_readable = -40;
	s.max_readable = 150;
	s.warning_high = warning;
	s.critical_high = critical;
	s.base = base;
	return s;
}

} // namespace

double NumericSensor::value(Clock::time_point start, Clock::time_point now) const
{
	if (pinned)
		return *pinned;
	if (!drifts)
		return base;
	static constexpr int kWalk[4] = {0, 1, 0, -1};
	const auto steps = now < start ? 0 : std::chrono::duration_cast<std::chrono::seconds>(now - start).count() / 10;
	return base + kWalk[steps % 4];
}

double NumericSensor::raw(double v) const
{
	return std::round((v / std::pow(10.0, unit_modifier) - offset) / resolution);
}

SensorState NumericSensor::state_for(double v) const
{
	if (critical_high && v >= *critical_high)
		return SensorState::UpperCritical;
	if (warning_high && v >= *warning_high)
		return SensorState::UpperWarning;
	return SensorState::Normal;
}

const char *sensor_state_name(SensorState s)
{
	static const char *const names[] = {"Unknown",	     "Normal",	      "Warning",      "Critical",
					    "Fatal",	     "LowerWarning",  "LowerCritical", "LowerFatal",
					    "UpperWarning",  "UpperCritical", "UpperFatal"};
	const auto i = static_cast<unsigned>(s);
	return i < std::size(names) ? names[i] : "?";
}

plat::Timestamp104 timestamp104(std::chrono::system_clock::time_point t)
{
	using namespace std::chrono;
	const auto us = duration_cast<microseconds>(t.time_since_epoch()).count();
	const std::time_t secs = static_cast<std::time_t>(us / 1000000);
	const auto micro = static_cast<std::uint32_t>(us % 1000000);
	std::tm tm{};
	gmtime_r(&secs, &tm);
	plat::Timestamp104 ts{};
	// UTC offset 0 (bytes 0-1), microseconds (2-4), second, minute, hour,
	// day, month, year (10-11), resolution byte (12): UTC, microseconds
	ts[2] = micro & 0xff;
	ts[3] = (micro >> 8) & 0xff;
	ts[4] = (micro >> 16) & 0xff;
	ts[5] = static_cast<std::uint8_t>(tm.tm_sec);
	ts[6] = static_cast<std::uint8_t>(tm.tm_min);
	ts[7] = static_cast<std::uint8_t>(tm.tm_hour);
	ts[8] = static_cast<std::uint8_t>(tm.tm_mday);
	ts[9] = static_cast<std::uint8_t>(tm.tm_mon + 1);
	const auto year = static_cast<std::uint16_t>(tm.tm_year + 1900);
	ts[10] = year & 0xff;
	ts[11] = year >> 8;
	ts[12] = 0x00;
	return ts;
}

Card::Card(CardConfig cfg, Clock::time_point start)
	: cfg_(std::move(cfg)), start_(start), not_ready_left_(cfg_.not_ready),
	  updated_(std::chrono::system_clock::now())
{
	if (cfg_.serial.empty())
		cfg_.serial = kDefaultSerial;
	const double t = cfg_.temperature_c;
	numeric_.push_back(temperature(1, "inlet temperature", 3, t, 70, 85));

	NumericSensor asic = temperature(2, "ASIC temperature", 4, t + 20, 90, 100);
	asic.entity = {entity::Processor, 1, kContainerId};
	asic.resolution = 0.5f;
	asic.min_readable = -80;
	asic.max_readable = 300;
	numeric_.push_back(asic);

	NumericSensor power;
	power.id = 3;
	power.name = "power";
	power.record_handle = 5;
	power.entity = {entity::DcDcConverter, 1, kContainerId};
	power.base_unit = unit::Watts;
	power.unit_modifier = -3;
	power.data_size = plat::DataSize::U32;
	power.min_readable = 0;
	power.max_readable = 200000;
	power.warning_high = 75;
	power.base = 25;
	power.drifts = false;
	numeric_.push_back(power);

	numeric_.push_back(temperature(kOutletId, "outlet temperature", 7, 45, 80, 95));

	health_.record_handle = kHealthHandle;
	health_.entity = {entity::AddInCard, 1, 0};
	for (auto &s : numeric_)
		s.present = s.previous = s.state_for(s.value(start_, start_));
}

void Card::power(bool on)
{
	if (on) {
		not_ready_left_ = cfg_.not_ready;
		return;
	}
	tid_ = 0;
	receiver_.reset();
	events_.clear();
}

bool Card::take_not_ready()
{
	if (forced_not_ready_)
		return true;
	if (!not_ready_left_)
		return false;
	not_ready_left_--;
	return true;
}

// ---- FRU ----

std::vector<fru::Record> Card::fru_records() const
{
	fru::Record g;
	g.record_set_id = 1;
	g.type = fru::RecordType::General;
	g.encoding = fru::Encoding::Ascii;
	g.fields = {
		{fru::field::ChassisType, text("Add-in Card")},
		{fru::field::Model, text(cfg_.model)},
		{fru::field::PartNumber, text(cfg_.part)},
		{fru::field::SerialNumber, text(cfg_.serial)},
		{fru::field::Manufacturer, text(cfg_.manufacturer)},
		{fru::field::Version, text(cfg_.version)},
	};
	fru::Record oem;
	oem.record_set_id = 1;
	oem.type = fru::RecordType::Oem;
	oem.encoding = fru::Encoding::Ascii;
	oem.fields = {
		{fru::field::OemVendorIana,
		 {kOemIana & 0xff, (kOemIana >> 8) & 0xff, (kOemIana >> 16) & 0xff, kOemIana >> 24}},
		{2, text("EMU-OEM-DATA-0001")},
	};
	return {g, oem};
}

fru::Metadata Card::fru_metadata() const
{
	const auto records = fru_records();
	const auto data = fru::encode_records(records);
	fru::Metadata m;
	m.length = static_cast<std::uint32_t>(data ? data->size() : 0);
	m.checksum = data ? mctpxx::pldm::crc32(*data) : 0;
	m.record_sets = 1;
	m.records = static_cast<std::uint16_t>(records.size());
	return m;
}

Bytes Card::fru_table() const
{
	auto t = fru::encode_table(fru_records());
	return t ? *t : Bytes{};
}

// ---- PDRs ----

Result<Bytes> Card::numeric_pdr(const NumericSensor &s) const
{
	plat::NumericSensorPdr p;
	p.header.record_handle = s.record_handle;
	p.header.change_number = change_number_;
	p.terminus_handle = kTerminusHandle;
	p.sensor_id = s.id;
	p.entity = s.entity;
	p.base_unit = s.base_unit;
	p.unit_modifier = s.unit_modifier;
	p.data_size = s.data_size;
	p.resolution = s.resolution;
	p.offset = s.offset;
	p.supported_thresholds = (s.warning_high ? 0x01 : 0) | (s.critical_high ? 0x02 : 0);
	p.update_interval = 10.0f;
	p.max_readable = s.max_readable;
	p.min_readable = s.min_readable;
	p.range_format = static_cast<plat::RangeFormat>(s.data_size);
	p.range_support = 0x01 | (s.critical_high ? 0x08 : 0); // nominal, critical high
	p.nominal = s.raw(s.base);
	if (s.warning_high)
		p.warning_high = s.raw(*s.warning_high);
	if (s.critical_high)
		p.critical_high = s.raw(*s.critical_high);
	auto b = plat::encode_pdr(p);
	if (b && cfg_.malformed_pdr && s.id == 3 && b->size() > kDataSizeOffset &&
	    (*b)[kDataSizeOffset] == static_cast<std::uint8_t>(s.data_size))
		(*b)[kDataSizeOffset] = 0x06; // no such sensorDataSize
	return b;
}

std::vector<Card::Pdr> Card::pdrs() const
{
	std::vector<Pdr> out;
	auto add = [&](std::uint32_t handle, Result<Bytes> b) {
		if (b)
			out.push_back({handle, std::move(*b)});
	};
	plat::TerminusLocatorPdr loc;
	loc.header.record_handle = kLocatorHandle;
	loc.header.change_number = change_number_;
	loc.terminus_handle = kTerminusHandle;
	loc.validity = tid_ ? 1 : 0;
	loc.tid = tid_;
	loc.container_id = 0;
	loc.locator_type = plat::LocatorType::MctpEid;
	loc.locator_value = {eid_};
	add(kLocatorHandle, plat::encode_pdr(loc));

	plat::EntityAssociationPdr assoc;
	assoc.header.record_handle = kAssociationHandle;
	assoc.header.change_number = change_number_;
	assoc.container_id = kContainerId;
	assoc.association_type = 0; // physical containment
	assoc.container = health_.entity;
	assoc.children = {{entity::CoolingUnitDomain, 1, kContainerId},
			  {entity::Processor, 1, kContainerId},
			  {entity::DcDcConverter, 1, kContainerId}};
	add(kAssociationHandle, plat::encode_pdr(assoc));

	for (const auto &s : numeric_)
		if (s.id != kOutletId)
			add(s.record_handle, numeric_pdr(s));

	plat::StateSensorPdr h;
	h.header.record_handle = kHealthHandle;
	h.header.change_number = change_number_;
	h.terminus_handle = kTerminusHandle;
	h.sensor_id = health_.id;
	h.entity = health_.entity;
	// Health State: states 1-10 possible
	h.sensors = {{kStateSetHealth, {0xfe, 0x07}}};
	add(kHealthHandle, plat::encode_pdr(h));

	if (outlet_)
		for (const auto &s : numeric_)
			if (s.id == kOutletId)
				add(s.record_handle, numeric_pdr(s));
	return out;
}

plat::RepositoryInfo Card::repository_info() const
{
	plat::RepositoryInfo r;
	r.update_time = timestamp104(updated_);
	r.oem_update_time = r.update_time;
	for (const auto &p : pdrs()) {
		r.record_count++;
		r.repository_size += static_cast<std::uint32_t>(p.bytes.size());
		r.largest_record_size = std::max<std::uint32_t>(r.largest_record_size,
							       static_cast<std::uint32_t>(p.bytes.size()));
	}
	r.transfer_handle_timeout = 30;
	return r;
}

void Card::touch_repository()
{
	change_number_++;
	auto now = std::chrono::system_clock::now();
	// a change always shows as a later update time
	if (now <= updated_)
		now = updated_ + std::chrono::microseconds(1);
	updated_ = now;
}

// ---- sensors ----

NumericSensor *Card::numeric(std::uint16_t id)
{
	for (auto &s : numeric_)
		if (s.id == id && (id != kOutletId || outlet_))
			return &s;
	return nullptr;
}

StateSensor *Card::state_sensor(std::uint16_t id)
{
	return id == health_.id ? &health_ : nullptr;
}

double Card::value(const NumericSensor &s, Clock::time_point now) const
{
	return s.value(start_, now);
}

void Card::queue_numeric_event(const NumericSensor &s, double v)
{
	if (!receiver_ || cfg_.no_events)
		return;
	plat::SensorEvent e;
	e.sensor_id = s.id;
	e.data = plat::NumericSensorStateEvent{s.present, s.previous, s.data_size, s.raw(v)};
	auto data = plat::encode_sensor_event(e);
	if (!data)
		return;
	PendingEvent p;
	p.request.tid = tid_;
	p.request.event_class = plat::event_class::Sensor;
	p.request.event_data = std::move(*data);
	p.what = "sensor " + std::to_string(s.id) + " " + sensor_state_name(s.previous) + " -> " +
		 sensor_state_name(s.present);
	events_.push_back(std::move(p));
}

void Card::update(Clock::time_point now)
{
	for (auto &s : numeric_) {
		if (s.id == kOutletId && !outlet_)
			continue;
		const double v = s.value(start_, now);
		const auto st = s.state_for(v);
		if (st == s.present)
			continue;
		s.previous = s.present;
		s.present = st;
		queue_numeric_event(s, v);
	}
}

Status Card::set_value(std::uint16_t id, double v, Clock::time_point now)
{
	auto *s = numeric(id);
	if (!s)
		return fail(Error::msg("no numeric sensor " + std::to_string(id)));
	const double raw = s->raw(v);
	if (!std::isfinite(raw) || raw < s->min_readable || raw > s->max_readable) {
		std::ostringstream o;
		o << "sensor " << id << ": " << v << " outside its readable range";
		return fail(Error::msg(o.str()));
	}
	s->pinned = v;
	update(now);
	return {};
}

Status Card::set_state(std::uint16_t id, std::uint8_t state)
{
	auto *s = state_sensor(id);
	if (!s)
		return fail(Error::msg("no state sensor " + std::to_string(id)));
	if (state < 1 || state > kHealthMaxState)
		return fail(Error::msg("state " + std::to_string(state) +
				       " not a Health State (1 Normal ... 10 Lower Fatal)"));
	if (state == s->present)
		return {};
	s->previous = s->present;
	s->present = state;
	if (receiver_ && !cfg_.no_events) {
		plat::SensorEvent e;
		e.sensor_id = id;
		e.data = plat::StateSensorStateEvent{0, s->present, s->previous};
		if (auto data = plat::encode_sensor_event(e)) {
			PendingEvent p;
			p.request.tid = tid_;
			p.request.event_class = plat::event_class::Sensor;
			p.request.event_data = std::move(*data);
			p.what = "state sensor " + std::to_string(id) + " " + std::to_string(s->previous) +
				 " -> " + std::to_string(s->present);
			events_.push_back(std::move(p));
		}
	}
	return {};
}

bool Card::toggle_repository(Clock::time_point now)
{
	outlet_ = !outlet_;
	touch_repository();
	if (outlet_)
		for (auto &s : numeric_)
			if (s.id == kOutletId)
				s.present = s.previous = s.state_for(s.value(start_, now));
	if (receiver_ && !cfg_.no_events) {
		plat::PdrRepositoryChangeEvent e;
		e.format = 2; // PDR handles
		e.records = {{static_cast<std::uint8_t>(outlet_ ? 2 : 1), {7}}}; // added / deleted
		if (auto data = plat::encode_pdr_repository_change_event(e)) {
			PendingEvent p;
			p.request.tid = tid_;
			p.request.event_class = plat::event_class::PdrRepositoryChange;
			p.request.event_data = std::move(*data);
			p.what = std::string("PDR repository change: record 7 ") + (outlet_ ? "added" : "deleted");
			events_.push_back(std::move(p));
		}
	}
	return outlet_;
}

Result<std::string> Card::control(const std::string &line, Clock::time_point now)
{
	std::istringstream in(line);
	std::vector<std::string> w;
	for (std::string s; in >> s;)
		w.push_back(s);
	auto number = [](const std::string &s, double &out) {
		char *end = nullptr;
		out = std::strtod(s.c_str(), &end);
		return !s.empty() && end && *end == '\0' && std::isfinite(out);
	};
	double id = 0, v = 0;
	if (w.size() == 3 && w[0] == "set" && number(w[1], id) && number(w[2], v) && id >= 0 &&
	    id <= 0xffff && id == std::floor(id)) {
		if (auto s = set_value(static_cast<std::uint16_t>(id), v, now); !s)
			return fail(s.error());
		return "sensor " + w[1] + " set to " + w[2];
	}
	if (w.size() == 3 && w[0] == "state" && number(w[1], id) && number(w[2], v) && id >= 0 &&
	    id <= 0xffff && id == std::floor(id) && v >= 0 && v <= 255 && v == std::floor(v)) {
		if (auto s = set_state(static_cast<std::uint16_t>(id), static_cast<std::uint8_t>(v)); !s)
			return fail(s.error());
		return "state sensor " + w[1] + " set to " + w[2];
	}
	if (w.size() == 1 && w[0] == "repo-change")
		return std::string(toggle_repository(now) ? "sensor 5 added" : "sensor 5 removed");
	if (w.size() == 2 && w[0] == "not-ready" && (w[1] == "on" || w[1] == "off")) {
		set_forced_not_ready(w[1] == "on");
		return "not-ready " + w[1];
	}
	return fail(Error::msg("unknown control line \"" + line +
			       "\" (set ID VALUE, state ID N, repo-change, not-ready on|off)"));
}

std::vector<PendingEvent> Card::take_events()
{
	return std::exchange(events_, {});
}

} // namespace mctpxx::emu::pldm
