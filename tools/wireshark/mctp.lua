-- SPDX-License-Identifier: GPL-2.0
-- Wireshark dissector for MCTP (DMTF DSP0236) as Linux captures it: the
-- packet of a Linux cooked capture (SLL or SLL2) with protocol 0x00fa,
-- which starts at the MCTP transport header (the binding's own header,
-- e.g. SMBus, is not part of it).
--
-- Decodes the transport header, the message type, MCTP control messages
-- (DSP0236: command, completion code and the common commands' fields),
-- and the headers of PLDM (DSP0240), NVMe-MI and NC-SI over MCTP
-- (DSP0261; the NC-SI packet goes on to Wireshark's own NC-SI dissector).
-- Multi-packet messages are put back together from their packets (by
-- source, destination, tag owner and tag, in sequence order) and decoded
-- whole at the packet that ends them.
--
--   tshark -X lua_script:mctp.lua -r capture.pcap
--
-- or installed into Wireshark's Lua plugin folder.

local mctp = Proto("mctp", "Management Component Transport Protocol")

local msg_types = {
	[0x00] = "Control", [0x01] = "PLDM", [0x02] = "NC-SI", [0x03] = "Ethernet",
	[0x04] = "NVMe-MI", [0x05] = "SPDM", [0x06] = "Secured", [0x07] = "CXL FM API",
	[0x08] = "CXL CCI", [0x7e] = "Vendor (PCI)", [0x7f] = "Vendor (IANA)",
}

local f = mctp.fields
f.ver = ProtoField.uint8("mctp.ver", "Header version", base.DEC, nil, 0x0f)
f.dst = ProtoField.uint8("mctp.dst", "Destination EID", base.DEC)
f.src = ProtoField.uint8("mctp.src", "Source EID", base.DEC)
f.som = ProtoField.bool("mctp.som", "Start of message", 8, nil, 0x80)
f.eom = ProtoField.bool("mctp.eom", "End of message", 8, nil, 0x40)
f.seq = ProtoField.uint8("mctp.seq", "Packet sequence", base.DEC, nil, 0x30)
f.to = ProtoField.bool("mctp.to", "Tag owner", 8, nil, 0x08)
f.tag = ProtoField.uint8("mctp.tag", "Message tag", base.DEC, nil, 0x07)
f.ic = ProtoField.bool("mctp.ic", "Integrity check", 8, nil, 0x80)
f.type = ProtoField.uint8("mctp.type", "Message type", base.HEX, msg_types, 0x7f)
f.fragment = ProtoField.uint8("mctp.fragment", "Fragment of a message", base.DEC)
f.reassembled = ProtoField.uint32("mctp.reassembled.length", "Reassembled message length", base.DEC)
f.reassembled_in = ProtoField.framenum("mctp.reassembled_in", "Reassembled in")
f.payload = ProtoField.bytes("mctp.payload", "Payload")

-- MCTP control messages (DSP0236 section 12)
local ctrl_cmds = {
	[0x00] = "Reserved", [0x01] = "Set Endpoint ID", [0x02] = "Get Endpoint ID",
	[0x03] = "Get Endpoint UUID", [0x04] = "Get MCTP Version Support",
	[0x05] = "Get Message Type Support", [0x06] = "Get Vendor Defined Message Support",
	[0x07] = "Resolve Endpoint ID", [0x08] = "Allocate Endpoint IDs",
	[0x09] = "Routing Information Update", [0x0a] = "Get Routing Table Entries",
	[0x0b] = "Prepare for Endpoint Discovery", [0x0c] = "Endpoint Discovery",
	[0x0d] = "Discovery Notify", [0x0e] = "Get Network ID", [0x0f] = "Query Hop",
	[0x10] = "Resolve UUID", [0x11] = "Query Rate Limit", [0x12] = "Request TX Rate Limit",
	[0x13] = "Update Rate Limit", [0x14] = "Query Supported Interfaces",
}
local ctrl_cc = {
	[0x00] = "Success", [0x01] = "Error", [0x02] = "Invalid data",
	[0x03] = "Invalid length", [0x04] = "Not ready", [0x05] = "Unsupported command",
}
local set_eid_ops = {
	[0] = "Set EID", [1] = "Force EID", [2] = "Reset EID", [3] = "Set discovered flag",
}
local eid_types = {
	[0] = "Dynamic", [1] = "Static, supported", [2] = "Static, matches",
	[3] = "Static, does not match",
}
local endpoint_types = { [0] = "Simple endpoint", [1] = "Bus owner or bridge" }
local assignment = { [0] = "Accepted", [1] = "Rejected" }

f.ctrl_rq = ProtoField.bool("mctp.ctrl.rq", "Request", 8, nil, 0x80)
f.ctrl_d = ProtoField.bool("mctp.ctrl.d", "Datagram", 8, nil, 0x40)
f.ctrl_iid = ProtoField.uint8("mctp.ctrl.iid", "Instance ID", base.DEC, nil, 0x1f)
f.ctrl_cmd = ProtoField.uint8("mctp.ctrl.cmd", "Command", base.HEX, ctrl_cmds)
f.ctrl_cc = ProtoField.uint8("mctp.ctrl.cc", "Completion code", base.HEX, ctrl_cc)
f.ctrl_op = ProtoField.uint8("mctp.ctrl.set_eid.op", "Operation", base.DEC, set_eid_ops, 0x03)
f.ctrl_eid = ProtoField.uint8("mctp.ctrl.eid", "EID", base.DEC)
f.ctrl_assign = ProtoField.uint8("mctp.ctrl.set_eid.assignment", "EID assignment",
	base.DEC, assignment, 0x30)
f.ctrl_alloc = ProtoField.uint8("mctp.ctrl.set_eid.allocation", "EID pool allocation",
	base.DEC, nil, 0x03)
f.ctrl_pool = ProtoField.uint8("mctp.ctrl.pool_size", "EID pool size", base.DEC)
f.ctrl_ep_type = ProtoField.uint8("mctp.ctrl.endpoint_type", "Endpoint type", base.DEC,
	endpoint_types, 0x30)
f.ctrl_eid_type = ProtoField.uint8("mctp.ctrl.eid_type", "EID type", base.DEC, eid_types, 0x03)
f.ctrl_medium = ProtoField.bytes("mctp.ctrl.medium", "Medium-specific information")
f.ctrl_uuid = ProtoField.guid("mctp.ctrl.uuid", "UUID")
f.ctrl_count = ProtoField.uint8("mctp.ctrl.count", "Entry count", base.DEC)
f.ctrl_msg_type = ProtoField.uint8("mctp.ctrl.msg_type", "Message type", base.HEX, msg_types)
f.ctrl_version = ProtoField.uint32("mctp.ctrl.version", "Version", base.HEX)
f.ctrl_selector = ProtoField.uint8("mctp.ctrl.vendor_selector", "Vendor ID set selector", base.HEX)
f.ctrl_data = ProtoField.bytes("mctp.ctrl.data", "Data")

-- PLDM (DSP0240) header
local pldm_types = {
	[0x00] = "Messaging control and discovery", [0x01] = "SMBIOS",
	[0x02] = "Platform monitoring and control", [0x03] = "BIOS control",
	[0x04] = "FRU data", [0x05] = "Firmware update", [0x06] = "Redfish device enablement",
	[0x3f] = "OEM",
}
local pldm_base_cmds = {
	[0x01] = "SetTID", [0x02] = "GetTID", [0x03] = "GetPLDMVersion",
	[0x04] = "GetPLDMTypes", [0x05] = "GetPLDMCommands", [0x06] = "SelectPLDMVersion",
	[0x07] = "NegotiateTransferParameters", [0x08] = "MultipartSend",
	[0x09] = "MultipartReceive",
}
local pldm_platform_cmds = {
	[0x01] = "GetTerminusUID", [0x02] = "SetEventReceiver", [0x04] = "GetEventReceiver",
	[0x0a] = "PlatformEventMessage", [0x0b] = "PollForPlatformEventMessage",
	[0x0c] = "EventMessageSupported", [0x0d] = "EventMessageBufferSize",
	[0x10] = "SetNumericSensorEnable", [0x11] = "GetSensorReading",
	[0x12] = "GetSensorThresholds", [0x13] = "SetSensorThresholds",
	[0x20] = "SetStateSensorEnables", [0x21] = "GetStateSensorReadings",
	[0x31] = "SetNumericEffecterValue", [0x32] = "GetNumericEffecterValue",
	[0x39] = "SetStateEffecterStates", [0x3a] = "GetStateEffecterStates",
	[0x50] = "GetPDRRepositoryInfo", [0x51] = "GetPDR",
	[0x53] = "GetPDRRepositorySignature",
}
local pldm_fru_cmds = {
	[0x01] = "GetFRURecordTableMetadata", [0x02] = "GetFRURecordTable",
	[0x04] = "SetFRURecordTable", [0x05] = "GetFRURecordByOption",
}
local pldm_fw_cmds = {
	[0x01] = "QueryDeviceIdentifiers", [0x02] = "GetFirmwareParameters",
	[0x10] = "RequestUpdate", [0x13] = "PassComponentTable", [0x14] = "UpdateComponent",
	[0x15] = "RequestFirmwareData", [0x16] = "TransferComplete", [0x17] = "VerifyComplete",
	[0x18] = "ApplyComplete", [0x1a] = "ActivateFirmware", [0x1b] = "GetStatus",
	[0x1c] = "CancelUpdateComponent", [0x1d] = "CancelUpdate",
}
local pldm_cmds_by_type = {
	[0x00] = pldm_base_cmds, [0x02] = pldm_platform_cmds, [0x04] = pldm_fru_cmds,
	[0x05] = pldm_fw_cmds,
}
local pldm_cc = {
	[0x00] = "Success", [0x01] = "Error", [0x02] = "Invalid data", [0x03] = "Invalid length",
	[0x04] = "Not ready", [0x05] = "Unsupported PLDM command", [0x20] = "Invalid PLDM type",
}
f.pldm_rq = ProtoField.bool("mctp.pldm.rq", "Request", 8, nil, 0x80)
f.pldm_d = ProtoField.bool("mctp.pldm.d", "Datagram", 8, nil, 0x40)
f.pldm_iid = ProtoField.uint8("mctp.pldm.iid", "Instance ID", base.DEC, nil, 0x1f)
f.pldm_hdr_ver = ProtoField.uint8("mctp.pldm.hdr_ver", "Header version", base.DEC, nil, 0xc0)
f.pldm_type = ProtoField.uint8("mctp.pldm.type", "PLDM type", base.HEX, pldm_types, 0x3f)
f.pldm_cmd = ProtoField.uint8("mctp.pldm.cmd", "Command", base.HEX)
f.pldm_cc = ProtoField.uint8("mctp.pldm.cc", "Completion code", base.HEX, pldm_cc)
f.pldm_data = ProtoField.bytes("mctp.pldm.data", "Data")

-- NVMe-MI message header (NVMe Management Interface 1.2, section 3)
local nmimt = {
	[0] = "Control primitive", [1] = "NVMe-MI command", [2] = "NVMe admin command",
	[4] = "PCIe command", [5] = "Asynchronous event",
}
local nvme_mi_opcodes = {
	[0x00] = "Read NVMe-MI Data Structure", [0x01] = "NVM Subsystem Health Status Poll",
	[0x02] = "Controller Health Status Poll", [0x03] = "Configuration Set",
	[0x04] = "Configuration Get", [0x05] = "VPD Read", [0x06] = "VPD Write",
	[0x07] = "Reset", [0x08] = "SES Receive", [0x09] = "SES Send",
	[0x0a] = "Management Endpoint Buffer Read", [0x0b] = "Management Endpoint Buffer Write",
	[0x0c] = "Shutdown",
}
local nvme_admin_opcodes = {
	[0x00] = "Delete I/O Submission Queue", [0x02] = "Get Log Page", [0x06] = "Identify",
	[0x09] = "Set Features", [0x0a] = "Get Features", [0x10] = "Firmware Commit",
	[0x11] = "Firmware Image Download", [0x80] = "Format NVM", [0x84] = "Sanitize",
}
f.nvme_ror = ProtoField.bool("mctp.nvme_mi.ror", "Response", 8, nil, 0x80)
f.nvme_nmimt = ProtoField.uint8("mctp.nvme_mi.nmimt", "Message type", base.DEC, nmimt, 0x78)
f.nvme_csi = ProtoField.uint8("mctp.nvme_mi.csi", "Command slot", base.DEC, nil, 0x01)
f.nvme_opcode = ProtoField.uint8("mctp.nvme_mi.opcode", "Opcode", base.HEX)
f.nvme_status = ProtoField.uint8("mctp.nvme_mi.status", "Status", base.HEX)
f.nvme_mic = ProtoField.uint32("mctp.nvme_mi.mic", "Message integrity check (CRC-32C)", base.HEX)
f.nvme_data = ProtoField.bytes("mctp.nvme_mi.data", "Data")

-- NC-SI over MCTP (DSP0261): the NC-SI control packet follows the type byte
f.ncsi_data = ProtoField.bytes("mctp.ncsi.packet", "NC-SI packet")

local ok_ncsi, ncsi_dissector = pcall(Dissector.get, "ncsi")
if not ok_ncsi then
	ncsi_dissector = nil
end

local function dissect_control(tvb, tree, pinfo)
	local t = tree:add(mctp, tvb(), "MCTP control message")
	if tvb:len() < 2 then
		t:add_expert_info(PI_MALFORMED, PI_ERROR, "control message shorter than its header")
		return "(truncated)"
	end
	local b0 = tvb(0, 1):uint()
	local rq = bit.band(b0, 0x80) ~= 0
	local cmd = tvb(1, 1):uint()
	t:add(f.ctrl_rq, tvb(0, 1))
	t:add(f.ctrl_d, tvb(0, 1))
	t:add(f.ctrl_iid, tvb(0, 1))
	t:add(f.ctrl_cmd, tvb(1, 1))
	local name = ctrl_cmds[cmd] or string.format("Command 0x%02x", cmd)
	local off = 2
	local summary
	if rq then
		summary = name .. " request"
		if cmd == 0x01 and tvb:len() >= 4 then
			t:add(f.ctrl_op, tvb(2, 1))
			t:add(f.ctrl_eid, tvb(3, 1))
			summary = summary .. string.format(" (%s %d)",
				set_eid_ops[bit.band(tvb(2, 1):uint(), 3)], tvb(3, 1):uint())
			off = 4
		elseif (cmd == 0x04 or cmd == 0x06) and tvb:len() >= 3 then
			t:add(cmd == 0x04 and f.ctrl_msg_type or f.ctrl_selector, tvb(2, 1))
			off = 3
		end
	else
		if tvb:len() < 3 then
			t:add_expert_info(PI_MALFORMED, PI_ERROR, "response without a completion code")
			return name .. " response (truncated)"
		end
		local cc = tvb(2, 1):uint()
		t:add(f.ctrl_cc, tvb(2, 1))
		summary = name .. " response"
		if cc ~= 0 then
			summary = summary .. ", " .. (ctrl_cc[cc] or string.format("completion code 0x%02x", cc))
		end
		off = 3
		local len = tvb:len()
		if cc == 0 and cmd == 0x01 and len >= 6 then
			t:add(f.ctrl_assign, tvb(3, 1))
			t:add(f.ctrl_alloc, tvb(3, 1))
			t:add(f.ctrl_eid, tvb(4, 1))
			t:add(f.ctrl_pool, tvb(5, 1))
			summary = summary .. string.format(" (EID %d)", tvb(4, 1):uint())
			off = 6
		elseif cc == 0 and cmd == 0x02 and len >= 5 then
			t:add(f.ctrl_eid, tvb(3, 1))
			t:add(f.ctrl_ep_type, tvb(4, 1))
			t:add(f.ctrl_eid_type, tvb(4, 1))
			if len >= 6 then
				t:add(f.ctrl_medium, tvb(5, 1))
			end
			summary = summary .. string.format(" (EID %d)", tvb(3, 1):uint())
			off = math.min(len, 6)
		elseif cc == 0 and (cmd == 0x03 or cmd == 0x0e) and len >= 19 then
			t:add(f.ctrl_uuid, tvb(3, 16))
			off = 19
		elseif cc == 0 and cmd == 0x04 and len >= 4 then
			local n = tvb(3, 1):uint()
			t:add(f.ctrl_count, tvb(3, 1))
			off = 4
			for _ = 1, n do
				if off + 4 > len then break end
				t:add(f.ctrl_version, tvb(off, 4))
				off = off + 4
			end
		elseif cc == 0 and cmd == 0x05 and len >= 4 then
			local n = tvb(3, 1):uint()
			t:add(f.ctrl_count, tvb(3, 1))
			off = 4
			for _ = 1, n do
				if off >= len then break end
				t:add(f.ctrl_msg_type, tvb(off, 1))
				off = off + 1
			end
		end
	end
	if off < tvb:len() then
		t:add(f.ctrl_data, tvb(off))
	end
	t:append_text(": " .. summary)
	return summary
end

local function dissect_pldm(tvb, tree)
	local t = tree:add(mctp, tvb(), "PLDM message")
	if tvb:len() < 3 then
		t:add_expert_info(PI_MALFORMED, PI_ERROR, "PLDM message shorter than its header")
		return "PLDM (truncated)"
	end
	local rq = bit.band(tvb(0, 1):uint(), 0x80) ~= 0
	local ptype = bit.band(tvb(1, 1):uint(), 0x3f)
	local cmd = tvb(2, 1):uint()
	t:add(f.pldm_rq, tvb(0, 1))
	t:add(f.pldm_d, tvb(0, 1))
	t:add(f.pldm_iid, tvb(0, 1))
	t:add(f.pldm_hdr_ver, tvb(1, 1))
	t:add(f.pldm_type, tvb(1, 1))
	local names = pldm_cmds_by_type[ptype] or {}
	local cname = names[cmd] or string.format("command 0x%02x", cmd)
	t:add(f.pldm_cmd, tvb(2, 1)):append_text(" (" .. cname .. ")")
	local off = 3
	local summary = string.format("PLDM %s %s %s", pldm_types[ptype] or
		string.format("type 0x%02x", ptype), cname, rq and "request" or "response")
	if not rq then
		if tvb:len() < 4 then
			t:add_expert_info(PI_MALFORMED, PI_ERROR, "response without a completion code")
			return summary .. " (truncated)"
		end
		t:add(f.pldm_cc, tvb(3, 1))
		local cc = tvb(3, 1):uint()
		if cc ~= 0 then
			summary = summary .. ", " .. (pldm_cc[cc] or string.format("completion code 0x%02x", cc))
		end
		off = 4
	end
	if off < tvb:len() then
		t:add(f.pldm_data, tvb(off))
	end
	t:append_text(": " .. summary)
	return summary
end

local function dissect_nvme_mi(tvb, tree, ic)
	local t = tree:add(mctp, tvb(), "NVMe-MI message")
	if tvb:len() < 3 then
		t:add_expert_info(PI_MALFORMED, PI_ERROR, "NVMe-MI message shorter than its header")
		return "NVMe-MI (truncated)"
	end
	local len = tvb:len()
	local mic_len = (ic and len >= 7) and 4 or 0
	local b1 = tvb(0, 1):uint()
	local ror = bit.band(b1, 0x80) ~= 0
	local mt = bit.rshift(bit.band(b1, 0x78), 3)
	t:add(f.nvme_ror, tvb(0, 1))
	t:add(f.nvme_nmimt, tvb(0, 1))
	t:add(f.nvme_csi, tvb(0, 1))
	local summary = "NVMe-MI " .. (nmimt[mt] or string.format("message type %d", mt)) ..
		(ror and " response" or " request")
	local off = 3
	if len - mic_len > off then
		if ror then
			t:add(f.nvme_status, tvb(off, 1))
			local st = tvb(off, 1):uint()
			if st ~= 0 then
				summary = summary .. string.format(", status 0x%02x", st)
			end
		else
			local op = tvb(off, 1):uint()
			local names = mt == 1 and nvme_mi_opcodes or (mt == 2 and nvme_admin_opcodes or {})
			local oname = names[op] or string.format("opcode 0x%02x", op)
			t:add(f.nvme_opcode, tvb(off, 1)):append_text(" (" .. oname .. ")")
			summary = summary .. ": " .. oname
		end
		off = off + 1
	end
	if len - mic_len > off then
		t:add(f.nvme_data, tvb(off, len - mic_len - off))
	end
	if mic_len > 0 then
		t:add_le(f.nvme_mic, tvb(len - 4, 4))
	end
	t:append_text(": " .. summary)
	return summary
end

local function dissect_ncsi(tvb, tree, pinfo)
	local t = tree:add(mctp, tvb(), "NC-SI over MCTP")
	t:add(f.ncsi_data, tvb())
	if ncsi_dissector and tvb:len() > 0 then
		pcall(function() ncsi_dissector:call(tvb, pinfo, tree) end)
	end
	return "NC-SI"
end

-- The message: type byte, then the type's own header and body.
local function dissect_message(tvb, pinfo, tree)
	if tvb:len() < 1 then
		return "empty message"
	end
	tree:add(f.ic, tvb(0, 1))
	tree:add(f.type, tvb(0, 1))
	local b0 = tvb(0, 1):uint()
	local ic = bit.band(b0, 0x80) ~= 0
	local mt = bit.band(b0, 0x7f)
	local body = tvb:len() > 1 and tvb(1):tvb() or nil
	if not body then
		return (msg_types[mt] or string.format("type 0x%02x", mt)) .. " (no body)"
	end
	if mt == 0x00 then
		return "Control " .. dissect_control(body, tree, pinfo)
	elseif mt == 0x01 then
		return dissect_pldm(body, tree)
	elseif mt == 0x04 then
		return dissect_nvme_mi(body, tree, ic)
	elseif mt == 0x02 then
		return dissect_ncsi(body, tree, pinfo)
	end
	tree:add(f.payload, body())
	return msg_types[mt] or string.format("type 0x%02x", mt)
end

-- Reassembly state, filled on the first pass over the capture: partial
-- messages by flow, and per frame what it was part of.
local partial = {}	-- flow key -> { data = ByteArray, seq = next, frames = n, first = frame }
local whole = {}	-- frame number of the last packet -> ByteArray of the message
local part_of = {}	-- frame number -> { index = n, last = frame or nil }

function mctp.init()
	partial = {}
	whole = {}
	part_of = {}
end

local function flow_key(src, dst, to, tag)
	return string.format("%d>%d:%d:%d", src, dst, to and 1 or 0, tag)
end

local function track(pinfo, key, som, eom, seq, payload)
	local n = pinfo.number
	if som then
		if eom then
			partial[key] = nil
			return
		end
		partial[key] = { data = payload:bytes(), seq = (seq + 1) % 4, frames = { n } }
		part_of[n] = { index = 1 }
		return
	end
	local p = partial[key]
	if not p or p.seq ~= seq then
		partial[key] = nil
		part_of[n] = { index = 0 }	-- orphan: no start, or out of sequence
		return
	end
	p.data:append(payload:bytes())
	p.seq = (seq + 1) % 4
	p.frames[#p.frames + 1] = n
	part_of[n] = { index = #p.frames }
	if eom then
		whole[n] = p.data
		for _, fr in ipairs(p.frames) do
			part_of[fr].last = n
		end
		partial[key] = nil
	end
end

function mctp.dissector(tvb, pinfo, tree)
	if tvb:len() < 4 then
		return 0
	end
	pinfo.cols.protocol = "MCTP"
	local t = tree:add(mctp, tvb(), "MCTP")
	t:add(f.ver, tvb(0, 1))
	t:add(f.dst, tvb(1, 1))
	t:add(f.src, tvb(2, 1))
	t:add(f.som, tvb(3, 1))
	t:add(f.eom, tvb(3, 1))
	t:add(f.seq, tvb(3, 1))
	t:add(f.to, tvb(3, 1))
	t:add(f.tag, tvb(3, 1))
	local dst, src, flags = tvb(1, 1):uint(), tvb(2, 1):uint(), tvb(3, 1):uint()
	local som = bit.band(flags, 0x80) ~= 0
	local eom = bit.band(flags, 0x40) ~= 0
	local seq = bit.rshift(bit.band(flags, 0x30), 4)
	local to = bit.band(flags, 0x08) ~= 0
	local tag = bit.band(flags, 0x07)
	local ver = bit.band(tvb(0, 1):uint(), 0x0f)
	local head = string.format("%d → %d tag %d%s", src, dst, tag, to and " (owner)" or "")
	t:append_text(string.format(", %d → %d, tag %d%s", src, dst, tag, to and ", owner" or ""))
	if ver ~= 1 then
		t:add_expert_info(PI_MALFORMED, PI_WARN, "unknown MCTP header version " .. ver)
	end
	local payload = tvb:len() > 4 and tvb(4):tvb() or nil
	local key = flow_key(src, dst, to, tag)
	if not pinfo.visited and payload then
		track(pinfo, key, som, eom, seq, payload)
	end

	local what
	if som and eom then
		what = payload and dissect_message(payload, pinfo, t) or "empty packet"
	else
		local info = part_of[pinfo.number]
		local idx = info and info.index or 0
		t:add(f.fragment, idx):set_generated()
		if info and info.last and info.last ~= pinfo.number then
			t:add(f.reassembled_in, info.last):set_generated()
		end
		local msg = whole[pinfo.number]
		if msg then
			local rtvb = msg:tvb("Reassembled MCTP message")
			t:add(f.reassembled, msg:len()):set_generated()
			what = dissect_message(rtvb, pinfo, t) ..
				string.format(" [reassembled, %d bytes]", msg:len())
		elseif som and payload then
			-- the first packet: its headers are whole, the body is not
			what = dissect_message(payload, pinfo, t) .. " [first fragment]"
		elseif idx == 0 then
			what = "[fragment without a start or out of sequence]"
			t:add_expert_info(PI_SEQUENCE, PI_WARN, what)
			if payload then
				t:add(f.payload, payload())
			end
		else
			what = string.format("[fragment %d]", idx)
			if payload then
				t:add(f.payload, payload())
			end
		end
	end
	pinfo.cols.info = head .. ": " .. what
	return tvb:len()
end

DissectorTable.get("sll.ltype"):add(0x00fa, mctp)
