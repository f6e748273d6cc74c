// SPDX-License-Identifier: GPL-2.0
// mctp-bench: request/response load against an echo responder: message
// sizes, concurrency, throughput and latency percentiles; JSON output. With
// -S, a one-way stream instead: messages sent back to back under one
// preallocated tag to a sink (mctp-echo -s), whose count of what arrived
// gives the rate.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "command_line.hpp"
#include "mctpxx/request.hpp"
#include "mctpxx/unreachable.hpp"
#include "sink.hpp"

namespace {

using namespace std::chrono;

struct Params {
	mctpxx::Address to;
	std::vector<std::size_t> sizes{64};
	unsigned concurrency = 1;
	double seconds = 3.0;
	unsigned long iterations = 0; // per worker; 0: run for @seconds
	unsigned timeout_ms = 1000;
	bool json = false;
	bool stream = false;
};

struct Result {
	std::size_t size = 0;
	unsigned long requests = 0; // stream: messages the sink received
	unsigned long sent = 0;	    // stream: messages sent
	unsigned long errors = 0;
	double seconds = 0;
	std::vector<double> latencies_us;
	std::string first_error;
};

double percentile(std::vector<double> &v, double p)
{
	if (v.empty())
		return 0;
	std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p / 100.0 * v.size()));
	std::nth_element(v.begin(), v.begin() + i, v.end());
	return v[i];
}

void worker(const Params &p, std::size_t size, steady_clock::time_point end, Result &res,
	    std::mutex &mu)
{
	Result local;
	auto sock = mctpxx::Socket::open();
	if (!sock) {
		std::lock_guard g(mu);
		res.errors++;
		res.first_error = sock.error().message;
		return;
	}
	mctpxx::RequestOptions opts;
	opts.timeout = milliseconds(p.timeout_ms);
	opts.preallocate_tag = false;
	std::vector<std::uint8_t> payload(size, 0x5a);
	for (unsigned long n = 0;; n++) {
		if (p.iterations ? n >= p.iterations : steady_clock::now() >= end)
			break;
		auto t0 = steady_clock::now();
		auto r = mctpxx::request(*sock, p.to, payload, opts);
		auto us = duration<double, std::micro>(steady_clock::now() - t0).count();
		if (!r || r->front().data.size() != size) {
			local.errors++;
			if (local.first_error.empty())
				local.first_error =
					r ? "response of wrong length"
					  : mctpxx::explain_unreachable(r.error(), p.to.net, p.to.eid).message;
			continue;
		}
		local.requests++;
		local.latencies_us.push_back(us);
	}
	std::lock_guard g(mu);
	res.requests += local.requests;
	res.errors += local.errors;
	res.latencies_us.insert(res.latencies_us.end(), local.latencies_us.begin(),
				local.latencies_us.end());
	if (res.first_error.empty())
		res.first_error = local.first_error;
}

// The sink's count of messages since its last count query (sink.hpp), asked
// of @to: before the stream with a kernel tag, after it under the stream's
// own preallocated tag, so that the query queues behind the stream's
// packets and is answered only once they are all counted, and no binding
// drops packets still queued for a tag that is already gone (Linux's
// mctp-i2c does).
mctpxx::Result<std::uint64_t> sink_count(mctpxx::Socket &sock, const Params &p,
				       const mctpxx::Address &to)
{
	mctpxx::RequestOptions opts;
	opts.timeout = milliseconds(p.timeout_ms);
	opts.preallocate_tag = false;
	auto r = mctpxx::request(sock, to, mctpxx::sink::kCountQuery, opts);
	if (!r)
		return mctpxx::fail(r.error());
	auto count = mctpxx::sink::decode_count(r->front().data);
	if (!count)
		return mctpxx::fail(mctpxx::Error::msg("the sink answered the count query with " +
						   std::to_string(r->front().data.size()) +
						   " bytes, not a count (is it mctp-echo -s?)"));
	return *count;
}

Result run_stream(const Params &p, std::size_t size)
{
	Result res;
	res.size = size;
	auto fail = [&res, &p](const mctpxx::Error &e) {
		res.errors++;
		if (res.first_error.empty())
			res.first_error = mctpxx::explain_unreachable(e, p.to.net, p.to.eid).message;
		return res;
	};
	auto sock = mctpxx::Socket::open();
	if (!sock)
		return fail(sock.error());
	// the count so far is stale: this query starts it again
	if (auto c = sink_count(*sock, p, p.to); !c)
		return fail(c.error());

	std::vector<std::uint8_t> payload(size, 0x5a);
	mctpxx::Address to = p.to;
	auto tag = mctpxx::TagGuard::alloc(*sock, to.net, to.eid);
	if (!tag)
		return fail(tag.error());
	to.tag = tag->tag();
	auto start = steady_clock::now();
	auto end = start + duration_cast<steady_clock::duration>(duration<double>(p.seconds));
	while (p.iterations ? res.sent < p.iterations : steady_clock::now() < end) {
		if (auto s = sock->send(to, payload); !s) {
			fail(s.error());
			break;
		}
		res.sent++;
	}
	auto got = sink_count(*sock, p, to);
	res.seconds = duration<double>(steady_clock::now() - start).count();
	if (!got)
		return fail(got.error());
	res.requests = *got;
	return res;
}

