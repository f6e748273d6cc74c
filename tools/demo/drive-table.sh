#!/bin/sh
# drive-table.sh: one line per NVMe drive that mctp-nvmed publishes on D-Bus
# (org.mctpstack.NVMe): its object name, where it is (network and EID), what
# it is (model, serial number, active firmware), its temperature sensor's
# value and whether it is functional.
SERVICE=org.mctpstack.NVMe
INV=/xyz/openbmc_project/inventory/system/drive
SENS=/xyz/openbmc_project/sensors/temperature

# the value of a property without its type: 's "X"' -> X, 'd 37' -> 37
val() {
	busctl --no-pager get-property $SERVICE "$1" "$2" "$3" 2>/dev/null |
		sed -e 's/^[a-z]* //' -e 's/^"\(.*\)"$/\1/'
}

printf '%-10s %-4s %-4s %-24s %-12s %-9s %-6s %s\n' \
	DRIVE NET EID MODEL SERIAL FIRMWARE TEMP FUNCTIONAL
busctl --no-pager --list tree $SERVICE 2>/dev/null | grep -E "^$INV/[^/]+\$" | sort |
	while read -r path; do
		name=${path##*/}
		printf '%-10s %-4s %-4s %-24s %-12s %-9s %-6s %s\n' "$name" \
			"$(val "$path" org.mctpstack.NVMe.Drive NetworkId)" \
			"$(val "$path" org.mctpstack.NVMe.Drive EID)" \
			"$(val "$path" xyz.openbmc_project.Inventory.Decorator.Asset Model)" \
			"$(val "$path" xyz.openbmc_project.Inventory.Decorator.Asset SerialNumber)" \
			"$(val "$path" xyz.openbmc_project.Software.Version Version)" \
			"$(val "$SENS/$name" xyz.openbmc_project.Sensor.Value Value)C" \
			"$(val "$path" xyz.openbmc_project.State.Decorator.OperationalStatus Functional)"
	done
