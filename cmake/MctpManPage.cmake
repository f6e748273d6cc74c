# SPDX-License-Identifier: GPL-2.0
# mctp_man_page(SOURCE): the man page NAME.SECTION from its scdoc source
# NAME.SECTION.scd (kept next to its program), built with the project and
# installed in share/man/manSECTION. @PROJECT_VERSION@ in the source becomes
# the project's version.
include_guard(GLOBAL)
include(GNUInstallDirs)
find_program(SCDOC scdoc REQUIRED)

function(mctp_man_page source)
	get_filename_component(page ${source} NAME_WLE)
	string(REGEX MATCH "[1-8]$" section "${page}")
	if(NOT section)
		message(FATAL_ERROR "mctp_man_page(${source}): name it NAME.SECTION.scd")
	endif()
	set(out ${CMAKE_CURRENT_BINARY_DIR}/${page})
	configure_file(${source} ${out}.scd @ONLY)
	add_custom_command(OUTPUT ${out}
		COMMAND sh -c [["$0" <"$1" >"$2.tmp" && mv "$2.tmp" "$2"]] ${SCDOC} ${out}.scd ${out}
		DEPENDS ${out}.scd
		COMMENT "Man page ${page}"
		VERBATIM)
	add_custom_target(man-${page} ALL DEPENDS ${out})
	install(FILES ${out} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
endfunction()
