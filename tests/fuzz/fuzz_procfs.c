// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the /proc text parsers of the live snapshot: the
 * first byte picks the file (/proc/net/tcp, tcp6, unix, netlink, or a
 * status file), the rest is its text. Built with SYSHARK_FUZZ=ON (clang).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "probe_snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (size < 1)
		return 0;
	text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = 0;
	probe_snapshot_parse((enum probe_snap_text)(data[0] % (PROBE_SNAP_STATUS + 1)), text);
	free(text);
	return 0;
}
