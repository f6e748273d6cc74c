#!/bin/bash
# `cmake --install` into a DESTDIR and what it put there: the programs
# (and nothing else as one), units, D-Bus policy, configuration examples,
# man pages, bash completion, the library with its SONAME, its headers,
# pkg-config file and CMake package; then an application outside the tree
# built against it both ways and run.
# Usage: check-install.sh INSTALL_ENV (written by CMake: install.env.in)
set -u
# shellcheck source=/dev/null
. "$1" || exit 1
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
bad() { fail=$((fail + 1)); echo "FAIL - $*"; }
check() { # DESCRIPTION CMD...: passes when CMD succeeds
	local what=$1
	shift
	if "$@" >/tmp/check-install.$$ 2>&1; then ok "$what"; else
		bad "$what"
		sed 's/^/  | /' /tmp/check-install.$$ | tail -n 20
	fi
}
same() { # DESCRIPTION GOT WANT
	if [[ $2 == "$3" ]]; then ok "$1"; else bad "$1: got '$2', want '$3'"; fi
}
work=$(mktemp -d)
trap 'rm -rf "$work" /tmp/check-install.$$' EXIT
dest=$work/dest
D() { printf '%s\n' "$dest$1"; } # an installed path

check "cmake --install into DESTDIR" env DESTDIR="$dest" "$CMAKE" --install "$BUILD_DIR"

# ---- programs: the user programs only, runnable from the installed tree ----
names() { find "$1" -mindepth 1 -printf '%f\n' | sort | xargs; }
same "programs in $BINDIR" "$(names "$(D "$BINDIR")")" "mctp-bench mctp-ctl mctp-echo mctp-pldm mctp-req mctp-topology"
same "programs in $SBINDIR" "$(names "$(D "$SBINDIR")")" "mctp-ctrld mctp-demux-bridge mctp-ncsid mctp-nvme-update mctp-nvmed mctp-pldmd"
export LD_LIBRARY_PATH
LD_LIBRARY_PATH=$(D "$LIBDIR")
for p in "$BINDIR"/mctp-{bench,ctl,echo,pldm,req,topology} "$SBINDIR"/mctp-{ctrld,demux-bridge,ncsid,nvmed,nvme-update,pldmd}; do
	same "${p##*/} --version, installed" "$("$(D "$p")" --version 2>&1)" \
		"${p##*/} (mctp-stack) $VERSION"
	check "${p##*/}: no run path into the build tree" \
		bash -c "! readelf -d '$(D "$p")' | grep -E 'R(UN)?PATH' | grep -qF '$BUILD_DIR'"
	check "${p##*/} uses the installed library" \
		bash -c "ldd '$(D "$p")' | grep -F 'lib$LIB_NAME.so' | grep -qF '$dest'"
done

# ---- systemd units, D-Bus policy, configuration examples ----
units=$(D "$PREFIX/lib/systemd/system")
for u in mctp-config.service mctp.target mctp-ctrld.service mctp-demux-bridge.socket \
	mctp-demux-bridge.service mctp-nvmed.service mctp-pldmd.service mctp-ncsid.service mctp-topology.service; do
	check "unit $u" test -f "$units/$u"
done
while read -r exe; do
	check "unit runs an installed program: $exe" test -x "$(D "$exe")"
