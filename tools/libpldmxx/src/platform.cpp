// SPDX-License-Identifier: GPL-2.0
#include "pldmxx/platform.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace mctpxx::pldm::platform {
namespace {

constexpr auto kPlatform = Type::Platform;

std::uint8_t cmd(Command c)
{
	return static_cast<std::uint8_t>(c);
}

std::string hex(unsigned v)
{
	char b[16];
	std::snprintf(b, sizeof(b), "0x%02x", v);
	return b;
}

template <typename E>
std::uint8_t u8of(E e)
{
	return static_cast<std::uint8_t>(e);
}

// ---- sized values (sensorDataSize 0-5, rangeFieldFormat 0-6) ----

double get_sized(Reader &r, std::uint8_t fmt, const char *field)
{
	switch (fmt) {
	case 0: return r.u8(field);
	case 1: return r.s8(field);
	case 2: return r.u16(field);
	case 3: return r.s16(field);
	case 4: return r.u32(field);
	case 5: return r.s32(field);
	case 6: return r.real32(field);
	}
	r.invalid(std::string("no size for ") + field);
	return 0;
}

template <typename T>
bool fits(double v)
{
	return std::isfinite(v) && v == std::floor(v) &&
	       v >= static_cast<double>(std::numeric_limits<T>::min()) &&
	       v <= static_cast<double>(std::numeric_limits<T>::max());
}

Status put_sized(Writer &w, std::uint8_t fmt, double v, const std::string &field)
{
	bool ok = false;
	switch (fmt) {
	case 0: ok = fits<std::uint8_t>(v); if (ok) w.u8(static_cast<std::uint8_t>(v)); break;
	case 1: ok = fits<std::int8_t>(v); if (ok) w.u8(static_cast<std::uint8_t>(static_cast<std::int8_t>(v))); break;
	case 2: ok = fits<std::uint16_t>(v); if (ok) w.u16(static_cast<std::uint16_t>(v)); break;
	case 3: ok = fits<std::int16_t>(v); if (ok) w.u16(static_cast<std::uint16_t>(static_cast<std::int16_t>(v))); break;
	case 4: ok = fits<std::uint32_t>(v); if (ok) w.u32(static_cast<std::uint32_t>(v)); break;
	case 5: ok = fits<std::int32_t>(v); if (ok) w.u32(static_cast<std::uint32_t>(static_cast<std::int32_t>(v))); break;
	case 6: ok = true; w.real32(static_cast<float>(v)); break;
	default: return fail(Error::msg(field + ": size/format " + std::to_string(fmt) + " unknown"));
	}
	if (!ok)
		return fail(Error::msg(field + ": value " + std::to_string(v) +
				       " does not fit size/format " + std::to_string(fmt)));
	return {};
}

bool get_bool(Reader &r, const char *field)
{
	const auto v = r.u8(field);
	if (r.ok())
		r.expect(v <= 1, std::string(field) + " " + hex(v) + " not a bool8 (0 or 1)");
	return v == 1;
}

// Reads an enum byte of at most @max; names it when it is out of range.
std::uint8_t get_enum(Reader &r, const char *field, std::uint8_t max)
{
	const auto v = r.u8(field);
	if (r.ok())
		r.expect(v <= max, std::string(field) + " " + hex(v) + " unknown");
	return v;
}

Entity get_entity(Reader &r, const char *type, const char *instance, const char *container)
{
	Entity e;
	e.type = r.u16(type);
	e.instance = r.u16(instance);
	e.container_id = r.u16(container);
	return e;
}

void put_entity(Writer &w, const Entity &e)
{
	w.u16(e.type).u16(e.instance).u16(e.container_id);
}

template <typename T>
Result<T> done(Reader &r, T v)
{
	if (auto s = r.finish(); !s)
		return fail(s.error());
	return v;
}

Status cc_only_ok(Reader &r)
{
	return r.finish();
}

} // namespace

// ---- GetPDRRepositoryInfo ----

Result<Bytes> encode_get_repository_info_request(std::uint8_t iid)
{
	auto w = start_request(iid, kPlatform, cmd(Command::GetPdrRepositoryInfo));
	if (!w)
		return fail(w.error());
	return w->take();
}

Status decode_get_repository_info_request(std::span<const std::uint8_t> m)
{
	auto r = open_request(m, kPlatform, cmd(Command::GetPdrRepositoryInfo), "GetPDRRepositoryInfo");
	if (!r)
		return fail(r.error());
	return r->finish();
}

Result<Bytes> encode_get_repository_info_response(std::uint8_t iid, const RepositoryInfo &v)
{
	auto w = start_response(iid, kPlatform, cmd(Command::GetPdrRepositoryInfo), v.completion_code);
	if (!w)
		return fail(w.error());
	if (v.completion_code == cc::Success) {
		if (v.state > 2)
			return fail(Error::msg("GetPDRRepositoryInfo response: repository state " +
					       hex(v.state) + " unknown"));
		w->u8(v.state).bytes(v.update_time).bytes(v.oem_update_time).u32(v.record_count)
			.u32(v.repository_size).u32(v.largest_record_size).u8(v.transfer_handle_timeout);
	}
	return w->take();
}

