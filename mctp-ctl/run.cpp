// SPDX-License-Identifier: GPL-2.0
#include "run.hpp"

#include <cstdio>
#include <iostream>

#include "apply.hpp"
#include "cli.hpp"
#include "i2c_place.hpp"
#include "netns.hpp"
#include "view.hpp"

namespace mctpxx::ctl {
namespace {

using nlohmann::json;

int report(const Error &e)
{
	std::fprintf(stderr, "mctp-ctl: %s\n", e.message.c_str());
	return 1;
}

Result<LinkIndex> link_index(nl::Netlink &nl)
{
	auto links = nl.links();
	if (!links)
		return fail(links.error());
	LinkIndex idx;
	for (auto &l : *links)
		idx.by_ifindex.emplace(l.ifindex, std::move(l));
	return idx;
}

Result<nl::Link> mctp_link(const LinkIndex &idx, const std::string &name)
{
	for (const auto &[i, l] : idx.by_ifindex) {
		if (l.name != name)
			continue;
		if (!l.has_mctp())
			return fail(Error{ENODEV, "device \"" + name + "\" is not an MCTP device"});
		return l;
	}
	return fail(Error{ENODEV, "device \"" + name + "\" does not exist"});
}

template <typename T, typename Filter>
int show(const Options &o, const std::vector<T> &items, const LinkIndex &idx, Filter keep)
{
	json arr = json::array();
	for (const auto &it : items) {
		if (!keep(it))
			continue;
		if (o.json)
			arr.push_back(to_json(it, idx));
		else
			std::cout << to_text(it, idx) << "\n";
	}
	if (o.json)
		std::cout << arr.dump() << "\n";
	return 0;
}

int do_link_show(nl::Netlink &nl, const Options &o, const LinkShow &c)
{
	auto idx = link_index(nl);
	if (!idx)
		return report(idx.error());
	json arr = json::array();
	bool found = !c.dev;
	for (const auto &[i, l] : idx->by_ifindex) {
		if (c.dev ? l.name != *c.dev : !l.has_mctp())
			continue;
		found = true;
		const auto place = i2c_place(l.name);
		if (o.json) {
			arr.push_back(to_json(l));
			if (place)
				add_json(arr.back(), *place);
		} else {
			std::cout << to_text(l, o.details);
			if (o.details && place)
				std::cout << " " << to_text(*place);
			std::cout << "\n";
		}
	}
	if (!found)
		return report(Error{ENODEV, "device \"" + *c.dev + "\" does not exist"});
	if (o.json)
		std::cout << arr.dump() << "\n";
	return 0;
}

int do_link_set(nl::Netlink &nl, const LinkSet &c)
{
	auto idx = link_index(nl);
	if (!idx)
		return report(idx.error());
	auto l = mctp_link(*idx, c.dev);
	if (!l)
		return report(l.error());
	auto s = nl.set_link(l->ifindex, nl::LinkChange{c.up, c.mtu, c.net});
	return s ? 0 : report(s.error());
}

int do_addr(nl::Netlink &nl, const Options &o, const Command &cmd)
{
	auto idx = link_index(nl);
	if (!idx)
		return report(idx.error());
	if (const auto *c = std::get_if<AddrChange>(&cmd)) {
		auto l = mctp_link(*idx, c->dev);
		if (!l)
			return report(l.error());
		nl::AddrEntry a{l->ifindex, c->eid};
		auto s = c->add ? nl.add_address(a) : nl.del_address(a);
		return s ? 0 : report(s.error());
	}
	const auto &c = std::get<AddrShow>(cmd);
	int only = 0;
	if (c.dev) {
		auto l = mctp_link(*idx, *c.dev);
		if (!l)
			return report(l.error());
		only = l->ifindex;
	}
	auto addrs = nl.addresses();
	if (!addrs)
		return report(addrs.error());
	return show(o, *addrs, *idx, [&](const nl::AddrEntry &a) { return !only || a.ifindex == only; });
}

int do_route(nl::Netlink &nl, const Options &o, const Command &cmd)
{
	auto idx = link_index(nl);
	if (!idx)
		return report(idx.error());
	if (const auto *c = std::get_if<RouteChange>(&cmd)) {
		nl::RouteEntry r;
		r.eid = c->eid;
		r.extent = c->extent;
		r.mtu = c->mtu.value_or(0);
		if (c->dev) {
			auto l = mctp_link(*idx, *c->dev);
			if (!l)
				return report(l.error());
			r.ifindex = l->ifindex;
		} else {
			r.gateway = nl::Gateway{*c->gw_net, *c->gw_eid};
		}
		auto s = c->add ? nl.add_route(r) : nl.del_route(r);
		return s ? 0 : report(s.error());
	}
	const auto &c = std::get<RouteShow>(cmd);
	auto routes = nl.routes();
	if (!routes)
		return report(routes.error());
	return show(o, *routes, *idx, [&](const nl::RouteEntry &r) {
		return !c.net || (r.gateway ? r.gateway->net : idx->net(r.ifindex)) == *c.net;
	});
}

int do_neigh(nl::Netlink &nl, const Options &o, const Command &cmd)
{
	auto idx = link_index(nl);
	if (!idx)
		return report(idx.error());
	if (const auto *c = std::get_if<NeighChange>(&cmd)) {
		auto l = mctp_link(*idx, c->dev);
		if (!l)
			return report(l.error());
		nl::NeighEntry n{l->ifindex, c->eid, c->lladdr};
		auto s = c->add ? nl.add_neigh(n) : nl.del_neigh(n);
		return s ? 0 : report(s.error());
	}
	const auto &c = std::get<NeighShow>(cmd);
	int only = 0;
	if (c.dev) {
		auto l = mctp_link(*idx, *c.dev);
		if (!l)
			return report(l.error());
		only = l->ifindex;
	}
	auto neighs = nl.neighbours();
	if (!neighs)
		return report(neighs.error());
	return show(o, *neighs, *idx, [&](const nl::NeighEntry &n) { return !only || n.ifindex == only; });
}

int do_monitor(nl::Netlink &nl, const Options &o, const Monitor &m)
{
	auto idx = link_index(nl);
	if (!idx)
		return report(idx.error());
	using K = nl::Event::Kind;
	const nl::Netlink::MonitorScope scope{m.links, m.addresses, m.routes, m.neighbours};
	// on a kernel without route and neighbour notifications (upstream
	// Linux): one line on stderr, and the rest is followed
	auto note = [](const std::string &line) { std::cerr << "mctp-ctl: note: " << line << std::endl; };
	auto s = nl.monitor(scope, [&](const nl::Event &ev) {
		const bool added = ev.kind == K::NewLink || ev.kind == K::NewAddr ||
				   ev.kind == K::NewRoute || ev.kind == K::NewNeigh;
		std::string what;
		json j;
		std::string text;
		if (const auto *l = std::get_if<nl::Link>(&ev.object)) {
			if (!m.links || !l->has_mctp())
				return true;
			if (added)
				idx->by_ifindex[l->ifindex] = *l;
			what = "link";
			j = to_json(*l);
			text = to_text(*l, o.details);
		} else if (const auto *a = std::get_if<nl::AddrEntry>(&ev.object)) {
			if (!m.addresses)
				return true;
			what = "address";
			j = to_json(*a, *idx);
			text = to_text(*a, *idx);
		} else if (const auto *r = std::get_if<nl::RouteEntry>(&ev.object)) {
			if (!m.routes)
				return true;
			what = "route";
			j = to_json(*r, *idx);
			text = to_text(*r, *idx);
		} else if (const auto *n = std::get_if<nl::NeighEntry>(&ev.object)) {
			if (!m.neighbours)
				return true;
			what = "neigh";
			j = to_json(*n, *idx);
			text = to_text(*n, *idx);
		}
		if (o.json)
			std::cout << json{{"event", added ? "new" : "del"}, {"object", what}, {"data", j}}.dump()
				  << std::endl;
		else
			std::cout << "[" << what << "] " << (added ? "new " : "del ") << text << std::endl;
		return true;
	}, note);
	return s ? 0 : report(s.error());
}

} // namespace

int run(const Parsed &p)
{
	if (const auto *h = std::get_if<Help>(&p.command)) {
		std::cout << (h->topic.empty() ? main_help() : help_text(h->topic));
		return 0;
	}
	if (const auto *v = std::get_if<Version>(&p.command)) {
		std::cout << v->text << "\n";
		return 0;
	}
	if (p.options.netns)
		if (auto s = enter_netns(*p.options.netns); !s)
			return report(s.error());
	if (const auto *a = std::get_if<Apply>(&p.command))
		return apply(ApplyRequest{a->file, a->dry_run, std::chrono::seconds(a->wait_s)});
	auto nl = nl::Netlink::open();
	if (!nl)
		return report(nl.error());
	const Command &c = p.command;
	if (const auto *s = std::get_if<LinkShow>(&c))
		return do_link_show(*nl, p.options, *s);
	if (const auto *s = std::get_if<LinkSet>(&c))
		return do_link_set(*nl, *s);
	if (std::holds_alternative<AddrShow>(c) || std::holds_alternative<AddrChange>(c))
		return do_addr(*nl, p.options, c);
	if (std::holds_alternative<RouteShow>(c) || std::holds_alternative<RouteChange>(c))
		return do_route(*nl, p.options, c);
	if (std::holds_alternative<NeighShow>(c) || std::holds_alternative<NeighChange>(c))
		return do_neigh(*nl, p.options, c);
	return do_monitor(*nl, p.options, std::get<Monitor>(c));
}

} // namespace mctpxx::ctl
