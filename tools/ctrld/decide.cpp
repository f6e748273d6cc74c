// SPDX-License-Identifier: GPL-2.0
#include "decide.hpp"

#include <cerrno>

namespace mctpxx::ctrld {

namespace {

constexpr unsigned char kRtnUnicast = 1;

bool unicast(unsigned eid)
{
	return eid >= 8 && eid <= 254;
}

std::string eid_str(unsigned eid)
{
	return "EID " + std::to_string(eid);
}

Decision keep(std::uint8_t eid)
{
	Decision d;
	d.action = Decision::Action::Keep;
	d.eid = eid;
	return d;
}

Decision assign(std::uint8_t eid)
{
	Decision d;
	d.action = Decision::Action::Assign;
	d.eid = eid;
	return d;
}

Decision reject(int code, std::string msg)
{
	Decision d;
	d.action = Decision::Action::Reject;
	d.error = Error{code, std::move(msg)};
	return d;
}

Decision conflict(std::string msg)
{
	Decision d = reject(EADDRINUSE, msg);
	d.conflict = std::move(msg);
	return d;
}

// The route is one an earlier run made for the endpoint at @p.
bool left_for(const NetlinkView &v, const nl::RouteEntry &r, std::uint8_t eid, const PhysKey &p)
{
	if (r.gateway || r.extent != 0 || r.ifindex != p.ifindex)
		return false;
	for (const auto &n : v.neighs)
		if (n.ifindex == p.ifindex && n.eid == eid && n.lladdr == p.addr)
			return true;
	return false;
}

Decision from_pool(const DecideInput &in, std::optional<std::uint8_t> preferred)
{
	EidPool pool = in.state.pool; // what it would hand out; the caller takes it
	auto busy = [&](std::uint8_t e) { return eid_holder(in.state, e, in.phys).has_value(); };
	if (auto e = pool.allocate(preferred, busy))
		return assign(*e);
	return reject(ENOSPC, "no free EID in the pool of network " + std::to_string(in.state.net) +
				      " for " + in.where);
}

std::string claims(const DecideInput &in, std::uint8_t eid, const std::string &who)
{
	return "EID conflict: " + in.where + " claims " + eid_str(eid) + ", " + who;
}

} // namespace

std::optional<unsigned> NetlinkView::net_of(int ifindex) const
{
	for (const auto &l : links)
		if (l.ifindex == ifindex)
			return l.net.value_or(1);
	return std::nullopt;
}

std::optional<std::string> eid_holder(const EidUsage &s, std::uint8_t eid, const PhysKey &p)
{
	if (auto it = s.endpoints.find(eid); it != s.endpoints.end()) {
		if (it->second.phys == p)
			return std::nullopt;
		return "in use by the endpoint at " + it->second.where;
	}
	if (s.pool.is_used(eid))
		return "being assigned to another endpoint";
	const NetlinkView &v = s.netlink;
	for (const auto &a : v.addrs)
		if (a.eid == eid && v.net_of(a.ifindex) == s.net)
			return "a local address of this host";
	for (const auto &r : v.routes) {
		if (r.type != kRtnUnicast || eid < r.eid || eid > r.eid + r.extent)
			continue;
		const auto rnet = r.gateway ? std::optional<unsigned>(r.gateway->net) : v.net_of(r.ifindex);
		if (rnet == s.net && !left_for(v, r, eid, p))
			return "routed elsewhere by an existing route";
	}
	return std::nullopt;
}

Decision decide(const DecideInput &in)
{
	if (in.twin) {
		if (in.twin->available)
			return reject(EEXIST, in.where + " is " + eid_str(in.twin->key.eid) +
						      " (same UUID), already reached at " + in.twin->where);
		Decision d;
		d.action = Decision::Action::Supersede;
		d.twin = in.twin->key;
		return d;
	}
	const std::uint8_t cur = in.eid;
	const bool cur_valid = unicast(cur);
	const auto cur_taken = cur_valid ? eid_holder(in.state, cur, in.phys) : std::nullopt;

	switch (in.mode) {
	case SetupMode::Learn:
		if (!cur_valid)
			return reject(EADDRNOTAVAIL, in.where + " has no EID to learn");
		if (cur_taken)
			return conflict(claims(in, cur, *cur_taken));
		return keep(cur);
	case SetupMode::AssignStatic: {
		if (!in.want || !unicast(*in.want))
			return reject(EINVAL, "a static EID must be 8..254");
		auto t = eid_holder(in.state, *in.want, in.phys);
		if (t || in.state.pool.is_used(*in.want))
			return reject(EADDRINUSE, eid_str(*in.want) + " is " + t.value_or("in use"));
		return assign(*in.want);
	}
	case SetupMode::Assign:
		return from_pool(in, std::nullopt); // a new one, not the old
	case SetupMode::Discover:
	case SetupMode::Setup:
		break;
	}
	// Its own EID if nobody else has it and it is static, in the pool or
	// the one it had before (on a network without a pool: any).
	const bool keeps = cur_valid && !cur_taken &&
			   (in.eid_type != control::EidType::Dynamic || in.state.pool.in_pool(cur) ||
			    in.remembered == cur || !in.state.configured);
	if (keeps)
		return keep(cur);
	Decision d = from_pool(in, in.remembered);
	if (cur_valid && cur_taken)
		d.conflict = claims(in, cur, *cur_taken) + "; assigning another";
	return d;
}

Decision decide_refused(const EidUsage &s, const PhysKey &p, const std::string &where,
			std::uint8_t asked, std::uint8_t claimed)
{
	auto why = unicast(claimed) ? eid_holder(s, claimed, p)
				    : std::optional<std::string>("not a valid EID");
	if (!why && !s.pool.is_used(claimed))
		return keep(claimed);
	return conflict("EID conflict: " + where + " refused " + eid_str(asked) + " and claims " +
			eid_str(claimed) + ", " + why.value_or("in use") + "; not added");
}

AnnounceAction decide_announced(const EndpointKey &known,
				const std::optional<control::Uuid> &known_uuid, std::uint8_t eid,
				const std::optional<control::Uuid> &uuid)
{
	if (uuid != known_uuid)
		return AnnounceAction::Replace;
	if (eid == known.eid)
		return AnnounceAction::Confirm;
	return AnnounceAction::Restore; // no EID (power cycle) or another one
}

} // namespace mctpxx::ctrld
