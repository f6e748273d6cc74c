// SPDX-License-Identifier: GPL-2.0
// org.mctpstack.NVMe.FirmwareUpdate on each drive's inventory object (the
// publisher adds it with the drive's other interfaces, the Drive as its
// userdata):
//   Start(h image, y slot, s action)  download, commit, activate
//   Cancel()                          stop a download before its commit
//   State s, Progress y, Reason s, ImageRevision s
// The image comes as an open file descriptor, so the daemon never opens a
// path a caller chose with its own (root) rights; only root may call.
#pragma once

#include <systemd/sd-bus.h>

namespace mctpxx::nvmed {

extern const sd_bus_vtable kFirmwareVtable[];

} // namespace mctpxx::nvmed
