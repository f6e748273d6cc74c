// SPDX-License-Identifier: GPL-2.0
#include "apply.hpp"

#include <cstdio>
#include <set>
#include <thread>

#include "plan.hpp"
#include "smbus_sysfs.hpp"

namespace mctpxx::ctl {
namespace {

using Clock = std::chrono::steady_clock;

// After a binding is created its links are there (the driver creates them
// while probing); this covers a driver that creates them later.
constexpr auto kLinkSettle = std::chrono::seconds(3);
constexpr auto kPoll = std::chrono::milliseconds(100);

Result<SystemState> read_state(nl::Netlink &nl)
{
	SystemState s;
	auto links = nl.links();
	if (!links)
		return fail(links.error());
	s.links = std::move(*links);
	auto addrs = nl.addresses();
	if (!addrs)
		return fail(addrs.error());
	s.addrs = std::move(*addrs);
	auto routes = nl.routes();
	if (!routes)
		return fail(routes.error());
	s.routes = std::move(*routes);
	auto neighs = nl.neighbours();
	if (!neighs)
		return fail(neighs.error());
	s.neighs = std::move(*neighs);
	read_i2c(s);
	return s;
}

Status execute(nl::Netlink &nl, const Op &op, const SystemState &s)
{
	struct Visitor {
		nl::Netlink &nl;
		const SystemState &s;
		Status operator()(const CreateSmbus &c) { return create_binding(c, s); }
		Status operator()(const SetLink &c) { return nl.set_link(c.ifindex, c.change); }
		Status operator()(const AddAddr &c) { return nl.add_address(c.a); }
		Status operator()(const DelAddr &c) { return nl.del_address(c.a); }
		Status operator()(const AddRoute &c) { return nl.add_route(c.r); }
		Status operator()(const DelRoute &c) { return nl.del_route(c.r); }
		Status operator()(const AddNeigh &c) { return nl.add_neigh(c.n); }
		Status operator()(const DelNeigh &c) { return nl.del_neigh(c.n); }
	};
	return std::visit(Visitor{nl, s}, op);
}

// One run of apply: passes over the system until nothing is pending or
// the wait is over. A step that failed is reported once and not retried.
class Applier {
public:
	Applier(nl::Netlink &nl, const Config &c, const ApplyRequest &req)
		: nl_(nl), config_(c), req_(req), deadline_(Clock::now() + req.wait)
	{
	}

	int run()
	{
		for (;;) {
			auto state = read_state(nl_);
			if (!state)
				return error(state.error().message, 1);
			auto smbus = plan_smbus(config_, *state);
			if (run_steps(smbus.steps, *state)) {
				// plan the links with the new bindings' links
				deadline_ = std::max(deadline_, Clock::now() + kLinkSettle);
				continue;
			}
			if (req_.dry_run && !smbus.steps.empty()) {
				std::printf("(link changes are planned once the SMBus bindings exist)\n");
				return finish(smbus.pending);
			}
			auto net = plan_netlink(config_, *state);
			if (!net)
				return error(net.error().message + "\nmctp-ctl: no link changes applied", 2);
			run_steps(net->steps, *state);
			auto pending = std::move(smbus.pending);
			pending.insert(pending.end(), net->pending.begin(), net->pending.end());
			if (pending.empty() || req_.dry_run || Clock::now() >= deadline_)
				return finish(pending);
			announce(pending);
			std::this_thread::sleep_for(kPoll);
		}
	}

private:
	// Runs the steps not tried before; true if any succeeded.
	bool run_steps(const std::vector<Step> &steps, const SystemState &s)
	{
		bool done = false;
		for (const auto &st : steps) {
			if (!tried_.insert(st.text).second)
				continue;
			std::printf("%s%s\n", req_.dry_run ? "would " : "", st.text.c_str());
			std::fflush(stdout);
			if (req_.dry_run)
				continue;
			if (auto r = execute(nl_, st.op, s); !r) {
				std::fprintf(stderr, "mctp-ctl: apply: %s: %s\n", st.text.c_str(),
					     r.error().message.c_str());
				failed_ = true;
				continue;
			}
			done = true;
		}
		return done;
	}

	// Says once what is waited for (boot logs show why apply takes long).
	void announce(const std::vector<Pending> &pending)
	{
		for (const auto &p : pending)
			if (announced_.insert(p.str()).second)
				std::printf("waiting up to %lld s for %s\n",
					    static_cast<long long>(req_.wait.count()), p.str().c_str());
		std::fflush(stdout);
	}

	int finish(const std::vector<Pending> &pending)
	{
		const std::string waited = req_.wait.count() && !req_.dry_run
						   ? " (waited " + std::to_string(req_.wait.count()) + " s)"
						   : "";
		for (const auto &p : pending)
			std::fprintf(stderr, "mctp-ctl: apply: %s%s\n", p.str().c_str(), waited.c_str());
		if (tried_.empty() && pending.empty())
			std::printf("nothing to change: the system matches %s\n", req_.file.c_str());
		if (!pending.empty())
			std::fprintf(stderr, "mctp-ctl: apply: %zu entr%s not applied%s\n", pending.size(),
				     pending.size() == 1 ? "y" : "ies",
				     req_.dry_run ? "" : "; everything else was");
		return failed_ || !pending.empty() ? 1 : 0;
	}

	int error(const std::string &msg, int rc)
	{
		std::fprintf(stderr, "mctp-ctl: %s\n", msg.c_str());
		return rc;
	}

	nl::Netlink &nl_;
	const Config &config_;
	const ApplyRequest &req_;
	Clock::time_point deadline_;
	std::set<std::string> tried_, announced_;
	bool failed_ = false;
};

} // namespace

int apply(const ApplyRequest &req)
{
	auto config = load_config(req.file, dropin_dir_for(req.file));
	if (!config) {
		std::fprintf(stderr, "mctp-ctl: %s\nmctp-ctl: configuration rejected, nothing applied\n",
			     config.error().message.c_str());
		return 2;
	}
	auto nl = nl::Netlink::open();
	if (!nl) {
		std::fprintf(stderr, "mctp-ctl: %s\n", nl.error().message.c_str());
		return 1;
	}
	return Applier(*nl, *config, req).run();
}

} // namespace mctpxx::ctl
