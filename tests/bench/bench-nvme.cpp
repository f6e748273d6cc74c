// SPDX-License-Identifier: GPL-2.0
// mctp-bench-nvme: fleet polling of NVMe-MI drives with the daemon's own
// code. Each drive gets an mctp-nvmed Worker (its thread, its libnvme-mi
// Session: NVM Subsystem Health Status Poll, then the SMART / Health log
// for the temperature, as the daemon's poll does); results come back to
// this thread through the daemon's Mailbox on an sd-event loop, as in the
// daemon. Phases (one JSON object per line on stdout, figures only):
//
//   cycle  all drives asked at once, the cycle ends with the last answer;
//          cycle times and per-poll latencies
//   free   every drive asked again as soon as its answer is in, for a
//          duration: completed polls per drive (fairness), latencies, CPU
//   fw     as `free` on every drive but the first, while the first receives
//          a firmware image by Firmware Image Download chunks; then the
//          same without the download (idle), latencies of both
//
// Latency: from Worker::poll() to the result on the loop. CPU: getrusage of
// this process, and the whole guest's busy time from /proc/stat minus the
// processes named by --exclude-pid (the drives' emulator), per exchange
// (a poll is two request/response exchanges).
#include <libnvme-mi.h>
#include <systemd/sd-event.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <numeric>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "endpoints/mailbox.hpp"
#include "worker.hpp"

using namespace mctpxx::nvmed;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
	unsigned net = 1;
	std::vector<unsigned> eids;
	unsigned cycles = 5;
	double seconds = 10;
	std::vector<std::string> phases{"cycle", "free"};
	unsigned fw_size = 65536, fw_chunk = 4096;
	unsigned timeout_ms = 5000;
	std::vector<int> exclude_pids;
	std::string label;
	std::string stats_reset;
};

[[noreturn]] void usage(int rc)
{
	std::fprintf(rc ? stderr : stdout,
		     "usage: mctp-bench-nvme -e FIRST-LAST|E,E,... [-n NET] [--phases cycle,free,fw]\n"
		     "       [--cycles N] [--seconds S] [--fw-size BYTES] [--fw-chunk BYTES]\n"
		     "       [--timeout MS] [--exclude-pid PID]... [--label TEXT] [--stats-reset FILE]\n"
		     "Polls the drives with mctp-nvmed's Worker/Session code and prints JSON lines.\n"
		     "A warm-up cycle first opens every drive's endpoint and reads its controller\n"
		     "list; then \"0\" is written to FILE (smbus-sim's SEG/stats: count from here).\n");
	std::exit(rc);
}

std::vector<unsigned> parse_eids(const std::string &s)
{
	std::vector<unsigned> v;
	std::stringstream ss(s);
	std::string part;
	while (std::getline(ss, part, ',')) {
		auto dash = part.find('-');
		unsigned a = std::stoul(part.substr(0, dash));
		unsigned b = dash == std::string::npos ? a : std::stoul(part.substr(dash + 1));
		for (unsigned e = a; e <= b; e++)
			v.push_back(e);
	}
	return v;
}

std::vector<std::string> split(const std::string &s)
{
	std::vector<std::string> v;
	std::stringstream ss(s);
	std::string part;
	while (std::getline(ss, part, ','))
		v.push_back(part);
	return v;
}

