# SPDX-License-Identifier: GPL-2.0
# mctp_kselftest(NAME [UPSTREAM] [LABELS label...] [COMMAND cmd...]): one
# kernel selftest on the kselftest harness, built from NAME.c in the calling
# folder and registered as the VM test kselftest-NAME. Static, so the VM's
# initramfs needs nothing but the binary. COMMAND replaces the plain NAME
# (e.g. to set an environment for CI's short form); every test gets the
# label kselftest. UPSTREAM also registers kselftest-NAME-upstream: the same
# command on the upstream flavour (the kernel's own MCTP stack), label
# upstream, for tests whose behaviour both stacks share.
include_guard(GLOBAL)

function(mctp_kselftest name)
	cmake_parse_arguments(PARSE_ARGV 1 KT "UPSTREAM" "" "LABELS;COMMAND")
	add_executable(${name} ${name}.c)
	target_compile_options(${name} PRIVATE -Wall)
	set_target_properties(${name} PROPERTIES C_STANDARD 11 C_EXTENSIONS ON)
	target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
	target_link_libraries(${name} PRIVATE mctp_testlib mctp_kselftest_harness)
	target_link_options(${name} PRIVATE -static)
	if(NOT KT_COMMAND)
		set(KT_COMMAND ${name})
	endif()
	if(COMMAND mctp_vm_test)
		mctp_vm_test(kselftest-${name} TIMEOUT 1200 LABELS kselftest ${KT_LABELS}
			COMMAND ${KT_COMMAND})
		if(KT_UPSTREAM)
			mctp_vm_test(kselftest-${name}-upstream FLAVOUR upstream
				TIMEOUT 1200 LABELS kselftest upstream ${KT_LABELS}
				COMMAND ${KT_COMMAND})
		endif()
	endif()
endfunction()
