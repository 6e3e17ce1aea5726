// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for what the filter prompt completes: the input is a
 * filter being typed; at every position, whether a value of a field starts
 * there must be answered within the line, with a field name that is one
 * word of the text before it.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "complete.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = xmalloc(size + 1), field[64];
	size_t i;

	memcpy(line, data, size);
	line[size] = 0;
	size = strlen(line);
	for (i = 0; i <= size; i++) {
		char *at;

		if (!complete_value_of(line, i, field, sizeof(field)))
			continue;
		at = strstr(line, field);
		if (!field[0] || strlen(field) >= sizeof(field) || !at || (size_t)(at - line) >= i)
			abort();
	}
	free(line);
	return 0;
}
