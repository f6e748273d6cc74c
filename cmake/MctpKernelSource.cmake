# SPDX-License-Identifier: GPL-2.0
# The extracted linux-source-6.12 tree (kept by kernel/build outside the repo),
# for the kselftest harness.
#
#   MCTP_KERNEL_SOURCE           cache: path of the tree
#   MCTP_KSELFTEST_INCLUDE_DIR   directory holding kselftest_harness.h
#   mctp_kselftest_harness       INTERFACE target adding that include dir
include_guard(GLOBAL)

set(_harness tools/testing/selftests/kselftest_harness.h)
if(NOT MCTP_KERNEL_SOURCE OR NOT EXISTS "${MCTP_KERNEL_SOURCE}/${_harness}")
	execute_process(
		COMMAND ${PROJECT_SOURCE_DIR}/kernel/build --source-dir
		OUTPUT_VARIABLE _src
		OUTPUT_STRIP_TRAILING_WHITESPACE
		RESULT_VARIABLE _rc)
	if(NOT _rc EQUAL 0 OR NOT EXISTS "${_src}/${_harness}")
		message(FATAL_ERROR
			"kernel/build --source-dir failed or gave a tree without ${_harness} "
			"(got '${_src}'); install linux-source-6.12 with .ci/install-deps")
	endif()
	set(MCTP_KERNEL_SOURCE "${_src}" CACHE PATH
		"Extracted linux-source-6.12 tree (kernel/build --source-dir)" FORCE)
endif()

set(MCTP_KSELFTEST_INCLUDE_DIR ${MCTP_KERNEL_SOURCE}/tools/testing/selftests)
add_library(mctp_kselftest_harness INTERFACE)
target_include_directories(mctp_kselftest_harness SYSTEM INTERFACE ${MCTP_KSELFTEST_INCLUDE_DIR})
message(STATUS "kselftest harness: ${MCTP_KSELFTEST_INCLUDE_DIR}")
