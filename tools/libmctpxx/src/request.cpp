// SPDX-License-Identifier: GPL-2.0
#include "mctpxx/request.hpp"

#include <optional>

namespace mctpxx {
namespace {

bool matches(const Message &m, const Address &to, std::optional<std::uint8_t> tag)
{
	if (m.from.type != to.type)
		return false;
	if (m.from.tag & kTagOwner) // a request, not a response
		return false;
	if (tag && (m.from.tag & kTagMask) != (*tag & kTagMask))
		return false;
	if (to.eid != kEidAny && m.from.eid != to.eid)
		return false;
	return true;
}

} // namespace

Result<std::vector<Message>> request(Socket &sock, const Address &to,
				     std::span<const std::uint8_t> data,
				     const RequestOptions &opts)
{
	const Deadline deadline = Clock::now() + opts.timeout;
	std::optional<TagGuard> guard;
	std::optional<std::uint8_t> tag;
	Address dest = to;

	if (to.tag & kTagPrealloc) {
		tag = to.tag;
		dest.tag = to.tag | kTagOwner;
	} else if (opts.preallocate_tag && to.eid != kEidAny) {
		auto g = TagGuard::alloc(sock, to.net, to.eid);
		if (!g)
			return fail(g.error());
		guard.emplace(std::move(*g));
		tag = guard->tag();
		dest.tag = *tag | kTagOwner | kTagPrealloc;
	} else {
		dest.tag = kTagOwner;
	}

	if (auto s = sock.send(dest, data); !s)
		return fail(s.error());

	std::vector<Message> out;
	for (;;) {
		auto m = sock.receive(deadline);
		if (!m) {
			if (m.error().code == ETIMEDOUT && !out.empty())
				return out;
			return fail(m.error());
		}
		if (!matches(*m, to, tag))
			continue;
		out.push_back(std::move(*m));
		if (!opts.collect_all)
			return out;
	}
}

} // namespace mctpxx
