// SPDX-License-Identifier: GPL-2.0
#include "query.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>

#include "mctpxx/unreachable.hpp"

namespace mctpxx::pldm::tool {
namespace plat = platform;

namespace {

std::string hex(unsigned v, int width = 2)
{
	char b[16];
	std::snprintf(b, sizeof(b), "0x%0*x", width, v);
	return b;
}

std::string number(double v)
{
	char b[32];
	if (v == std::floor(v) && std::fabs(v) < 1e15)
		std::snprintf(b, sizeof(b), "%.0f", v);
	else
		std::snprintf(b, sizeof(b), "%g", v);
	return b;
}

json number_json(double v)
{
	if (v == std::floor(v) && std::fabs(v) < 1e15)
		return static_cast<long long>(v);
	return v;
}

template <typename E>
std::uint8_t u8of(E e)
{
	return static_cast<std::uint8_t>(e);
}

// A decoded response, or the codec's error naming the command.
template <typename T>
Result<T> decoded(const char *name, Result<T> r)
{
	if (!r)
		return fail(Error::msg(std::string(name) + ": the response does not decode: " + r.error().message));
	return r;
}

const char *op_state_name(plat::OpState s)
{
	static const char *const n[] = {"enabled",	"disabled",	"unavailable",	 "status unknown",
					"failed",	"initializing", "shutting down", "in test"};
	return u8of(s) < std::size(n) ? n[u8of(s)] : "?";
}

const char *event_enable_name(plat::EventEnable e)
{
	static const char *const n[] = {"no event generation", "events disabled", "events enabled",
					"op events only", "state events only"};
	return u8of(e) < std::size(n) ? n[u8of(e)] : "?";
}

// State set 1 (Health State, DSP0249)
const char *health_state_name(unsigned s)
{
	static const char *const n[] = {"?",		  "Normal",	     "Non-Critical",   "Critical",
					"Fatal",	  "Upper Non-Critical", "Lower Non-Critical",
					"Upper Critical", "Lower Critical", "Upper Fatal",    "Lower Fatal"};
	return s < std::size(n) ? n[s] : "?";
}

json entity_json(const plat::Entity &e)
{
	return {{"type", e.type}, {"instance", e.instance}, {"container_id", e.container_id}};
}

} // namespace

std::string completion_code_symbol(std::uint8_t type, std::uint8_t command, std::uint8_t code)
{
	switch (code) {
	case cc::Success: return "SUCCESS";
	case cc::Error: return "ERROR";
	case cc::InvalidData: return "ERROR_INVALID_DATA";
	case cc::InvalidLength: return "ERROR_INVALID_LENGTH";
	case cc::NotReady: return "ERROR_NOT_READY";
	case cc::UnsupportedCommand: return "ERROR_UNSUPPORTED_PLDM_CMD";
	case cc::InvalidType: return "ERROR_INVALID_PLDM_TYPE";
	}
	const auto base = static_cast<std::uint8_t>(Type::Base), platform = static_cast<std::uint8_t>(Type::Platform),
		   fru = static_cast<std::uint8_t>(Type::Fru);
	const bool transfer =
		(type == base && command == u8of(BaseCommand::GetPldmVersion)) ||
		(type == platform && command == u8of(plat::Command::GetPdr)) ||
		(type == fru && command == u8of(fru::Command::GetFruRecordTable));
	if (transfer && code == 0x80)
		return "INVALID_DATA_TRANSFER_HANDLE";
	if (transfer && code == 0x81)
		return "INVALID_TRANSFER_OPERATION_FLAG";
	if (type == base && (command == u8of(BaseCommand::GetPldmVersion) ||
			     command == u8of(BaseCommand::GetPldmCommands))) {
		if (code == 0x83)
			return "INVALID_PLDM_TYPE_IN_REQUEST_DATA";
		if (code == 0x84)
			return "INVALID_PLDM_VERSION_IN_REQUEST_DATA";
	}
	if (type == platform && command == u8of(plat::Command::GetPdr)) {
		if (code == 0x82)
			return "INVALID_RECORD_HANDLE";
		if (code == 0x83)
			return "INVALID_RECORD_CHANGE_NUMBER";
		if (code == 0x84)
			return "TRANSFER_TIMEOUT";
		if (code == 0x85)
			return "REPOSITORY_UPDATE_IN_PROGRESS";
	}
	if (type == platform && (command == u8of(plat::Command::GetSensorReading) ||
				 command == u8of(plat::Command::GetStateSensorReadings))) {
		if (code == 0x80)
			return "INVALID_SENSOR_ID";
		if (code == 0x81)
			return "REARM_UNAVAILABLE_IN_PRESENT_STATE";
	}
	if (type == platform && command == u8of(plat::Command::SetEventReceiver)) {
		if (code == 0x80)
			return "INVALID_PROTOCOL_TYPE";
		if (code == 0x81)
			return "ENABLE_METHOD_NOT_SUPPORTED";
		if (code == 0x82)
			return "HEARTBEAT_FREQUENCY_TOO_HIGH";
	}
	return hex(code);
}

const char *type_name(unsigned t)
{
	switch (t) {
	case 0: return "base";
	case 1: return "SMBIOS";
	case 2: return "platform monitoring and control";
	case 3: return "BIOS control and configuration";
	case 4: return "FRU data";
	case 5: return "firmware update";
	case 6: return "Redfish device enablement";
	case 0x3f: return "OEM";
	}
	return "?";
}

const char *unit_name(std::uint8_t u)
{
	static const char *const n[] = {"none",	   "unspecified", "degrees C", "degrees F", "kelvins",
					"volts",   "amps",	  "watts",     "joules",    "coulombs",
					"VA",	   "nits",	  "lumens",    "lux",	    "candelas",
					"kPa",	   "PSI",	  "newtons",   "CFM",	    "RPM",
					"hertz"};
	return u < std::size(n) ? n[u] : "?";
}

const char *sensor_state_name(plat::SensorState s)
{
	static const char *const n[] = {"Unknown",	"Normal",	 "Warning",	  "Critical",
					"Fatal",	"LowerWarning",	 "LowerCritical", "LowerFatal",
					"UpperWarning", "UpperCritical", "UpperFatal"};
	return u8of(s) < std::size(n) ? n[u8of(s)] : "?";
}

double converted(const plat::NumericSensorPdr &p, double raw)
{
	const double v = (static_cast<double>(p.resolution) * raw + static_cast<double>(p.offset)) *
			 std::pow(10.0, p.unit_modifier);
	// no float noise in the output: 12 significant digits at most
	const double scale = std::pow(10.0, 12 - std::ceil(std::log10(std::fabs(v) + 1e-300)));
	return std::isfinite(scale) && v != 0 ? std::round(v * scale) / scale : v;
}

// ---- queries ----

Result<Bytes> Query::ask(const char *name, const Result<Bytes> &request)
{
	if (!request)
		return fail(Error::msg(std::string(name) + ": " + request.error().message));
	auto h = decode_header(*request);
	auto r = rq_.exchange(peer_, *request);
	if (!r) {
		Error e = r.error();
		if (e.code == EHOSTUNREACH)
			e = explain_unreachable(e, peer_.net, peer_.eid);
		else if (e.code == EPERM || e.code == EACCES)
			e.message += " (sending MCTP messages needs CAP_NET_RAW)";
		return fail(Error{e.code, std::string(name) + " to EID " + std::to_string(peer_.eid) + ": " +
					      e.message});
	}
	auto start = decode_response_start(*r);
	if (!start)
		return fail(Error::msg(std::string(name) + ": the response does not decode: " +
				       start.error().message));
	if (start->completion_code != cc::Success)
		return fail(Error::msg(std::string(name) + ": completion code " +
				       hex(start->completion_code) + " " +
				       completion_code_symbol(h->type, h->command, start->completion_code)));
	return r;
}

Result<std::uint8_t> Query::tid()
{
	auto r = ask("GetTID", encode_get_tid_request(0));
	if (!r)
		return fail(r.error());
	auto d = decoded("GetTID", decode_get_tid_response(*r));
	if (!d)
		return fail(d.error());
	return d->tid;
}

Status Query::set_tid(std::uint8_t tid)
{
	auto r = ask("SetTID", encode_set_tid_request(0, tid));
	if (!r)
		return fail(r.error());
	if (auto d = decoded("SetTID", decode_set_tid_response(*r)); !d)
		return fail(d.error());
	return {};
}

Result<std::vector<unsigned>> Query::types()
{
	auto r = ask("GetPLDMTypes", encode_get_types_request(0));
	if (!r)
		return fail(r.error());
	auto d = decoded("GetPLDMTypes", decode_get_types_response(*r));
	if (!d)
		return fail(d.error());
	std::vector<unsigned> out;
	for (unsigned t = 0; t < 64; t++)
		if (d->types.test(t))
			out.push_back(t);
	return out;
}

Result<std::vector<Ver32>> Query::versions(std::uint8_t type)
{
	MultipartReader mr(4096);
	for (int parts = 0; !mr.complete(); parts++) {
		if (parts == 64)
			return fail(Error::msg("GetPLDMVersion: more than 64 parts"));
		auto r = ask("GetPLDMVersion", encode_get_version_request(0, {mr.next_handle(), mr.next_op(), type}));
		if (!r)
			return fail(r.error());
		auto d = decoded("GetPLDMVersion", decode_get_version_response(*r));
		if (!d)
			return fail(d.error());
		if (auto a = mr.add(d->flag, d->next_handle, d->data); !a)
			return fail(Error::msg("GetPLDMVersion: " + a.error().message));
	}
	return decoded("GetPLDMVersion", decode_version_data(mr.data()));
}

Result<std::vector<unsigned>> Query::commands(std::uint8_t type, Ver32 version)
{
	auto r = ask("GetPLDMCommands", encode_get_commands_request(0, {type, version}));
	if (!r)
		return fail(r.error());
	auto d = decoded("GetPLDMCommands", decode_get_commands_response(*r));
	if (!d)
		return fail(d.error());
	std::vector<unsigned> out;
	for (unsigned c = 0; c < 256; c++)
		if (d->commands.test(c))
			out.push_back(c);
	return out;
}

Result<plat::RepositoryInfo> Query::repository_info()
{
	auto r = ask("GetPDRRepositoryInfo", plat::encode_get_repository_info_request(0));
	if (!r)
		return fail(r.error());
	return decoded("GetPDRRepositoryInfo", plat::decode_get_repository_info_response(*r));
}

Result<FetchedPdr> Query::pdr(std::uint32_t handle, std::uint32_t *next)
{
	MultipartReader mr(64 * 1024);
	std::optional<std::uint8_t> crc;
	std::uint32_t next_record = 0;
	for (int parts = 0; !mr.complete(); parts++) {
		if (parts == 1024)
			return fail(Error::msg("GetPDR: record " + std::to_string(handle) + ": more than 1024 parts"));
		plat::GetPdrRequest q;
		q.record_handle = handle;
		q.transfer_handle = mr.next_handle();
		q.op = mr.next_op();
		q.request_count = 128;
		auto r = ask("GetPDR", plat::encode_get_pdr_request(0, q));
		if (!r)
			return fail(r.error());
		auto d = decoded("GetPDR", plat::decode_get_pdr_response(*r));
		if (!d)
			return fail(d.error());
		if (auto a = mr.add(d->flag, d->next_transfer_handle, d->data); !a)
			return fail(Error::msg("GetPDR: record " + std::to_string(handle) + ": " + a.error().message));
		next_record = d->next_record_handle;
		crc = d->transfer_crc;
	}
	if (crc)
		if (auto c = plat::check_transfer_crc(mr.data(), *crc); !c)
			return fail(Error::msg("GetPDR: record " + std::to_string(handle) + ": " + c.error().message));
	if (next)
		*next = next_record;
	FetchedPdr p{handle, mr.data(), plat::decode_pdr(mr.data())};
	if (auto h = plat::decode_pdr_header(p.bytes))
		p.handle = h->record_handle;
	return p;
}

Result<std::vector<FetchedPdr>> Query::all_pdrs()
{
	std::vector<FetchedPdr> out;
	std::uint32_t handle = 0;
	for (;;) {
		if (out.size() == 10000)
			return fail(Error::msg("GetPDR: more than 10000 records"));
		std::uint32_t next = 0;
		auto p = pdr(handle, &next);
		if (!p)
			return fail(p.error());
		out.push_back(std::move(*p));
		if (next == 0)
			return out;
		for (const auto &seen : out)
			if (seen.handle == next)
				return fail(Error::msg("GetPDR: record " + std::to_string(out.back().handle) +
						       " names record " + std::to_string(next) +
						       " next, which came before (a loop)"));
		handle = next;
	}
}

Result<SensorResult> Query::sensor(std::uint16_t id)
{
	auto r = ask("GetSensorReading", plat::encode_get_sensor_reading_request(0, {id, false}));
	if (!r)
		return fail(r.error());
	auto d = decoded("GetSensorReading", plat::decode_get_sensor_reading_response(*r));
	if (!d)
		return fail(d.error());
	SensorResult s{id, *d, std::nullopt};
	// its PDR, for the units (a repository that cannot be read leaves the raw value)
	if (auto all = all_pdrs())
		for (const auto &p : *all)
			if (p.decoded)
				if (auto *n = std::get_if<plat::NumericSensorPdr>(&*p.decoded); n && n->sensor_id == id)
					s.pdr = *n;
	return s;
}

Result<StateSensorResult> Query::state_sensor(std::uint16_t id)
{
	auto r = ask("GetStateSensorReadings", plat::encode_get_state_sensor_readings_request(0, {id, 0}));
	if (!r)
		return fail(r.error());
	auto d = decoded("GetStateSensorReadings", plat::decode_get_state_sensor_readings_response(*r));
	if (!d)
		return fail(d.error());
	StateSensorResult s{id, *d, std::nullopt};
	if (auto all = all_pdrs())
		for (const auto &p : *all)
			if (p.decoded)
				if (auto *n = std::get_if<plat::StateSensorPdr>(&*p.decoded); n && n->sensor_id == id)
					s.pdr = *n;
	return s;
}

Result<FruResult> Query::fru()
{
	auto m = ask("GetFRURecordTableMetadata", fru::encode_get_metadata_request(0));
	if (!m)
		return fail(m.error());
	auto meta = decoded("GetFRURecordTableMetadata", fru::decode_get_metadata_response(*m));
	if (!meta)
		return fail(meta.error());
	MultipartReader mr(1 << 20);
	for (int parts = 0; !mr.complete(); parts++) {
		if (parts == 100000)
			return fail(Error::msg("GetFRURecordTable: too many parts"));
		auto r = ask("GetFRURecordTable", fru::encode_get_table_request(0, {mr.next_handle(), mr.next_op()}));
		if (!r)
			return fail(r.error());
		auto d = decoded("GetFRURecordTable", fru::decode_get_table_response(*r));
		if (!d)
			return fail(d.error());
		if (auto a = mr.add(d->flag, d->next_handle, d->data); !a)
			return fail(Error::msg("GetFRURecordTable: " + a.error().message));
	}
	auto records = decoded("GetFRURecordTable", fru::decode_table(mr.data(), &*meta));
	if (!records)
		return fail(records.error());
	return FruResult{*meta, std::move(*records)};
}

// ---- output ----

json repository_info_json(const plat::RepositoryInfo &r)
{
	char ts[64];
	const auto &t = r.update_time;
	std::snprintf(ts, sizeof(ts), "%04u-%02u-%02uT%02u:%02u:%02u.%06uZ", t[10] | t[11] << 8, t[9], t[8], t[7],
		      t[6], t[5], t[2] | t[3] << 8 | t[4] << 16);
	return {{"state", r.state},
		{"update_time", ts},
		{"record_count", r.record_count},
		{"repository_size", r.repository_size},
		{"largest_record_size", r.largest_record_size},
		{"transfer_handle_timeout_s", r.transfer_handle_timeout}};
}

std::string repository_info_text(const plat::RepositoryInfo &r)
{
	const json j = repository_info_json(r);
	return "PDR repository: " + std::to_string(r.record_count) + " records, " +
	       std::to_string(r.repository_size) + " bytes (largest " + std::to_string(r.largest_record_size) +
	       "), state " + std::to_string(r.state) + ", updated " + j["update_time"].get<std::string>() + "\n";
}

json pdr_json(const FetchedPdr &p)
{
	json j = {{"record_handle", p.handle}};
	if (!p.decoded) {
		j["error"] = p.decoded.error().message;
		j["size"] = p.bytes.size();
		return j;
	}
	std::visit(
		[&](const auto &v) {
			using T = std::decay_t<decltype(v)>;
			j["pdr_type"] = v.header.type;
			if constexpr (std::is_same_v<T, plat::NumericSensorPdr>) {
				j["kind"] = "numeric sensor";
				j["sensor_id"] = v.sensor_id;
				j["entity"] = entity_json(v.entity);
				j["unit"] = unit_name(v.base_unit);
				j["base_unit"] = v.base_unit;
				j["unit_modifier"] = v.unit_modifier;
				j["resolution"] = number_json(v.resolution);
				j["offset"] = number_json(v.offset);
				j["data_size"] = u8of(v.data_size);
				json th = json::object();
				if (v.supported_thresholds & 0x01)
					th["warning_high"] = number_json(converted(v, v.warning_high));
				if (v.supported_thresholds & 0x02)
					th["critical_high"] = number_json(converted(v, v.critical_high));
				if (v.supported_thresholds & 0x04)
					th["fatal_high"] = number_json(converted(v, v.fatal_high));
				if (v.supported_thresholds & 0x08)
					th["warning_low"] = number_json(converted(v, v.warning_low));
				if (v.supported_thresholds & 0x10)
					th["critical_low"] = number_json(converted(v, v.critical_low));
				if (v.supported_thresholds & 0x20)
					th["fatal_low"] = number_json(converted(v, v.fatal_low));
				j["thresholds"] = th;
				j["max_readable"] = number_json(converted(v, v.max_readable));
				j["min_readable"] = number_json(converted(v, v.min_readable));
			} else if constexpr (std::is_same_v<T, plat::StateSensorPdr>) {
				j["kind"] = "state sensor";
				j["sensor_id"] = v.sensor_id;
				j["entity"] = entity_json(v.entity);
				json sets = json::array();
				for (const auto &s : v.sensors) {
					json states = json::array();
					for (unsigned n = 0; n < s.possible_states.size() * 8; n++)
						if (s.possible(n))
							states.push_back(n);
					sets.push_back({{"state_set", s.id}, {"possible_states", states}});
				}
				j["sensors"] = sets;
			} else if constexpr (std::is_same_v<T, plat::EntityAssociationPdr>) {
				j["kind"] = "entity association";
				j["container_id"] = v.container_id;
				j["association_type"] = v.association_type;
				j["container"] = entity_json(v.container);
				json c = json::array();
				for (const auto &e : v.children)
					c.push_back(entity_json(e));
				j["children"] = c;
			} else if constexpr (std::is_same_v<T, plat::TerminusLocatorPdr>) {
				j["kind"] = "terminus locator";
				j["terminus_handle"] = v.terminus_handle;
				j["valid"] = v.validity == 1;
				j["tid"] = v.tid;
				if (auto e = v.eid())
					j["eid"] = *e;
				else
					j["locator_type"] = u8of(v.locator_type);
			} else {
				j["kind"] = "other";
				j["size"] = v.data.size();
			}
		},
		*p.decoded);
	return j;
}

std::string pdr_text(const FetchedPdr &p)
{
	const json j = pdr_json(p);
	std::string s = "record " + std::to_string(p.handle) + ": ";
	if (j.contains("error"))
		return s + "does not decode: " + j["error"].get<std::string>() + "\n";
	const auto kind = j["kind"].get<std::string>();
	s += kind;
	if (j.contains("sensor_id"))
		s += " " + std::to_string(j["sensor_id"].get<unsigned>());
	if (kind == "numeric sensor") {
		s += ", " + j["unit"].get<std::string>();
		for (const auto &[k, v] : j["thresholds"].items())
			s += ", " + k + " " + v.dump();
	} else if (kind == "state sensor") {
		for (const auto &set : j["sensors"])
			s += ", state set " + set["state_set"].dump();
	} else if (kind == "entity association") {
		s += ": entity " + j["container"]["type"].dump() + " contains " +
		     std::to_string(j["children"].size()) + " entities";
	} else if (kind == "terminus locator") {
		s += ": TID " + j["tid"].dump() + (j["valid"].get<bool>() ? "" : " (not valid)");
		if (j.contains("eid"))
			s += ", EID " + j["eid"].dump();
	}
	return s + "\n";
}

json sensor_json(const SensorResult &s)
{
	const auto &r = s.reading;
	json j = {{"sensor_id", s.id}, {"raw", number_json(r.reading)}};
	if (s.pdr) {
		j["reading"] = number_json(converted(*s.pdr, r.reading));
		j["unit"] = unit_name(s.pdr->base_unit);
	}
	j["present_state"] = sensor_state_name(r.present_state);
	j["previous_state"] = sensor_state_name(r.previous_state);
	j["event_state"] = sensor_state_name(r.event_state);
	j["op_state"] = op_state_name(r.op_state);
	j["event_enable"] = event_enable_name(r.event_enable);
	return j;
}

std::string sensor_text(const SensorResult &s)
{
	const auto &r = s.reading;
	std::string v = s.pdr ? number(converted(*s.pdr, r.reading)) + " " + unit_name(s.pdr->base_unit)
			      : number(r.reading) + " (raw; no PDR for the units)";
	return "sensor " + std::to_string(s.id) + ": " + v + ", " + sensor_state_name(r.present_state) +
	       " (previous " + sensor_state_name(r.previous_state) + "), " + op_state_name(r.op_state) + "\n";
}

json state_sensor_json(const StateSensorResult &s)
{
	json fields = json::array();
	for (std::size_t i = 0; i < s.readings.fields.size(); i++) {
		const auto &f = s.readings.fields[i];
		json j = {{"op_state", op_state_name(f.op_state)},
			  {"present_state", f.present_state},
			  {"previous_state", f.previous_state},
			  {"event_state", f.event_state}};
		if (s.pdr && i < s.pdr->sensors.size()) {
			j["state_set"] = s.pdr->sensors[i].id;
			if (s.pdr->sensors[i].id == 1)
				j["present_state_name"] = health_state_name(f.present_state);
		}
		fields.push_back(j);
	}
	return {{"sensor_id", s.id}, {"sensors", fields}};
}

std::string state_sensor_text(const StateSensorResult &s)
{
	std::string out;
	const json j = state_sensor_json(s);
	for (std::size_t i = 0; i < j["sensors"].size(); i++) {
		const auto &f = j["sensors"][i];
		out += "state sensor " + std::to_string(s.id) + "." + std::to_string(i) + ": state " +
		       f["present_state"].dump();
		if (f.contains("present_state_name"))
			out += " (" + f["present_state_name"].get<std::string>() + ")";
		out += ", previous " + f["previous_state"].dump() + ", " + f["op_state"].get<std::string>() + "\n";
	}
	return out;
}

json fru_json(const FruResult &f)
{
	json records = json::array();
	for (const auto &r : f.records) {
		json fields = json::array();
		for (const auto &fl : r.fields) {
			json j = {{"type", fl.type}};
			const char *name = r.type == fru::RecordType::General ? fru::general_field_name(fl.type) : "";
			if (*name)
				j["name"] = name;
			const bool general = r.type == fru::RecordType::General;
			const bool binary = general ? fl.type == fru::field::VendorIana ||
							      fl.type == fru::field::ManufactureDate
						    : fl.type == fru::field::OemVendorIana;
			auto t = binary ? std::nullopt : r.text(fl.type);
			if (t) {
				j["value"] = *t;
			} else {
				std::string h;
				for (auto b : fl.value) {
					char x[4];
					std::snprintf(x, sizeof(x), "%02x", b);
					h += x;
				}
				j["hex"] = h;
			}
			fields.push_back(j);
		}
		json rec = {{"record_set_id", r.record_set_id},
			    {"type", r.type == fru::RecordType::General ? "general" : "oem"}};
		if (auto iana = r.vendor_iana())
			rec["vendor_iana"] = *iana;
		rec["fields"] = fields;
		records.push_back(rec);
	}
	return {{"records", records},
		{"record_sets", f.metadata.record_sets},
		{"table_length", f.metadata.length}};
}

std::string fru_text(const FruResult &f)
{
	std::string out;
	const json j = fru_json(f);
	for (const auto &r : j["records"]) {
		out += "record set " + r["record_set_id"].dump() + " (" + r["type"].get<std::string>() + ")";
		if (r.contains("vendor_iana"))
			out += ", vendor IANA " + r["vendor_iana"].dump();
		out += "\n";
		for (const auto &fl : r["fields"]) {
			const std::string name = fl.contains("name") ? fl["name"].get<std::string>()
								     : "field " + fl["type"].dump();
			out += "  " + name + ": " +
			       (fl.contains("value") ? fl["value"].get<std::string>() : fl["hex"].get<std::string>()) +
			       "\n";
		}
	}
	return out;
}

} // namespace mctpxx::pldm::tool
