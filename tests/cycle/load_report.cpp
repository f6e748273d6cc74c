// SPDX-License-Identifier: GPL-2.0
#include "load_report.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>

namespace mctpxx::cycle {

bool is_tag_exhaustion(int err)
{
	return err == EBUSY || err == EAGAIN;
}

std::string error_meaning(int err)
{
	switch (err) {
	case EBUSY:
	case EAGAIN:
		return "tag exhaustion: all 8 tags towards that endpoint were held by other "
		       "requests, none could be allocated";
	case ETIMEDOUT:
		return "no response within the request timeout";
	case EBADMSG:
		return "a response that does not answer the request";
	case 0:
		return "an error without errno";
	default:
		return std::strerror(err);
	}
}

LoadReport summarize(const std::vector<RequesterCounts> &counts)
{
	LoadReport r;
	std::map<int, std::uint64_t> other;
	for (unsigned i = 0; i < counts.size(); i++) {
		const auto &c = counts[i];
		r.completed += c.completed;
		r.stray += c.stray;
		if (i == 0 || c.completed < r.min_completed)
			r.min_completed = c.completed;
		if (i == 0 || c.completed > r.max_completed)
			r.max_completed = c.completed;
		if (!c.completed)
			r.starved.push_back(i);
		bool exhausted = false;
		for (const auto &[err, n] : c.errors) {
			if (is_tag_exhaustion(err)) {
				r.tag_exhausted += n;
				exhausted = true;
			} else {
				other[err] += n;
			}
		}
		r.requesters_exhausted += exhausted;
	}
	r.other_errors.assign(other.begin(), other.end());
	r.ratio = r.min_completed ? double(r.max_completed) / double(r.min_completed) : 0.0;
	r.pass = !counts.empty() && r.starved.empty() && r.other_errors.empty();
	return r;
}

std::string format(const LoadReport &r)
{
	char ratio[32] = "infinite (starved)";
	if (r.min_completed)
		std::snprintf(ratio, sizeof(ratio), "%.2f", r.ratio);
	std::string s = "completed: " + std::to_string(r.completed) + " requests; per requester min " +
			std::to_string(r.min_completed) + ", max " + std::to_string(r.max_completed) +
			", max/min " + ratio + "\n";
	s += "tag exhaustion (EBUSY/EAGAIN): " + std::to_string(r.tag_exhausted) + ", met by " +
	     std::to_string(r.requesters_exhausted) + " requesters: " + error_meaning(EBUSY) + "\n";
	s += "stray responses: " + std::to_string(r.stray) +
	     " (under a request's tag but answering another request, as a late response to one "
	     "that used the tag value before: ignored, the instance ID tells them apart)\n";
	if (r.other_errors.empty())
		s += "other errors: none\n";
	for (const auto &[err, n] : r.other_errors) {
		const char *name = err ? strerrorname_np(err) : nullptr;
		s += "error " + std::string(name ? name : std::to_string(err)) + ": " + std::to_string(n) +
		     " (" + error_meaning(err) + ")\n";
	}
	s += "starved requesters (completed nothing): " + std::to_string(r.starved.size());
	std::string which;
	for (std::size_t i = 0; i < r.starved.size() && i < 20; i++)
		which += (i ? " " : "") + std::to_string(r.starved[i]);
	if (!which.empty())
		s += " (" + which + (r.starved.size() > 20 ? " ...)" : ")");
	return s;
}

} // namespace mctpxx::cycle
