// SPDX-License-Identifier: GPL-2.0
// The whole NC-SI over MCTP codec library.
#pragma once

#include "ncsixx/aen.hpp"
#include "ncsixx/command.hpp"
#include "ncsixx/packet.hpp"
#include "ncsixx/payloads.hpp"
#include "ncsixx/response.hpp"
#include "ncsixx/wire.hpp"