Result<RepositoryInfo> decode_get_repository_info_response(std::span<const std::uint8_t> m)
{
	RepositoryInfo v;
	auto r = open_response(m, kPlatform, cmd(Command::GetPdrRepositoryInfo), "GetPDRRepositoryInfo",
			       v.completion_code);
	if (!r)
		return fail(r.error());
	if (v.completion_code != cc::Success)
		return v;
	v.state = get_enum(*r, "repository state", 2);
	auto t = r->bytes(13, "update time");
	if (r->ok())
		std::copy(t.begin(), t.end(), v.update_time.begin());
	t = r->bytes(13, "OEM update time");
	if (r->ok())
		std::copy(t.begin(), t.end(), v.oem_update_time.begin());
	v.record_count = r->u32("record count");
	v.repository_size = r->u32("repository size");
	v.largest_record_size = r->u32("largest record size");
	v.transfer_handle_timeout = r->u8("data transfer handle timeout");
	return done(*r, v);
}

// ---- GetPDR ----

Result<Bytes> encode_get_pdr_request(std::uint8_t iid, const GetPdrRequest &v)
{
	auto w = start_request(iid, kPlatform, cmd(Command::GetPdr));
	if (!w)
		return fail(w.error());
	w->u32(v.record_handle).u32(v.transfer_handle).u8(u8of(v.op)).u16(v.request_count)
		.u16(v.record_change_number);
	return w->take();
}

Result<GetPdrRequest> decode_get_pdr_request(std::span<const std::uint8_t> m)
{
	auto r = open_request(m, kPlatform, cmd(Command::GetPdr), "GetPDR");
	if (!r)
		return fail(r.error());
	GetPdrRequest v;
	v.record_handle = r->u32("record handle");
	v.transfer_handle = r->u32("data transfer handle");
	v.op = static_cast<TransferOp>(get_enum(*r, "transfer operation flag", 1));
	v.request_count = r->u16("request count");
	v.record_change_number = r->u16("record change number");
	return done(*r, v);
}

Result<Bytes> encode_get_pdr_response(std::uint8_t iid, const GetPdrResponse &v)
{
	auto w = start_response(iid, kPlatform, cmd(Command::GetPdr), v.completion_code);
	if (!w)
		return fail(w.error());
	if (v.completion_code != cc::Success)
		return w->take();
	if (!valid_transfer_flag(u8of(v.flag)))
		return fail(Error::msg("GetPDR response: transfer flag " + hex(u8of(v.flag)) + " unknown"));
	if (v.data.size() > 0xffff)
		return fail(Error::msg("GetPDR response: " + std::to_string(v.data.size()) +
				       " bytes of record data, more than a response count carries"));
	if ((v.flag == TransferFlag::End) != v.transfer_crc.has_value())
		return fail(Error::msg(v.transfer_crc ? "GetPDR response: a TransferCRC in a part that is not End"
						      : "GetPDR response: the End part without its TransferCRC"));
	w->u32(v.next_record_handle).u32(v.next_transfer_handle).u8(u8of(v.flag))
		.u16(static_cast<std::uint16_t>(v.data.size())).bytes(v.data);
	if (v.transfer_crc)
		w->u8(*v.transfer_crc);
	return w->take();
}

Result<GetPdrResponse> decode_get_pdr_response(std::span<const std::uint8_t> m)
{
	GetPdrResponse v;
	auto r = open_response(m, kPlatform, cmd(Command::GetPdr), "GetPDR", v.completion_code);
	if (!r)
		return fail(r.error());
	if (v.completion_code != cc::Success)
		return v;
	v.next_record_handle = r->u32("next record handle");
	v.next_transfer_handle = r->u32("next data transfer handle");
	const auto flag = r->u8("transfer flag");
	if (r->ok())
		r->expect(valid_transfer_flag(flag), "transfer flag " + hex(flag) + " unknown");
	v.flag = static_cast<TransferFlag>(flag);
	const auto count = r->u16("response count");
	auto data = r->bytes(count, "record data");
	v.data.assign(data.begin(), data.end());
	if (r->ok() && v.flag == TransferFlag::End)
		v.transfer_crc = r->u8("transfer CRC");
	return done(*r, v);
}

Status check_transfer_crc(std::span<const std::uint8_t> pdr, std::uint8_t c)
{
	const auto want = crc8(pdr);
	if (want != c)
		return fail(Error::msg("GetPDR: TransferCRC " + hex(c) + ", computed " + hex(want) +
				       " over the PDR's " + std::to_string(pdr.size()) + " bytes"));
	return {};
}

// ---- PDRs ----

namespace {

// Reads the header and checks it against the bytes and the expected type
// (0: any).
PdrHeader get_header(Reader &r, std::uint8_t type, std::size_t total)
{
	PdrHeader h;
	h.record_handle = r.u32("record handle");
	h.version = r.u8("PDR header version");
	h.type = r.u8("PDR type");
	h.change_number = r.u16("record change number");
	h.length = r.u16("data length");
	if (!r.ok())
		return h;
	if (!r.expect(h.version == kPdrHeaderVersion,
		      "PDR header version " + std::to_string(h.version) + ", only 1 is defined"))
		return h;
	if (type && !r.expect(h.type == type, "PDR type " + std::to_string(h.type) + ", not " +
						      std::to_string(type)))
		return h;
	r.expect(h.length == total - kPdrHeaderSize,
		 "data length " + std::to_string(h.length) + " but " +
			 std::to_string(total - kPdrHeaderSize) + " bytes follow the header");
	return h;
}

Result<Writer> start_pdr(const PdrHeader &h, PdrType type)
{
	Writer w;
	w.u32(h.record_handle).u8(kPdrHeaderVersion).u8(u8of(type)).u16(h.change_number).u16(0);
	return w;
}

Result<Bytes> end_pdr(Writer &w, const char *name)
{
	const std::size_t len = w.size() - kPdrHeaderSize;
	if (len > 0xffff)
		return fail(Error::msg(std::string(name) + ": " + std::to_string(len) +
				       " bytes, more than a PDR's data length carries"));
	w.data()[8] = static_cast<std::uint8_t>(len);
	w.data()[9] = static_cast<std::uint8_t>(len >> 8);
	return w.take();
}

} // namespace

