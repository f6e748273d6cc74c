// SPDX-License-Identifier: GPL-2.0
// `mctp-ctl apply FILE`: bring the system to a configuration's state.
#pragma once

#include <chrono>
#include <string>

namespace mctpxx::ctl {

struct ApplyRequest {
	std::string file;
	bool dry_run = false;
	// How long to wait for what entries need and is not there yet (an
	// i2c bus, the binding driver, a device); 0: not at all.
	std::chrono::seconds wait{0};
};

// Applies what can be applied, waits up to req.wait for the rest, and
// names what is left. Exit status: 0 applied (or nothing to do), 1 a
// change failed or an entry could not be applied, 2 the configuration
// is invalid (nothing applied).
int apply(const ApplyRequest &req);

} // namespace mctpxx::ctl
