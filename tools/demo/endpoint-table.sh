#!/bin/sh
# endpoint-table.sh: one line per endpoint that mctp-ctrld publishes on
# D-Bus (xyz.openbmc_project.MCTP): its i2c bus and mux channel (the link's
# place, from `mctp-ctl -d link show`), SMBus address, network, EID, state,
# UUID and message types (vendor-defined ones with their vendor).
SERVICE=xyz.openbmc_project.MCTP
ROOT=/xyz/openbmc_project/mctp

prop() { busctl --no-pager get-property $SERVICE "$1" "$2" "$3" 2>/dev/null; }

# "ay 2 0 127" -> "0 control, 0x7f vendor"
type_names() {
	awk '{ for (i = 3; i <= NF; i++) {
		t = $i + 0
		n = t == 0 ? "control" : t == 1 ? "PLDM" : t == 2 ? "NC-SI" : t == 3 ? "Ethernet" : \
		    t == 4 ? "NVMe-MI" : t == 5 ? "SPDM" : t == 6 ? "secured" : t == 126 ? "vendor-PCI" : \
		    t == 127 ? "vendor-IANA" : "?"
		printf "%s%s %s", (i > 3 ? ", " : ""), (t < 10 ? t : sprintf("0x%x", t)), n
	} }'
}

# "a(yuq) 1 1 32473 1" -> " (IANA 32473 set 1)"
vendor_names() {
	awk '{ for (i = 3; i + 2 <= NF; i += 3)
		printf " (%s set %d)", ($i == 1 ? sprintf("IANA %d", $(i + 1)) : sprintf("PCI 0x%04x", $(i + 1))), $(i + 2) }'
}

printf '%-5s %-12s %-5s %-4s %-4s %-10s %-36s %s\n' \
	BUS "MUX CHANNEL" ADDR NET EID STATE UUID "MESSAGE TYPES"
busctl --no-pager --list tree $SERVICE 2>/dev/null | grep -E "^$ROOT/[0-9]+/[0-9]+\$" |
while read -r o; do
	link=$(prop "$o" org.mctpstack.Endpoint Link | tr -d '"' | cut -d' ' -f2)
	place=$(mctp-ctl -d link show "$link" 2>/dev/null)
	bus=$(echo "$place" | awk '{ for (i = 1; i < NF; i++) if ($i == "i2c-bus") print $(i + 1) }')
	mux=$(echo "$place" | awk '{ for (i = 1; i < NF; i++) {
		if ($i == "parent") p = $(i + 1); if ($i == "channel") c = $(i + 1) }
		print (c == "" ? "-" : "i2c-" p " ch " c) }')
	addr=$(prop "$o" org.mctpstack.Endpoint PhysicalAddress | awk '$2 == 1 { printf "0x%02x", $3 }')
	net=$(prop "$o" xyz.openbmc_project.MCTP.Endpoint NetworkId | cut -d' ' -f2)
	eid=$(prop "$o" xyz.openbmc_project.MCTP.Endpoint EID | cut -d' ' -f2)
	state=$(prop "$o" org.mctpstack.Endpoint.Connectivity State | tr -d '"' | cut -d' ' -f2)
	uuid=$(prop "$o" xyz.openbmc_project.Common.UUID UUID | tr -d '"' | cut -d' ' -f2)
	types=$(prop "$o" xyz.openbmc_project.MCTP.Endpoint SupportedMessageTypes | type_names)
	vendor=$(prop "$o" org.mctpstack.Endpoint VendorDefinedMessageTypes | vendor_names)
	printf '%-5s %-12s %-5s %-4s %-4s %-10s %-36s %s%s\n' "${bus:-?}" "$mux" "${addr:-?}" \
		"$net" "$eid" "$state" "${uuid:--}" "$types" "$vendor"
done
