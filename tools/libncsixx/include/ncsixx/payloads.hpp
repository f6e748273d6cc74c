// SPDX-License-Identifier: GPL-2.0
// Typed response data of the NC-SI Get commands (DSP0222 1.1 clause 8.4,
// 1.2 for Get MC MAC Address). Each encode_*() gives the data that follows
// the response and reason codes (pass it to encode_response()); each
// decode_*() takes Response::data and checks its length and fields.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mctpxx/error.hpp"
#include "ncsixx/wire.hpp"

namespace mctpxx::ncsi {

using MacAddress = std::array<std::uint8_t, 6>;
// "00:11:22:aa:bb:cc"
std::string mac_to_string(const MacAddress &m);

// ---- Get Link Status (0x0A), and the Link Status Change AEN ----
// Bits of the link status dword (DSP0222 1.1, Get Link Status response).
namespace link {
inline constexpr std::uint32_t Up = 1u << 0;
inline constexpr unsigned SpeedDuplexShift = 1; // bits 4:1
inline constexpr std::uint32_t SpeedDuplexMask = 0xfu << SpeedDuplexShift;
inline constexpr std::uint32_t AutonegEnabled = 1u << 5;
inline constexpr std::uint32_t AutonegComplete = 1u << 6;
inline constexpr std::uint32_t ParallelDetection = 1u << 7;
inline constexpr std::uint32_t Partner1000TFull = 1u << 9;
inline constexpr std::uint32_t Partner1000THalf = 1u << 10;
inline constexpr std::uint32_t Partner100T4 = 1u << 11;
inline constexpr std::uint32_t Partner100TxFull = 1u << 12;
inline constexpr std::uint32_t Partner100TxHalf = 1u << 13;
inline constexpr std::uint32_t Partner10TFull = 1u << 14;
inline constexpr std::uint32_t Partner10THalf = 1u << 15;
inline constexpr std::uint32_t TxFlowControl = 1u << 16;
inline constexpr std::uint32_t RxFlowControl = 1u << 17;
inline constexpr unsigned PartnerFlowControlShift = 18; // bits 19:18
inline constexpr std::uint32_t SerdesLink = 1u << 20;
inline constexpr std::uint32_t OemSpeedValid = 1u << 21;
// Other indications
inline constexpr std::uint32_t HostNcDriverReady = 1u << 0;
} // namespace link

// The speed and duplex field's meaning: 0 is "auto-negotiation not
// complete" (no speed), unknown codes have none either.
struct LinkSpeed {
	unsigned mbps = 0;
	bool full_duplex = false;
	bool operator==(const LinkSpeed &) const = default;
};
std::optional<LinkSpeed> link_speed(std::uint8_t speed_duplex);
// "1000 Mb/s full duplex", "auto-negotiation not complete", "speed code 0xf"
std::string speed_text(std::uint8_t speed_duplex);

struct LinkStatus {
	std::uint32_t status = 0;		// link status dword
	std::uint32_t other_indications = 0;
	std::uint32_t oem = 0;			// OEM link status

