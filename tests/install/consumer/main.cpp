// SPDX-License-Identifier: GPL-2.0
// A small application on the installed MCTP library: it checks the
// version it was built against, parses an EID and a UUID, encodes and
// decodes a control request and opens an AF_MCTP socket (which needs a
// kernel with MCTP: its absence is reported, not an error here).
// Usage: consumer VERSION
#include <cstdio>
#include <string_view>

// every public header: each must build with what the package declares
#include <mctpxx/args.hpp>
#include <mctpxx/control.hpp>
#include <mctpxx/error.hpp>
#include <mctpxx/fd.hpp>
#include <mctpxx/message_type.hpp>
#include <mctpxx/netlink.hpp>
#include <mctpxx/request.hpp>
#include <mctpxx/responder.hpp>
#include <mctpxx/socket.hpp>
#include <mctpxx/unreachable.hpp>
#include <mctpxx/uuid.hpp>
#include <mctpxx/version.hpp>

int main(int argc, char **argv)
{
	if (argc != 2 || mctpxx::kVersion != std::string_view(argv[1])) {
		std::fprintf(stderr, "consumer: built against version %s, not %s\n",
			     mctpxx::kVersion.data(), argc > 1 ? argv[1] : "(none)");
		return 1;
	}
	auto eid = mctpxx::parse_number("0x1d", 0, 255, "EID");
	auto uuid = mctpxx::parse_uuid("12345678-9abc-def0-1234-56789abcdef0");
	if (!eid || *eid != 29 || !uuid || mctpxx::uuid_to_string(*uuid) !=
						   "12345678-9abc-def0-1234-56789abcdef0") {
		std::fprintf(stderr, "consumer: parsing failed\n");
		return 1;
	}
	mctpxx::control::SetEndpointIdRequest set{mctpxx::control::SetEidOp::Set, 29};
	auto wire = mctpxx::control::encode(set, 3);
	auto back = mctpxx::control::decode_set_eid_request(wire);
	if (!back || back->eid != 29) {
		std::fprintf(stderr, "consumer: control request did not round-trip\n");
		return 1;
	}
	auto sock = mctpxx::Socket::open();
	if (sock)
		std::printf("AF_MCTP socket open (fd %d)\n", sock->fd());
	else
		std::printf("no AF_MCTP socket here: %s\n", sock.error().message.c_str());
	std::printf("consumer OK: mctp %s\n", mctpxx::kVersion.data());
	return 0;
}
