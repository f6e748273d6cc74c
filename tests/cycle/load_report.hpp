// SPDX-License-Identifier: GPL-2.0
// The verdict and figures of a load run from the requesters' counts: the
// only acceptable error is tag exhaustion (EBUSY/EAGAIN: all eight tags
// towards the peer held by other requests); a requester that completed
// nothing is starved. Timing is reported, never judged.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "requester.hpp"

namespace mctpxx::cycle {

struct LoadReport {
	std::uint64_t completed = 0;
	std::uint64_t min_completed = 0, max_completed = 0;
	double ratio = 0; // max/min completed per requester (0: a requester starved)
	std::uint64_t stray = 0; // late responses to others' requests, ignored
	std::uint64_t tag_exhausted = 0;
	unsigned requesters_exhausted = 0; // requesters that met it at least once
	std::vector<std::pair<int, std::uint64_t>> other_errors; // errno, count
	std::vector<unsigned> starved;				// requester indexes
	bool pass = false;
};

// Whether @err means no tag was free towards the peer.
bool is_tag_exhaustion(int err);
// What an errno means for a request of this test.
std::string error_meaning(int err);

LoadReport summarize(const std::vector<RequesterCounts> &counts);
// Human-readable lines (no trailing newline on the last).
std::string format(const LoadReport &r);

} // namespace mctpxx::cycle