Result<PdrHeader> decode_pdr_header(std::span<const std::uint8_t> pdr)
{
	Reader r(pdr, "PDR");
	auto h = get_header(r, 0, pdr.size());
	if (!r.ok())
		return fail(r.error());
	return h;
}

Result<NumericSensorPdr> decode_numeric_sensor_pdr(std::span<const std::uint8_t> pdr)
{
	Reader r(pdr, "numeric sensor PDR");
	NumericSensorPdr p;
	p.header = get_header(r, u8of(PdrType::NumericSensor), pdr.size());
	p.terminus_handle = r.u16("PLDM terminus handle");
	p.sensor_id = r.u16("sensor ID");
	p.entity = get_entity(r, "entity type", "entity instance number", "container ID");
	p.sensor_init = get_enum(r, "sensor init", 3);
	p.aux_names = get_bool(r, "sensor auxiliary names PDR");
	p.base_unit = r.u8("base unit");
	p.unit_modifier = r.s8("unit modifier");
	p.rate_unit = r.u8("rate unit");
	p.base_oem_unit_handle = r.u8("base OEM unit handle");
	p.aux_unit = r.u8("aux unit");
	p.aux_unit_modifier = r.s8("aux unit modifier");
	p.aux_rate_unit = r.u8("aux rate unit");
	p.rel = r.u8("rel");
	p.aux_oem_unit_handle = r.u8("aux OEM unit handle");
	p.is_linear = get_bool(r, "is linear");
	const auto size = get_enum(r, "sensor data size", 5);
	p.data_size = static_cast<DataSize>(size);
	p.resolution = r.real32("resolution");
	p.offset = r.real32("offset");
	p.accuracy = r.u16("accuracy");
	p.plus_tolerance = r.u8("plus tolerance");
	p.minus_tolerance = r.u8("minus tolerance");
	p.hysteresis = get_sized(r, size, "hysteresis");
	p.supported_thresholds = r.u8("supported thresholds");
	if (r.ok())
		r.expect(!(p.supported_thresholds & 0xc0),
			 "supported thresholds " + hex(p.supported_thresholds) + ": reserved bits 6-7 set");
	p.threshold_volatility = r.u8("threshold and hysteresis volatility");
	p.state_transition_interval = r.real32("state transition interval");
	p.update_interval = r.real32("update interval");
	p.max_readable = get_sized(r, size, "max readable");
	p.min_readable = get_sized(r, size, "min readable");
	const auto fmt = get_enum(r, "range field format", 6);
	p.range_format = static_cast<RangeFormat>(fmt);
	p.range_support = r.u8("range field support");
	if (r.ok())
		r.expect(!(p.range_support & 0x80),
			 "range field support " + hex(p.range_support) + ": reserved bit 7 set");
	p.nominal = get_sized(r, fmt, "nominal value");
	p.normal_max = get_sized(r, fmt, "normal max");
	p.normal_min = get_sized(r, fmt, "normal min");
	p.warning_high = get_sized(r, fmt, "warning high");
	p.warning_low = get_sized(r, fmt, "warning low");
	p.critical_high = get_sized(r, fmt, "critical high");
	p.critical_low = get_sized(r, fmt, "critical low");
	p.fatal_high = get_sized(r, fmt, "fatal high");
	p.fatal_low = get_sized(r, fmt, "fatal low");
	return done(r, p);
}

