# SPDX-License-Identifier: GPL-2.0-only
#
# Copies the man page with the version of project() in its .TH line, so the
# version is kept in one place:
#
#   cmake -DINPUT=doc/syshark.1 -DOUTPUT=.../syshark.1 -DVERSION=0.1.0 -P manpage.cmake
foreach(v INPUT OUTPUT VERSION)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "manpage.cmake: -D${v}=... is required")
  endif()
endforeach()
file(READ ${INPUT} text)
string(REGEX REPLACE "(\n\\.TH [^\n]*\"syshark )[^\"]*\"" "\\1${VERSION}\"" text "${text}")
file(WRITE ${OUTPUT} "${text}")
