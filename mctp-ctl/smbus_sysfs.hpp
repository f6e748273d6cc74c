// SPDX-License-Identifier: GPL-2.0
// `mctp-ctl apply` and the i2c core's sysfs: which buses and SMBus bindings
// exist, and creating a binding (an i2c client of the binding driver).
#pragma once

#include "plan.hpp"

namespace mctpxx::ctl {

// Fills the i2c part of @s: buses, bound binding clients, the driver.
void read_i2c(SystemState &s);

// Creates the binding through the adapter's new_device. If the kernel
// refuses it (the driver's probe fails: e.g. -EBUSY, the bus has a binding
// already), the client left without a driver is deleted again and the
// error names the binding; @s tells which binding the bus has.
Status create_binding(const CreateSmbus &c, const SystemState &s);

} // namespace mctpxx::ctl
