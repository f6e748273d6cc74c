// SPDX-License-Identifier: GPL-2.0
#include "pldm_responder.hpp"

#include <algorithm>

namespace mctpxx::emu::pldm {
namespace fru = mctpxx::pldm::fru;
namespace cc = mctpxx::pldm::cc;
using mctpxx::pldm::BaseCommand;
using mctpxx::pldm::Header;
using mctpxx::pldm::TransferFlag;
using mctpxx::pldm::TransferOp;
using mctpxx::pldm::Type;
using mctpxx::pldm::Ver32;

namespace {

// command-specific completion codes
constexpr std::uint8_t kInvalidPldmTypeInRequest = 0x83; // GetPLDMVersion, GetPLDMCommands
constexpr std::uint8_t kInvalidSensorId = 0x80;		  // GetSensorReading, GetStateSensorReadings
constexpr std::uint8_t kInvalidRecordHandle = 0x82;	  // GetPDR
constexpr std::uint8_t kEnableMethodNotSupported = 0x81; // SetEventReceiver

Ver32 version_of(std::uint8_t type)
{
	switch (type) {
	case 0: return Ver32{0xf1, 0xf1, 0xf0, 0x00}; // DSP0240 1.1.0
	case 2: return Ver32{0xf1, 0xf2, 0xf0, 0x00}; // DSP0248 1.2.0
	default: return Ver32{0xf1, 0xf0, 0xf0, 0x00}; // DSP0257 1.0.0
	}
}

bool supported_type(std::uint8_t t)
{
	return t == 0 || t == 2 || t == 4;
}

template <typename E>
std::uint8_t u8of(E e)
{
	return static_cast<std::uint8_t>(e);
}

class Answer {
public:
	Answer(const Header &h, std::string *note) : h_(h), note_(note) {}

