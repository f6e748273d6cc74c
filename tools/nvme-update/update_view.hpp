// SPDX-License-Identifier: GPL-2.0
// The pure parts of mctp-nvme-update: which object a DRIVE argument names
// and how progress is shown. Unit tests: tests/unit/nvme_update_view_test.cpp.
#pragma once

#include <optional>
#include <string>

namespace mctpxx::nvme_update {

inline constexpr const char *kDriveRoot = "/xyz/openbmc_project/inventory/system/drive/";

// The object path of DRIVE: a full path as it is, or an object name
// ("nvme_1_20", "bay0") under kDriveRoot; nullopt when it is neither (a
// path element takes only [A-Za-z0-9_]).
std::optional<std::string> drive_path(const std::string &drive);

// One line of progress for a terminal: "[#####.....]  50% Downloading",
// the bar @width characters wide inside its brackets.
std::string progress_bar(unsigned percent, const std::string &state, unsigned width = 40);
// The same for a log or a pipe: "Downloading 50%".
std::string progress_line(unsigned percent, const std::string &state);

// Whether @state ends an update, and whether in success.
bool final_state(const std::string &state);
bool success_state(const std::string &state);

} // namespace mctpxx::nvme_update
