# shellcheck shell=bash
# Initramfs assembly for kernel/vm. All functions work on the staging root $ROOT.

# Host tools copied into every VM next to busybox (iproute2 knows netns, veth).
VM_HOST_TOOLS="/usr/bin/ip /sbin/ip /bin/ip"
# Build dirs (relative to the CMake build dir) holding the project's programs.
VM_BUILD_OUTPUT_DIRS="bin mctp-ctl tools tests"
VM_BUILD_SKIP_DIRS="tests/unit"

is_elf() {
	[[ $(head -c4 "$1" 2>/dev/null | od -An -c | tr -d ' ') == 177ELF ]]
}

# Copy PATH's shared libraries (and the dynamic loader) to the same paths.
add_libs() {
	local bin=$1 line lib
	is_elf "$bin" || return 0
	local out
	out=$(ldd "$bin" 2>&1) || {
		[[ $out == *"not a dynamic executable"* || $out == *"statically linked"* ]] && return 0
		die "ldd $bin failed: $out"
	}
	while read -r line; do
		case $line in
		*"not found"*) die "$bin needs a library that is not installed: ${line%%=>*}" ;;
		*"=> /"*) lib=${line#*=> }; lib=${lib%% (*} ;;
		/*) lib=${line%% (*} ;;
		*) continue ;;
		esac
		lib=${lib//[[:space:]]/}
		# a library of the installed project itself is copied with it
		[[ -n ${VM_LIB_STAGE:-} && $lib == "$VM_LIB_STAGE"/* ]] && continue
		[[ -e $ROOT$lib ]] && continue
		mkdir -p "$ROOT$(dirname "$lib")"
		cp -L "$lib" "$ROOT$lib" || die "cannot copy library $lib needed by $bin"
	done <<<"$out"
}

# add_file SRC DESTDIR: copy one file or directory; libraries for executables.
# Copied programs lose their debug info (symbols stay): it only slows the boot.
add_file() {
	local src=$1 dest=$2 f
	mkdir -p "$ROOT$dest"
	cp -RL --preserve=mode,timestamps "$src" "$ROOT$dest/" ||
		die "cannot copy $src into the initramfs"
	while IFS= read -r -d '' f; do
		add_libs "$f"
	done < <(find "$src" -type f -perm -u=x -print0)
	while IFS= read -r -d '' f; do
		! is_elf "$f" || strip --strip-debug "$f" 2>/dev/null || true
	done < <(find "$ROOT$dest/${src##*/}" -type f -perm -u=x -print0)
}

add_base() {
	local a
	mkdir -p "$ROOT"/{bin,dev,proc,sys,tmp,run,root,etc,var,lib/modules/mctp} \
		"$ROOT"/usr/{lib,local/bin} "$ROOT/add"
	ln -s ../bin "$ROOT/usr/bin"
	ln -s bin "$ROOT/sbin"
	ln -s ../bin "$ROOT/usr/sbin"
	ln -s ../run "$ROOT/var/run"
	cp /bin/busybox "$ROOT/bin/busybox" || die "cannot copy /bin/busybox (install busybox-static)"
	if ! is_elf /bin/busybox || ldd /bin/busybox >/dev/null 2>&1; then
		die "/bin/busybox is not a static binary (install busybox-static)"
	fi
	for a in $(/bin/busybox --list); do
		[[ $a == busybox ]] || ln -s busybox "$ROOT/bin/$a"
	done
	# busybox's own sh runs its applets in preference to PATH (so `ip` would
	# never be iproute2's); dash, Debian's /bin/sh, searches PATH as usual.
	if [[ -x /bin/dash ]]; then
		rm "$ROOT/bin/sh"
		add_file /bin/dash /bin
		ln -s dash "$ROOT/bin/sh"
	fi
	for a in $VM_HOST_TOOLS; do
		if [[ -x $a ]]; then
			add_file "$a" /usr/local/bin
			break
		fi
	done
	cat >"$ROOT/etc/passwd" <<-'EOF'
		root:x:0:0:root:/root:/bin/sh
		messagebus:x:100:101::/run/dbus:/bin/false
		nobody:x:65534:65534:nobody:/nonexistent:/bin/false
	EOF
	cat >"$ROOT/etc/group" <<-'EOF'
		root:x:0:
		messagebus:x:101:
		nogroup:x:65534:
	EOF
	echo mctp-vm >"$ROOT/etc/hostname"
	install -m 0755 "$MCTP_KDIR/init.sh" "$ROOT/init"
	install -D -m 0644 "$MCTP_KDIR/guest/report.sh" "$ROOT/lib/mctp-vm/report.sh"
}

# add_build_outputs BUILD_DIR: the project's programs, first name wins. With
# VM_SKIP_INSTALLED=yes, a program already in the root's /bin (installed
# there with the project) is left out, so the installed one runs.
add_build_outputs() {
	local bdir=$1 d f name skip
	[[ -d $bdir ]] || {
		note "no userspace build dir $bdir (configure with CMake first); continuing without it"
		return 0
	}
	for d in $VM_BUILD_OUTPUT_DIRS; do
		[[ -d $bdir/$d ]] || continue
		while IFS= read -r -d '' f; do
			for skip in $VM_BUILD_SKIP_DIRS; do
				[[ $f == "$bdir/$skip/"* ]] && continue 2
			done
			name=${f##*/}
			[[ ${VM_SKIP_INSTALLED:-} == yes && -e $ROOT/bin/$name ]] && continue
			if [[ -e $ROOT/usr/local/bin/$name ]]; then
				note "skipping $f: another program named $name is already in the VM"
				continue
			fi
			add_file "$f" /usr/local/bin
		done < <(find "$bdir/$d" -path '*/CMakeFiles' -prune -o -type f -perm -u=x \
			! -name '*.so' ! -name '*.so.*' -print0 | sort -z)
	done
}

# add_modules FILE...: modules in load order (written to load-order).
add_modules() {
	local m
	: >"$ROOT/lib/modules/mctp/load-order"
	for m in "$@"; do
		cp "$m" "$ROOT/lib/modules/mctp/" || die "cannot copy module $m"
		echo "${m##*/}" >>"$ROOT/lib/modules/mctp/load-order"
	done
}

# Order modules so that each comes after the project modules it depends on,
# af_mctp first. Prints paths, one a line.
order_modules() {
	local -A dep=() path=()
	local m name placed=" " progress out=()
	for m in "$@"; do
		name=${m##*/}
		name=${name%.ko}
		name=${name//-/_}
		path[$name]=$m
		dep[$name]=$(modinfo -F depends "$m" 2>/dev/null | tr ',' ' ' | tr '-' '_')
	done
	if [[ -n ${path[af_mctp]:-} ]]; then
		out+=("${path[af_mctp]}")
		placed+="af_mctp "
	fi
	while ((${#out[@]} < ${#path[@]})); do
		progress=0
		for name in $(printf '%s\n' "${!path[@]}" | sort); do
			[[ $placed == *" $name "* ]] && continue
			for m in ${dep[$name]}; do
				[[ -n ${path[$m]:-} && $placed != *" $m "* ]] && continue 2
			done
			out+=("${path[$name]}")
			placed+="$name "
			progress=1
		done
		((progress)) || die "circular dependency between project modules: ${!path[*]}"
	done
	printf '%s\n' "${out[@]}"
}

# write_initramfs OUT: pack $ROOT as an uncompressed newc cpio.
write_initramfs() {
	(cd "$ROOT" && find . -print0 | LC_ALL=C sort -z |
		cpio --null --create --format=newc --owner=0:0 --quiet) >"$1" ||
		die "cpio failed writing $1"
}
