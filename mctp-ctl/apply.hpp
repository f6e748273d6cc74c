// SPDX-License-Identifier: GPL-2.0
// `mctp-ctl apply FILE`: bring the system to a configuration's state.
#pragma once

#include <string>

namespace mctp::ctl {

struct ApplyRequest {
	std::string file;
	bool dry_run = false;
};

// Exit status: 0 applied (or nothing to do), 1 a change failed, 2 the
// configuration is invalid (nothing applied).
int apply(const ApplyRequest &req);

} // namespace mctp::ctl
