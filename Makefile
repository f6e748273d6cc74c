# SPDX-License-Identifier: GPL-2.0
# Out-of-tree kernel modules.
#
#   make modules FLAVOUR=test|perf|upstream   build the modules for a VM kernel
#   make kernels                              build all kernel flavours and their modules
#   make check-stock                          compile net-mctp against Debian's stock headers
#   make sparse                               modules for the test kernel, sparse on every file
#   make clean
#
# Kbuild of 6.12 writes objects next to the sources, so each kernel gets its own
# copy of the module sources under $(KMOD_DIR)/<kernel>; the tree stays clean
# and flavours never share objects. Compiler messages are mapped back to the
# repository paths, and __FILE__ in WARN()s is relative to the repository.
# Extra kbuild variables (C=1, W=1, V=1, KCFLAGS) pass through.

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
FLAVOUR ?= test
FLAVOURS := test perf upstream
KMOD_DIR ?= $(CURDIR)/build/kmod
MODULE_DIRS := net-mctp drivers-i2c-mctp tests/smbus-sim

# The upstream kernel has MCTP built in: only the simulated bus is ours there.
ifeq ($(FLAVOUR),upstream)
MCTP_MODULES ?= tests/smbus-sim
else
MCTP_MODULES ?= $(MODULE_DIRS)
endif

# Newest installed generic amd64 headers (not -cloud-/-rt-).
STOCK_HEADERS ?= $(lastword $(shell ls -d /usr/src/linux-headers-6.12.*-amd64 2>/dev/null | \
	grep -v -e -cloud- -e -rt- | sort -V))

# Kbuild artefacts: never copied into the stage, never deleted from it by rsync.
ARTEFACTS := '*.o' '*.ko' '*.mod' '*.mod.c' '*.mod.o' '.*.cmd' '*.a' \
	modules.order Module.symvers '*.dwo' '.*.d' '*.tmp' '*.symversions'

# $(call stage,DIR,MODULE DIRS): mirror Kbuild and the module sources into DIR.
# Content checksums, not mtimes, decide what is copied, so a reverted file
# is still seen as changed by kbuild.
define stage
	mkdir -p $(1) && \
	rsync -rlcR --delete $(addprefix --exclude=,$(ARTEFACTS)) Kbuild $(wildcard $(2)) $(1)/
endef

# $(call lock,NAME): serialise builds of one stage dir (kernel/vm takes the
# lock itself while it also copies the result, and sets MCTP_KMOD_LOCKED).
lock = $(if $(MCTP_KMOD_LOCKED),,mkdir -p $(KMOD_DIR) && exec 9>$(KMOD_DIR)/.$(1).lock && flock 9 &&)

# $(call kbuild,KERNEL BUILD DIR,STAGE DIR,MODULE DIRS)
define kbuild
	$(MAKE) -C $(1) M=$(2) MCTP_MODULES="$(3)" \
		KCFLAGS="$(KCFLAGS) -fmacro-prefix-map=$(2)/=" modules 2>&1 | \
		sed -e 's|$(2)/|$(CURDIR)/|g'
endef

.PHONY: all modules kernels check-stock sparse clean help
all: modules

modules:
	@case " $(FLAVOURS) " in *" $(FLAVOUR) "*) ;; \
	*) echo "Makefile: unknown FLAVOUR '$(FLAVOUR)' (expected: $(FLAVOURS))" >&2; exit 2;; esac
	@kdir=$$($(CURDIR)/kernel/build $(FLAVOUR)) && $(call lock,$(FLAVOUR)) \
	$(call stage,$(KMOD_DIR)/$(FLAVOUR),$(MCTP_MODULES)) && \
	$(call kbuild,$$kdir,$(KMOD_DIR)/$(FLAVOUR),$(MCTP_MODULES))

kernels:
	@for f in $(FLAVOURS); do $(MAKE) --no-print-directory modules FLAVOUR=$$f || exit; done

check-stock:
	@test -n "$(STOCK_HEADERS)" || \
	{ echo "Makefile: no /usr/src/linux-headers-6.12.*-amd64 (run .ci/install-deps)" >&2; exit 1; }
	@echo "check-stock: net-mctp against $(STOCK_HEADERS)"
	@$(call lock,stock) $(call stage,$(KMOD_DIR)/stock,net-mctp) && \
	$(call kbuild,$(STOCK_HEADERS),$(KMOD_DIR)/stock,net-mctp)

sparse:
	@$(MAKE) --no-print-directory modules FLAVOUR=test C=2

clean:
	rm -rf $(KMOD_DIR)
	rm -f Module.symvers modules.order .module-common.o .*.cmd
	for d in $(MODULE_DIRS); do [ -d $$d ] || continue; \
		find $$d \( $(foreach a,$(ARTEFACTS),-name $(a) -o) -false \) -type f -delete; done

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))
