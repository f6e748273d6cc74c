// SPDX-License-Identifier: GPL-2.0
#include "apply.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "plan.hpp"

namespace mctp::ctl {
namespace {

namespace fs = std::filesystem;
const fs::path kI2cDevices = "/sys/bus/i2c/devices";

Status read_i2c(SystemState &s)
{
	std::error_code ec;
	if (!fs::is_directory(kI2cDevices, ec))
		return {};
	for (auto &e : fs::directory_iterator(kI2cDevices, ec)) {
		const std::string n = e.path().filename().string();
		unsigned bus, addr;
		char tail;
		if (std::sscanf(n.c_str(), "i2c-%u%c", &bus, &tail) == 1) {
			s.i2c_buses.insert(bus);
			continue;
		}
		if (std::sscanf(n.c_str(), "%u-%4x%c", &bus, &addr, &tail) != 2)
			continue;
		std::ifstream name(e.path() / "name");
		std::string client;
		if (name >> client && client == kSmbusClientName)
			s.smbus_clients.insert({bus, static_cast<std::uint8_t>(addr & 0x7f)});
	}
	return {};
}

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
	if (auto st = read_i2c(s); !st)
		return fail(st.error());
	return s;
}

Status create_smbus(const CreateSmbus &c)
{
	const fs::path ctl = kI2cDevices / ("i2c-" + std::to_string(c.bus)) / "new_device";
	std::ofstream out(ctl);
	char line[64];
	std::snprintf(line, sizeof(line), "%s 0x%04x\n", kSmbusClientName, 0x1000 | c.address);
	if (!out || !(out << line << std::flush))
		return fail(Error::last("write " + ctl.string()));
	return {};
}

Status execute(nl::Netlink &nl, const Op &op)
{
	struct Visitor {
		nl::Netlink &nl;
		Status operator()(const CreateSmbus &c) { return create_smbus(c); }
		Status operator()(const SetLink &c) { return nl.set_link(c.ifindex, c.change); }
		Status operator()(const AddAddr &c) { return nl.add_address(c.a); }
		Status operator()(const DelAddr &c) { return nl.del_address(c.a); }
		Status operator()(const AddRoute &c) { return nl.add_route(c.r); }
		Status operator()(const DelRoute &c) { return nl.del_route(c.r); }
		Status operator()(const AddNeigh &c) { return nl.add_neigh(c.n); }
		Status operator()(const DelNeigh &c) { return nl.del_neigh(c.n); }
	};
	return std::visit(Visitor{nl}, op);
}

// Runs @steps in order; returns how many succeeded or the failure.
int run_steps(nl::Netlink &nl, const std::vector<Step> &steps, bool dry_run)
{
	for (const auto &st : steps) {
		std::printf("%s%s\n", dry_run ? "would " : "", st.text.c_str());
		if (dry_run)
			continue;
		if (auto s = execute(nl, st.op); !s) {
			std::fprintf(stderr, "mctp-ctl: apply: %s: %s\n", st.text.c_str(),
				     s.error().message.c_str());
			return 1;
		}
	}
	return 0;
}

// After creating bindings, their netdevs appear asynchronously.
Result<SystemState> wait_for_links(nl::Netlink &nl, const Config &c)
{
	auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
	for (;;) {
		auto s = read_state(nl);
		if (!s)
			return s;
		bool all = true;
		for (const auto &[name, lc] : c.links)
			all = all && std::any_of(s->links.begin(), s->links.end(),
						 [&](const nl::Link &l) { return l.name == name; });
		if (all || std::chrono::steady_clock::now() > deadline)
			return s;
		std::this_thread::sleep_for(std::chrono::milliseconds(50));
	}
}

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
	auto state = read_state(*nl);
	if (!state) {
		std::fprintf(stderr, "mctp-ctl: %s\n", state.error().message.c_str());
		return 1;
	}
	auto smbus = plan_smbus(*config, *state);
	if (!smbus) {
		std::fprintf(stderr, "mctp-ctl: %s\nmctp-ctl: nothing applied\n",
			     smbus.error().message.c_str());
		return 2;
	}
	if (!smbus->empty() && req.dry_run) {
		run_steps(*nl, *smbus, true);
		std::printf("(link changes are planned once the SMBus bindings exist)\n");
		return 0;
	}
	if (int rc = run_steps(*nl, *smbus, false))
		return rc;
	if (!smbus->empty()) {
		state = wait_for_links(*nl, *config);
		if (!state) {
			std::fprintf(stderr, "mctp-ctl: %s\n", state.error().message.c_str());
			return 1;
		}
	}
	auto steps = plan_netlink(*config, *state);
	if (!steps) {
		std::fprintf(stderr, "mctp-ctl: %s\nmctp-ctl: no link changes applied\n",
			     steps.error().message.c_str());
		return 2;
	}
	if (steps->empty() && smbus->empty()) {
		std::printf("nothing to change: the system matches %s\n", req.file.c_str());
		return 0;
	}
	return run_steps(*nl, *steps, req.dry_run);
}

} // namespace mctp::ctl
