// SPDX-License-Identifier: GPL-2.0
// Get Controller Packet Statistics and Get NC-SI Statistics data.
#include "ncsixx/payloads.hpp"

namespace mctpxx::ncsi {

namespace {
const char *const kSizes[7] = {"64", "65-127", "128-255", "256-511", "512-1023", "1024-1522", "1523-9022"};
} // namespace

Result<Bytes> encode_controller_packet_statistics(const ControllerPacketStatistics &s)
{
	Writer w;
	w.u32(s.counters_cleared_high).u32(s.counters_cleared_low);
	w.u64(s.rx_bytes).u64(s.tx_bytes);
	w.u64(s.rx_unicast).u64(s.rx_multicast).u64(s.rx_broadcast);
	w.u64(s.tx_unicast).u64(s.tx_multicast).u64(s.tx_broadcast);
	w.u32(s.fcs_errors).u32(s.alignment_errors).u32(s.false_carrier);
	w.u32(s.runt_packets).u32(s.jabber_packets);
	w.u32(s.rx_pause_xon).u32(s.rx_pause_xoff).u32(s.tx_pause_xon).u32(s.tx_pause_xoff);
	w.u32(s.single_collision).u32(s.multiple_collision);
	w.u32(s.late_collision).u32(s.excessive_collision);
	w.u32(s.rx_control_frames);
	for (auto v : s.rx_frames_by_size)
		w.u32(v);
	for (auto v : s.tx_frames_by_size)
		w.u32(v);
	w.u64(s.rx_valid_bytes);
	w.u32(s.rx_runt_errors).u32(s.rx_jabber_errors);
	return w.take();
}

Result<ControllerPacketStatistics> decode_controller_packet_statistics(std::span<const std::uint8_t> data)
{
	Reader r(data, "Get Controller Packet Statistics response");
	ControllerPacketStatistics s;
	s.counters_cleared_high = r.u32("counters cleared from last read (MS bits)");
	s.counters_cleared_low = r.u32("counters cleared from last read (LS bits)");
	s.rx_bytes = r.u64("total bytes received");
	s.tx_bytes = r.u64("total bytes transmitted");
	s.rx_unicast = r.u64("total unicast packets received");
	s.rx_multicast = r.u64("total multicast packets received");
	s.rx_broadcast = r.u64("total broadcast packets received");
	s.tx_unicast = r.u64("total unicast packets transmitted");
	s.tx_multicast = r.u64("total multicast packets transmitted");
	s.tx_broadcast = r.u64("total broadcast packets transmitted");
	s.fcs_errors = r.u32("FCS receive errors");
	s.alignment_errors = r.u32("alignment errors");
	s.false_carrier = r.u32("false carrier detections");
	s.runt_packets = r.u32("runt packets received");
	s.jabber_packets = r.u32("jabber packets received");
	s.rx_pause_xon = r.u32("pause XON frames received");
	s.rx_pause_xoff = r.u32("pause XOFF frames received");
	s.tx_pause_xon = r.u32("pause XON frames transmitted");
	s.tx_pause_xoff = r.u32("pause XOFF frames transmitted");
	s.single_collision = r.u32("single collision transmit frames");
	s.multiple_collision = r.u32("multiple collision transmit frames");
	s.late_collision = r.u32("late collision frames");
	s.excessive_collision = r.u32("excessive collision frames");
	s.rx_control_frames = r.u32("control frames received");
	for (std::size_t i = 0; i < 7; i++) {
		const std::string field = std::string(kSizes[i]) + "-byte frames received";
		s.rx_frames_by_size[i] = r.u32(field.c_str());
	}
	for (std::size_t i = 0; i < 7; i++) {
		const std::string field = std::string(kSizes[i]) + "-byte frames transmitted";
		s.tx_frames_by_size[i] = r.u32(field.c_str());
	}
	s.rx_valid_bytes = r.u64("valid bytes received");
	s.rx_runt_errors = r.u32("error runt packets received");
	s.rx_jabber_errors = r.u32("error jabber packets received");
	if (auto st = r.finish(); !st)
		return fail(st.error());
	return s;
}

Result<Bytes> encode_ncsi_statistics(const NcsiStatistics &s)
{
	Writer w;
	w.u32(s.commands_received).u32(s.control_packets_dropped).u32(s.command_type_errors);
	w.u32(s.command_checksum_errors).u32(s.receive_packets).u32(s.transmit_packets).u32(s.aens_sent);
	return w.take();
}

Result<NcsiStatistics> decode_ncsi_statistics(std::span<const std::uint8_t> data)
{
	Reader r(data, "Get NC-SI Statistics response");
	NcsiStatistics s;
	s.commands_received = r.u32("NC-SI commands received");
	s.control_packets_dropped = r.u32("NC-SI control packets dropped");
	s.command_type_errors = r.u32("NC-SI command type errors");
	s.command_checksum_errors = r.u32("NC-SI command checksum errors");
	s.receive_packets = r.u32("NC-SI receive packets");
	s.transmit_packets = r.u32("NC-SI transmit packets");
	s.aens_sent = r.u32("AENs sent");
	if (auto st = r.finish(); !st)
		return fail(st.error());
	return s;
}

} // namespace mctpxx::ncsi