Result<Bytes> encode_pdr(const NumericSensorPdr &p)
{
	const char *name = "numeric sensor PDR";
	const auto size = u8of(p.data_size), fmt = u8of(p.range_format);
	if (p.sensor_init > 3)
		return fail(Error::msg(std::string(name) + ": sensor init " + hex(p.sensor_init) + " unknown"));
	if (size > 5)
		return fail(Error::msg(std::string(name) + ": sensor data size " + hex(size) + " unknown"));
	if (fmt > 6)
		return fail(Error::msg(std::string(name) + ": range field format " + hex(fmt) + " unknown"));
	if (p.supported_thresholds & 0xc0 || p.range_support & 0x80)
		return fail(Error::msg(std::string(name) + ": reserved bits set in the supported thresholds or range fields"));
	auto w = start_pdr(p.header, PdrType::NumericSensor);
	w->u16(p.terminus_handle).u16(p.sensor_id);
	put_entity(*w, p.entity);
	w->u8(p.sensor_init).u8(p.aux_names).u8(p.base_unit).u8(static_cast<std::uint8_t>(p.unit_modifier))
		.u8(p.rate_unit).u8(p.base_oem_unit_handle).u8(p.aux_unit)
		.u8(static_cast<std::uint8_t>(p.aux_unit_modifier)).u8(p.aux_rate_unit).u8(p.rel)
		.u8(p.aux_oem_unit_handle).u8(p.is_linear).u8(size).real32(p.resolution).real32(p.offset)
		.u16(p.accuracy).u8(p.plus_tolerance).u8(p.minus_tolerance);
	const std::string at = std::string(name) + " ";
	if (auto s = put_sized(*w, size, p.hysteresis, at + "hysteresis"); !s)
		return fail(s.error());
	w->u8(p.supported_thresholds).u8(p.threshold_volatility).real32(p.state_transition_interval)
		.real32(p.update_interval);
	if (auto s = put_sized(*w, size, p.max_readable, at + "max readable"); !s)
		return fail(s.error());
	if (auto s = put_sized(*w, size, p.min_readable, at + "min readable"); !s)
		return fail(s.error());
	w->u8(fmt).u8(p.range_support);
	const std::pair<double, const char *> range[] = {
		{p.nominal, "nominal value"}, {p.normal_max, "normal max"}, {p.normal_min, "normal min"},
		{p.warning_high, "warning high"}, {p.warning_low, "warning low"},
		{p.critical_high, "critical high"}, {p.critical_low, "critical low"},
		{p.fatal_high, "fatal high"}, {p.fatal_low, "fatal low"}};
	for (const auto &[v, field] : range)
		if (auto s = put_sized(*w, fmt, v, at + field); !s)
			return fail(s.error());
	return end_pdr(*w, name);
}

Result<StateSensorPdr> decode_state_sensor_pdr(std::span<const std::uint8_t> pdr)
{
	Reader r(pdr, "state sensor PDR");
	StateSensorPdr p;
	p.header = get_header(r, u8of(PdrType::StateSensor), pdr.size());
	p.terminus_handle = r.u16("PLDM terminus handle");
	p.sensor_id = r.u16("sensor ID");
	p.entity = get_entity(r, "entity type", "entity instance number", "container ID");
	p.sensor_init = get_enum(r, "sensor init", 3);
	p.aux_names = get_bool(r, "sensor auxiliary names PDR");
	const auto count = r.u8("composite sensor count");
	if (r.ok())
		r.expect(count >= 1 && count <= 8,
			 "composite sensor count " + std::to_string(count) + " outside 1-8");
	for (unsigned i = 0; i < count && r.ok(); i++) {
		StateSet s;
		s.id = r.u16("state set ID");
		const auto n = r.u8("possible states size");
		if (r.ok() && !r.expect(n >= 1 && n <= 32, "possible states size " + std::to_string(n) +
								   " of sensor " + std::to_string(i) +
								   " outside 1-32"))
			break;
		auto bits = r.bytes(n, "possible states");
		s.possible_states.assign(bits.begin(), bits.end());
		if (r.ok())
			p.sensors.push_back(std::move(s));
	}
	return done(r, p);
}

Result<Bytes> encode_pdr(const StateSensorPdr &p)
{
	const std::string name = "state sensor PDR";
	if (p.sensor_init > 3)
		return fail(Error::msg(name + ": sensor init " + hex(p.sensor_init) + " unknown"));
	if (p.sensors.empty() || p.sensors.size() > 8)
		return fail(Error::msg(name + ": " + std::to_string(p.sensors.size()) +
				       " composite sensors, not 1-8"));
	auto w = start_pdr(p.header, PdrType::StateSensor);
	w->u16(p.terminus_handle).u16(p.sensor_id);
	put_entity(*w, p.entity);
	w->u8(p.sensor_init).u8(p.aux_names).u8(static_cast<std::uint8_t>(p.sensors.size()));
	for (const auto &s : p.sensors) {
		if (s.possible_states.empty() || s.possible_states.size() > 32)
			return fail(Error::msg(name + ": state set " + std::to_string(s.id) + " with " +
					       std::to_string(s.possible_states.size()) +
					       " bytes of possible states, not 1-32"));
		w->u16(s.id).u8(static_cast<std::uint8_t>(s.possible_states.size())).bytes(s.possible_states);
	}
	return end_pdr(*w, name.c_str());
}

Result<EntityAssociationPdr> decode_entity_association_pdr(std::span<const std::uint8_t> pdr)
{
	Reader r(pdr, "entity association PDR");
	EntityAssociationPdr p;
	p.header = get_header(r, u8of(PdrType::EntityAssociation), pdr.size());
	p.container_id = r.u16("container ID");
	p.association_type = get_enum(r, "association type", 1);
	p.container = get_entity(r, "container entity type", "container entity instance number",
				 "container entity container ID");
	const auto count = r.u8("contained entity count");
	if (r.ok())
		r.expect(static_cast<std::size_t>(count) * 6 <= r.left(),
			 "contained entity count " + std::to_string(count) + " but " +
				 std::to_string(r.left()) + " bytes of entities follow");
	for (unsigned i = 0; i < count && r.ok(); i++)
		p.children.push_back(get_entity(r, "entity type", "entity instance number",
						"entity container ID"));
	return done(r, p);
}

