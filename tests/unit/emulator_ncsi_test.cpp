// SPDX-License-Identifier: GPL-2.0
// The emulated NC-SI network controller (mctp-endpoint-emu --ncsi): every
// request built by libncsixx's encoders, every answer read back with its
// decoders: the Initial State rule, channel state, link, identity, the
// statistics it counts, AENs, the faults and the control lines.
#include <gtest/gtest.h>

#include <optional>

#include "emulator.hpp"
#include "ncsi_controller.hpp"
#include "ncsi_responder.hpp"
#include "ncsixx/ncsi.hpp"

namespace {

using namespace mctpxx::emu::ncsi;
namespace rc = nc::response_code;
namespace why = nc::reason;
using nc::Command;

constexpr std::uint8_t kMc = 8; // the EID of the management controller

struct NcsiController : ::testing::Test {
	Config cfg;
	std::optional<Controller> ctl;
	std::uint8_t iid = 0;

	void SetUp() override
	{
		cfg.smbus_addr = 0x1d;
		ctl.emplace(cfg);
	}
	void remake() { ctl.emplace(cfg); }

	nc::Target to(unsigned p, unsigned c)
	{
		iid = static_cast<std::uint8_t>(iid % 255 + 1);
		return {{static_cast<std::uint8_t>(p), static_cast<std::uint8_t>(c)}, iid, 0};
	}
	// The response to @req (must decode as a request of the codec's), or
	// nothing.
	std::optional<Bytes> ask(const mctpxx::Result<Bytes> &req, std::uint8_t eid = kMc)
	{
		EXPECT_TRUE(req) << req.error().message;
		if (!req)
			return std::nullopt;
		return respond(*ctl, *req, eid);
	}
	// The response to @req, decoded as the answer to @cmd.
	nc::Response answer(const mctpxx::Result<Bytes> &req, Command cmd)
	{
		last = ask(req);
		EXPECT_TRUE(last) << nc::command_name(cmd) << ": no response";
		if (!last)
			return {};
		auto r = nc::decode_response(*last, cmd, (*req)[3]);
		EXPECT_TRUE(r) << r.error().message;
		return r.value_or(nc::Response{});
	}
	nc::ResponseStatus status(const mctpxx::Result<Bytes> &req, Command cmd)
	{
		return answer(req, cmd).status;
	}
	void clear(unsigned p, unsigned c)
	{
		ASSERT_TRUE(status(nc::encode_clear_initial_state(to(p, c)), Command::ClearInitialState).ok());
	}
	nc::LinkStatus link(unsigned p, unsigned c)
	{
		auto r = answer(nc::encode_get_link_status(to(p, c)), Command::GetLinkStatus);
		EXPECT_TRUE(r.status.ok()) << nc::describe(r.status);
		auto s = nc::decode_link_status(r.data);
		EXPECT_TRUE(s) << s.error().message;
		return s.value_or(nc::LinkStatus{});
	}
	nc::NcsiStatistics stats(unsigned p, unsigned c)
	{
		auto r = answer(nc::encode_get_ncsi_statistics(to(p, c)), Command::GetNcsiStatistics);
		EXPECT_TRUE(r.status.ok()) << nc::describe(r.status);
		auto s = nc::decode_ncsi_statistics(r.data);
		EXPECT_TRUE(s) << s.error().message;
		return s.value_or(nc::NcsiStatistics{});
	}
	nc::Parameters parameters(unsigned p, unsigned c)
	{
		auto r = answer(nc::encode_get_parameters(to(p, c)), Command::GetParameters);
		EXPECT_TRUE(r.status.ok()) << nc::describe(r.status);
		auto s = nc::decode_parameters(r.data);
		EXPECT_TRUE(s) << s.error().message;
		return s.value_or(nc::Parameters{});
	}
	// Clear Initial State and AEN Enable with @mask, from @eid.
	void enable_aens(unsigned p, unsigned c, std::uint32_t mask, std::uint8_t eid = kMc,
			 std::uint8_t mc_id = 0x31)
	{
		clear(p, c);
		auto req = nc::encode_aen_enable(to(p, c), mc_id, mask);
		auto r = ask(req, eid);
		ASSERT_TRUE(r);
		auto d = nc::decode_response(*r, Command::AenEnable, (*req)[3]);
		ASSERT_TRUE(d) << d.error().message;
		ASSERT_TRUE(d->status.ok()) << nc::describe(d->status);
	}
	std::vector<nc::Aen> aens(std::vector<PendingAen> *raw = nullptr)
	{
		std::vector<nc::Aen> out;
		auto all = ctl->take_aens();
		for (const auto &a : all) {
			auto d = nc::decode_aen(a.packet);
			EXPECT_TRUE(d) << d.error().message;
			if (d)
				out.push_back(*d);
		}
		if (raw)
			*raw = all;
		return out;
	}
	std::optional<Bytes> last;
};

TEST_F(NcsiController, EveryChannelStartsInTheInitialState)
{
	for (unsigned p = 0; p < 2; p++)
		for (unsigned c = 0; c < 2; c++) {
			for (auto req : {nc::encode_get_link_status(to(p, c)), nc::encode_get_version_id(to(p, c)),
					 nc::encode_enable_channel(to(p, c)), nc::encode_aen_enable(to(p, c), 0, 1)}) {
				auto r = ask(req);
				ASSERT_TRUE(r);
				auto d = nc::decode_response(*r, (*req)[4], (*req)[3]);
				ASSERT_TRUE(d) << d.error().message;
				EXPECT_EQ(d->status, (nc::ResponseStatus{rc::Failed, why::InterfaceInitRequired}))
					<< nc::describe(d->status);
			}
		}
	// a failed Get Link Status still has the command's payload length
	auto r = answer(nc::encode_get_link_status(to(0, 0)), Command::GetLinkStatus);
	EXPECT_EQ(r.header.payload_length, 4u + 12u);
	EXPECT_EQ(r.data.size(), 12u);
}

TEST_F(NcsiController, ClearInitialStateOneChannelAtATime)
{
	clear(0, 1);
	EXPECT_TRUE(status(nc::encode_get_link_status(to(0, 1)), Command::GetLinkStatus).ok());
	EXPECT_EQ(status(nc::encode_get_link_status(to(0, 0)), Command::GetLinkStatus),
		  (nc::ResponseStatus{rc::Failed, why::InterfaceInitRequired}));
	EXPECT_EQ(status(nc::encode_get_link_status(to(1, 1)), Command::GetLinkStatus),
		  (nc::ResponseStatus{rc::Failed, why::InterfaceInitRequired}));
	// Clear Initial State again is fine
	clear(0, 1);
	// Reset Channel: back to the Initial State
	EXPECT_TRUE(status(nc::encode_reset_channel(to(0, 1)), Command::ResetChannel).ok());
	EXPECT_EQ(status(nc::encode_get_link_status(to(0, 1)), Command::GetLinkStatus),
		  (nc::ResponseStatus{rc::Failed, why::InterfaceInitRequired}));
}

TEST_F(NcsiController, PackageCommandsNeedNoClearInitialState)
{
	const nc::Target pkg{nc::ChannelId::whole_package(1), 7, 0};
	EXPECT_TRUE(status(nc::encode_select_package(pkg, false), Command::SelectPackage).ok());
	EXPECT_TRUE(ctl->package(1)->selected);
	EXPECT_FALSE(ctl->package(0)->selected);
	EXPECT_TRUE(status(nc::encode_deselect_package({nc::ChannelId::whole_package(1), 8, 0}),
			   Command::DeselectPackage)
			    .ok());
	EXPECT_FALSE(ctl->package(1)->selected);

	auto u0 = answer(nc::encode_get_package_uuid({nc::ChannelId::whole_package(0), 9, 0}),
			 Command::GetPackageUuid);
	ASSERT_TRUE(u0.status.ok());
	auto uuid0 = nc::decode_package_uuid(u0.data);
	auto u1 = answer(nc::encode_get_package_uuid({nc::ChannelId::whole_package(1), 10, 0}),
			 Command::GetPackageUuid);
	auto uuid1 = nc::decode_package_uuid(u1.data);
	ASSERT_TRUE(uuid0 && uuid1);
	EXPECT_NE(*uuid0, *uuid1);
	EXPECT_EQ(uuid0->to_string(), "4e435349-0000-4000-8000-000000001d00");
	EXPECT_EQ(uuid1->to_string(), "4e435349-0000-4000-8000-000000001d01");

	// a channel command to the whole package
	EXPECT_EQ(status(nc::encode_get_link_status({nc::ChannelId::whole_package(0), 11, 0}),
			 Command::GetLinkStatus),
		  (nc::ResponseStatus{rc::Failed, why::ParameterInvalid}));
}

TEST_F(NcsiController, EnableDisableChannelAndNetworkTx)
{
	clear(1, 0);
	EXPECT_EQ(parameters(1, 0).configuration_flags & 0x6u, 0u);
	EXPECT_TRUE(status(nc::encode_enable_channel(to(1, 0)), Command::EnableChannel).ok());
	EXPECT_EQ(parameters(1, 0).configuration_flags & 0x6u, 0x2u);
	EXPECT_TRUE(status(nc::encode_request(to(1, 0), 0x06, {}), Command::EnableChannelNetworkTx).ok());
	EXPECT_EQ(parameters(1, 0).configuration_flags & 0x6u, 0x6u);
	EXPECT_TRUE(status(nc::encode_disable_channel(to(1, 0), true), Command::DisableChannel).ok());
	EXPECT_EQ(parameters(1, 0).configuration_flags & 0x6u, 0x4u);
	EXPECT_TRUE(status(nc::encode_request(to(1, 0), 0x07, {}), Command::DisableChannelNetworkTx).ok());
	EXPECT_EQ(parameters(1, 0).configuration_flags & 0x6u, 0u);
	EXPECT_FALSE(ctl->channel(1, 0)->enabled);
	// reset: disabled again
	EXPECT_TRUE(status(nc::encode_enable_channel(to(1, 0)), Command::EnableChannel).ok());
	EXPECT_TRUE(status(nc::encode_reset_channel(to(1, 0)), Command::ResetChannel).ok());
	EXPECT_FALSE(ctl->channel(1, 0)->enabled);
	EXPECT_TRUE(ctl->channel(1, 0)->initial);
}

TEST_F(NcsiController, LinkStatusDefaultsOptionsAndControl)
{
	cfg.link_down.insert({1, 1});
	remake();
	clear(0, 0);
	clear(1, 1);
	auto up = link(0, 0);
	EXPECT_TRUE(up.link_up());
	ASSERT_TRUE(up.speed());
	EXPECT_EQ(*up.speed(), (nc::LinkSpeed{1000, true}));
	EXPECT_TRUE(up.autoneg_enabled());
	EXPECT_TRUE(up.autoneg_complete());
	EXPECT_TRUE(up.host_nc_driver_ready());
	auto down = link(1, 1);
	EXPECT_FALSE(down.link_up());
	EXPECT_EQ(down.speed_duplex(), 0);

	ASSERT_TRUE(ctl->control("link 0.0 down"));
	EXPECT_FALSE(link(0, 0).link_up());
	ASSERT_TRUE(ctl->control("link 0.0 up 10000"));
	auto ten = link(0, 0);
	EXPECT_TRUE(ten.link_up());
	EXPECT_EQ(ten.speed()->mbps, 10000u);
	ASSERT_TRUE(ctl->control("speed 0.0 100"));
	EXPECT_EQ(link(0, 0).speed()->mbps, 100u);
	ASSERT_TRUE(ctl->control("driver 0.0 down"));
	EXPECT_FALSE(link(0, 0).host_nc_driver_ready());
	// the other channels did not move
	EXPECT_EQ(link(1, 1), down);
}

TEST_F(NcsiController, VersionIdFromTheOptions)
{
	cfg.firmware_name = "EMU-NIC";
	auto v = parse_firmware_version("1.2.3.4");
	ASSERT_TRUE(v);
	EXPECT_EQ(*v, 0x01020304u);
	cfg.firmware_version = *v;
	remake();
	clear(0, 1);
	auto r = answer(nc::encode_get_version_id(to(0, 1)), Command::GetVersionId);
	ASSERT_TRUE(r.status.ok());
	auto id = nc::decode_version_id(r.data);
	ASSERT_TRUE(id) << id.error().message;
	EXPECT_EQ(id->firmware_name, "EMU-NIC");
	EXPECT_EQ(id->firmware_version_text(), "1.2.3.4");
	EXPECT_EQ(id->ncsi.to_string(), "1.2");
	EXPECT_EQ(id->manufacturer_id, kManufacturerIana);
	EXPECT_EQ(id->pci_vid, kPciVendor);
	EXPECT_EQ(id->pci_did, kPciDevice);

	EXPECT_FALSE(parse_firmware_version("1.2.3.4.5"));
	EXPECT_FALSE(parse_firmware_version("1..2"));
	EXPECT_FALSE(parse_firmware_version("256"));
	EXPECT_FALSE(parse_firmware_version(""));
}

TEST_F(NcsiController, CapabilitiesParametersAndMacs)
{
	cfg.channels = 3;
	remake();
	clear(0, 2);
	auto r = answer(nc::encode_get_capabilities(to(0, 2)), Command::GetCapabilities);
	auto cap = nc::decode_capabilities(r.data);
	ASSERT_TRUE(cap) << cap.error().message;
	EXPECT_EQ(cap->channel_count, 3);
	EXPECT_EQ(cap->aen_control, 0x7u);

	std::set<nc::MacAddress> macs;
	for (unsigned p = 0; p < 2; p++)
		for (unsigned c = 0; c < 3; c++) {
			clear(p, c);
			auto prm = parameters(p, c);
			ASSERT_EQ(prm.macs.size(), 1u);
			EXPECT_TRUE(prm.macs[0].enabled);
			const nc::MacAddress want{0x02, 0x4e, 0x43, 0x1d, static_cast<std::uint8_t>(p),
						  static_cast<std::uint8_t>(c)};
			EXPECT_EQ(prm.macs[0].mac, want) << nc::mac_to_string(prm.macs[0].mac);
			macs.insert(prm.macs[0].mac);
			auto mc = answer(nc::encode_get_mc_mac_address(to(p, c)), Command::GetMcMacAddress);
			auto m = nc::decode_mc_mac_addresses(mc.data);
			ASSERT_TRUE(m) << m.error().message;
			ASSERT_EQ(m->macs.size(), 1u);
			EXPECT_NE(m->macs[0], want);
			EXPECT_EQ(m->macs[0][0] & 0x03, 0x02); // locally administered unicast
		}
	EXPECT_EQ(macs.size(), 6u);
	// the same SMBus address gives the same addresses again
	remake();
	clear(1, 2);
	EXPECT_EQ(parameters(1, 2).macs.at(0).mac, (nc::MacAddress{0x02, 0x4e, 0x43, 0x1d, 1, 2}));
}

TEST_F(NcsiController, StatisticsCountWhatWasSeenAndSent)
{
	clear(0, 0);					 // 1 received, 1 sent
	(void)link(0, 0);				 // 2, 2
	(void)ask(nc::encode_request(to(0, 0), 0x2f, {})); // unknown: a type error, answered
	auto bad = nc::encode_get_link_status(to(0, 0));   // bad checksum: dropped
	ASSERT_TRUE(bad);
	bad->back() ^= 0x01;
	EXPECT_FALSE(ask(bad));
	nc::Header h;					 // AEN Enable 4 bytes short: answered
	h.iid = 77;
	h.type = 0x08;
	h.channel = {0, 0};
	const std::uint8_t four[4] = {0, 0, 0, 1};
	auto shortreq = nc::frame(h, four);
	auto r = ask(shortreq);
	ASSERT_TRUE(r);
	auto d = nc::decode_response(*r, Command::AenEnable, 77);
	ASSERT_TRUE(d) << d.error().message;
	EXPECT_EQ(d->status, (nc::ResponseStatus{rc::Failed, why::InvalidPayloadLength}));
	// a response sent to the controller: dropped
	auto stray = nc::encode_response(nc::Header{0, 1, 9, 0x0a, {0, 0}, 0}, {});
	ASSERT_TRUE(stray);
	EXPECT_FALSE(ask(stray));

	const auto s = stats(0, 0);
	EXPECT_EQ(s.receive_packets, 7u);	  // all of them, this one too
	EXPECT_EQ(s.commands_received, 3u);	  // Clear Initial State, Get Link Status, this one
	EXPECT_EQ(s.command_type_errors, 1u);
	EXPECT_EQ(s.command_checksum_errors, 1u);
	EXPECT_EQ(s.control_packets_dropped, 2u); // the bad checksum and the stray response
	EXPECT_EQ(s.transmit_packets, 4u);	  // this response is not counted yet
	EXPECT_EQ(s.aens_sent, 0u);
	// the next one counts the response to the first
	EXPECT_EQ(stats(0, 0).transmit_packets, 5u);
	// the other channel saw nothing
	clear(0, 1);
	const auto other = stats(0, 1);
	EXPECT_EQ(other.receive_packets, 2u);
	EXPECT_EQ(other.transmit_packets, 1u);
	// Controller Packet Statistics: no traffic is emulated
	auto cps = answer(nc::encode_get_controller_packet_statistics(to(0, 0)),
			  Command::GetControllerPacketStatistics);
	ASSERT_TRUE(cps.status.ok());
	auto decoded = nc::decode_controller_packet_statistics(cps.data);
	ASSERT_TRUE(decoded) << decoded.error().message;
	EXPECT_EQ(*decoded, nc::ControllerPacketStatistics{});
}

TEST_F(NcsiController, ChecksumZeroMeansNone)
{
	auto req = nc::encode_request(to(0, 0), 0x00, {});
	ASSERT_TRUE(req);
	std::fill(req->end() - 4, req->end(), 0);
	auto r = ask(req);
	ASSERT_TRUE(r);
	auto d = nc::decode_response(*r, Command::ClearInitialState, (*req)[3]);
	ASSERT_TRUE(d);
	EXPECT_TRUE(d->status.ok());
}

TEST_F(NcsiController, TruncatedRequestAnsweredInvalidLength)
{
	auto req = nc::encode_aen_enable(to(0, 0), 0, 1);
	ASSERT_TRUE(req);
	req->resize(req->size() - 6);
	auto r = ask(req);
	ASSERT_TRUE(r);
	auto d = nc::decode_response(*r, Command::AenEnable, (*req)[3]);
	ASSERT_TRUE(d);
	EXPECT_EQ(d->status, (nc::ResponseStatus{rc::Failed, why::InvalidPayloadLength}));
	// shorter than a header: nothing to answer
	EXPECT_FALSE(respond(*ctl, std::span<const std::uint8_t>(req->data(), 10), kMc));
}

TEST_F(NcsiController, UnknownAndUnsupportedCommands)
{
	// unknown, before and after Clear Initial State
	for (int round = 0; round < 2; round++) {
		auto r = ask(nc::encode_request(to(1, 1), 0x2f, {}));
		ASSERT_TRUE(r);
		auto d = nc::decode_response(*r, 0x2f, iid);
		ASSERT_TRUE(d);
		EXPECT_EQ(d->status, (nc::ResponseStatus{rc::Unsupported, why::UnknownCommand}));
		if (round == 0)
			clear(1, 1);
	}
	// known to NC-SI, not emulated: Set Link
	const std::uint8_t args[8] = {};
	EXPECT_EQ(status(nc::encode_request(to(1, 1), 0x09, args), Command::SetLink),
		  (nc::ResponseStatus{rc::Unsupported, why::UnknownCommand}));
	EXPECT_EQ(stats(1, 1).command_type_errors, 3u);
}

TEST_F(NcsiController, ChannelsAndPackagesThatDoNotExistAreNotAnswered)
{
	EXPECT_FALSE(ask(nc::encode_get_link_status(to(0, 2))));
	EXPECT_FALSE(ask(nc::encode_clear_initial_state(to(2, 0))));
	EXPECT_FALSE(ask(nc::encode_select_package({nc::ChannelId::whole_package(5), 1, 0}, false)));
	EXPECT_TRUE(ask(nc::encode_clear_initial_state(to(1, 1))));
}

TEST_F(NcsiController, AensOnlyWhenEnabledAndOnlyTheEnabledTypes)
{
	clear(0, 0);
	ASSERT_TRUE(ctl->control("link 0.0 down"));
	EXPECT_TRUE(aens().empty()); // nothing enabled
	enable_aens(0, 0, nc::aen_control::LinkStatusChange, 9, 0x31);
	ASSERT_TRUE(ctl->control("driver 0.0 down"));
	EXPECT_TRUE(aens().empty()); // driver changes not enabled
	ASSERT_TRUE(ctl->control("link 0.0 up 25000"));
	std::vector<PendingAen> raw;
	auto got = aens(&raw);
	ASSERT_EQ(got.size(), 1u);
	EXPECT_EQ(raw[0].eid, 9); // to the EID that sent AEN Enable
	EXPECT_EQ(got[0].type(), 0x00);
	EXPECT_EQ(got[0].channel, (nc::ChannelId{0, 0}));
	EXPECT_EQ(got[0].mc_id, 0x31);
	auto *lsc = std::get_if<nc::LinkStatusChangeAen>(&got[0].payload);
	ASSERT_TRUE(lsc);
	nc::LinkStatus s{lsc->link_status, 0, 0};
	EXPECT_TRUE(s.link_up());
	EXPECT_EQ(s.speed()->mbps, 25000u);
	// no change, no AEN
	ASSERT_TRUE(ctl->control("link 0.0 up"));
	EXPECT_TRUE(aens().empty());
	// other channels: nothing
	ASSERT_TRUE(ctl->control("link 0.1 down"));
	EXPECT_TRUE(aens().empty());

	enable_aens(0, 0, nc::aen_control::HostNcDriverStatusChange, kMc);
	ASSERT_TRUE(ctl->control("driver 0.0 up"));
	ASSERT_TRUE(ctl->control("link 0.0 down"));
	got = aens(&raw);
	ASSERT_EQ(got.size(), 1u);
	EXPECT_EQ(raw[0].eid, kMc);
	auto *drv = std::get_if<nc::HostNcDriverStatusAen>(&got[0].payload);
	ASSERT_TRUE(drv);
	EXPECT_TRUE(drv->driver_ready());
	EXPECT_EQ(stats(0, 0).aens_sent, 2u);

	// AEN control bits the controller does not have
	auto bad = answer(nc::encode_aen_enable(to(0, 0), 0, 0x10000), Command::AenEnable);
	EXPECT_EQ(bad.status, (nc::ResponseStatus{rc::Failed, why::ParameterInvalid}));
}

TEST_F(NcsiController, DeselectedPackageHoldsItsAens)
{
	enable_aens(1, 0, nc::aen_control::LinkStatusChange);
	ASSERT_TRUE(status(nc::encode_deselect_package({nc::ChannelId::whole_package(1), 50, 0}),
			   Command::DeselectPackage)
			    .ok());
	ASSERT_TRUE(ctl->control("link 1.0 down"));
	EXPECT_TRUE(aens().empty());
	// any command selects it again
	(void)link(1, 0);
	ASSERT_TRUE(ctl->control("link 1.0 up"));
	EXPECT_EQ(aens().size(), 1u);
}

TEST_F(NcsiController, ReinitSendsConfigurationRequired)
{
	enable_aens(1, 1, nc::aen_control::ConfigurationRequired | nc::aen_control::LinkStatusChange);
	ASSERT_TRUE(status(nc::encode_enable_channel(to(1, 1)), Command::EnableChannel).ok());
	auto r = ctl->control("reinit 1.1");
	ASSERT_TRUE(r) << r.error().message;
	std::vector<PendingAen> raw;
	auto got = aens(&raw);
	ASSERT_EQ(got.size(), 1u);
	EXPECT_EQ(got[0].type(), 0x01);
	EXPECT_EQ(got[0].channel, (nc::ChannelId{1, 1}));
	EXPECT_EQ(raw[0].eid, kMc);
	// back in the Initial State: disabled, AENs off
	EXPECT_EQ(status(nc::encode_get_link_status(to(1, 1)), Command::GetLinkStatus),
		  (nc::ResponseStatus{rc::Failed, why::InterfaceInitRequired}));
	EXPECT_FALSE(ctl->channel(1, 1)->enabled);
	ASSERT_TRUE(ctl->control("link 1.1 down"));
	EXPECT_TRUE(aens().empty());
	// reinit again: AENs are off now, nothing goes
	ASSERT_TRUE(ctl->control("reinit 1.1"));
	EXPECT_TRUE(aens().empty());
	// without Configuration Required in the mask: none either
	enable_aens(1, 0, nc::aen_control::LinkStatusChange);
	ASSERT_TRUE(ctl->control("reinit 1.0"));
	EXPECT_TRUE(aens().empty());
}

TEST_F(NcsiController, SilentPackage)
{
	cfg.silent_packages.insert(1);
	remake();
	EXPECT_FALSE(ask(nc::encode_clear_initial_state(to(1, 0))));
	EXPECT_FALSE(ask(nc::encode_get_package_uuid({nc::ChannelId::whole_package(1), 3, 0})));
	EXPECT_TRUE(ask(nc::encode_clear_initial_state(to(0, 0))));
	auto r = ctl->control("silent 1 off");
	ASSERT_TRUE(r) << r.error().message;
	EXPECT_TRUE(ask(nc::encode_clear_initial_state(to(1, 0))));
	// silent at run time: no response, no AEN
	enable_aens(0, 1, nc::aen_control::LinkStatusChange);
	ASSERT_TRUE(ctl->control("silent 0 on"));
	EXPECT_FALSE(ask(nc::encode_get_link_status(to(0, 1))));
	ASSERT_TRUE(ctl->control("link 0.1 down"));
	EXPECT_TRUE(aens().empty());
	EXPECT_TRUE(ask(nc::encode_get_link_status(to(1, 0))));
}

TEST_F(NcsiController, MalformedResponses)
{
	cfg.malformed = Malformed::Checksum;
	remake();
	auto req = nc::encode_clear_initial_state(to(0, 0));
	auto r = ask(req);
	ASSERT_TRUE(r);
	auto p = nc::parse(*r);
	ASSERT_FALSE(p);
	EXPECT_NE(p.error().message.find("checksum"), std::string::npos) << p.error().message;
	// the command was carried out all the same
	EXPECT_FALSE(ctl->channel(0, 0)->initial);

	ASSERT_TRUE(ctl->control("malformed truncate"));
	auto full = nc::encode_response(nc::Header{0, 1, 0, 0x0a, {0, 0}, 0}, {}, Bytes(12, 0));
	ASSERT_TRUE(full);
	r = ask(nc::encode_get_link_status(to(0, 0)));
	ASSERT_TRUE(r);
	EXPECT_LT(r->size(), full->size());
	EXPECT_FALSE(nc::parse(*r));
	EXPECT_FALSE(nc::decode_response(*r, Command::GetLinkStatus, iid));

	ASSERT_TRUE(ctl->control("malformed off"));
	EXPECT_TRUE(link(0, 0).link_up());
	ASSERT_TRUE(ctl->control("malformed on"));
	EXPECT_EQ(ctl->malformed(), Malformed::Checksum);
	// AENs stay whole
	ASSERT_TRUE(ctl->control("malformed off"));
	enable_aens(0, 0, nc::aen_control::LinkStatusChange);
	ASSERT_TRUE(ctl->control("malformed on"));
	ASSERT_TRUE(ctl->control("link 0.0 down"));
	EXPECT_EQ(aens().size(), 1u);
}

TEST_F(NcsiController, PowerCycleStartsOver)
{
	enable_aens(0, 0, nc::aen_control::LinkStatusChange);
	ASSERT_TRUE(ctl->control("link 0.0 down"));
	ctl->power(false);
	EXPECT_EQ(ctl->pending_aens(), 0u);
	ctl->power(true);
	EXPECT_TRUE(ctl->channel(0, 0)->initial);
	EXPECT_EQ(ctl->channel(0, 0)->aen_mask, 0u);
	EXPECT_EQ(ctl->channel(0, 0)->stats, nc::NcsiStatistics{});
	// the world outside stays as it was
	EXPECT_FALSE(ctl->channel(0, 0)->link_up);
}

TEST_F(NcsiController, BadControlLinesChangeNothing)
{
	enable_aens(0, 0, 0x7);
	const auto before = link(0, 0);
	for (const char *line : {"", "link", "link 0.0", "link 0.0 sideways", "link 2.0 down", "link 0.2 down",
				 "link 0 down", "link 0.0 down 100", "link 0.0 up 123", "link 0.0 up 1000 x",
				 "speed 0.0", "speed 0.0 fast", "speed 0.0 0", "driver 0.0 maybe", "driver 0.5 up",
				 "reinit", "reinit 9.9", "reinit 0.0 now", "silent 2 on", "silent 0", "silent 0 loud",
				 "malformed", "malformed sometimes", "explode 0.0"}) {
		auto r = ctl->control(line);
		ASSERT_FALSE(r) << "\"" << line << "\" was taken: " << *r;
		EXPECT_NE(r.error().message.find("control line"), std::string::npos) << r.error().message;
	}
	EXPECT_EQ(link(0, 0), before);
	EXPECT_TRUE(aens().empty());
	EXPECT_FALSE(ctl->package(0)->silent);
	EXPECT_EQ(ctl->malformed(), Malformed::None);
	EXPECT_FALSE(ctl->channel(0, 0)->initial);
	auto r = ctl->control("link 0.0 up 123");
	ASSERT_FALSE(r);
	EXPECT_NE(r.error().message.find("123"), std::string::npos) << r.error().message;
}

// ---- the options ----

mctpxx::Status parse(std::vector<std::string> args, mctpxx::emu::Options &o)
{
	args.insert(args.begin(), "mctp-endpoint-emu");
	std::vector<char *> argv;
	for (auto &a : args)
		argv.push_back(a.data());
	return mctpxx::emu::parse_args(static_cast<int>(argv.size()), argv.data(), o);
}

TEST(EmulatorNcsiOptions, NcsiListsMessageType2)
{
	mctpxx::emu::Options o;
	ASSERT_TRUE(parse({"--ncsi", "--ncsi-packages", "3", "--ncsi-channels", "4", "--ncsi-link-down", "2.3",
			   "--ncsi-firmware", "EMU-NIC,1.2.3.4", "--ncsi-silent-package", "1",
			   "--ncsi-malformed=truncate", "--ncsi-speed", "10000"},
			  o));
	ASSERT_TRUE(o.ncsi);
	EXPECT_EQ(o.ncsi->packages, 3u);
	EXPECT_EQ(o.ncsi->channels, 4u);
	EXPECT_TRUE(o.ncsi->link_down.count({2, 3}));
	EXPECT_EQ(o.ncsi->firmware_name, "EMU-NIC");
	EXPECT_EQ(o.ncsi->firmware_version, 0x01020304u);
	EXPECT_TRUE(o.ncsi->silent_packages.count(1));
	EXPECT_EQ(o.ncsi->malformed, Malformed::Truncate);
	EXPECT_EQ(o.ncsi->link_mbps, 10000u);
	const auto &t = o.identity.message_types;
	EXPECT_NE(std::find(t.begin(), t.end(), 2), t.end());

	mctpxx::emu::Options plain;
	ASSERT_TRUE(parse({}, plain));
	EXPECT_FALSE(plain.ncsi);
	EXPECT_EQ(std::find(plain.identity.message_types.begin(), plain.identity.message_types.end(), 2),
		  plain.identity.message_types.end());
}

TEST(EmulatorNcsiOptions, BadOptionsNamed)
{
	const std::vector<std::pair<std::vector<std::string>, std::string>> bad = {
		{{"--ncsi", "--ncsi-packages", "9"}, "package count"},
		{{"--ncsi", "--ncsi-channels", "0"}, "channel count"},
		{{"--ncsi", "--ncsi-link-down", "2.0"}, "package"},
		{{"--ncsi", "--ncsi-link-down", "0.2"}, "channel"},
		{{"--ncsi", "--ncsi-link-down", "01"}, "PACKAGE.CHANNEL"},
		{{"--ncsi", "--ncsi-firmware", "EMU-NIC"}, "NAME,VERSION"},
		{{"--ncsi", "--ncsi-firmware", "A-NAME-TOO-LONG,1.0"}, "12 characters"},
		{{"--ncsi", "--ncsi-firmware", "EMU,1.2.3.999"}, "firmware version"},
		{{"--ncsi", "--ncsi-firmware", "EMU\tNIC,1.0"}, "printable ASCII"},
		{{"--ncsi", "--ncsi-silent-package", "2"}, "package"},
		{{"--ncsi", "--ncsi-malformed=sometimes"}, "checksum or truncate"},
		{{"--ncsi", "--ncsi-speed", "123"}, "--ncsi-speed"},
		{{"--ncsi-control", "/tmp/x"}, "for --ncsi"},
		{{"--ncsi-link-down", "0.0"}, "for --ncsi"},
	};
	for (const auto &[args, want] : bad) {
		mctpxx::emu::Options o;
		auto s = parse(args, o);
		ASSERT_FALSE(s) << args.back();
		EXPECT_NE(s.error().message.find(want), std::string::npos) << s.error().message;
	}
}

TEST(EmulatorNcsiOptions, EmulatorAnswersAndRemembersWhereEachEidIs)
{
	mctpxx::emu::Options o;
	ASSERT_TRUE(parse({"--ncsi", "-u", "11111111-0000-4000-8000-000000000001"}, o));
	mctpxx::emu::Emulator e(o);
	ASSERT_TRUE(e.ncsi_controller());
	mctpxx::Address from;
	from.eid = 9;
	from.ext = mctpxx::ExtAddress{3, {0x10}};
	auto req = nc::encode_clear_initial_state({{0, 0}, 1, 0});
	ASSERT_TRUE(req);
	std::string note;
	EXPECT_TRUE(e.handle_ncsi(*req, from, &note));
	EXPECT_NE(note.find("Clear Initial State"), std::string::npos) << note;
	ASSERT_TRUE(e.ncsi_peer_addr(9));
	EXPECT_EQ(e.ncsi_peer_addr(9)->ifindex, 3);
	EXPECT_FALSE(e.ncsi_peer_addr(10));
	// silent (SIGUSR1): nothing
	e.toggle_silent();
	EXPECT_FALSE(e.handle_ncsi(*req, from, &note));
	e.toggle_silent();
	// power cycle: the Initial State again
	e.power(false);
	e.power(true);
	EXPECT_TRUE(e.ncsi_controller()->channel(0, 0)->initial);
}

} // namespace