Options parse(int argc, char **argv)
{
	Options o;
	for (int i = 1; i < argc; i++) {
		std::string a = argv[i];
		auto val = [&]() -> std::string {
			if (i + 1 >= argc)
				usage(2);
			return argv[++i];
		};
		if (a == "-h" || a == "--help")
			usage(0);
		else if (a == "-e" || a == "--eids")
			o.eids = parse_eids(val());
		else if (a == "-n" || a == "--net")
			o.net = std::stoul(val());
		else if (a == "--phases")
			o.phases = split(val());
		else if (a == "--cycles")
			o.cycles = std::stoul(val());
		else if (a == "--seconds")
			o.seconds = std::stod(val());
		else if (a == "--fw-size")
			o.fw_size = std::stoul(val());
		else if (a == "--fw-chunk")
			o.fw_chunk = std::stoul(val());
		else if (a == "--timeout")
			o.timeout_ms = std::stoul(val());
		else if (a == "--exclude-pid")
			o.exclude_pids.push_back(std::stoi(val()));
		else if (a == "--label")
			o.label = val();
		else if (a == "--stats-reset")
			o.stats_reset = val();
		else
			usage(2);
	}
	if (o.eids.empty() || o.eids.size() > 255 || !o.cycles || o.seconds <= 0 || !o.fw_chunk ||
	    o.fw_chunk % 4 || o.fw_size % 4)
		usage(2);
	return o;
}

