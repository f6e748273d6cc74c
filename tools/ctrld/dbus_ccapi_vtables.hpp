// SPDX-License-Identifier: GPL-2.0
// The vtables of the au.com.codeconstruct.MCTP1 objects (dbus_ccapi_calls.cpp);
// their userdata is the CcapiService.
#pragma once

#include <systemd/sd-bus.h>

namespace mctpxx::ctrld::ccapi_vtables {

extern const sd_bus_vtable kInterfaceVtable[]; // Interface1 of a link
extern const sd_bus_vtable kBusOwnerVtable[];  // BusOwner1 of a link
extern const sd_bus_vtable kNetworkVtable[];   // Network1
extern const sd_bus_vtable kEndpointVtable[];  // xyz.openbmc_project.MCTP.Endpoint
extern const sd_bus_vtable kUuidVtable[];      // xyz.openbmc_project.Common.UUID
extern const sd_bus_vtable kControlVtable[];   // Endpoint1

} // namespace mctpxx::ctrld::ccapi_vtables
