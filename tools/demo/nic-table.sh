#!/bin/sh
# nic-table.sh: the network controllers mctp-ncsid publishes on D-Bus
# (org.mctpstack.NCSI): a line per controller (where it is, NC-SI version,
# model, firmware, functional), then a line per channel (MAC, link, speed,
# host driver, and why it is not usable, "-" when it is).
SERVICE=org.mctpstack.NCSI
NIC=/xyz/openbmc_project/inventory/system/nic

# the value of a property without its type: 's "X"' -> X, 'u 1000' -> 1000
val() {
	busctl --no-pager get-property $SERVICE "$1" "$2" "$3" 2>/dev/null |
		sed -e 's/^[a-z]* //' -e 's/^"\(.*\)"$/\1/'
}

objects=$(busctl --no-pager --list tree $SERVICE 2>/dev/null)
printf '%-12s %-4s %-4s %-6s %-26s %-9s %s\n' NIC NET EID NC-SI MODEL FIRMWARE FUNCTIONAL
echo "$objects" | grep -E "^$NIC/[^/]+\$" | sort | while read -r path; do
	printf '%-12s %-4s %-4s %-6s %-26s %-9s %s\n' "${path##*/}" \
		"$(val "$path" org.mctpstack.NCSI.Controller NetworkId)" \
		"$(val "$path" org.mctpstack.NCSI.Controller EID)" \
		"$(val "$path" org.mctpstack.NCSI.Controller NCSIVersion)" \
		"$(val "$path" xyz.openbmc_project.Inventory.Decorator.Asset Model)" \
		"$(val "$path" xyz.openbmc_project.Software.Version Version)" \
		"$(val "$path" xyz.openbmc_project.State.Decorator.OperationalStatus Functional)"
done
echo
printf '%-26s %-17s %-5s %-6s %-7s %s\n' CHANNEL MAC LINK MB/S DRIVER "NOT USABLE BECAUSE"
echo "$objects" | grep -E "^$NIC/[^/]+/package_[0-9]+/channel_[0-9]+\$" | sort | while read -r path; do
	ch=org.mctpstack.NCSI.Channel
	link=down
	[ "$(val "$path" $ch LinkUp)" = true ] && link=up
	speed=$(val "$path" $ch LinkSpeed)
	why=$(val "$path" $ch UnavailableReason)
	printf '%-26s %-17s %-5s %-6s %-7s %s\n' "$(echo "${path#$NIC/}" | sed 's|package_|p|; s|channel_|c|')" \
		"$(val "$path" xyz.openbmc_project.Inventory.Item.NetworkInterface MACAddress)" \
		"$link" "$([ "$speed" = 0 ] && echo - || echo "$speed")" \
		"$(val "$path" $ch HostDriver)" "${why:--}"
done
