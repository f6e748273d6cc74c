# SPDX-License-Identifier: GPL-2.0
# Out-of-tree kernel modules.
#
#   make modules FLAVOUR=test|perf|upstream   build the modules for a VM kernel
#   make kernels                              build all kernel flavours and their modules
#   make check-stock                          compile net-mctp against Debian's stock headers
#   make modules_install [KERNELRELEASE=R] [KDIR=D] [INSTALL_MOD_PATH=P]
#                                             build af_mctp (and i2c_mctp with CONFIG_I2C_SLAVE)
#                                             for kernel R (default: running) and install them
#                                             into P/lib/modules/R/updates
#   make dkms-add [DKMS_SOURCE_TREE=/usr/src]  copy the module sources for DKMS and `dkms add`
#   make dkms-source DKMS_SOURCE_TREE=DIR      only copy them (DIR/mctp-stack-VERSION)
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

# modules_install: a kernel by release (default: the running one), its build
# tree (headers) where the kernel's package puts it; or a build tree, whose
# release it says. Only the shipped modules: the test modules (mctp_vpair,
# smbus_sim) stay in the VM builds.
ifdef KDIR
KERNELRELEASE ?= $(shell cat $(KDIR)/include/config/kernel.release 2>/dev/null)
else
KERNELRELEASE ?= $(shell uname -r)
KDIR := /lib/modules/$(KERNELRELEASE)/build
endif
INSTALL_MOD_DIR ?= updates
# The SMBus binding needs the kernel's i2c slave interface.
SHIPPED_MODULES = net-mctp $(if $(shell grep -s '^CONFIG_I2C_SLAVE=y' $(KDIR)/.config),drivers-i2c-mctp)

# DKMS: the package's name and version come from dkms.conf.
DKMS_NAME := $(shell sed -n 's/^PACKAGE_NAME="\(.*\)"/\1/p' dkms.conf)
DKMS_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
DKMS_SOURCE_TREE ?= /usr/src
DKMS_FILES := Kbuild dkms.conf include net-mctp drivers-i2c-mctp

# Kbuild artefacts: never copied into the stage, never deleted from it by rsync.
ARTEFACTS := '*.o' '*.ko' '*.mod' '*.mod.c' '*.mod.o' '.*.cmd' '*.a' \
	modules.order Module.symvers '*.dwo' '.*.d' '*.tmp' '*.symversions'

# $(call stage,DIR,MODULE DIRS): mirror Kbuild, the shared headers (include/)
# and the module sources into DIR.
# Content checksums, not mtimes, decide what is copied, so a reverted file
# is still seen as changed by kbuild.
define stage
	mkdir -p $(1) && \
	rsync -rlcR --delete $(addprefix --exclude=,$(ARTEFACTS)) Kbuild include $(wildcard $(2)) $(1)/
endef

# $(call lock,NAME): serialise builds of one stage dir (kernel/vm takes the
# lock itself while it also copies the result, and sets MCTP_KMOD_LOCKED).
lock = $(if $(MCTP_KMOD_LOCKED),,mkdir -p $(KMOD_DIR) && exec 9>$(KMOD_DIR)/.$(1).lock && flock 9 &&)

# $(call kbuild,KERNEL BUILD DIR,STAGE DIR,MODULE DIRS[,MORE KBUILD VARIABLES])
define kbuild
	$(MAKE) -C $(1) M=$(2) MCTP_MODULES="$(3)" $(4) \
		KCFLAGS="$(KCFLAGS) -fmacro-prefix-map=$(2)/=" modules 2>&1 | \
		sed -e 's|$(2)/|$(CURDIR)/|g'
endef

.PHONY: all modules kernels check-stock sparse clean help modules_install dkms-source dkms-add
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

modules_install:
	@test -f $(KDIR)/Makefile || \
	{ echo "Makefile: no kernel build tree at $(KDIR) (install linux-headers-$(KERNELRELEASE) or set KDIR)" >&2; exit 1; }
	@echo "modules_install: $(SHIPPED_MODULES) for $(KERNELRELEASE) ($(KDIR))"
	@$(if $(filter drivers-i2c-mctp,$(SHIPPED_MODULES)),,echo "modules_install: no i2c_mctp: CONFIG_I2C_SLAVE is not set in $(KDIR)/.config" >&2;) \
	stage=$(KMOD_DIR)/release-$(KERNELRELEASE) && $(call lock,release-$(KERNELRELEASE)) \
	$(call stage,$$stage,$(SHIPPED_MODULES)) && \
	$(call kbuild,$(KDIR),$$stage,$(SHIPPED_MODULES),MCTP_TEST_MODULES=n) && \
	$(MAKE) -C $(KDIR) M=$$stage MCTP_MODULES="$(SHIPPED_MODULES)" MCTP_TEST_MODULES=n \
		KERNELRELEASE=$(KERNELRELEASE) INSTALL_MOD_DIR=$(INSTALL_MOD_DIR) \
		$(if $(wildcard $(KDIR)/certs/signing_key.x509),,CONFIG_MODULE_SIG_ALL=) modules_install && \
	if [ -e $(INSTALL_MOD_PATH)/lib/modules/$(KERNELRELEASE)/modules.order ]; then \
		depmod $(if $(INSTALL_MOD_PATH),-b $(INSTALL_MOD_PATH)) $(KERNELRELEASE); \
	else echo "modules_install: no depmod: kernel $(KERNELRELEASE) is not installed in $(INSTALL_MOD_PATH)/lib/modules"; fi

# The DKMS source tree: what dkms.conf builds, without the tests.
dkms-source:
	@test -n "$(DKMS_VERSION)" || { echo "Makefile: no PACKAGE_VERSION in dkms.conf" >&2; exit 1; }
	@dst=$(DESTDIR)$(DKMS_SOURCE_TREE)/$(DKMS_NAME)-$(DKMS_VERSION) && mkdir -p $$dst && \
	rsync -rlcR --delete --exclude=tests/ $(addprefix --exclude=,$(ARTEFACTS)) $(DKMS_FILES) $$dst/ && \
	echo "dkms-source: $$dst"

dkms-add: dkms-source
	dkms add $(DKMS_NAME)/$(DKMS_VERSION) --sourcetree $(DKMS_SOURCE_TREE)

sparse:
	@$(MAKE) --no-print-directory modules FLAVOUR=test C=2

clean:
	rm -rf $(KMOD_DIR)
	rm -f Module.symvers modules.order .module-common.o .*.cmd
	for d in $(MODULE_DIRS); do [ -d $$d ] || continue; \
		find $$d \( $(foreach a,$(ARTEFACTS),-name $(a) -o) -false \) -type f -delete; done

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))