done < <(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$units"/*.service)
for policy in "$SOURCE_DIR"/tools/systemd/*.conf; do
	[[ -e $policy ]] || continue
	check "D-Bus policy ${policy##*/}" test -f "$(D "$DATADIR")/dbus-1/system.d/${policy##*/}"
done
for f in mctp.toml.example ctrld.toml.example; do
	check "example $f" test -s "$(D "$DOCDIR")/$f"
done

check "sysusers.d: the daemons' users" grep -q "^u mctp-nvme " "$(D "$PREFIX/lib/sysusers.d")/mctp-stack.conf"
check "sysusers.d: mctp-pldmd's user" grep -q "^u mctp-pldm " "$(D "$PREFIX/lib/sysusers.d")/mctp-stack.conf"
check "sysusers.d: mctp-ncsid's user" grep -q "^u mctp-ncsi " "$(D "$PREFIX/lib/sysusers.d")/mctp-stack.conf"
check "sysusers.d: mctp-topology's user" grep -q "^u mctp-topology " "$(D "$PREFIX/lib/sysusers.d")/mctp-stack.conf"
check "udev rule: /dev/i2c-N for the group i2c" test -f "$(D "$PREFIX/lib/udev/rules.d")/60-mctp-i2c-dev.rules"

# ---- man pages and completion ----
for page in man8/mctp-ctl.8 man8/mctp-ctrld.8 man8/mctp-demux-bridge.8 man8/mctp-nvmed.8 man8/mctp-pldmd.8 man8/mctp-ncsid.8 man8/mctp-nvme-update.8 man1/mctp-req.1 man1/mctp-echo.1 man1/mctp-bench.1 man1/mctp-pldm.1 man1/mctp-topology.1; do
	name=${page#*/}
	check "man page $page, version $VERSION" \
		grep -q "^\.TH \"${name%.*}\" \"${name##*.}\" .*\"mctp-stack $VERSION\"" "$(D "$MANDIR")/$page"
done
completion=$(D "$DATADIR")/bash-completion/completions/mctp-ctl
check "bash completion registers mctp-ctl" \
	bash -c ". '$completion' && complete -p mctp-ctl | grep -q _mctp_ctl"

# ---- the library ----
lib=$(D "$LIBDIR")/lib$LIB_NAME.so
check "lib$LIB_NAME.so -> lib$LIB_NAME.so.$LIB_SOVERSION -> lib$LIB_NAME.so.$VERSION" \
	test "$(readlink "$lib")" = "lib$LIB_NAME.so.$LIB_SOVERSION" -a \
	"$(readlink "$lib.$LIB_SOVERSION")" = "lib$LIB_NAME.so.$VERSION" -a -f "$lib.$VERSION"
check "SONAME lib$LIB_NAME.so.$LIB_SOVERSION" \
	bash -c "readelf -d '$lib' | grep -qF 'Library soname: [lib$LIB_NAME.so.$LIB_SOVERSION]'"
check "no static library installed" test ! -e "$(D "$LIBDIR")/lib$LIB_NAME.a"
check "Wireshark dissector in the Lua plugin folder" test -f "$(D "$LIBDIR")/wireshark/plugins/mctp.lua"
inc=$(D "$INCLUDEDIR")/mctpxx
for h in dbus.hpp toml_check.hpp; do
	check "program-only header $h not installed" test ! -e "$inc/$h"
done
check "generated version.hpp installed" grep -q "kVersion = \"$VERSION\"" "$inc/version.hpp"

# pkg-config, as a consumer sees it through the DESTDIR (the sysroot
# moves the declared dependencies' paths there too, out of reach: no
# public header may need them)
export PKG_CONFIG_SYSROOT_DIR=$dest PKG_CONFIG_PATH
PKG_CONFIG_PATH=$(D "$LIBDIR")/pkgconfig
same "pkg-config version" "$(pkg-config --modversion "$LIB_NAME" 2>&1)" "$VERSION"
read -r -a cflags <<<"$(pkg-config --cflags "$LIB_NAME")"
read -r -a libs <<<"$(pkg-config --libs "$LIB_NAME")"
check "pkg-config: the installed include directory" grep -qxF -- "-I$(D "$INCLUDEDIR")" \
	<(printf '%s\n' "${cflags[@]}")

# Each public header alone, with C++23 and only what pkg-config declares:
# it compiles, and reads nothing but itself, its siblings, the C and C++
# standard libraries, the kernel's uAPI and the declared packages' headers.
allowed=("$inc/" /usr/include/c++/ /usr/include/x86_64-linux-gnu/ /usr/lib/gcc/
	/usr/include/linux/ /usr/include/asm-generic/)
for dir in "${cflags[@]}"; do [[ $dir == -I* ]] && allowed+=("${dir#-I}/"); done
for h in "$inc"/*.hpp; do
	check "${h##*/} compiles alone" "$CXX" -std=c++23 -fsyntax-only -Wno-pragma-once-outside-header \
		-x c++ "${cflags[@]}" "$h"
	if ! "$CXX" -std=c++23 -M -x c++ "${cflags[@]}" "$h" >"$work/deps" 2>&1; then
		bad "${h##*/}: no dependency list"
		continue
	fi
	stray=$(sed 's/\\$//' "$work/deps" | tr -s ' ' '\n' | grep '^/' |
		while read -r f; do
			for a in "${allowed[@]}"; do [[ $f == "$a"* ]] && continue 2; done
			# the C library's own headers sit in /usr/include itself
			[[ $f == /usr/include/*.h && $f != /usr/include/*/* ]] && continue
			echo "$f"
		done)
	same "${h##*/} reads no undeclared headers" "$stray" ""
done

# ---- an application outside the tree ----
cp -r "$SOURCE_DIR/tests/install/consumer" "$work/consumer"
check "consumer: cmake finds the package" "$CMAKE" -S "$work/consumer" -B "$work/build" \
	-DCMAKE_PREFIX_PATH="$(D "$PREFIX")" -DMCTP_LIB_NAME="$LIB_NAME" -DCMAKE_BUILD_TYPE=Release
check "consumer: builds against ${LIB_NAME}::${LIB_NAME}" "$CMAKE" --build "$work/build"
check "consumer (find_package) runs" "$work/build/consumer" "$VERSION"
check "consumer: builds with pkg-config" "$CXX" -std=c++23 -Wall -Werror \
	-o "$work/consumer-pc" "$work/consumer/main.cpp" "${cflags[@]}" "${libs[@]}"
check "consumer (pkg-config) runs" "$work/consumer-pc" "$VERSION"

echo "$pass passed, $fail failed"
((fail == 0))
