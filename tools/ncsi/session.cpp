// SPDX-License-Identifier: GPL-2.0
#include "session.hpp"

#include <cerrno>
#include <thread>

namespace mctpxx::ncsid {
namespace {

std::uint8_t u8(ncsi::Command c)
{
	return static_cast<std::uint8_t>(c);
}

// The error a failure answer to @c stands for.
Error failure(ncsi::Command c, const ncsi::ResponseStatus &st)
{
	int code = EIO;
	if (st.reason == ncsi::reason::InterfaceInitRequired)
		code = ECONNRESET;
	else if (st.code == ncsi::response_code::Unsupported)
		code = EOPNOTSUPP;
	return Error{code, ncsi::command_name(c) + ": " + ncsi::describe(st)};
}

template <typename T>
Result<T> typed(const Result<Bytes> &data, Result<T> (*decode)(std::span<const std::uint8_t>),
		ncsi::Command c)
{
	if (!data)
		return fail(data.error());
	auto v = decode(*data);
	if (!v)
		return fail(Error{EPROTO, ncsi::command_name(c) + ": " + v.error().message});
	return v;
}

Status done(const Result<Bytes> &data)
{
	if (!data)
		return fail(data.error());
	return {};
}

} // namespace

Status Session::open()
{
	if (req_)
		return {};
	auto r = Requester::open(policy_);
	if (!r)
		return fail(r.error());
	req_.emplace(std::move(*r));
	return {};
}

Result<Bytes> Session::send(ChannelId ch, ncsi::Command c, std::span<const std::uint8_t> payload,
			    const RetryPolicy &policy)
{
	if (stopping_ && stopping_())
		return fail(Error{ECANCELED, "stopping"});
	if (auto s = open(); !s)
		return fail(s.error());
	const auto next = last_ + gap_;
	if (auto now = std::chrono::steady_clock::now(); now < next)
		std::this_thread::sleep_for(next - now);
	req_->set_policy(policy);
	auto r = req_->exchange(peer_, ch, u8(c), payload);
	last_ = std::chrono::steady_clock::now();
	if (!r)
		return fail(r.error());
	if (!r->status.ok())
		return fail(failure(c, r->status));
	return std::move(r->data);
}

Result<Bytes> Session::command(ChannelId ch, ncsi::Command c, std::span<const std::uint8_t> payload)
{
	return send(ch, c, payload, policy_);
}

Status Session::clear_initial_state(ChannelId ch)
{
	return done(command(ch, ncsi::Command::ClearInitialState));
}

Status Session::select_package(std::uint8_t package)
{
	const std::uint8_t p[4] = {0, 0, 0, 1}; // hardware arbitration disabled
	return done(command(ChannelId::whole_package(package), ncsi::Command::SelectPackage, p));
}

Status Session::probe_package(std::uint8_t package)
{
	const std::uint8_t p[4] = {0, 0, 0, 1};
	auto r = send(ChannelId::whole_package(package), ncsi::Command::SelectPackage, p,
		      RetryPolicy{.timeout = policy_.timeout, .retries = 0});
	if (!r && (r.error().code == EIO || r.error().code == ECONNRESET))
		return {}; // it answered: it is there
	return done(r);
}

Status Session::enable_channel(ChannelId ch)
{
	return done(command(ch, ncsi::Command::EnableChannel));
}

Status Session::aen_enable(ChannelId ch, std::uint32_t mask)
{
	const std::uint8_t p[8] = {0,
				   0,
				   0,
				   ncsi::kDefaultMcId,
				   static_cast<std::uint8_t>(mask >> 24),
				   static_cast<std::uint8_t>(mask >> 16),
				   static_cast<std::uint8_t>(mask >> 8),
				   static_cast<std::uint8_t>(mask)};
	return done(command(ch, ncsi::Command::AenEnable, p));
}

Result<ncsi::LinkStatus> Session::link_status(ChannelId ch)
{
	return typed(command(ch, ncsi::Command::GetLinkStatus), ncsi::decode_link_status,
		     ncsi::Command::GetLinkStatus);
}

Result<ncsi::VersionId> Session::version(ChannelId ch)
{
	return typed(command(ch, ncsi::Command::GetVersionId), ncsi::decode_version_id,
		     ncsi::Command::GetVersionId);
}

Result<ncsi::Capabilities> Session::capabilities(ChannelId ch)
{
	return typed(command(ch, ncsi::Command::GetCapabilities), ncsi::decode_capabilities,
		     ncsi::Command::GetCapabilities);
}

Result<ncsi::Parameters> Session::parameters(ChannelId ch)
{
	return typed(command(ch, ncsi::Command::GetParameters), ncsi::decode_parameters,
		     ncsi::Command::GetParameters);
}

Result<ncsi::PackageUuid> Session::package_uuid(std::uint8_t package)
{
	return typed(command(ChannelId::whole_package(package), ncsi::Command::GetPackageUuid),
		     ncsi::decode_package_uuid, ncsi::Command::GetPackageUuid);
}

Result<ncsi::McMacAddresses> Session::mc_mac_addresses(ChannelId ch)
{
	return typed(command(ch, ncsi::Command::GetMcMacAddress), ncsi::decode_mc_mac_addresses,
		     ncsi::Command::GetMcMacAddress);
}

} // namespace mctpxx::ncsid
