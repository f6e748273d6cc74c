// SPDX-License-Identifier: GPL-2.0
#include "endpoint_role.hpp"

#include <fnmatch.h>
#include <sys/epoll.h>

#include <algorithm>

#include "log.hpp"
#include "uuid.hpp"

namespace mctpxx::ctrld {
namespace {

std::string hex_byte(std::uint8_t b)
{
	static const char digits[] = "0123456789abcdef";
	return {digits[b >> 4], digits[b & 0xf]};
}

std::string link_name(const std::vector<nl::Link> &links, int ifindex)
{
	for (const auto &l : links)
		if (l.ifindex == ifindex)
			return l.name;
	return {};
}

} // namespace

control::Uuid own_uuid(const EndpointRole &cfg)
{
	return cfg.uuid ? *cfg.uuid : machine_uuid();
}

LocalEndpoint::LocalEndpoint(const Config &cfg, sd_event *ev, nl::Netlink &nl)
	: cfg_(cfg), ev_(ev), nl_(nl)
{
	id_.uuid = own_uuid(cfg.endpoint);
	id_.message_types = cfg.endpoint.message_types;
	id_.endpoint_type = control::EndpointType::BusOwnerBridge;
}

void LocalEndpoint::on_discovery_notify(DiscoveryHandler h)
{
	discovery_ = std::move(h);
	id_.takes_discovery_notify = static_cast<bool>(discovery_);
}

Status LocalEndpoint::start()
{
	add_static_eids();
	auto s = Socket::open();
	if (!s)
		return fail(s.error());
	if (auto r = s->set_ext_addressing(true); !r)
		return fail(r.error());
	if (auto r = s->bind(kNetAny, kEidAny, control::kMessageType); !r)
		return fail(r.error());
	sock_.emplace(std::move(*s));
	sd_event_source *src = nullptr;
	int r = sd_event_add_io(ev_, &src, sock_->fd(), EPOLLIN, on_io, this);
	if (r < 0)
		return fail(dbus::error(r, "watching the control socket"));
	src_.reset(src);
	log_info("answering control requests as UUID " + uuid_text(*id_.uuid));
	return {};
}

void LocalEndpoint::add_static_eids()
{
	auto links = nl_.links();
	auto addrs = nl_.addresses();
	if (!links || !addrs)
		return;
	for (const auto &[name, eid] : cfg_.endpoint.eids) {
		auto l = std::find_if(links->begin(), links->end(),
				      [&](const nl::Link &x) { return x.name == name; });
		if (l == links->end()) {
			log_warning("own EID " + std::to_string(eid) + ": no link " + name,
				    LogFields{eid, std::nullopt, name, {}});
			continue;
		}
		if (std::any_of(addrs->begin(), addrs->end(), [&](const nl::AddrEntry &a) {
			    return a.ifindex == l->ifindex && a.eid == eid;
		    }))
			continue;
		if (auto s = nl_.add_address(nl::AddrEntry{l->ifindex, eid}); !s)
			log_warning("adding own EID " + std::to_string(eid) + " to " + name + ": " +
					    s.error().message,
				    LogFields{eid, l->net, name, {}});
	}
}

int LocalEndpoint::on_io(sd_event_source *, int, std::uint32_t, void *userdata)
{
	auto *self = static_cast<LocalEndpoint *>(userdata);
	auto m = self->sock_->receive(Clock::now());
	if (!m) {
		if (m.error().code != ETIMEDOUT)
			log_warning("control socket: " + m.error().message);
		return 0;
	}
	self->handle(*m);
	return 0;
}

control::EidState LocalEndpoint::eid_state(int ifindex, const std::string &link) const
{
	control::EidState s;
	auto it = cfg_.endpoint.eids.find(link);
	if (it != cfg_.endpoint.eids.end())
		s.static_eid = it->second;
	if (auto a = assigned_.find(ifindex); a != assigned_.end()) {
		s.eid = a->second;
	} else if (auto addrs = nl_.addresses()) {
		for (const auto &e : *addrs)
			if (e.ifindex == ifindex) {
				s.eid = e.eid;
				break;
			}
	}
	s.accept_assignment = std::any_of(cfg_.endpoint.assignable_links.begin(),
					  cfg_.endpoint.assignable_links.end(),
					  [&](const std::string &g) {
						  return fnmatch(g.c_str(), link.c_str(), 0) == 0;
					  });
	return s;
}

void LocalEndpoint::apply_eid(int ifindex, const std::string &link, std::uint8_t eid)
{
	if (auto old = assigned_.find(ifindex); old != assigned_.end())
		(void)nl_.del_address(nl::AddrEntry{ifindex, old->second});
	if (auto s = nl_.add_address(nl::AddrEntry{ifindex, eid}); !s && s.error().code != EEXIST) {
		log_warning("taking EID " + std::to_string(eid) + " on " + link + ": " +
				    s.error().message,
			    LogFields{eid, std::nullopt, link, {}});
		return;
	}
	assigned_[ifindex] = eid;
	log_notice("bus owner assigned EID " + std::to_string(eid) + " on " + link,
		   LogFields{eid, std::nullopt, link, {}});
}

void LocalEndpoint::handle(const Message &m)
{
	if (!(m.from.tag & kTagOwner))
		return; // a response nobody waits for
	int ifindex = m.from.ext ? m.from.ext->ifindex : 0;
	auto links = nl_.links();
	const std::string link = links ? link_name(*links, ifindex) : std::string();
	const control::EidState st = eid_state(ifindex, link);
	auto reply = control::respond(m.data, id_, st);
	const std::string what = "control request 0x" +
				 (m.data.size() > 1 ? hex_byte(m.data[1]) : std::string("??")) +
				 " from EID " + std::to_string(m.from.eid) + " on " +
				 (link.empty() ? std::string("an unknown link") : link);
	if (!reply) {
		log_debug(what + ": not answered");
		return;
	}
	log_debug(what + ": answering");
	Address to = m.from;
	to.tag = m.from.tag & kTagMask;
	if (auto s = sock_->send(to, reply->response); !s)
		log_notice("answering EID " + std::to_string(m.from.eid) + ": " + s.error().message,
			   LogFields{m.from.eid, m.from.net, link,
				     m.from.ext ? m.from.ext->haddr : std::vector<std::uint8_t>()});
	if (reply->new_eid)
		apply_eid(ifindex, link, *reply->new_eid);
	if (reply->discovery_notify && discovery_ && !link.empty() && m.from.ext &&
	    !m.from.ext->haddr.empty())
		discovery_(link, m.from.ext->haddr);
}

} // namespace mctpxx::ctrld
