// SPDX-License-Identifier: GPL-2.0
// Executes parsed mctp-ctl commands against the kernel.
#pragma once

#include "grammar.hpp"

namespace mctpxx::ctl {

// Exit status: 0 success, 1 a system or kernel error (printed), 2 usage.
int run(const Parsed &p);

} // namespace mctpxx::ctl
