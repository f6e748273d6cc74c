// SPDX-License-Identifier: GPL-2.0
#include "listen.hpp"

#include <fcntl.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <systemd/sd-daemon.h>

#include <cstring>

namespace mctpxx::demux {
namespace {

Result<Listener> activated()
{
	const int fd = SD_LISTEN_FDS_START;
	if (sd_is_socket(fd, AF_UNIX, SOCK_SEQPACKET, 1) <= 0)
		return fail(Error::msg("the socket systemd passed is not a listening AF_UNIX "
				       "SOCK_SEQPACKET socket (ListenSequentialPacket=)"));
	Fd owned(fd);
	const int flags = ::fcntl(fd, F_GETFL);
	if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
		return fail(Error::last("making the passed socket non-blocking"));
	return Listener{std::move(owned), true};
}

Result<Listener> bound(const std::string &name)
{
	sockaddr_un a{};
	if (name.empty() || name.size() + 1 > sizeof(a.sun_path))
		return fail(Error::msg("socket name \"" + name + "\": 1 to " +
				       std::to_string(sizeof(a.sun_path) - 1) + " bytes"));
	Fd fd(::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
	if (!fd)
		return fail(Error::last("socket(AF_UNIX, SOCK_SEQPACKET)"));
	a.sun_family = AF_UNIX;
	a.sun_path[0] = '\0'; // abstract: no file, gone with the socket
	std::memcpy(a.sun_path + 1, name.data(), name.size());
	const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size());
	if (::bind(fd.get(), reinterpret_cast<sockaddr *>(&a), len) < 0) {
		if (errno == EADDRINUSE)
			return fail(Error::msg("abstract socket @" + name +
					       " is in use: is another bridge or demux daemon running?"));
		return fail(Error::last("bind to @" + name));
	}
	if (::listen(fd.get(), SOMAXCONN) < 0)
		return fail(Error::last("listen on @" + name));
	return Listener{std::move(fd), false};
}

} // namespace

Result<Listener> open_listener(const std::string &name)
{
	const int n = sd_listen_fds(1);
	if (n < 0)
		return fail(Error::sys(-n, "sd_listen_fds"));
	if (n > 1)
		return fail(Error::msg("systemd passed " + std::to_string(n) +
				       " sockets; the bridge serves one"));
	if (n == 1)
		return activated();
	return bound(name);
}

} // namespace mctpxx::demux
