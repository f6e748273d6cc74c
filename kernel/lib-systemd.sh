# shellcheck shell=bash
# The systemd boot of kernel/vm (--boot systemd): systemd 252 as PID 1 with the
# host's Debian packages (systemd, dbus) copied into the initramfs, Debian's
# stock system bus configuration, the project as `cmake --install` puts it
# (units, D-Bus policy, sysusers.d) and enabled, the project's modules loaded
# by systemd-modules-load. The command runs as mctp-vm-command.service after
# multi-user.target; a system-shutdown hook reports the result once every
# service has stopped. Works on the staging root $ROOT, after add_base.

VM_SYSTEMD_GUEST=$MCTP_KDIR/guest/systemd
# Programs of the manager itself and the services it starts here.
VM_SYSTEMD_LIBEXEC="systemd systemd-journald systemd-shutdown systemd-modules-load"
# Commands on PATH (/usr/bin in Debian; the guest's /usr/bin is /bin), in
# place of busybox's applets of the same name (systemd runs mount and umount
# with util-linux's options).
VM_SYSTEMD_TOOLS="/usr/bin/mount /usr/bin/umount /usr/bin/systemctl /usr/bin/journalctl /usr/bin/busctl /usr/bin/systemd-run
	/usr/bin/systemd-sysusers /usr/bin/systemd-id128 /usr/bin/setpriv /usr/bin/dbus-daemon"
# Units of Debian's systemd and dbus packages that a minimal boot needs.
VM_SYSTEMD_UNITS="multi-user.target basic.target sysinit.target sockets.target
	timers.target paths.target slices.target local-fs.target local-fs-pre.target swap.target
	network.target network-pre.target shutdown.target umount.target final.target
	reboot.target systemd-reboot.service emergency.target emergency.service rescue.target
	rescue.service sys-kernel-debug.mount
	systemd-journald.service systemd-journald.socket systemd-journald-dev-log.socket
	systemd-modules-load.service systemd-sysusers.service dbus.service dbus.socket"
# unit:wanted-by, as Debian's packages enable them
VM_SYSTEMD_WANTS="systemd-journald.socket:sockets systemd-journald-dev-log.socket:sockets
	dbus.socket:sockets systemd-journald.service:sysinit systemd-modules-load.service:sysinit
	sys-kernel-debug.mount:sysinit systemd-sysusers.service:sysinit dbus.service:multi-user"
# A fixed machine ID: the same UUIDs derived from it on every run.
VM_MACHINE_ID=6d637470766d00000000000000000001

add_systemd() {
	local p u w
	[[ -x /lib/systemd/systemd ]] || die "no /lib/systemd/systemd (install systemd)"
	[[ -f /usr/share/dbus-1/system.conf ]] || die "no /usr/share/dbus-1/system.conf (install dbus)"
	for p in $VM_SYSTEMD_LIBEXEC; do
		add_file "/lib/systemd/$p" /lib/systemd
	done
	for p in $VM_SYSTEMD_TOOLS; do
		[[ -x $p ]] || die "no $p (install systemd, dbus and util-linux)"
		# an applet's symlink: cp would write through it into busybox
		rm -f "$ROOT/bin/${p##*/}"
		add_file "$p" /bin
	done
	mkdir -p "$ROOT/lib/systemd/system" "$ROOT/etc/systemd/system"
	for u in $VM_SYSTEMD_UNITS; do
		cp -P "/lib/systemd/system/$u" "$ROOT/lib/systemd/system/" ||
			die "cannot copy unit $u (is systemd 252 installed?)"
	done
	ln -s multi-user.target "$ROOT/lib/systemd/system/default.target"
	for w in $VM_SYSTEMD_WANTS; do
		mkdir -p "$ROOT/lib/systemd/system/${w#*:}.target.wants"
		ln -s "../${w%%:*}" "$ROOT/lib/systemd/system/${w#*:}.target.wants/${w%%:*}"
	done
	# Debian's stock system bus: system.conf and the policies of what is
	# installed on the host (systemd's among them)
	mkdir -p "$ROOT/usr/share/dbus-1"
	cp -R /usr/share/dbus-1/system.conf /usr/share/dbus-1/system.d "$ROOT/usr/share/dbus-1/"
	cp /usr/lib/os-release "$ROOT/usr/lib/os-release"
	ln -s ../usr/lib/os-release "$ROOT/etc/os-release"
	echo "$VM_MACHINE_ID" >"$ROOT/etc/machine-id"
	# no tmpfs on /tmp: the root file system is writable (PrivateTmp=
	# services get their directories under /tmp and /var/tmp)
	mkdir -p "$ROOT/var/tmp"
	chmod 1777 "$ROOT/tmp" "$ROOT/var/tmp"
	# the harness: the command's service, its runner, the report at shutdown
	mkdir -p "$ROOT/lib/mctp-vm" "$ROOT/lib/systemd/system-shutdown" \
		"$ROOT/etc/systemd/system.conf.d" "$ROOT/etc/systemd/system/multi-user.target.wants"
	install -m 0755 "$VM_SYSTEMD_GUEST/run-command" "$ROOT/lib/mctp-vm/run-command"
	install -m 0755 "$VM_SYSTEMD_GUEST/shutdown-hook" "$ROOT/lib/systemd/system-shutdown/mctp-vm"
	cp "$VM_SYSTEMD_GUEST/system.conf" "$ROOT/etc/systemd/system.conf.d/mctp-vm.conf"
	cp "$VM_SYSTEMD_GUEST/mctp-vm-command.service" "$ROOT/etc/systemd/system/"
	ln -s ../mctp-vm-command.service \
		"$ROOT/etc/systemd/system/multi-user.target.wants/mctp-vm-command.service"
	rm "$ROOT/init"
	ln -s lib/systemd/systemd "$ROOT/init"
}

