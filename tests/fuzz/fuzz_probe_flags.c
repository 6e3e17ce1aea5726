// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for probe_flags_fixup(): the input is one probe event.
 * It runs on an exact-size copy (the input is read-only), so a read or write
 * past the event is caught by the sanitizers; a rejected event must be left
 * unchanged. Built with SYSHARK_FUZZ=ON (clang).
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "probe_flags.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t len = size > UINT32_MAX ? UINT32_MAX : (uint32_t)size;
	uint8_t *ev = malloc(len ? len : 1);
	int err;

	if (!ev)
		return 0;
	memcpy(ev, data, len);
	err = probe_flags_fixup(ev, len);
	if (err != 0 && (err != -EINVAL || memcmp(ev, data, len) != 0))
		abort();
	free(ev);
	return 0;
}