	std::optional<Bytes> cc(std::uint8_t code, const std::string &why)
	{
		say(why);
		auto r = mctpxx::pldm::encode_cc_response(h_, code);
		return r ? std::optional<Bytes>(*r) : std::nullopt;
	}
	// A request that did not decode.
	std::optional<Bytes> bad(const Error &e)
	{
		const bool length = e.message.find("truncated") != std::string::npos ||
				    e.message.find("trailing") != std::string::npos;
		return cc(length ? cc::InvalidLength : cc::InvalidData, e.message);
	}
	std::optional<Bytes> ok(Result<Bytes> r, const std::string &what)
	{
		if (!r)
			return cc(cc::Error, "encoding the response: " + r.error().message);
		say(what);
		return std::move(*r);
	}
	void say(const std::string &s)
	{
		if (note_)
			*note_ = s;
	}
	std::uint8_t iid() const { return h_.instance_id; }

private:
	Header h_;
	std::string *note_;
};

// A part of @whole from @handle (an offset), as GetPDR and
// GetFRURecordTable send it.
struct Part {
	std::uint8_t code = cc::Success;
	std::size_t offset = 0, count = 0;
	TransferFlag flag = TransferFlag::StartAndEnd;
	std::uint32_t next = 0;
};
Part part_of(std::size_t size, TransferOp op, std::uint32_t handle, std::size_t max,
	     std::uint8_t bad_handle, std::uint8_t bad_op)
{
	Part p;
	if (op == TransferOp::GetFirstPart) {
		p.offset = 0;
	} else if (op == TransferOp::GetNextPart) {
		if (handle == 0 || handle >= size) {
			p.code = bad_handle;
			return p;
		}
		p.offset = handle;
	} else {
		p.code = bad_op;
		return p;
	}
	p.count = std::min(size - p.offset, max);
	const bool first = p.offset == 0, last = p.offset + p.count == size;
	p.flag = first && last ? TransferFlag::StartAndEnd
		 : first       ? TransferFlag::Start
		 : last	       ? TransferFlag::End
			       : TransferFlag::Middle;
	p.next = last ? 0 : static_cast<std::uint32_t>(p.offset + p.count);
	return p;
}

std::optional<Bytes> base(Card &card, std::span<const std::uint8_t> m, const Header &h, Answer &a)
{
	namespace b = mctpxx::pldm;
	switch (static_cast<BaseCommand>(h.command)) {
	case BaseCommand::SetTid: {
		auto tid = b::decode_set_tid_request(m);
		if (!tid)
			return a.bad(tid.error());
		card.set_tid(*tid);
		return a.ok(b::encode_set_tid_response(a.iid(), cc::Success), "SetTID " + std::to_string(*tid));
	}
	case BaseCommand::GetTid:
		if (auto s = b::decode_get_tid_request(m); !s)
			return a.bad(s.error());
		return a.ok(b::encode_get_tid_response(a.iid(), {cc::Success, card.tid()}), "GetTID");
	case BaseCommand::GetPldmVersion: {
		auto r = b::decode_get_version_request(m);
		if (!r)
			return a.bad(r.error());
		if (!supported_type(r->type))
			return a.cc(kInvalidPldmTypeInRequest, "GetPLDMVersion of type " + std::to_string(r->type));
		if (r->op != TransferOp::GetFirstPart)
			return a.cc(cc::InvalidTransferOperationFlag, "GetPLDMVersion: one part only");
		const Ver32 v = version_of(r->type);
		auto data = b::encode_version_data(std::span<const Ver32>(&v, 1));
		if (!data)
			return a.cc(cc::Error, data.error().message);
		b::GetVersionResponse resp;
		resp.data = *data;
		return a.ok(b::encode_get_version_response(a.iid(), resp),
			    "GetPLDMVersion of type " + std::to_string(r->type));
	}
	case BaseCommand::GetPldmTypes: {
		if (auto s = b::decode_get_types_request(m); !s)
			return a.bad(s.error());
		b::GetTypesResponse resp;
		resp.types.set(0).set(2).set(4);
		return a.ok(b::encode_get_types_response(a.iid(), resp), "GetPLDMTypes");
	}
	case BaseCommand::GetPldmCommands: {
		auto r = b::decode_get_commands_request(m);
		if (!r)
			return a.bad(r.error());
		b::GetCommandsResponse resp;
		// any version of a supported type: the card has one of each
		switch (r->type) {
		case 0:
			for (unsigned c = 1; c <= 5; c++)
				resp.commands.set(c);
			break;
		case 2:
			if (card.events_enabled())
				resp.commands.set(u8of(plat::Command::SetEventReceiver));
			resp.commands.set(u8of(plat::Command::GetSensorReading));
			resp.commands.set(u8of(plat::Command::GetStateSensorReadings));
			resp.commands.set(u8of(plat::Command::GetPdrRepositoryInfo));
			resp.commands.set(u8of(plat::Command::GetPdr));
			break;
		case 4:
			resp.commands.set(u8of(fru::Command::GetFruRecordTableMetadata));
			resp.commands.set(u8of(fru::Command::GetFruRecordTable));
			break;
		default:
			return a.cc(kInvalidPldmTypeInRequest, "GetPLDMCommands of type " + std::to_string(r->type));
		}
		return a.ok(b::encode_get_commands_response(a.iid(), resp),
			    "GetPLDMCommands of type " + std::to_string(r->type));
	}
	}
	return a.cc(cc::UnsupportedCommand, "base command " + std::to_string(h.command) + " unsupported");
}

std::optional<Bytes> platform(Card &card, std::span<const std::uint8_t> m, const Header &h, Answer &a,
			      Clock::time_point now)
{
	switch (static_cast<plat::Command>(h.command)) {
	case plat::Command::GetPdrRepositoryInfo: {
		if (auto s = plat::decode_get_repository_info_request(m); !s)
			return a.bad(s.error());
		return a.ok(plat::encode_get_repository_info_response(a.iid(), card.repository_info()),
			    "GetPDRRepositoryInfo");
	}
	case plat::Command::GetPdr: {
		auto r = plat::decode_get_pdr_request(m);
		if (!r)
			return a.bad(r.error());
		const auto pdrs = card.pdrs();
		auto it = r->record_handle == 0
				  ? pdrs.begin()
				  : std::find_if(pdrs.begin(), pdrs.end(),
						 [&](const Card::Pdr &p) { return p.handle == r->record_handle; });
		if (it == pdrs.end())
			return a.cc(kInvalidRecordHandle, "GetPDR: no record " + std::to_string(r->record_handle));
		if (r->request_count == 0)
			return a.cc(cc::InvalidData, "GetPDR: request count 0");
		const auto p = part_of(it->bytes.size(), r->op, r->transfer_handle,
				       std::min<std::size_t>(r->request_count, kMaxPart),
				       cc::InvalidDataTransferHandle, cc::InvalidTransferOperationFlag);
		if (p.code != cc::Success)
			return a.cc(p.code, "GetPDR: transfer handle " + std::to_string(r->transfer_handle));
		plat::GetPdrResponse resp;
		resp.next_record_handle = std::next(it) == pdrs.end() ? 0 : std::next(it)->handle;
		resp.next_transfer_handle = p.next;
		resp.flag = p.flag;
		resp.data.assign(it->bytes.begin() + static_cast<std::ptrdiff_t>(p.offset),
				 it->bytes.begin() + static_cast<std::ptrdiff_t>(p.offset + p.count));
		if (p.flag == TransferFlag::End)
			resp.transfer_crc = mctpxx::pldm::crc8(it->bytes);
		return a.ok(plat::encode_get_pdr_response(a.iid(), resp),
			    "GetPDR record " + std::to_string(it->handle) + " at " + std::to_string(p.offset));
	}
	case plat::Command::GetSensorReading: {
		auto r = plat::decode_get_sensor_reading_request(m);
		if (!r)
			return a.bad(r.error());
		auto *s = card.numeric(r->sensor_id);
		if (!s)
			return a.cc(kInvalidSensorId, "GetSensorReading: no numeric sensor " + std::to_string(r->sensor_id));
		plat::SensorReading resp;
		resp.data_size = s->data_size;
		resp.op_state = plat::OpState::Enabled;
		resp.event_enable = card.events_enabled() ? plat::EventEnable::EventsEnabled
							  : plat::EventEnable::NoEventGeneration;
		resp.present_state = s->present;
		resp.previous_state = s->previous;
		resp.event_state = s->present;
		resp.reading = s->raw(card.value(*s, now));
		return a.ok(plat::encode_get_sensor_reading_response(a.iid(), resp),
			    "GetSensorReading " + std::to_string(r->sensor_id));
	}
	case plat::Command::GetStateSensorReadings: {
		auto r = plat::decode_get_state_sensor_readings_request(m);
		if (!r)
			return a.bad(r.error());
		auto *s = card.state_sensor(r->sensor_id);
		if (!s)
			return a.cc(kInvalidSensorId, "GetStateSensorReadings: no state sensor " + std::to_string(r->sensor_id));
		plat::StateSensorReadings resp;
		resp.fields = {{plat::OpState::Enabled, s->present, s->previous, s->present}};
		return a.ok(plat::encode_get_state_sensor_readings_response(a.iid(), resp),
			    "GetStateSensorReadings " + std::to_string(r->sensor_id));
	}
	case plat::Command::SetEventReceiver: {
		if (!card.events_enabled())
			return a.cc(cc::UnsupportedCommand, "SetEventReceiver: this card sends no events (--pldm-no-events)");
		auto r = plat::decode_set_event_receiver_request(m);
		if (!r)
			return a.bad(r.error());
		switch (r->enable) {
		case plat::EventGlobalEnable::Disable:
			card.set_receiver(std::nullopt);
			return a.ok(plat::encode_set_event_receiver_response(a.iid(), cc::Success),
				    "SetEventReceiver: events disabled");
		case plat::EventGlobalEnable::EnablePolling:
			return a.cc(kEnableMethodNotSupported, "SetEventReceiver: polling is not supported");
		default:
			card.set_receiver(r->receiver_eid);
			return a.ok(plat::encode_set_event_receiver_response(a.iid(), cc::Success),
				    "SetEventReceiver: events to EID " + std::to_string(r->receiver_eid));
		}
	}
	default:
		break;
	}
	return a.cc(cc::UnsupportedCommand, "platform command " + std::to_string(h.command) + " unsupported");
}

std::optional<Bytes> fru_data(Card &card, std::span<const std::uint8_t> m, const Header &h, Answer &a)
{
	switch (static_cast<fru::Command>(h.command)) {
	case fru::Command::GetFruRecordTableMetadata:
		if (auto s = fru::decode_get_metadata_request(m); !s)
			return a.bad(s.error());
		return a.ok(fru::encode_get_metadata_response(a.iid(), card.fru_metadata()),
			    "GetFRURecordTableMetadata");
	case fru::Command::GetFruRecordTable: {
		auto r = fru::decode_get_table_request(m);
		if (!r)
			return a.bad(r.error());
		const Bytes table = card.fru_table();
		const auto p = part_of(table.size(), r->op, r->transfer_handle, kMaxPart,
				       cc::InvalidDataTransferHandle, cc::InvalidTransferOperationFlag);
		if (p.code != cc::Success)
			return a.cc(p.code, "GetFRURecordTable: transfer handle " + std::to_string(r->transfer_handle));
		fru::GetTableResponse resp;
		resp.next_handle = p.next;
		resp.flag = p.flag;
		resp.data.assign(table.begin() + static_cast<std::ptrdiff_t>(p.offset),
				 table.begin() + static_cast<std::ptrdiff_t>(p.offset + p.count));
		return a.ok(fru::encode_get_table_response(a.iid(), resp),
			    "GetFRURecordTable at " + std::to_string(p.offset));
	}
	default:
		break;
	}
	return a.cc(cc::UnsupportedCommand, "FRU command " + std::to_string(h.command) + " unsupported");
}

} // namespace

std::optional<Bytes> respond(Card &card, std::span<const std::uint8_t> request, Clock::time_point now,
			     std::string *note)
{
	auto h = mctpxx::pldm::decode_header(request);
	if (!h) {
		if (note)
			*note = "dropped: " + h.error().message;
		return std::nullopt;
	}
	if (!h->request) {
		if (note)
			*note = "dropped: not a request";
		return std::nullopt;
	}
	Answer a(*h, note);
	if (!supported_type(h->type))
		return a.cc(cc::InvalidType, "PLDM type " + std::to_string(h->type) + " unsupported");
	if (card.take_not_ready())
		return a.cc(cc::NotReady, "not ready");
	card.update(now);
	switch (static_cast<Type>(h->type)) {
	case Type::Base:
		return base(card, request, *h, a);
	case Type::Platform:
		return platform(card, request, *h, a, now);
	default:
		return fru_data(card, request, *h, a);
	}
}

} // namespace mctpxx::emu::pldm
