// SPDX-License-Identifier: GPL-2.0
// The NC-SI exchanges with one network controller, on its worker's
// thread: one call per command, each returning the command's typed
// answer. Blocking; commands go one at a time with a small gap between
// them, so a controller's traffic leaves room on a shared bus for others.
//
// Errors: ETIMEDOUT (no answer), ECONNRESET (the channel is in its initial
// state: "interface initialization required"), EOPNOTSUPP (command
// unsupported), EPROTO (an answer that does not decode), EIO (another
// failure the controller reported, named), ECANCELED (the daemon stops),
// others from the socket.
#pragma once

#include <chrono>
#include <functional>
#include <optional>

#include "ncsixx/ncsi.hpp"
#include "requester.hpp"

namespace mctpxx::ncsid {

using ncsi::ChannelId;

class Session {
public:
	Session(Peer peer, RetryPolicy policy, std::chrono::milliseconds gap, std::function<bool()> stopping)
		: peer_(peer), policy_(policy), gap_(gap), stopping_(std::move(stopping))
	{
	}

	Status clear_initial_state(ChannelId ch);
	// Select Package with hardware arbitration off (MCTP has no RBT to share).
	Status select_package(std::uint8_t package);
	// The same as a probe: one attempt of @timeout, and a failure answer
	// counts as an answer (the package is there).
	Status probe_package(std::uint8_t package);
	Status enable_channel(ChannelId ch);
	Status aen_enable(ChannelId ch, std::uint32_t mask);
	Result<ncsi::LinkStatus> link_status(ChannelId ch);
	Result<ncsi::VersionId> version(ChannelId ch);
	Result<ncsi::Capabilities> capabilities(ChannelId ch);
	Result<ncsi::Parameters> parameters(ChannelId ch);
	Result<ncsi::PackageUuid> package_uuid(std::uint8_t package);
	Result<ncsi::McMacAddresses> mc_mac_addresses(ChannelId ch);

	const Peer &peer() const { return peer_; }

private:
	// One command and its checked response data (after the gap since the
	// last one); a failure answer becomes the error above.
	Result<Bytes> command(ChannelId ch, ncsi::Command c, std::span<const std::uint8_t> payload = {});
	Result<Bytes> send(ChannelId ch, ncsi::Command c, std::span<const std::uint8_t> payload,
			   const RetryPolicy &policy);
	Status open();

	Peer peer_;
	RetryPolicy policy_;
	std::chrono::milliseconds gap_;
	std::function<bool()> stopping_;
	std::optional<Requester> req_;
	std::chrono::steady_clock::time_point last_{};
};

} // namespace mctpxx::ncsid
