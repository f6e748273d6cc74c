// SPDX-License-Identifier: GPL-2.0
// mctp-test-demux-client: a libmctp demux client written from the protocol
// alone, for the bridge's tests. It connects to the abstract AF_UNIX socket
// "\0mctp-mux", registers for a message type, sends [EID][type][payload]
// and checks that each answer is [EID][type][the same payload] (an echo
// serves the other side); or it only receives and prints what comes. It can
// also misbehave: a bad registration, a short or an oversized datagram, a
// disconnect before the answer.
#include <poll.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "command_line.hpp"

namespace {

using Bytes = std::vector<std::uint8_t>;

struct Options {
	std::string socket = "mctp-mux";
	unsigned type = 1;	 // the registration byte
	unsigned msg_type = 0x100; // the type byte of what is sent (default: @type)
	unsigned eid = 0;
	unsigned long count = 1;
	unsigned long length = 8;
	unsigned long timeout = 5000;
	unsigned long receive = 0; // only receive this many messages
	bool bad_registration = false, short_datagram = false, oversize = false;
	bool disconnect = false;
};

int error(const std::string &msg)
{
	std::fprintf(stderr, "mctp-test-demux-client: %s\n", msg.c_str());
	return 1;
}

int connect_mux(const std::string &name)
{
	int fd = ::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	sockaddr_un a{};
	a.sun_family = AF_UNIX;
	std::memcpy(a.sun_path + 1, name.data(), name.size());
	auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size());
	if (::connect(fd, reinterpret_cast<sockaddr *>(&a), len) < 0) {
		::close(fd);
		return -1;
	}
	return fd;
}

// A datagram within @ms: its bytes; empty with @closed set when the bridge
// closed the connection; empty otherwise on a timeout.
Bytes receive(int fd, unsigned long ms, bool &closed)
{
	closed = false;
	pollfd p{fd, POLLIN, 0};
	if (::poll(&p, 1, static_cast<int>(ms)) <= 0)
		return {};
	Bytes buf(70000);
	ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
	if (n <= 0) {
		closed = true;
		return {};
	}
	buf.resize(static_cast<std::size_t>(n));
	return buf;
}

bool send_all(int fd, const Bytes &d)
{
	return ::send(fd, d.data(), d.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(d.size());
}

// Payload of request @seq: told apart from other clients' by the pid.
Bytes payload(unsigned long seq, unsigned long length)
{
	const auto pid = static_cast<std::uint32_t>(::getpid());
	Bytes p(length);
	for (std::size_t i = 0; i < length; i++) {
		const std::uint64_t mix = (std::uint64_t(pid) << 16) ^ (seq << 8) ^ i;
		p[i] = static_cast<std::uint8_t>(i < 4 ? pid >> (8 * i) : mix * 0x9e3779b1u >> 24);
	}
	return p;
}

std::string hex(unsigned v)
{
	char b[16];
	std::snprintf(b, sizeof(b), "0x%02x", v);
	return b;
}

// The bridge must close us after a bad registration.
int expect_closed(int fd, const Options &o)
{
	bool closed = false;
	auto d = receive(fd, o.timeout, closed);
	if (closed) {
		std::printf("closed by the bridge\n");
		return 0;
	}
	return error(d.empty() ? "not closed by the bridge in time" : "got a datagram, not a close");
}

int receive_only(int fd, const Options &o)
{
	for (unsigned long n = 0; n < o.receive; n++) {
		bool closed = false;
		auto d = receive(fd, o.timeout, closed);
		if (closed)
			return error("closed by the bridge");
		if (d.empty())
			return error("nothing received in " + std::to_string(o.timeout) + " ms");
		if (d.size() < 2)
			return error("datagram of " + std::to_string(d.size()) + " bytes");
		std::printf("message from eid %u: type %s, %zu bytes\n", d[0], hex(d[1]).c_str(),
			    d.size() - 1);
		std::fflush(stdout);
	}
	return 0;
}

int exchange(int fd, const Options &o)
{
	const auto type = static_cast<std::uint8_t>(o.msg_type > 0xff ? o.type : o.msg_type);
	for (unsigned long seq = 0; seq < o.count; seq++) {
		Bytes req{static_cast<std::uint8_t>(o.eid), type};
		auto p = payload(seq, o.length);
		req.insert(req.end(), p.begin(), p.end());
		if (!send_all(fd, req))
			return error(std::string("send: ") + std::strerror(errno));
		if (o.disconnect) {
			std::printf("sent, disconnecting before the answer\n");
			return 0;
		}
		bool closed = false;
		auto d = receive(fd, o.timeout, closed);
		if (closed)
			return error("closed by the bridge");
		if (d.empty())
			return error("no answer to request " + std::to_string(seq + 1) + " in " +
				     std::to_string(o.timeout) + " ms");
		if (d != req)
			return error("answer " + std::to_string(seq + 1) + " is not ours: eid " +
				     std::to_string(d[0]) + ", " + std::to_string(d.size()) + " bytes");
		std::printf("answer %lu/%lu from eid %u: type %s, %zu bytes, matches\n", seq + 1,
			    o.count, d[0], hex(d[1]).c_str(), d.size() - 1);
	}
	std::printf("all answered\n");
	return 0;
}

} // namespace