Result<Bytes> encode_pdr(const EntityAssociationPdr &p)
{
	const std::string name = "entity association PDR";
	if (p.association_type > 1)
		return fail(Error::msg(name + ": association type " + hex(p.association_type) + " unknown"));
	if (p.children.size() > 255)
		return fail(Error::msg(name + ": " + std::to_string(p.children.size()) +
				       " contained entities, at most 255"));
	auto w = start_pdr(p.header, PdrType::EntityAssociation);
	w->u16(p.container_id).u8(p.association_type);
	put_entity(*w, p.container);
	w->u8(static_cast<std::uint8_t>(p.children.size()));
	for (const auto &e : p.children)
		put_entity(*w, e);
	return end_pdr(*w, name.c_str());
}

namespace {
std::size_t locator_size(std::uint8_t type)
{
	switch (type) {
	case 0: return 17;	// terminus instance, UUID
	case 1: return 1;	// EID
	case 2: return 18;	// UUID, bus, address
	case 3: return 17;	// software class, UUID
	}
	return 0;
}
} // namespace

Result<TerminusLocatorPdr> decode_terminus_locator_pdr(std::span<const std::uint8_t> pdr)
{
	Reader r(pdr, "terminus locator PDR");
	TerminusLocatorPdr p;
	p.header = get_header(r, u8of(PdrType::TerminusLocator), pdr.size());
	p.terminus_handle = r.u16("PLDM terminus handle");
	p.validity = get_enum(r, "validity", 1);
	p.tid = r.u8("TID");
	p.container_id = r.u16("container ID");
	const auto type = get_enum(r, "terminus locator type", 3);
	p.locator_type = static_cast<LocatorType>(type);
	const auto size = r.u8("terminus locator value size");
	if (r.ok())
		r.expect(size == locator_size(type),
			 "terminus locator value size " + std::to_string(size) + ", type " +
				 std::to_string(type) + " has " + std::to_string(locator_size(type)));
	auto v = r.bytes(size, "terminus locator value");
	p.locator_value.assign(v.begin(), v.end());
	return done(r, p);
}

Result<Bytes> encode_pdr(const TerminusLocatorPdr &p)
{
	const std::string name = "terminus locator PDR";
	const auto type = u8of(p.locator_type);
	if (type > 3)
		return fail(Error::msg(name + ": terminus locator type " + hex(type) + " unknown"));
	if (p.validity > 1)
		return fail(Error::msg(name + ": validity " + hex(p.validity) + " unknown"));
	if (p.locator_value.size() != locator_size(type))
		return fail(Error::msg(name + ": a locator value of " +
				       std::to_string(p.locator_value.size()) + " bytes, type " +
				       std::to_string(type) + " has " + std::to_string(locator_size(type))));
	auto w = start_pdr(p.header, PdrType::TerminusLocator);
	w->u16(p.terminus_handle).u8(p.validity).u8(p.tid).u16(p.container_id).u8(type)
		.u8(static_cast<std::uint8_t>(p.locator_value.size())).bytes(p.locator_value);
	return end_pdr(*w, name.c_str());
}

Result<Pdr> decode_pdr(std::span<const std::uint8_t> pdr)
{
	auto h = decode_pdr_header(pdr);
	if (!h)
		return fail(h.error());
	auto wrap = [](auto r) -> Result<Pdr> {
		if (!r)
			return fail(r.error());
		return Pdr(std::move(*r));
	};
	switch (static_cast<PdrType>(h->type)) {
	case PdrType::NumericSensor: return wrap(decode_numeric_sensor_pdr(pdr));
	case PdrType::StateSensor: return wrap(decode_state_sensor_pdr(pdr));
	case PdrType::EntityAssociation: return wrap(decode_entity_association_pdr(pdr));
	case PdrType::TerminusLocator: return wrap(decode_terminus_locator_pdr(pdr));
	}
	OtherPdr o{*h, Bytes(pdr.begin() + kPdrHeaderSize, pdr.end())};
	return Pdr(std::move(o));
}

// ---- GetSensorReading ----

Result<Bytes> encode_get_sensor_reading_request(std::uint8_t iid, const GetSensorReadingRequest &v)
{
	auto w = start_request(iid, kPlatform, cmd(Command::GetSensorReading));
	if (!w)
		return fail(w.error());
	w->u16(v.sensor_id).u8(v.rearm);
	return w->take();
}

Result<GetSensorReadingRequest> decode_get_sensor_reading_request(std::span<const std::uint8_t> m)
{
	auto r = open_request(m, kPlatform, cmd(Command::GetSensorReading), "GetSensorReading");
	if (!r)
		return fail(r.error());
	GetSensorReadingRequest v;
	v.sensor_id = r->u16("sensor ID");
	v.rearm = get_bool(*r, "rearm event state");
	return done(*r, v);
}

Result<Bytes> encode_get_sensor_reading_response(std::uint8_t iid, const SensorReading &v)
{
	auto w = start_response(iid, kPlatform, cmd(Command::GetSensorReading), v.completion_code);
	if (!w)
		return fail(w.error());
	if (v.completion_code != cc::Success)
		return w->take();
	if (u8of(v.data_size) > 5 || u8of(v.op_state) > 7 || u8of(v.event_enable) > 4 ||
	    u8of(v.present_state) > 10 || u8of(v.previous_state) > 10 || u8of(v.event_state) > 10)
		return fail(Error::msg("GetSensorReading response: a size, state or enable value out of range"));
	w->u8(u8of(v.data_size)).u8(u8of(v.op_state)).u8(u8of(v.event_enable)).u8(u8of(v.present_state))
		.u8(u8of(v.previous_state)).u8(u8of(v.event_state));
	if (auto s = put_sized(*w, u8of(v.data_size), v.reading, "GetSensorReading response: present reading"); !s)
		return fail(s.error());
	return w->take();
}

