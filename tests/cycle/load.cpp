// SPDX-License-Identifier: GPL-2.0
// mctp-load: many concurrent requesters, each a thread with its own
// AF_MCTP socket, sending MCTP control Get Endpoint ID requests to the
// endpoints given (requester i to EID i mod N) for a while; then the
// totals, the per-requester spread (max/min completed) and every error by
// errno with its meaning. Status 1 on any error other than tag exhaustion,
// or when a requester completed nothing.
//
//   mctp-load [-r REQUESTERS] [-d SECONDS] [-t TIMEOUT_MS] [-n NET] EID...
#include <getopt.h>
#include <pthread.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "load_report.hpp"
#include "mctpxx/args.hpp"

namespace {

using namespace mctpxx;
using namespace mctpxx::cycle;

int usage()
{
	std::fprintf(stderr,
		     "usage: mctp-load [-r REQUESTERS] [-d SECONDS] [-t TIMEOUT_MS] [-n NET] EID...\n");
	return 2;
}

int die(const std::string &msg)
{
	std::fprintf(stderr, "mctp-load: %s\n", msg.c_str());
	return 1;
}

// A socket per requester, and then some.
Status raise_fd_limit(unsigned need)
{
	rlimit rl{};
	if (getrlimit(RLIMIT_NOFILE, &rl))
		return fail(Error::last("getrlimit"));
	if (rl.rlim_cur >= need)
		return {};
	rl.rlim_cur = need;
	if (rl.rlim_max < need)
		rl.rlim_max = need;
	if (setrlimit(RLIMIT_NOFILE, &rl))
		return fail(Error::last("setrlimit RLIMIT_NOFILE " + std::to_string(need)));
	return {};
}

} // namespace

int main(int argc, char **argv)
{
	unsigned requesters = 100, seconds = 5, timeout_ms = 30000, net = 1;
	int opt;
	while ((opt = getopt(argc, argv, "r:d:t:n:h")) != -1) {
		Result<unsigned long> v = fail(Error::msg(""));
		switch (opt) {
		case 'r': v = parse_number(optarg, 1, 10000, "requesters"); break;
		case 'd': v = parse_number(optarg, 1, 86400, "seconds"); break;
		case 't': v = parse_number(optarg, 1, 600000, "timeout"); break;
		case 'n': v = parse_number(optarg, 1, 0xffffffffUL, "network"); break;
		default: return usage();
		}
		if (!v)
			return die(v.error().message);
		(opt == 'r' ? requesters : opt == 'd' ? seconds : opt == 't' ? timeout_ms : net) =
			static_cast<unsigned>(*v);
	}
	std::vector<std::uint8_t> eids;
	for (int i = optind; i < argc; i++) {
		auto e = parse_number(argv[i], 8, 254, "EID");
		if (!e)
			return die(e.error().message);
		eids.push_back(static_cast<std::uint8_t>(*e));
	}
	if (eids.empty())
		return usage();
	if (auto s = raise_fd_limit(requesters + 64); !s)
		return die(s.error().message);
	// small stacks: a requester needs little, and there are many
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	pthread_setattr_default_np(&attr);
	pthread_attr_destroy(&attr);

	std::printf("mctp-load: %u requesters, %zu endpoints (%u to %u each), %u s, timeout %u ms\n",
		    requesters, eids.size(), requesters / unsigned(eids.size()),
		    (requesters + unsigned(eids.size()) - 1) / unsigned(eids.size()), seconds,
		    timeout_ms);
	std::fflush(stdout);
	// everyone starts together, once every thread exists (creating a
	// thousand takes a while in an emulated machine)
	const auto created = Clock::now();
	std::latch ready(requesters), go(1);
	Deadline end{};
	std::vector<RequesterCounts> counts(requesters);
	std::vector<std::thread> threads;
	threads.reserve(requesters);
	for (unsigned i = 0; i < requesters; i++) {
		RequesterSpec s;
		s.net = net;
		s.eid = eids[i % eids.size()];
		s.timeout = std::chrono::milliseconds(timeout_ms);
		s.seed = i + 1;
		threads.emplace_back([s, &out = counts[i], &ready, &go, &end] {
			ready.count_down();
			go.wait();
			out = run_requester(s, end);
		});
	}
	ready.wait();
	const auto start = Clock::now();
	end = start + std::chrono::seconds(seconds);
	go.count_down();
	std::printf("mctp-load: %u threads ready after %.1f s; running\n", requesters,
		    std::chrono::duration<double>(start - created).count());
	std::fflush(stdout);
	for (auto &t : threads)
		t.join();
	const double took = std::chrono::duration<double>(Clock::now() - start).count();

	const LoadReport r = summarize(counts);
	std::printf("%s\n", format(r).c_str());
	std::vector<std::uint64_t> per_eid(eids.size());
	for (unsigned i = 0; i < requesters; i++)
		per_eid[i % eids.size()] += counts[i].completed;
	const auto [lo, hi] = std::minmax_element(per_eid.begin(), per_eid.end());
	std::printf("per endpoint: min %llu, max %llu completed\n", (unsigned long long)*lo,
		    (unsigned long long)*hi);
	std::chrono::microseconds sum{0}, worst{0};
	for (const auto &c : counts) {
		sum += c.latency_sum;
		worst = std::max(worst, c.latency_max);
	}
	if (r.completed)
		std::printf("request to answer: mean %.0f ms, max %.0f ms (reported, not judged)\n",
			    sum.count() / 1000.0 / r.completed, worst.count() / 1000.0);
	std::printf("rate: %.0f completed requests/s over %.1f s (reported, not judged)\n",
		    r.completed / took, took);
	std::printf("summary: requesters=%u endpoints=%zu completed=%llu min=%llu max=%llu ratio=%.2f "
		    "tag_exhausted=%llu other_errors=%zu starved=%zu seconds=%.1f\n",
		    requesters, eids.size(), (unsigned long long)r.completed,
		    (unsigned long long)r.min_completed, (unsigned long long)r.max_completed, r.ratio,
		    (unsigned long long)r.tag_exhausted, r.other_errors.size(), r.starved.size(), took);
	std::printf("%s\n", r.pass ? "PASS" : "FAIL");
	return r.pass ? 0 : 1;
}
