// SPDX-License-Identifier: GPL-2.0
// Route and neighbour change notifications: a generic netlink socket on
// the kernel's MCTP_NOTIFY_GENL_NAME family (include/uapi/linux/mctp-ext.h),
// which this stack has and upstream Linux has not. Internal to the library.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "mctpxx/error.hpp"
#include "mctpxx/netlink.hpp"

struct nl_sock;
struct nlmsghdr;

namespace mctpxx::nl::detail {

class NotifySocket {
public:
	// A socket joined to the route and/or neighbour groups. Fails with
	// code ENOENT when the kernel has no such family.
	static Result<NotifySocket> open(bool routes, bool neighbours);

	int fd() const;
	// Reads what one receive brings and calls @fn for each event; sets
	// @stop when @fn returns false.
	Status read(const std::function<bool(const Event &)> &fn, bool &stop);

private:
	struct SockFree {
		void operator()(nl_sock *s) const;
	};
	NotifySocket(nl_sock *s, int family) : sock_(s), family_(family) {}

	std::unique_ptr<nl_sock, SockFree> sock_;
	int family_;
};

} // namespace mctpxx::nl::detail