	bool link_up() const { return status & link::Up; }
	std::uint8_t speed_duplex() const
	{
		return static_cast<std::uint8_t>((status & link::SpeedDuplexMask) >> link::SpeedDuplexShift);
	}
	std::optional<LinkSpeed> speed() const { return link_speed(speed_duplex()); }
	bool autoneg_enabled() const { return status & link::AutonegEnabled; }
	bool autoneg_complete() const { return status & link::AutonegComplete; }
	bool host_nc_driver_ready() const { return other_indications & link::HostNcDriverReady; }
	// A link status dword from its main parts.
	static std::uint32_t make(bool up, std::uint8_t speed_duplex, bool autoneg_enabled,
				  bool autoneg_complete);
	bool operator==(const LinkStatus &) const = default;
};
Result<Bytes> encode_link_status(const LinkStatus &s);
Result<LinkStatus> decode_link_status(std::span<const std::uint8_t> data);

// ---- Get Version ID (0x15) ----
// NC-SI version: major, minor, update as packed BCD (0xF in an unused
// nibble, update 0xFF when none), alpha1/alpha2 as printable ASCII or 0.
struct NcsiVersion {
	std::uint8_t major = 0xf1, minor = 0xf1, update = 0xff;
	std::uint8_t alpha1 = 0, alpha2 = 0;
	// "1.1", "1.2.1a"; "?" for a field that is not BCD
	std::string to_string() const;
	bool operator==(const NcsiVersion &) const = default;
};

struct VersionId {
	NcsiVersion ncsi;
	// up to 12 printable ASCII characters, sent NUL padded (a decoder
	// refuses other bytes, and anything but zeros after the first NUL)
	std::string firmware_name;
	std::uint32_t firmware_version = 0;
	std::uint16_t pci_did = 0, pci_vid = 0, pci_ssid = 0, pci_ssvid = 0;
	std::uint32_t manufacturer_id = 0; // IANA enterprise number
	// "1.2.3.4": one number per byte, most significant first
	std::string firmware_version_text() const;
	bool operator==(const VersionId &) const = default;
};
Result<Bytes> encode_version_id(const VersionId &v);
Result<VersionId> decode_version_id(std::span<const std::uint8_t> data);

// ---- Get Capabilities (0x16) ----
struct Capabilities {
	std::uint32_t flags = 0;
	std::uint32_t broadcast_filter = 0;
	std::uint32_t multicast_filter = 0;
	std::uint32_t buffering = 0;	 // bytes
	std::uint32_t aen_control = 0; // the AEN control bits supported
	std::uint8_t vlan_filter_count = 0;
	std::uint8_t mixed_filter_count = 0;
	std::uint8_t multicast_filter_count = 0;
	std::uint8_t unicast_filter_count = 0;
	std::uint8_t vlan_modes = 0;
	std::uint8_t channel_count = 0;
	bool operator==(const Capabilities &) const = default;
};
Result<Bytes> encode_capabilities(const Capabilities &c);
Result<Capabilities> decode_capabilities(std::span<const std::uint8_t> data);

// ---- Get Parameters (0x17) ----
struct MacFilter {
	MacAddress mac{};
	bool enabled = false;
	bool operator==(const MacFilter &) const = default;
};
struct VlanFilter {
	std::uint16_t tag = 0;
	bool enabled = false;
	bool operator==(const VlanFilter &) const = default;
};
struct Parameters {
	std::vector<MacFilter> macs;	// count and enable flags (at most 8)
	std::vector<VlanFilter> vlans; // count and enable flags (at most 16)
	std::uint32_t link_settings = 0;
	std::uint32_t broadcast_filter = 0;
	std::uint32_t configuration_flags = 0;
	std::uint8_t vlan_mode = 0;
	std::uint8_t flow_control = 0;
	std::uint32_t aen_control = 0;
	bool operator==(const Parameters &) const = default;
};
Result<Bytes> encode_parameters(const Parameters &p);
Result<Parameters> decode_parameters(std::span<const std::uint8_t> data);

// ---- Get Controller Packet Statistics (0x18) ----
struct ControllerPacketStatistics {
	std::uint32_t counters_cleared_high = 0, counters_cleared_low = 0;
	std::uint64_t rx_bytes = 0, tx_bytes = 0;
	std::uint64_t rx_unicast = 0, rx_multicast = 0, rx_broadcast = 0;
	std::uint64_t tx_unicast = 0, tx_multicast = 0, tx_broadcast = 0;
	std::uint32_t fcs_errors = 0, alignment_errors = 0, false_carrier = 0;
	std::uint32_t runt_packets = 0, jabber_packets = 0;
	std::uint32_t rx_pause_xon = 0, rx_pause_xoff = 0, tx_pause_xon = 0, tx_pause_xoff = 0;
	std::uint32_t single_collision = 0, multiple_collision = 0;
	std::uint32_t late_collision = 0, excessive_collision = 0;
	std::uint32_t rx_control_frames = 0;
	// frames by size: 64, 65-127, 128-255, 256-511, 512-1023, 1024-1522, 1523-9022
	std::array<std::uint32_t, 7> rx_frames_by_size{};
	std::array<std::uint32_t, 7> tx_frames_by_size{};
	std::uint64_t rx_valid_bytes = 0;
	std::uint32_t rx_runt_errors = 0, rx_jabber_errors = 0;
	bool operator==(const ControllerPacketStatistics &) const = default;
};
Result<Bytes> encode_controller_packet_statistics(const ControllerPacketStatistics &s);
Result<ControllerPacketStatistics> decode_controller_packet_statistics(std::span<const std::uint8_t> data);

// ---- Get NC-SI Statistics (0x19) ----
struct NcsiStatistics {
	std::uint32_t commands_received = 0;
	std::uint32_t control_packets_dropped = 0;
	std::uint32_t command_type_errors = 0;
	std::uint32_t command_checksum_errors = 0;
	std::uint32_t receive_packets = 0;
	std::uint32_t transmit_packets = 0;
	std::uint32_t aens_sent = 0;
	bool operator==(const NcsiStatistics &) const = default;
};
Result<Bytes> encode_ncsi_statistics(const NcsiStatistics &s);
Result<NcsiStatistics> decode_ncsi_statistics(std::span<const std::uint8_t> data);

// ---- Get Package UUID (0x52) ----
struct PackageUuid {
	std::array<std::uint8_t, 16> bytes{};
	// "01234567-89ab-cdef-0123-456789abcdef" (the bytes in order)
	std::string to_string() const;
	bool operator==(const PackageUuid &) const = default;
};
Result<Bytes> encode_package_uuid(const PackageUuid &u);
Result<PackageUuid> decode_package_uuid(std::span<const std::uint8_t> data);

// ---- Get MC MAC Address (0x58, DSP0222 1.2) ----
struct McMacAddresses {
	std::vector<MacAddress> macs;
	bool operator==(const McMacAddresses &) const = default;
};
Result<Bytes> encode_mc_mac_addresses(const McMacAddresses &m);
Result<McMacAddresses> decode_mc_mac_addresses(std::span<const std::uint8_t> data);

} // namespace mctpxx::ncsi