Result<SensorReading> decode_get_sensor_reading_response(std::span<const std::uint8_t> m)
{
	SensorReading v;
	auto r = open_response(m, kPlatform, cmd(Command::GetSensorReading), "GetSensorReading",
			       v.completion_code);
	if (!r)
		return fail(r.error());
	if (v.completion_code != cc::Success)
		return v;
	const auto size = get_enum(*r, "sensor data size", 5);
	v.data_size = static_cast<DataSize>(size);
	v.op_state = static_cast<OpState>(get_enum(*r, "sensor operational state", 7));
	v.event_enable = static_cast<EventEnable>(get_enum(*r, "sensor event message enable", 4));
	v.present_state = static_cast<SensorState>(get_enum(*r, "present state", 10));
	v.previous_state = static_cast<SensorState>(get_enum(*r, "previous state", 10));
	v.event_state = static_cast<SensorState>(get_enum(*r, "event state", 10));
	v.reading = get_sized(*r, size, "present reading");
	return done(*r, v);
}

// ---- GetStateSensorReadings ----

Result<Bytes> encode_get_state_sensor_readings_request(std::uint8_t iid,
							const GetStateSensorReadingsRequest &v)
{
	auto w = start_request(iid, kPlatform, cmd(Command::GetStateSensorReadings));
	if (!w)
		return fail(w.error());
	w->u16(v.sensor_id).u8(v.rearm).u8(0);
	return w->take();
}

Result<GetStateSensorReadingsRequest>
decode_get_state_sensor_readings_request(std::span<const std::uint8_t> m)
{
	auto r = open_request(m, kPlatform, cmd(Command::GetStateSensorReadings), "GetStateSensorReadings");
	if (!r)
		return fail(r.error());
	GetStateSensorReadingsRequest v;
	v.sensor_id = r->u16("sensor ID");
	v.rearm = r->u8("sensor rearm");
	(void)r->u8("reserved");
	return done(*r, v);
}

Result<Bytes> encode_get_state_sensor_readings_response(std::uint8_t iid, const StateSensorReadings &v)
{
	auto w = start_response(iid, kPlatform, cmd(Command::GetStateSensorReadings), v.completion_code);
	if (!w)
		return fail(w.error());
	if (v.completion_code != cc::Success)
		return w->take();
	if (v.fields.empty() || v.fields.size() > 8)
		return fail(Error::msg("GetStateSensorReadings response: " + std::to_string(v.fields.size()) +
				       " composite sensors, not 1-8"));
	w->u8(static_cast<std::uint8_t>(v.fields.size()));
	for (const auto &f : v.fields) {
		if (u8of(f.op_state) > 7)
			return fail(Error::msg("GetStateSensorReadings response: operational state " +
					       hex(u8of(f.op_state)) + " unknown"));
		w->u8(u8of(f.op_state)).u8(f.present_state).u8(f.previous_state).u8(f.event_state);
	}
	return w->take();
}

Result<StateSensorReadings> decode_get_state_sensor_readings_response(std::span<const std::uint8_t> m)
{
	StateSensorReadings v;
	auto r = open_response(m, kPlatform, cmd(Command::GetStateSensorReadings),
			       "GetStateSensorReadings", v.completion_code);
	if (!r)
		return fail(r.error());
	if (v.completion_code != cc::Success)
		return v;
	const auto count = r->u8("composite sensor count");
	if (r->ok())
		r->expect(count >= 1 && count <= 8,
			  "composite sensor count " + std::to_string(count) + " outside 1-8");
	for (unsigned i = 0; i < count && r->ok(); i++) {
		StateField f;
		f.op_state = static_cast<OpState>(get_enum(*r, "sensor operational state", 7));
		f.present_state = r->u8("present state");
		f.previous_state = r->u8("previous state");
		f.event_state = r->u8("event state");
		if (r->ok())
			v.fields.push_back(f);
	}
	return done(*r, v);
}

// ---- SetEventReceiver ----

Result<Bytes> encode_set_event_receiver_request(std::uint8_t iid, const SetEventReceiverRequest &v)
{
	if (u8of(v.enable) > 3)
		return fail(Error::msg("SetEventReceiver request: event message global enable " +
				       hex(u8of(v.enable)) + " unknown"));
	if (v.transport != 0)
		return fail(Error::msg("SetEventReceiver request: transport protocol type " +
				       hex(v.transport) + " (only MCTP, 0x00, is carried)"));
	auto w = start_request(iid, kPlatform, cmd(Command::SetEventReceiver));
	if (!w)
		return fail(w.error());
	w->u8(u8of(v.enable)).u8(v.transport).u8(v.receiver_eid);
	if (v.enable == EventGlobalEnable::EnableAsyncKeepAlive)
		w->u16(v.heartbeat_s);
	return w->take();
}

