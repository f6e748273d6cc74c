// SPDX-License-Identifier: GPL-2.0
// mctp-test-control: sends one MCTP control request to an EID and prints
// the decoded response, for end-to-end tests of endpoint roles.
//
//   mctp-test-control [-n NET] -e EID get-eid|uuid|types|version|set-eid N
#include <getopt.h>

#include <cerrno>

#include <cstdio>
#include <string>

#include "mctpxx/args.hpp"
#include "mctpxx/control.hpp"
#include "mctpxx/request.hpp"

namespace {

using namespace mctpxx;

int die(const std::string &m)
{
	std::fprintf(stderr, "mctp-test-control: %s\n", m.c_str());
	return 1;
}

int usage()
{
	std::fprintf(stderr, "usage: mctp-test-control [-n NET] -e EID "
			     "get-eid|uuid|types|version|set-eid N\n");
	return 2;
}

} // namespace

int main(int argc, char **argv)
{
	Address to;
	to.type = control::kMessageType;
	bool have_eid = false;
	int opt;
	while ((opt = getopt(argc, argv, "n:e:")) != -1) {
		Result<unsigned long> v;
		switch (opt) {
		case 'n': v = parse_number(optarg, 0, 0xffffffffUL, "network"); if (v) to.net = *v; break;
		case 'e': v = parse_number(optarg, 0, 255, "EID"); if (v) { to.eid = *v; have_eid = true; } break;
		default: return usage();
		}
		if (!v)
			return die(v.error().message);
	}
	if (!have_eid || optind >= argc)
		return usage();
	const std::string cmd = argv[optind];
	std::vector<std::uint8_t> req;
	if (cmd == "get-eid")
		req = control::encode_request(control::Command::GetEndpointId, 1);
	else if (cmd == "uuid")
		req = control::encode_request(control::Command::GetEndpointUuid, 1);
	else if (cmd == "types")
		req = control::encode_request(control::Command::GetMessageTypeSupport, 1);
	else if (cmd == "version")
		req = control::encode(control::GetVersionSupportRequest{0xff}, 1);
	else if (cmd == "set-eid" && optind + 1 < argc) {
		auto e = parse_number(argv[optind + 1], 0, 255, "EID");
		if (!e)
			return die(e.error().message);
		req = control::encode(control::SetEndpointIdRequest{control::SetEidOp::Set,
								    static_cast<std::uint8_t>(*e)}, 1);
	} else
		return usage();

	auto sock = Socket::open();
	if (!sock)
		return die(sock.error().message);
	// As a DSP0236 requester does: a request that gets no answer is sent
	// again (SMBus may lose a packet), each retry said on stderr so that
	// a test log shows it.
	RequestOptions ro;
	ro.timeout = std::chrono::milliseconds(3000);
	constexpr int kAttempts = 3;
	Result<std::vector<Message>> resp = request(*sock, to, req, ro);
	for (int attempt = 2; attempt <= kAttempts && !resp && resp.error().code == ETIMEDOUT;
	     attempt++) {
		std::fprintf(stderr,
			     "mctp-test-control: no answer from EID %u in %lld ms, "
			     "sending again (attempt %d of %d)\n",
			     to.eid, static_cast<long long>(ro.timeout.count()), attempt, kAttempts);
		resp = request(*sock, to, req, ro);
	}
	if (!resp)
		return die(resp.error().message);
	const auto &d = resp->front().data;
	if (cmd == "get-eid") {
		auto r = control::decode_get_eid_response(d);
		if (!r)
			return die(r.error().message);
		std::printf("eid %u type %u eid_type %u\n", r->eid,
			    static_cast<unsigned>(r->endpoint_type), static_cast<unsigned>(r->eid_type));
	} else if (cmd == "uuid") {
		auto r = control::decode_uuid_response(d);
		if (!r)
			return die(r.error().message);
		std::printf("uuid %s\n", control::uuid_to_string(r->uuid).c_str());
	} else if (cmd == "types") {
		auto r = control::decode_message_types_response(d);
		if (!r)
			return die(r.error().message);
		std::printf("types");
		for (auto t : r->types)
			std::printf(" %u", t);
		std::printf("\n");
	} else if (cmd == "version") {
		auto r = control::decode_version_response(d);
		if (!r)
			return die(r.error().message);
		std::printf("versions");
		for (const auto &v : r->versions)
			std::printf(" %s", control::to_string(v).c_str());
		std::printf("\n");
	} else {
		auto r = control::decode_set_eid_response(d);
		if (!r)
			return die(r.error().message);
		std::printf("%s eid %u\n",
			    r->status == control::EidAssignment::Accepted ? "accepted" : "rejected", r->eid);
	}
	return 0;
}