int main(int argc, char **argv)
{
	Options o;
	mctpxx::cli::CommandLine cl("mctp-test-demux-client", "[OPTIONS]",
				    "A libmctp demux client: registers for a type, sends requests\n"
				    "[EID][type][payload] and checks that the answers echo them.");
	cl.text("-s,--socket", o.socket, "NAME", "Abstract socket name (default: mctp-mux)");
	cl.number("-t,--type", o.type, 0, 255, "type", "TYPE",
		  "Registration byte (default: 1; 0 to be refused)");
	cl.number("-y,--msg-type", o.msg_type, 0, 255, "type", "TYPE",
		  "Type byte of the requests (default: the registered type)");
	cl.number("-e,--eid", o.eid, 0, 255, "EID", "EID", "Destination EID");
	cl.number("-c,--count", o.count, 1, 1000000, "count", "N", "Requests (default: 1)");
	cl.number("-l,--length", o.length, 0, 65535, "length", "LEN",
		  "Payload bytes after the type byte (default: 8)");
	cl.number("-w,--timeout", o.timeout, 1, 600000, "timeout", "MS",
		  "Wait for each answer (default: 5000)");
	cl.number("-r,--receive", o.receive, 1, 1000000, "count", "N",
		  "Send nothing: print N messages received, then exit");
	cl.flag("--bad-registration", o.bad_registration,
		"Register with two bytes; expect to be closed");
	cl.flag("--short", o.short_datagram, "Send a one-byte datagram first, then go on");
	cl.flag("--oversize", o.oversize, "Send a datagram over the size limit first, then go on");
	cl.flag("--disconnect", o.disconnect, "Disconnect right after the first request");
	if (auto status = cl.parse(argc, argv))
		return *status;

	int fd = connect_mux(o.socket);
	if (fd < 0)
		return error("connect to @" + o.socket + ": " + std::strerror(errno));
	Bytes reg{static_cast<std::uint8_t>(o.type)};
	if (o.bad_registration)
		reg.push_back(static_cast<std::uint8_t>(o.type));
	if (!send_all(fd, reg))
		return error(std::string("registration: ") + std::strerror(errno));
	if (o.bad_registration || (o.type & 0x7f) == 0)
		return expect_closed(fd, o);
	std::printf("registered for type %s\n", hex(o.type).c_str());
	std::fflush(stdout);
	if (o.short_datagram && !send_all(fd, Bytes{static_cast<std::uint8_t>(o.eid)}))
		return error(std::string("short datagram: ") + std::strerror(errno));
	if (o.oversize) {
		Bytes big(64 * 1024 + 2, 0);
		big[0] = static_cast<std::uint8_t>(o.eid);
		big[1] = static_cast<std::uint8_t>(o.type);
		if (!send_all(fd, big))
			return error(std::string("oversized datagram: ") + std::strerror(errno));
	}
	int rc = o.receive ? receive_only(fd, o) : exchange(fd, o);
	::close(fd);
	return rc;
}
