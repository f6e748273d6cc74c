#!/bin/sh
# card-table.sh: the PLDM add-in cards mctp-pldmd publishes on D-Bus
# (org.mctpstack.PLDM): a line per card (where it is, its TID, its FRU
# data, whether it is functional), then a line per sensor of the card
# (value in its unit, warning and critical high thresholds, and which of
# their alarms is asserted).
SERVICE=org.mctpstack.PLDM
INV=/xyz/openbmc_project/inventory/system/board
SENS=/xyz/openbmc_project/sensors

# the value of a property without its type: 's "X"' -> X, 'd 37' -> 37
val() {
	busctl --no-pager get-property $SERVICE "$1" "$2" "$3" 2>/dev/null |
		sed -e 's/^[a-z]* //' -e 's/^"\(.*\)"$/\1/'
}
# a number with at most one decimal ("nan" as "-")
num() {
	case $1 in
	nan | -nan | "") echo - ;;
	*) printf '%.1f' "$1" | sed 's/\.0$//' ;;
	esac
}

objects=$(busctl --no-pager --list tree $SERVICE 2>/dev/null)
printf '%-10s %-4s %-4s %-4s %-14s %-10s %-17s %s\n' \
	CARD NET EID TID MODEL SERIAL MANUFACTURER FUNCTIONAL
echo "$objects" | grep -E "^$INV/[^/]+\$" | sort | while read -r path; do
	printf '%-10s %-4s %-4s %-4s %-14s %-10s %-17s %s\n' "${path##*/}" \
		"$(val "$path" org.mctpstack.PLDM.Terminus NetworkId)" \
		"$(val "$path" org.mctpstack.PLDM.Terminus EID)" \
		"$(val "$path" org.mctpstack.PLDM.Terminus TID)" \
		"$(val "$path" xyz.openbmc_project.Inventory.Decorator.Asset Model)" \
		"$(val "$path" xyz.openbmc_project.Inventory.Decorator.Asset SerialNumber)" \
		"$(val "$path" xyz.openbmc_project.Inventory.Decorator.Asset Manufacturer)" \
		"$(val "$path" xyz.openbmc_project.State.Decorator.OperationalStatus Functional)"
done
echo
printf '%-30s %-8s %-9s %-7s %-7s %s\n' SENSOR VALUE UNIT WARN CRIT ALARMS
echo "$objects" | grep -E "^$SENS/[^/]+/pldm_[^/]+\$" | sort | while read -r path; do
	unit=$(val "$path" xyz.openbmc_project.Sensor.Value Unit)
	alarms=
	for a in Warning Critical; do
		[ "$(val "$path" xyz.openbmc_project.Sensor.Threshold.$a ${a}AlarmHigh)" = true ] &&
			alarms="$alarms ${a}High"
	done
	printf '%-30s %-8s %-9s %-7s %-7s %s\n' "${path#$SENS/}" \
		"$(num "$(val "$path" xyz.openbmc_project.Sensor.Value Value)")" "${unit##*.}" \
		"$(num "$(val "$path" xyz.openbmc_project.Sensor.Threshold.Warning WarningHigh)")" \
		"$(num "$(val "$path" xyz.openbmc_project.Sensor.Threshold.Critical CriticalHigh)")" \
		"${alarms:- -}"
done