Result run_size(const Params &p, std::size_t size)
{
	if (p.stream)
		return run_stream(p, size);

	Result res;
	res.size = size;
	std::mutex mu;
	auto start = steady_clock::now();
	auto end = start + duration_cast<steady_clock::duration>(duration<double>(p.seconds));
	std::vector<std::thread> threads;
	for (unsigned i = 0; i < p.concurrency; i++)
		threads.emplace_back(worker, std::cref(p), size, end, std::ref(res), std::ref(mu));
	for (auto &t : threads)
		t.join();
	res.seconds = duration<double>(steady_clock::now() - start).count();
	return res;
}

} // namespace

int main(int argc, char **argv)
{
	Params p;
	p.to.type = 1;
	mctpxx::cli::CommandLine cl("mctp-bench", "-e EID [OPTIONS]",
				  "Sends requests to an echo responder (mctp-echo) and measures rate and\n"
				  "latency; or streams messages one way to a sink (mctp-echo --sink).");
	cl.number("-e,--eid", p.to.eid, 0, 255, "EID", "EID", "Destination EID").required();
	cl.number("-n,--net", p.to.net, 0, 0xffffffffu, "network", "NET",
		  "MCTP network (default: the default network)");
	cl.number("-t,--type", p.to.type, 0, 127, "message type", "TYPE",
		  "Message type (default: 1)");
	cl.numbers("-s,--sizes", p.sizes, 0, mctpxx::kMaxMessage - 1, "size", "SIZE[,SIZE...]",
		   "Message sizes in bytes (default: 64)");
	cl.number("-c,--concurrency", p.concurrency, 1, 64, "concurrency", "N",
		  "Concurrent requesters (default: 1)");
	auto secs = cl.number("-d,--duration", p.seconds, 1, 3600, "duration", "SECONDS",
			      "Seconds per size (default: 3)");
	cl.number("-i,--iterations", p.iterations, 1, ~0ul, "iterations", "N",
		  "Requests per requester, or stream messages, instead of a duration")
		.excludes(secs);
	cl.number("-w,--timeout", p.timeout_ms, 1, 60000, "timeout", "MS",
		  "Response timeout in milliseconds (default: 1000)");
	cl.flag("-S,--stream", p.stream,
		"A one-way stream to a sink (mctp-echo --sink) instead of requests");
	cl.flag("-j,--json", p.json, "JSON output");
	if (auto status = cl.parse(argc, argv))
		return *status;

	nlohmann::json out = nlohmann::json::array();
	if (!p.json && p.stream)
		std::printf("%8s %10s %10s %10s %10s %7s\n", "size", "sent", "received", "msg/s",
			    "MB/s", "errors");
	else if (!p.json)
		std::printf("%8s %6s %10s %10s %9s %9s %9s %9s %7s\n", "size", "conc", "req/s",
			    "MB/s", "p50_us", "p90_us", "p99_us", "max_us", "errors");
	bool failed = false;
	for (auto size : p.sizes) {
		Result r = run_size(p, size);
		double rate = r.seconds > 0 ? r.requests / r.seconds : 0;
		double mbps = rate * size / 1e6;
		double p50 = percentile(r.latencies_us, 50), p90 = percentile(r.latencies_us, 90),
		       p99 = percentile(r.latencies_us, 99), mx = percentile(r.latencies_us, 100);
		failed |= r.requests == 0;
		if (p.json && p.stream) {
			out.push_back({{"size", size}, {"mode", "stream"}, {"sent", r.sent},
				       {"requests", r.requests}, {"errors", r.errors},
				       {"seconds", r.seconds}, {"requests_per_second", rate},
				       {"megabytes_per_second", mbps}, {"first_error", r.first_error}});
		} else if (p.json) {
			out.push_back({{"size", size}, {"concurrency", p.concurrency},
				       {"requests", r.requests}, {"errors", r.errors},
				       {"seconds", r.seconds}, {"requests_per_second", rate},
				       {"megabytes_per_second", mbps},
				       {"latency_us", {{"p50", p50}, {"p90", p90}, {"p99", p99}, {"max", mx}}},
				       {"first_error", r.first_error}});
		} else if (p.stream) {
			std::printf("%8zu %10lu %10lu %10.0f %10.3f %7lu\n", size, r.sent, r.requests,
				    rate, mbps, r.errors);
			if (!r.first_error.empty())
				std::printf("         first error: %s\n", r.first_error.c_str());
		} else {
			std::printf("%8zu %6u %10.0f %10.3f %9.1f %9.1f %9.1f %9.1f %7lu\n", size,
				    p.concurrency, rate, mbps, p50, p90, p99, mx, r.errors);
			if (!r.first_error.empty())
				std::printf("         first error: %s\n", r.first_error.c_str());
		}
	}
	if (p.json)
		std::printf("%s\n", out.dump(2).c_str());
	return failed ? 1 : 0;
}
