// SPDX-License-Identifier: GPL-2.0
#include "controller.hpp"

#include <poll.h>

#include "log.hpp"

namespace mctpxx::ctrld {
namespace {

// The journal fields of a request's target.
LogFields fields_of(const Target &t)
{
	LogFields f;
	if (t.eid != kEidNull)
		f.eid = t.eid;
	if (t.net != kNetAny)
		f.net = t.net;
	if (t.phys)
		f.phys = t.phys->haddr;
	return f;
}

using control::Command;

// The decoded form of a response, or the error that says what was wrong.
template <typename T>
Result<T> check_decoded(Result<T> r, std::span<const std::uint8_t> raw, const Target &to,
			Command cmd)
{
	if (r)
		return r;
	auto head = control::parse_response(raw);
	if (head && head->cc != control::Completion::Success)
		return fail(Error{EREMOTEIO, to.name + ": " + r.error().message});
	log_warning("malformed " + control::to_string(cmd) + " response from " + to.name + ": " +
			    r.error().message + " (ignored)",
		    fields_of(to));
	return fail(Error{EBADMSG, "malformed response from " + to.name + ": " + r.error().message});
}

} // namespace

bool endpoint_silent(const Error &e)
{
	return e.code != EBUSY && e.code != EAGAIN;
}

bool response_matches(std::span<const std::uint8_t> msg, Command cmd, std::uint8_t instance,
		      std::string &why_not)
{
	auto h = control::parse_header(msg);
	if (!h) {
		why_not = h.error().message;
		return false;
	}
	if (h->request) {
		why_not = "a request, not a response";
		return false;
	}
	if (h->command != cmd) {
		why_not = "answers " + control::to_string(h->command) + ", not " + control::to_string(cmd);
		return false;
	}
	if (h->instance != instance) {
		why_not = "instance ID " + std::to_string(h->instance) + ", expected " +
			  std::to_string(instance);
		return false;
	}
	return true;
}

namespace {

bool queued(int fd)
{
	pollfd p{fd, POLLIN, 0};
	return ::poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

} // namespace

Task<Result<Bytes>> Controller::transact(Target to, Bytes request)
{
	if (request.size() < 2)
		co_return fail(Error::msg("control request too short"));
	auto sock = Socket::open();
	if (!sock)
		co_return fail(sock.error());
	if (to.phys)
		if (auto s = sock->set_ext_addressing(true); !s)
			co_return fail(s.error());
	Address dest{to.net, to.eid, control::kMessageType, kTagOwner, to.phys};
	const auto cmd = static_cast<Command>(request[1]);

	const unsigned retries = to.retries.value_or(opts_.retries);
	for (unsigned attempt = 0; attempt <= retries; attempt++) {
		const std::uint8_t inst = next_instance();
		request[0] = static_cast<std::uint8_t>((request[0] & ~control::kInstanceMask) | inst);
		if (auto s = sock->send(dest, request); !s)
			co_return fail(Error{s.error().code, to.name + ": " + s.error().message});
		const Deadline deadline = Clock::now() + opts_.timeout;
		for (;;) {
			// At the deadline, a response that came in time may still be
			// queued (the loop was busy elsewhere when it arrived): take
			// what is there before calling the attempt lost.
			if (!co_await loop_.readable(sock->fd(), deadline) && !queued(sock->fd()))
				break;
			auto m = sock->receive(Clock::now());
			if (!m) {
				if (m.error().code == ETIMEDOUT)
					continue;
				co_return fail(m.error());
			}
			if (m->from.type != control::kMessageType)
				continue;
			std::string why;
			if (response_matches(m->data, cmd, inst, why))
				co_return std::move(m->data);
			log_notice("ignoring a control message from " + to.name + " (EID " +
					   std::to_string(m->from.eid) + "): " + why,
				   fields_of(to));
		}
		log_debug(to.name + ": no response to " + control::to_string(cmd) + " (attempt " +
				  std::to_string(attempt + 1) + ")",
			  fields_of(to));
	}
	co_return fail(Error{ETIMEDOUT, to.name + ": no response to " + control::to_string(cmd)});
}

Task<Result<control::GetEndpointIdResponse>> Controller::get_eid(Target to)
{
	auto r = co_await transact(to, control::encode_request(Command::GetEndpointId, 0));
	if (!r)
		co_return fail(r.error());
	co_return check_decoded(control::decode_get_eid_response(*r), *r, to, Command::GetEndpointId);
}

Task<Result<control::SetEndpointIdResponse>> Controller::set_eid(Target to, std::uint8_t eid)
{
	control::SetEndpointIdRequest req{control::SetEidOp::Set, eid};
	auto r = co_await transact(to, control::encode(req, 0));
	if (!r)
		co_return fail(r.error());
	co_return check_decoded(control::decode_set_eid_response(*r), *r, to, Command::SetEndpointId);
}

Task<Result<control::Uuid>> Controller::get_uuid(Target to)
{
	auto r = co_await transact(to, control::encode_request(Command::GetEndpointUuid, 0));
	if (!r)
		co_return fail(r.error());
	auto d = check_decoded(control::decode_uuid_response(*r), *r, to, Command::GetEndpointUuid);
	if (!d)
		co_return fail(d.error());
	co_return d->uuid;
}

Task<Result<std::vector<control::VersionEntry>>> Controller::get_versions(Target to,
									 std::uint8_t type)
{
	control::GetVersionSupportRequest req{type};
	auto r = co_await transact(to, control::encode(req, 0));
	if (!r)
		co_return fail(r.error());
	auto d = check_decoded(control::decode_version_response(*r), *r, to,
			       Command::GetVersionSupport);
	if (!d)
		co_return fail(d.error());
	co_return std::move(d->versions);
}

Task<Result<std::vector<std::uint8_t>>> Controller::get_message_types(Target to)
{
	auto r = co_await transact(to, control::encode_request(Command::GetMessageTypeSupport, 0));
	if (!r)
		co_return fail(r.error());
	auto d = check_decoded(control::decode_message_types_response(*r), *r, to,
			       Command::GetMessageTypeSupport);
	if (!d)
		co_return fail(d.error());
	co_return std::move(d->types);
}

Task<Result<std::vector<control::GetVendorMessageSupportResponse>>>
Controller::get_vendor_support(Target to)
{
	std::vector<control::GetVendorMessageSupportResponse> out;
	std::uint8_t sel = 0;
	for (int i = 0; i < 32; i++) {
		control::GetVendorMessageSupportRequest req{sel};
		auto r = co_await transact(to, control::encode(req, 0));
		if (!r)
			co_return fail(r.error());
		auto d = check_decoded(control::decode_vendor_response(*r), *r, to,
				       Command::GetVendorMessageSupport);
		if (!d)
			co_return fail(d.error());
		out.push_back(*d);
		if (d->next_selector == 0xff || d->next_selector <= sel)
			break;
		sel = d->next_selector;
	}
	co_return out;
}

} // namespace mctpxx::ctrld
