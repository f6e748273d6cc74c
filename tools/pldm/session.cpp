// SPDX-License-Identifier: GPL-2.0
#include "session.hpp"

#include <cerrno>
#include <set>
#include <thread>

#include "mctpxx/netlink.hpp"

namespace mctpxx::pldmd {
namespace {

namespace cc = pldm::cc;
using pldm::Bytes;
namespace platform = pldm::platform;
namespace fru = pldm::fru;

// An error completion code as an error: NOT_READY is EAGAIN (retry later),
// the rest EPROTO.
Error code_error(const std::string &what, std::uint8_t code)
{
	return Error{code == cc::NotReady ? EAGAIN : EPROTO,
		     what + ": " + pldm::completion_code_name(code)};
}

Error malformed(const Error &e)
{
	return Error{EPROTO, "malformed answer: " + e.message};
}

} // namespace

Status Session::open()
{
	if (req_)
		return {};
	auto r = pldm::Requester::open(policy_);
	if (!r)
		return fail(r.error());
	req_.emplace(std::move(*r));
	return {};
}

Result<Bytes> Session::exchange(const Result<Bytes> &request)
{
	if (!request)
		return fail(request.error());
	if (stopping_ && stopping_())
		return fail(Error{ECANCELED, "stopping"});
	if (auto s = open(); !s)
		return fail(s.error());
	const auto since = std::chrono::steady_clock::now() - last_;
	if (since < gap_)
		std::this_thread::sleep_for(gap_ - since);
	auto r = req_->exchange(peer_, *request);
	last_ = std::chrono::steady_clock::now();
	return r;
}

Result<std::uint8_t> Session::tid()
{
	auto a = exchange(pldm::encode_get_tid_request(0));
	if (!a)
		return fail(a.error());
	auto g = pldm::decode_get_tid_response(*a);
	if (!g)
		return fail(malformed(g.error()));
	if (g->completion_code != cc::Success)
		return fail(code_error("GetTID", g->completion_code));
	return g->tid;
}

Result<std::uint8_t> Session::assign_tid(std::uint8_t tid)
{
	auto now = this->tid();
	if (!now)
		return fail(now.error());
	if (*now == tid)
		return tid;
	auto b = exchange(pldm::encode_set_tid_request(0, tid));
	if (!b)
		return fail(b.error());
	auto s = pldm::decode_set_tid_response(*b);
	if (!s)
		return fail(malformed(s.error()));
	if (*s != cc::Success)
		return fail(code_error("SetTID " + std::to_string(tid), *s));
	return tid;
}

Result<std::bitset<64>> Session::types()
{
	auto a = exchange(pldm::encode_get_types_request(0));
	if (!a)
		return fail(a.error());
	auto t = pldm::decode_get_types_response(*a);
	if (!t)
		return fail(malformed(t.error()));
	if (t->completion_code != cc::Success)
		return fail(code_error("GetPLDMTypes", t->completion_code));
	return t->types;
}

Result<std::string> Session::versions(std::uint8_t type)
{
	pldm::MultipartReader parts(4096);
	pldm::GetVersionRequest rq{.transfer_handle = 0, .op = pldm::TransferOp::GetFirstPart, .type = type};
	for (unsigned n = 0; !parts.complete(); n++) {
		if (n > 64)
			return fail(Error{EPROTO, "GetPLDMVersion: more than 64 parts"});
		auto a = exchange(pldm::encode_get_version_request(0, rq));
		if (!a)
			return fail(a.error());
		auto v = pldm::decode_get_version_response(*a);
		if (!v)
			return fail(malformed(v.error()));
		if (v->completion_code != cc::Success)
			return fail(code_error("GetPLDMVersion", v->completion_code));
		if (auto s = parts.add(v->flag, v->next_handle, v->data); !s)
			return fail(Error{EPROTO, "GetPLDMVersion: " + s.error().message});
		rq.transfer_handle = parts.next_handle();
		rq.op = pldm::TransferOp::GetNextPart;
	}
	auto list = pldm::decode_version_data(parts.data());
	if (!list)
		return fail(malformed(list.error()));
	std::string s;
	for (const auto &v : *list)
		s += (s.empty() ? "" : ", ") + v.to_string();
	return s;
}

Result<std::vector<fru::Record>> Session::fru()
{
	auto a = exchange(fru::encode_get_metadata_request(0));
	if (!a)
		return fail(a.error());
	auto md = fru::decode_get_metadata_response(*a);
	if (!md)
		return fail(malformed(md.error()));
	if (md->completion_code != cc::Success)
		return fail(code_error("GetFRURecordTableMetadata", md->completion_code));
	if (md->length > kMaxFruTable)
		return fail(Error{EPROTO, "FRU record table of " + std::to_string(md->length) +
						  " bytes, more than the " + std::to_string(kMaxFruTable) +
						  " this daemon reads"});
	pldm::MultipartReader parts(kMaxFruTable + 8);
	fru::GetTableRequest rq;
	for (unsigned n = 0; !parts.complete(); n++) {
		if (n > 1024)
			return fail(Error{EPROTO, "GetFRURecordTable: more than 1024 parts"});
		auto b = exchange(fru::encode_get_table_request(0, rq));
		if (!b)
			return fail(b.error());
		auto t = fru::decode_get_table_response(*b);
		if (!t)
			return fail(malformed(t.error()));
		if (t->completion_code != cc::Success)
			return fail(code_error("GetFRURecordTable", t->completion_code));
		if (auto s = parts.add(t->flag, t->next_handle, t->data); !s)
			return fail(Error{EPROTO, "GetFRURecordTable: " + s.error().message});
		rq.transfer_handle = parts.next_handle();
		rq.op = pldm::TransferOp::GetNextPart;
	}
	auto records = fru::decode_table(parts.data(), &*md);
	if (!records)
		return fail(Error{EPROTO, records.error().message});
	return records;
}

Result<std::vector<Bytes>> Session::pdrs(std::vector<std::string> &problems)
{
	auto a = exchange(platform::encode_get_repository_info_request(0));
	if (!a)
		return fail(a.error());
	auto info = platform::decode_get_repository_info_response(*a);
	if (!info)
		return fail(malformed(info.error()));
	if (info->completion_code != cc::Success)
		return fail(code_error("GetPDRRepositoryInfo", info->completion_code));
	if (info->state == 1)
		return fail(Error{EAGAIN, "PDR repository update in progress"});
	if (info->record_count > kMaxPdrs)
		problems.push_back("the repository has " + std::to_string(info->record_count) +
				   " PDRs; only the first " + std::to_string(kMaxPdrs) + " are read");

	std::vector<Bytes> out;
	std::set<std::uint32_t> seen;
	std::size_t total = 0;
	std::uint32_t handle = 0;
	do {
		if (out.size() >= kMaxPdrs || total >= kMaxRepositorySize)
			break;
		if (!seen.insert(handle).second) {
			problems.push_back("GetPDR: record handle " + std::to_string(handle) +
					   " comes round again; the walk stops there");
			break;
		}
		pldm::MultipartReader parts(kMaxPdrSize);
		platform::GetPdrRequest rq{.record_handle = handle, .request_count = 255};
		std::optional<std::uint8_t> crc;
		std::uint32_t next_record = 0;
		std::string bad;
		for (unsigned n = 0; !parts.complete(); n++) {
			if (n > kMaxPdrSize / 16) {
				bad = "more parts than a PDR of " + std::to_string(kMaxPdrSize) + " bytes needs";
				break;
			}
			auto b = exchange(platform::encode_get_pdr_request(0, rq));
			if (!b)
				return fail(b.error());
			auto p = platform::decode_get_pdr_response(*b);
			if (!p)
				return fail(malformed(p.error()));
			if (p->completion_code != cc::Success)
				return fail(code_error("GetPDR of record handle " + std::to_string(handle),
						       p->completion_code));
			auto s = parts.add(p->flag, p->next_transfer_handle, p->data);
			if (!s) {
				bad = s.error().message;
				break;
			}
			next_record = p->next_record_handle;
			crc = p->transfer_crc;
			if (n == 0 && parts.data().size() >= 8)
				rq.record_change_number = static_cast<std::uint16_t>(
					parts.data()[6] | parts.data()[7] << 8);
			rq.transfer_handle = parts.next_handle();
			rq.op = pldm::TransferOp::GetNextPart;
		}
		if (bad.empty() && crc) {
			if (auto c = platform::check_transfer_crc(parts.data(), *crc); !c)
				bad = c.error().message;
		}
		if (!bad.empty())
			problems.push_back("PDR record handle " + std::to_string(handle) + ": " + bad +
					   "; skipped");
		else {
			total += parts.data().size();
			out.push_back(parts.data());
		}
		handle = next_record;
	} while (handle != 0);
	return out;
}

Status Session::set_event_receiver(std::uint8_t receiver_eid)
{
	platform::SetEventReceiverRequest rq{.enable = platform::EventGlobalEnable::EnableAsync,
					     .transport = 0,
					     .receiver_eid = receiver_eid};
	auto a = exchange(platform::encode_set_event_receiver_request(0, rq));
	if (!a)
		return fail(a.error());
	auto c = platform::decode_set_event_receiver_response(*a);
	if (!c)
		return fail(malformed(c.error()));
	if (*c == cc::UnsupportedCommand || *c == cc::InvalidData || *c == 0x82 /* enable method not supported */)
		return fail(Error{EOPNOTSUPP, "SetEventReceiver: " + pldm::completion_code_name(*c)});
	if (*c != cc::Success)
		return fail(code_error("SetEventReceiver", *c));
	return {};
}

Result<platform::SensorReading> Session::read_numeric(std::uint16_t id)
{
	auto a = exchange(platform::encode_get_sensor_reading_request(0, {.sensor_id = id}));
	if (!a)
		return fail(a.error());
	auto r = platform::decode_get_sensor_reading_response(*a);
	if (!r)
		return fail(malformed(r.error()));
	if (r->completion_code == cc::NotReady)
		return fail(code_error("GetSensorReading", r->completion_code));
	return r;
}

Result<platform::StateSensorReadings> Session::read_state(std::uint16_t id)
{
	auto a = exchange(platform::encode_get_state_sensor_readings_request(0, {.sensor_id = id}));
	if (!a)
		return fail(a.error());
	auto r = platform::decode_get_state_sensor_readings_response(*a);
	if (!r)
		return fail(malformed(r.error()));
	if (r->completion_code == cc::NotReady)
		return fail(code_error("GetStateSensorReadings", r->completion_code));
	return r;
}

Result<std::uint8_t> local_eid(unsigned net)
{
	auto nl = nl::Netlink::open();
	if (!nl)
		return fail(nl.error());
	auto links = nl->links();
	if (!links)
		return fail(links.error());
	auto addrs = nl->addresses();
	if (!addrs)
		return fail(addrs.error());
	for (const auto &a : *addrs) {
		for (const auto &l : *links) {
			if (l.ifindex == a.ifindex && l.net && *l.net == net && l.name != "lo")
				return a.eid;
		}
	}
	return fail(Error{EADDRNOTAVAIL, "no local MCTP address on network " + std::to_string(net)});
}

} // namespace mctpxx::pldmd
