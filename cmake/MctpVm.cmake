# SPDX-License-Identifier: GPL-2.0
# VM tests: each runs one command in a freshly booted test kernel.
#
#   mctp_vm_test(NAME
#                COMMAND cmd [args...]
#                [FLAVOUR test|perf|upstream]   kernel to boot (default test)
#                [ADD path...]                  files copied into the VM (/tmp, PATH)
#                [TIMEOUT sec]                  VM timeout (default 600)
#                [MEM mb]                       guest memory (default 1024)
#                [NO_MODULES]                   do not build or load project modules
#                [UNLOAD]                       rmmod project modules after the command
#                [BOOT busybox|systemd]         PID 1 (default busybox; kernel/vm --boot)
#                [UNITS file...]                systemd boot: the test's own units
#                [WRAPPER cmd [args...]]        host program that runs the VM command
#                                               line (and checks its output)
#                [LABELS label...])
#
# Programs built by this CMake tree are on the VM's PATH. VM tests never run
# concurrently (one QEMU already uses both cores): they share the resource
# lock `mctp-vm`. Kernel and module builds are separate fixture tests, so a
# kernel build does not count against a test's timeout and a module build
# failure shows once, as the failing setup test.
include_guard(GLOBAL)

set(MCTP_VM ${PROJECT_SOURCE_DIR}/kernel/vm)

# Setup tests (once per flavour): the kernel, then the project's modules.
function(_mctp_vm_fixtures flavour)
	get_property(done GLOBAL PROPERTY MCTP_VM_FIXTURES_${flavour})
	if(done)
		return()
	endif()
	set_property(GLOBAL PROPERTY MCTP_VM_FIXTURES_${flavour} TRUE)
	add_test(NAME vm-kernel-${flavour}
		COMMAND ${MCTP_VM} prepare --flavour ${flavour} --no-modules)
	set_tests_properties(vm-kernel-${flavour} PROPERTIES
		FIXTURES_SETUP mctp-vm-kernel-${flavour}
		RESOURCE_LOCK mctp-vm TIMEOUT 3600 LABELS vm)
	add_test(NAME vm-modules-${flavour}
		COMMAND ${MCTP_VM} prepare --flavour ${flavour})
	set_tests_properties(vm-modules-${flavour} PROPERTIES
		FIXTURES_SETUP mctp-vm-modules-${flavour}
		FIXTURES_REQUIRED mctp-vm-kernel-${flavour}
		RESOURCE_LOCK mctp-vm TIMEOUT 900 LABELS vm)
endfunction()

function(mctp_vm_test name)
	cmake_parse_arguments(PARSE_ARGV 1 VM "NO_MODULES;UNLOAD"
		"FLAVOUR;TIMEOUT;MEM;BOOT" "COMMAND;ADD;LABELS;UNITS;WRAPPER")
	if(NOT VM_COMMAND)
		message(FATAL_ERROR "mctp_vm_test(${name}): COMMAND is required")
	endif()
	if(VM_UNPARSED_ARGUMENTS)
		message(FATAL_ERROR "mctp_vm_test(${name}): unknown arguments ${VM_UNPARSED_ARGUMENTS}")
	endif()
	if(NOT VM_FLAVOUR)
		set(VM_FLAVOUR test)
	endif()
	if(NOT VM_TIMEOUT)
		set(VM_TIMEOUT 600)
	endif()

	set(opts --flavour ${VM_FLAVOUR} --timeout ${VM_TIMEOUT})
	if(VM_MEM)
		list(APPEND opts --mem ${VM_MEM})
	endif()
	foreach(f IN LISTS VM_ADD)
		list(APPEND opts --add ${f})
	endforeach()
	if(VM_BOOT)
		list(APPEND opts --boot ${VM_BOOT})
	endif()
	foreach(f IN LISTS VM_UNITS)
		list(APPEND opts --unit ${f})
	endforeach()
	set(fixtures mctp-vm-kernel-${VM_FLAVOUR})
	if(VM_NO_MODULES)
		list(APPEND opts --no-modules)
	else()
		list(APPEND fixtures mctp-vm-modules-${VM_FLAVOUR})
	endif()
	if(VM_UNLOAD)
		list(APPEND opts --unload)
	endif()

	_mctp_vm_fixtures(${VM_FLAVOUR})
	# WRAPPER: a host program given the whole kernel/vm command line to
	# run, e.g. to check what the VM printed (tests/e2e/capture)
	add_test(NAME ${name} COMMAND ${VM_WRAPPER} ${MCTP_VM} run ${opts} -- ${VM_COMMAND})
	math(EXPR ctest_timeout "${VM_TIMEOUT} + 300")
	set_tests_properties(${name} PROPERTIES
		ENVIRONMENT MCTP_BUILD_DIR=${CMAKE_BINARY_DIR}
		FIXTURES_REQUIRED "${fixtures}"
		RESOURCE_LOCK mctp-vm
		TIMEOUT ${ctest_timeout}
		LABELS "vm;${VM_LABELS}")
endfunction()