double ms_since(Clock::time_point t)
{
	return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

double pct(std::vector<double> v, double p)
{
	if (v.empty())
		return 0;
	std::sort(v.begin(), v.end());
	size_t i = static_cast<size_t>(p / 100.0 * (v.size() - 1) + 0.5);
	return v[std::min(i, v.size() - 1)];
}

// CPU in seconds: this process (user, system), the guest (busy, from
// /proc/stat) and the excluded processes (utime + stime).
struct Cpu {
	double user = 0, sys = 0, guest_busy = 0, excluded = 0;

	static Cpu now(const std::vector<int> &exclude)
	{
		Cpu c;
		rusage ru{};
		getrusage(RUSAGE_SELF, &ru);
		c.user = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6;
		c.sys = ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
		const double hz = static_cast<double>(sysconf(_SC_CLK_TCK));
		std::ifstream st("/proc/stat");
		std::string cpu;
		unsigned long long f[10] = {};
		st >> cpu;
		for (auto &x : f)
			st >> x;
		// user nice system idle iowait irq softirq steal: busy = all but idle, iowait
		c.guest_busy = (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / hz;
		for (int pid : exclude) {
			std::ifstream ps("/proc/" + std::to_string(pid) + "/stat");
			std::string line;
			std::getline(ps, line);
			auto rp = line.rfind(')');
			if (rp == std::string::npos)
				continue;
			std::stringstream ss(line.substr(rp + 2));
			std::string tok;
			unsigned long long ut = 0, stt = 0;
			// fields after "comm": state(3) ... utime(14) stime(15)
			for (int k = 3; k <= 15 && ss >> tok; k++) {
				if (k == 14)
					ut = std::stoull(tok);
				if (k == 15)
					stt = std::stoull(tok);
			}
			c.excluded += (ut + stt) / hz;
		}
		return c;
	}
};

std::string cpu_json(const Cpu &a, const Cpu &b, unsigned long exchanges)
{
	char buf[320];
	const double n = exchanges ? static_cast<double>(exchanges) : 1;
	const double proc = (b.user - a.user) + (b.sys - a.sys);
	const double guest = (b.guest_busy - a.guest_busy) - (b.excluded - a.excluded);
	std::snprintf(buf, sizeof(buf),
		      "\"exchanges\":%lu,\"cpu_user_s\":%.3f,\"cpu_sys_s\":%.3f,"
		      "\"cpu_us_per_exchange\":%.1f,\"guest_busy_s\":%.3f,\"excluded_s\":%.3f,"
		      "\"bmc_us_per_exchange\":%.1f",
		      exchanges, b.user - a.user, b.sys - a.sys, 1e6 * proc / n,
		      b.guest_busy - a.guest_busy, b.excluded - a.excluded, 1e6 * guest / n);
	return buf;
}

std::string lat_json(const char *name, const std::vector<double> &v)
{
	char buf[200];
	std::snprintf(buf, sizeof(buf),
		      "\"%s\":{\"n\":%zu,\"p50_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f}", name,
		      v.size(), pct(v, 50), pct(v, 99), v.empty() ? 0.0 : pct(v, 100));
	return buf;
}

// The fleet: a worker per drive, results on the loop.
class Fleet {
public:
	Fleet(const Options &o, sd_event *ev, Mailbox &mb) : o_(o), ev_(ev)
	{
		const auto timeout = std::chrono::milliseconds(o.timeout_ms);
		slots_.resize(o.eids.size());
		for (size_t i = 0; i < o.eids.size(); i++)
			slots_[i].worker = std::make_unique<Worker>(
				o.net, static_cast<std::uint8_t>(o.eids[i]), timeout, mb,
				[this, i](PollResult r) { done(i, std::move(r)); });
	}

	struct Slot {
		std::unique_ptr<Worker> worker;
		Clock::time_point asked;
		bool busy = false, active = false;
		unsigned long completed = 0, errors = 0;
		std::string last_error;
	};

	void start(size_t i)
	{
		auto &s = slots_[i];
		s.asked = Clock::now();
		s.busy = s.worker->poll(false);
		if (s.busy)
			outstanding_++;
	}

	// Run the loop until @until says stop (checked after each result).
	template <class F> void loop(F until)
	{
		while (!until())
			sd_event_run(ev_, UINT64_MAX);
	}

	void done(size_t i, PollResult r)
	{
		auto &s = slots_[i];
		s.busy = false;
		outstanding_--;
		const double ms = ms_since(s.asked);
		const bool ok = r.answered && r.health && *r.health;
		if (ok) {
			s.completed++;
			lat_.push_back(ms);
		} else {
			s.errors++;
			s.last_error = !r.answered ? r.answered.error().message
						   : (r.health ? r.health->error().message : "");
		}
		if (s.active && !stopping_)
			start(i);
	}

	std::vector<Slot> slots_;
	std::vector<double> lat_;
	unsigned outstanding_ = 0;
	bool stopping_ = false;

	void reset()
	{
		lat_.clear();
		for (auto &s : slots_) {
			s.completed = s.errors = 0;
			s.active = false;
		}
	}
	unsigned long errors() const
	{
		unsigned long n = 0;
		for (auto &s : slots_)
			n += s.errors;
		return n;
	}
	std::string first_error() const
	{
		for (auto &s : slots_)
			if (!s.last_error.empty())
				return s.last_error;
		return "";
	}

	const Options &o_;
	sd_event *ev_;
};

std::string jstr(const std::string &s)
{
	std::string out = "\"";
	for (char c : s) {
		if (c == '"' || c == '\\')
			out += '\\';
		if (static_cast<unsigned char>(c) >= 0x20)
			out += c;
	}
	return out + "\"";
}

std::string head(const Options &o, const char *phase, size_t drives)
{
	return "{\"phase\":\"" + std::string(phase) + "\",\"label\":" + jstr(o.label) +
	       ",\"drives\":" + std::to_string(drives);
}

void phase_cycle(const Options &o, Fleet &f)
{
	f.reset();
	std::vector<double> cycles;
	const Cpu c0 = Cpu::now(o.exclude_pids);
	for (unsigned c = 0; c < o.cycles; c++) {
		const auto t0 = Clock::now();
		for (size_t i = 0; i < f.slots_.size(); i++)
			f.start(i);
		f.loop([&] { return f.outstanding_ == 0; });
		cycles.push_back(ms_since(t0));
	}
	const Cpu c1 = Cpu::now(o.exclude_pids);
	unsigned long done = 0;
	for (auto &s : f.slots_)
		done += s.completed;
	std::printf("%s,\"cycles\":%u,\"polls\":%lu,\"errors\":%lu,%s,\"cycle_ms\":[",
		    head(o, "cycle", f.slots_.size()).c_str(), o.cycles, done, f.errors(),
		    lat_json("latency", f.lat_).c_str());
	for (size_t i = 0; i < cycles.size(); i++)
		std::printf("%s%.1f", i ? "," : "", cycles[i]);
	std::printf("],\"cycle_p50_ms\":%.1f,%s,\"error\":%s}\n", pct(cycles, 50),
		    cpu_json(c0, c1, 2 * done).c_str(), jstr(f.first_error()).c_str());
	std::fflush(stdout);
}

// Free-running polls on slots [first, end) for o.seconds, or while @busy
// says so; returns the latencies.
void free_run(const Options &o, Fleet &f, size_t first, std::function<bool()> busy = {})
{
	f.reset();
	for (size_t i = first; i < f.slots_.size(); i++) {
		f.slots_[i].active = true;
		f.start(i);
	}
	const auto t0 = Clock::now();
	auto deadline = t0 + std::chrono::duration_cast<Clock::duration>(
				     std::chrono::duration<double>(o.seconds));
	// wake the loop at least every 100 ms to look at the clock
	sd_event_source *tick = nullptr;
	sd_event_add_time_relative(
		f.ev_, &tick, CLOCK_MONOTONIC, 100000, 1000,
		[](sd_event_source *s, uint64_t, void *) -> int {
			sd_event_source_set_time_relative(s, 100000);
			return sd_event_source_set_enabled(s, SD_EVENT_ON);
		},
		nullptr);
	f.loop([&] { return busy ? !busy() : Clock::now() >= deadline; });
	f.stopping_ = true;
	f.loop([&] { return f.outstanding_ == 0; });
	f.stopping_ = false;
	sd_event_source_unref(tick);
}

void phase_free(const Options &o, Fleet &f)
{
	const Cpu c0 = Cpu::now(o.exclude_pids);
	const auto t0 = Clock::now();
	free_run(o, f, 0);
	const double secs = ms_since(t0) / 1000;
	const Cpu c1 = Cpu::now(o.exclude_pids);
	unsigned long mn = ~0UL, mx = 0, done = 0;
	for (auto &s : f.slots_) {
		mn = std::min(mn, s.completed);
		mx = std::max(mx, s.completed);
		done += s.completed;
	}
	std::printf("%s,\"seconds\":%.2f,\"polls\":%lu,\"errors\":%lu,\"polls_min\":%lu,"
		    "\"polls_max\":%lu,\"fairness\":%.3f,\"polls_per_s\":%.2f,%s,%s,\"error\":%s}\n",
		    head(o, "free", f.slots_.size()).c_str(), secs, done, f.errors(), mn, mx,
		    mn ? static_cast<double>(mx) / mn : 0.0, done / secs,
		    lat_json("latency", f.lat_).c_str(), cpu_json(c0, c1, 2 * done).c_str(),
		    jstr(f.first_error()).c_str());
	std::fflush(stdout);
}

// The firmware download, on its own thread with its own libnvme-mi
// endpoint (the daemon has no firmware update yet); returns an error text.
std::string download(const Options &o, unsigned eid, double &seconds, unsigned &images)
{
	nvme_root_t root = nvme_mi_create_root(stderr, LOG_ERR);
	if (!root)
		return "no libnvme-mi root";
	nvme_mi_ep_t ep = nvme_mi_open_mctp(root, o.net, static_cast<std::uint8_t>(eid));
	std::string err;
	nvme_mi_ctrl_t ctrl = nullptr;
	if (!ep)
		err = std::string("open: ") + std::strerror(errno);
	else {
		nvme_mi_ep_set_timeout(ep, o.timeout_ms);
		if (nvme_mi_scan_ep(ep, false) != 0 || !(ctrl = nvme_mi_first_ctrl(ep)))
			err = "no controller";
	}
	std::vector<std::uint8_t> image(o.fw_size);
	std::memcpy(image.data(), "BENCHFW1", std::min<size_t>(8, image.size()));
	for (size_t i = 8; i < image.size(); i++)
		image[i] = static_cast<std::uint8_t>(i * 7);
	const auto t0 = Clock::now();
	// at least one image, and more until the idle run's duration is covered
	while (err.empty() && (images == 0 || ms_since(t0) < o.seconds * 1000)) {
		for (unsigned off = 0; off < o.fw_size && err.empty(); off += o.fw_chunk) {
			__u32 result = 0;
			nvme_fw_download_args args{};
			args.args_size = sizeof(args);
			args.result = &result;
			args.data = image.data() + off;
			args.data_len = std::min(o.fw_chunk, o.fw_size - off);
			args.offset = off;
			errno = 0;
			if (int rc = nvme_mi_admin_fw_download(ctrl, &args); rc != 0)
				err = "Firmware Image Download at " + std::to_string(off) + ": " +
				      (rc < 0 ? std::strerror(errno) : "status " + std::to_string(rc));
		}
		if (err.empty())
			images++;
	}
	seconds = ms_since(t0) / 1000;
	if (ep)
		nvme_mi_close(ep);
	nvme_mi_free_root(root);
	return err;
}

void phase_fw(const Options &o, Fleet &f)
{
	if (f.slots_.size() < 2) {
		std::printf("%s,\"error\":\"the fw phase needs two drives\"}\n",
			    head(o, "fw", f.slots_.size()).c_str());
		return;
	}
	// idle: the other drives alone
	free_run(o, f, 1);
	const std::vector<double> idle = f.lat_;
	const unsigned long idle_err = f.errors();
	// the same while the first drive receives images
	std::atomic<bool> running = true;
	double fw_s = 0;
	unsigned images = 0;
	std::string fw_err;
	std::thread t([&] {
		fw_err = download(o, o.eids[0], fw_s, images);
		running = false;
	});
	free_run(o, f, 1, [&] { return running.load(); });
	t.join();
	std::printf("%s,\"fw_eid\":%u,\"fw_bytes\":%u,\"fw_chunk\":%u,\"images\":%u,"
		    "\"fw_seconds\":%.2f,\"fw_bytes_per_s\":%.0f,%s,%s,\"errors\":%lu,"
		    "\"idle_errors\":%lu,\"p99_ratio\":%.2f,\"p50_ratio\":%.2f,\"error\":%s}\n",
		    head(o, "fw", f.slots_.size() - 1).c_str(), o.eids[0], o.fw_size, o.fw_chunk,
		    images, fw_s, fw_s > 0 ? images * o.fw_size / fw_s : 0.0,
		    lat_json("idle", idle).c_str(), lat_json("during", f.lat_).c_str(), f.errors(),
		    idle_err, pct(idle, 99) > 0 ? pct(f.lat_, 99) / pct(idle, 99) : 0.0,
		    pct(idle, 50) > 0 ? pct(f.lat_, 50) / pct(idle, 50) : 0.0,
		    jstr(fw_err.empty() ? f.first_error() : fw_err).c_str());
	std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
	const Options o = parse(argc, argv);
	sd_event *ev = nullptr;
	if (sd_event_new(&ev) < 0) {
		std::fprintf(stderr, "mctp-bench-nvme: sd_event_new failed\n");
		return 1;
	}
	{
		Mailbox mb;
		if (auto s = mb.attach(ev); !s) {
			std::fprintf(stderr, "mctp-bench-nvme: %s\n", s.error().message.c_str());
			return 1;
		}
		Fleet f(o, ev, mb);
		// warm-up: each Session opens its endpoint and scans the controller
		// list on its first poll; the measured phases see only polls
		for (size_t i = 0; i < f.slots_.size(); i++)
			f.start(i);
		f.loop([&] { return f.outstanding_ == 0; });
		if (!o.stats_reset.empty())
			std::ofstream(o.stats_reset) << "0\n";
		for (auto &p : o.phases) {
			if (p == "cycle")
				phase_cycle(o, f);
			else if (p == "free")
				phase_free(o, f);
			else if (p == "fw")
				phase_fw(o, f);
			else
				usage(2);
		}
		// workers stop before the mailbox and the loop go
	}
	sd_event_unref(ev);
	return 0;
}