# add_systemd_modules KERNEL_RELEASE FILE...: modules in load order, where
# a package (or DKMS) installs them, loaded at boot by systemd-modules-load.
add_systemd_modules() {
	local krel=$1 m dir
	shift
	dir=$ROOT/lib/modules/$krel/updates
	mkdir -p "$dir" "$ROOT/etc/modules-load.d"
	: >"$ROOT/etc/modules-load.d/mctp-vm.conf"
	: >"$dir/../modules.order"
	: >"$dir/../modules.builtin"
	: >"$dir/../modules.builtin.modinfo"
	for m in "$@"; do
		cp "$m" "$dir/" || die "cannot copy module $m"
		m=${m##*/}
		echo "updates/$m" >>"$dir/../modules.order"
		m=${m%.ko}
		echo "${m//-/_}" >>"$ROOT/etc/modules-load.d/mctp-vm.conf"
	done
	depmod -b "$ROOT" "$krel" || die "depmod failed for $krel"
}

# install_project BUILD_DIR: `cmake --install` into the root with prefix /usr,
# as a package would, less what only building against the project needs.
# Units that have an [Install] section are enabled.
install_project() {
	local bdir=$1 stage=$work/install f rel u libdirs
	rm -rf "$stage"
	DESTDIR=$stage cmake --install "$bdir" --prefix /usr >"$work/install.log" 2>&1 || {
		cat "$work/install.log" >&2
		die "cmake --install $bdir failed"
	}
	# the installed programs find the installed client library (ldd on
	# the host would look for it in the host's library directories)
	libdirs=$(find "$stage" -name '*.so*' -printf '%h\n' | sort -u | paste -sd:)
	while IFS= read -r -d '' f; do
		rel=${f#"$stage"}
		case $rel in
		/usr/include/* | /usr/share/doc/* | /usr/share/man/* | */cmake/* | */pkgconfig/* | *.a) continue ;;
		esac
		mkdir -p "$ROOT$(dirname "$rel")"
		[[ -L $ROOT$rel ]] && rm "$ROOT$rel" # not through a busybox applet
		cp -P --preserve=mode "$f" "$ROOT$rel" || die "cannot copy $rel into the initramfs"
		if is_elf "$f"; then
			LD_LIBRARY_PATH=$libdirs VM_LIB_STAGE=$stage add_libs "$f"
			strip --strip-debug "$ROOT$rel" 2>/dev/null || true
		fi
	done < <(find "$stage" \( -type f -o -type l \) -print0 | sort -z)
	for u in "$stage"/usr/lib/systemd/system/*; do
		[[ -f $u ]] && grep -q '^\[Install\]' "$u" || continue
		enable_unit "${u##*/}"
	done
}

# add_unit FILE: a unit of the test itself (e.g. a simulated device that is
# there at boot), in /etc/systemd/system and enabled.
add_unit() {
	cp "$1" "$ROOT/etc/systemd/system/" || die "cannot copy unit $1"
	enable_unit "${1##*/}"
}

enable_unit() {
	SYSTEMD_LOG_LEVEL=warning systemctl --root="$ROOT" --quiet enable "$1" ||
		die "systemctl --root enable $1 failed"
}
