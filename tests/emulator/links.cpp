// SPDX-License-Identifier: GPL-2.0
#include "links.hpp"

#include <cerrno>

namespace mctpxx::emu {
namespace {

bool servable(const nl::Link &l)
{
	return l.is_mctp() && l.name != "lo";
}

} // namespace

Status Links::add(const nl::Link &l)
{
	if (served_.count(l.ifindex))
		return {};
	if (!l.up) {
		nl::LinkChange c;
		c.up = true;
		if (auto s = nl_.set_link(l.ifindex, c); !s)
			return fail(Error{s.error().code, l.name + ": " + s.error().message});
	}
	Options o = base_.all_links ? options_for_link(base_, l.hwaddr) : base_;
	if (o.nvme && !l.hwaddr.empty())
		o.nvme->smbus_addr = l.hwaddr.back();
	if (o.ncsi && !l.hwaddr.empty())
		o.ncsi->smbus_addr = l.hwaddr.back();
	const auto uuid = o.identity.uuid;
	auto [it, added] = served_.emplace(l.ifindex, Served{l, Emulator(std::move(o))});
	if (base_.static_eid)
		if (auto s = set_eid(it->second, *base_.static_eid); !s) {
			served_.erase(it);
			return s;
		}
	say_("serving " + l.name +
	     (base_.static_eid ? " with EID " + std::to_string(*base_.static_eid)
			       : std::string(" without an EID")) +
	     (uuid ? ", UUID " + control::uuid_to_string(*uuid) : ""));
	return {};
}

void Links::remove(int ifindex)
{
	auto it = served_.find(ifindex);
	if (it == served_.end())
		return;
	say_("link " + it->second.link.name + " went away");
	served_.erase(it);
}

void Links::sync(const std::vector<nl::Link> &now)
{
	std::vector<int> gone;
	for (const auto &[ifindex, s] : served_) {
		bool there = false;
		for (const auto &l : now)
			there = there || l.ifindex == ifindex;
		if (!there)
			gone.push_back(ifindex);
	}
	for (int i : gone)
		remove(i);
	for (const auto &l : now)
		if (servable(l))
			if (auto s = add(l); !s)
				say_("cannot serve " + l.name + ": " + s.error().message);
}

void Links::event(const nl::Event &ev)
{
	const auto *l = std::get_if<nl::Link>(&ev.object);
	if (!l)
		return;
	if (ev.kind == nl::Event::Kind::DelLink) {
		remove(l->ifindex);
		return;
	}
	if (ev.kind == nl::Event::Kind::NewLink && servable(*l))
		if (auto s = add(*l); !s)
			say_("cannot serve " + l->name + ": " + s.error().message);
}

Served *Links::find(int ifindex)
{
	auto it = served_.find(ifindex);
	return it == served_.end() ? nullptr : &it->second;
}

bool Links::toggle_silent()
{
	base_.silent = !base_.silent;
	for (auto &[i, s] : served_)
		if (s.emu.silent() != base_.silent)
			s.emu.toggle_silent();
	return base_.silent;
}

bool Links::toggle_power()
{
	powered_ = !powered_;
	for (auto &[i, s] : served_) {
		s.emu.power(powered_);
		if (!powered_ && s.emu.eid()) {
			if (auto r = nl_.del_address(nl::AddrEntry{s.link.ifindex, s.emu.eid()}); !r)
				say_(s.link.name + ": dropping EID " + std::to_string(s.emu.eid()) + ": " +
				     r.error().message);
			s.emu.set_eid(0);
		}
		if (powered_ && base_.static_eid)
			if (auto r = set_eid(s, *base_.static_eid); !r)
				say_(s.link.name + ": " + r.error().message);
	}
	return powered_;
}

Status Links::set_eid(Served &s, std::uint8_t eid)
{
	const std::uint8_t old = s.emu.eid();
	if (old && old != eid)
		(void)nl_.del_address(nl::AddrEntry{s.link.ifindex, old});
	auto r = nl_.add_address(nl::AddrEntry{s.link.ifindex, eid});
	if (!r && r.error().code != EEXIST)
		return r;
	s.emu.set_eid(eid);
	return {};
}

} // namespace mctpxx::emu