Result<SetEventReceiverRequest> decode_set_event_receiver_request(std::span<const std::uint8_t> m)
{
	auto r = open_request(m, kPlatform, cmd(Command::SetEventReceiver), "SetEventReceiver");
	if (!r)
		return fail(r.error());
	SetEventReceiverRequest v;
	v.enable = static_cast<EventGlobalEnable>(get_enum(*r, "event message global enable", 3));
	v.transport = r->u8("transport protocol type");
	if (r->ok())
		r->expect(v.transport == 0, "transport protocol type " + hex(v.transport) +
						    " (only MCTP, 0x00, is carried)");
	v.receiver_eid = r->u8("event receiver address (EID)");
	if (r->ok() && v.enable == EventGlobalEnable::EnableAsyncKeepAlive)
		v.heartbeat_s = r->u16("heartbeat timer");
	return done(*r, v);
}

Result<Bytes> encode_set_event_receiver_response(std::uint8_t iid, std::uint8_t code)
{
	auto w = start_response(iid, kPlatform, cmd(Command::SetEventReceiver), code);
	if (!w)
		return fail(w.error());
	return w->take();
}

Result<std::uint8_t> decode_set_event_receiver_response(std::span<const std::uint8_t> m)
{
	std::uint8_t code = 0;
	auto r = open_response(m, kPlatform, cmd(Command::SetEventReceiver), "SetEventReceiver", code);
	if (!r)
		return fail(r.error());
	if (code == cc::Success)
		if (auto s = cc_only_ok(*r); !s)
			return fail(s.error());
	return code;
}

// ---- PlatformEventMessage ----

namespace {
bool known_event_class(std::uint8_t c)
{
	return c <= event_class::HeartbeatTimerElapsed || (c >= 0xf0 && c <= 0xfe);
}
} // namespace

Result<Bytes> encode_platform_event_request(std::uint8_t iid, const PlatformEventRequest &v)
{
	if (!known_event_class(v.event_class))
		return fail(Error::msg("PlatformEventMessage request: event class " + hex(v.event_class) +
				       " reserved"));
	auto w = start_request(iid, kPlatform, cmd(Command::PlatformEventMessage));
	if (!w)
		return fail(w.error());
	w->u8(v.format_version).u8(v.tid).u8(v.event_class).bytes(v.event_data);
	return w->take();
}

Result<PlatformEventRequest> decode_platform_event_request(std::span<const std::uint8_t> m)
{
	auto r = open_request(m, kPlatform, cmd(Command::PlatformEventMessage), "PlatformEventMessage");
	if (!r)
		return fail(r.error());
	PlatformEventRequest v;
	v.format_version = r->u8("format version");
	v.tid = r->u8("TID");
	v.event_class = r->u8("event class");
	if (r->ok())
		r->expect(v.format_version == kEventFormatVersion,
			  "format version " + std::to_string(v.format_version) + ", only 1 is defined");
	if (r->ok())
		r->expect(known_event_class(v.event_class), "event class " + hex(v.event_class) + " reserved");
	auto data = r->rest();
	v.event_data.assign(data.begin(), data.end());
	return done(*r, v);
}

Result<Bytes> encode_platform_event_response(std::uint8_t iid, const PlatformEventResponse &v)
{
	auto w = start_response(iid, kPlatform, cmd(Command::PlatformEventMessage), v.completion_code);
	if (!w)
		return fail(w.error());
	if (v.completion_code == cc::Success) {
		if (v.status > 5)
			return fail(Error::msg("PlatformEventMessage response: platform event status " +
					       hex(v.status) + " unknown"));
		w->u8(v.status);
	}
	return w->take();
}

Result<PlatformEventResponse> decode_platform_event_response(std::span<const std::uint8_t> m)
{
	PlatformEventResponse v;
	auto r = open_response(m, kPlatform, cmd(Command::PlatformEventMessage), "PlatformEventMessage",
			       v.completion_code);
	if (!r)
		return fail(r.error());
	if (v.completion_code != cc::Success)
		return v;
	v.status = get_enum(*r, "platform event status", 5);
	return done(*r, v);
}

Result<Bytes> encode_sensor_event(const SensorEvent &e)
{
	Writer w;
	w.u16(e.sensor_id).u8(static_cast<std::uint8_t>(e.data.index()));
	if (auto *o = std::get_if<SensorOpStateEvent>(&e.data)) {
		w.u8(o->present_op_state).u8(o->previous_op_state);
	} else if (auto *s = std::get_if<StateSensorStateEvent>(&e.data)) {
		w.u8(s->sensor_offset).u8(s->event_state).u8(s->previous_event_state);
	} else {
		const auto &n = std::get<NumericSensorStateEvent>(e.data);
		if (u8of(n.event_state) > 10 || u8of(n.previous_event_state) > 10 || u8of(n.data_size) > 5)
			return fail(Error::msg("numeric sensor state event: a state or size out of range"));
		w.u8(u8of(n.event_state)).u8(u8of(n.previous_event_state)).u8(u8of(n.data_size));
		if (auto st = put_sized(w, u8of(n.data_size), n.reading, "numeric sensor state event: present reading"); !st)
			return fail(st.error());
	}
	return w.take();
}

