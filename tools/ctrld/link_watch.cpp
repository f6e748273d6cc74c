// SPDX-License-Identifier: GPL-2.0
#include "link_watch.hpp"

#include "log.hpp"

namespace mctpxx::ctrld {

Status LinkWatch::start(nl::Netlink &nl)
{
	auto s = nl::Netlink::open();
	if (!s)
		return fail(s.error());
	if (auto w = s->watch_links(); !w)
		return fail(w.error());
	auto links = nl.links();
	if (!links)
		return fail(links.error());
	for (const auto &l : *links)
		if (l.is_mctp())
			up_[l.ifindex] = l.up;
	sock_.emplace(std::move(*s));

	sd_event_source *src = nullptr;
	int r = sd_event_add_io(ev_, &src, sock_->fd(), EPOLLIN, on_io, this);
	if (r < 0)
		return fail(dbus::error(r, "watching link notifications"));
	src_.reset(src);
	return {};
}

int LinkWatch::on_io(sd_event_source *, int, std::uint32_t, void *self)
{
	auto *w = static_cast<LinkWatch *>(self);
	auto complete = w->sock_->read_events([w](const nl::Event &ev) { w->event(ev); });
	if (!complete) {
		log_warning("link notifications stopped (" + complete.error().message +
			    "): links are followed at periodic rescans only");
		sd_event_source_set_enabled(w->src_.get(), SD_EVENT_OFF);
		w->changed_("link notifications stopped", 0);
	} else if (!*complete) {
		w->changed_("link notifications were lost", 0);
	}
	return 0;
}

void LinkWatch::event(const nl::Event &ev)
{
	const auto *l = std::get_if<nl::Link>(&ev.object);
	if (!l)
		return;
	auto it = up_.find(l->ifindex);
	if (ev.kind == nl::Event::Kind::DelLink) {
		if (it == up_.end())
			return;
		up_.erase(it);
		changed_("link " + l->name + " went away", l->ifindex);
		return;
	}
	if (!l->is_mctp())
		return;
	if (it == up_.end()) {
		up_[l->ifindex] = l->up;
		changed_("link " + l->name + " appeared", 0);
	} else if (it->second != l->up) {
		// a link taken down is left alone: its endpoints stay known,
		// and bringing it straight back up would overrule whoever did it
		it->second = l->up;
		if (l->up)
			changed_("link " + l->name + " came up", 0);
	}
}

} // namespace mctpxx::ctrld