Result<SensorEvent> decode_sensor_event(std::span<const std::uint8_t> data)
{
	Reader r(data, "sensor event");
	SensorEvent e;
	e.sensor_id = r.u16("sensor ID");
	const auto cls = get_enum(r, "sensor event class", 2);
	if (!r.ok())
		return fail(r.error());
	if (cls == 0) {
		SensorOpStateEvent o;
		o.present_op_state = get_enum(r, "present operational state", 7);
		o.previous_op_state = get_enum(r, "previous operational state", 7);
		e.data = o;
	} else if (cls == 1) {
		StateSensorStateEvent s;
		s.sensor_offset = r.u8("sensor offset");
		s.event_state = r.u8("event state");
		s.previous_event_state = r.u8("previous event state");
		if (r.ok())
			r.expect(s.sensor_offset < 8, "sensor offset " + std::to_string(s.sensor_offset) +
							      " beyond 8 composite sensors");
		e.data = s;
	} else {
		NumericSensorStateEvent n;
		n.event_state = static_cast<SensorState>(get_enum(r, "event state", 10));
		n.previous_event_state = static_cast<SensorState>(get_enum(r, "previous event state", 10));
		const auto size = get_enum(r, "sensor data size", 5);
		n.data_size = static_cast<DataSize>(size);
		if (r.ok())
			n.reading = get_sized(r, size, "present reading");
		e.data = n;
	}
	return done(r, e);
}

Result<Bytes> encode_pdr_repository_change_event(const PdrRepositoryChangeEvent &e)
{
	const std::string name = "PDR repository change event";
	if (e.format > 2)
		return fail(Error::msg(name + ": event data format " + hex(e.format) + " unknown"));
	if (e.records.size() > 255)
		return fail(Error::msg(name + ": more than 255 change records"));
	if (e.format == 0 && !e.records.empty())
		return fail(Error::msg(name + ": change records with refreshEntireRepository"));
	Writer w;
	w.u8(e.format).u8(static_cast<std::uint8_t>(e.records.size()));
	for (const auto &c : e.records) {
		if (c.operation > 3)
			return fail(Error::msg(name + ": event data operation " + hex(c.operation) + " unknown"));
		if (c.entries.size() > 255)
			return fail(Error::msg(name + ": more than 255 change entries"));
		w.u8(c.operation).u8(static_cast<std::uint8_t>(c.entries.size()));
		for (auto x : c.entries)
			w.u32(x);
	}
	return w.take();
}

Result<PdrRepositoryChangeEvent> decode_pdr_repository_change_event(std::span<const std::uint8_t> data)
{
	Reader r(data, "PDR repository change event");
	PdrRepositoryChangeEvent e;
	e.format = get_enum(r, "event data format", 2);
	const auto n = r.u8("number of change records");
	if (r.ok() && e.format == 0)
		r.expect(n == 0, "refreshEntireRepository with " + std::to_string(n) + " change records");
	for (unsigned i = 0; i < n && r.ok(); i++) {
		ChangeRecord c;
		c.operation = get_enum(r, "event data operation", 3);
		const auto k = r.u8("number of change entries");
		if (r.ok())
			r.expect(static_cast<std::size_t>(k) * 4 <= r.left(),
				 "change record " + std::to_string(i) + " of " + std::to_string(k) +
					 " entries, only " + std::to_string(r.left()) + " bytes left");
		for (unsigned j = 0; j < k && r.ok(); j++)
			c.entries.push_back(r.u32("change entry"));
		if (r.ok())
			e.records.push_back(std::move(c));
	}
	return done(r, e);
}

// ---- SetNumericSensorEnable ----

Result<Bytes> encode_set_numeric_sensor_enable_request(std::uint8_t iid,
							const SetNumericSensorEnableRequest &v)
{
	if (u8of(v.op_state) > 2)
		return fail(Error::msg("SetNumericSensorEnable request: operational state " +
				       hex(u8of(v.op_state)) + " (only enabled, disabled, unavailable)"));
	if (u8of(v.event_enable) > 4)
		return fail(Error::msg("SetNumericSensorEnable request: event message enable " +
				       hex(u8of(v.event_enable)) + " unknown"));
	auto w = start_request(iid, kPlatform, cmd(Command::SetNumericSensorEnable));
	if (!w)
		return fail(w.error());
	w->u16(v.sensor_id).u8(u8of(v.op_state)).u8(u8of(v.event_enable));
	return w->take();
}

Result<SetNumericSensorEnableRequest>
decode_set_numeric_sensor_enable_request(std::span<const std::uint8_t> m)
{
	auto r = open_request(m, kPlatform, cmd(Command::SetNumericSensorEnable), "SetNumericSensorEnable");
	if (!r)
		return fail(r.error());
	SetNumericSensorEnableRequest v;
	v.sensor_id = r->u16("sensor ID");
	v.op_state = static_cast<OpState>(get_enum(*r, "sensor operational state", 2));
	v.event_enable = static_cast<EventEnable>(get_enum(*r, "sensor event message enable", 4));
	return done(*r, v);
}

Result<Bytes> encode_set_numeric_sensor_enable_response(std::uint8_t iid, std::uint8_t code)
{
	auto w = start_response(iid, kPlatform, cmd(Command::SetNumericSensorEnable), code);
	if (!w)
		return fail(w.error());
	return w->take();
}

Result<std::uint8_t> decode_set_numeric_sensor_enable_response(std::span<const std::uint8_t> m)
{
	std::uint8_t code = 0;
	auto r = open_response(m, kPlatform, cmd(Command::SetNumericSensorEnable),
			       "SetNumericSensorEnable", code);
	if (!r)
		return fail(r.error());
	if (code == cc::Success)
		if (auto s = cc_only_ok(*r); !s)
			return fail(s.error());
	return code;
}

} // namespace mctpxx::pldm::platform
