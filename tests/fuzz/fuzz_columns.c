// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the columns file parser: reads the input as a
 * columns file; an error must name the file and line and leave the set as
 * it was; a set read must write out as text that reads back the same, and
 * lay out and change as the interface would.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct columns cs = { 0 }, again = { 0 };
	struct diag d = { 0 };
	char *text = xmalloc(size + 1);
	struct sbuf out, out2;

	memcpy(text, data, size);
	text[size] = 0;
	columns_fit(&cs, 80, 5);
	sbuf_init(&out);
	sbuf_init(&out2);
	if (columns_parse(&cs, text, "columns", &d) < 0) {
		if (strncmp(d.msg, "columns:", 8) != 0 || cs.custom || !cs.n)
			abort(); /* an error names the file, and the fitted set stays */
	} else {
		columns_format(&cs, &out);
		if (columns_parse(&again, out.s, "again", &d) < 0)
			abort(); /* what is written reads back */
		columns_format(&again, &out2);
		if (strcmp(out.s, out2.s) != 0)
			abort();
		columns_add(&cs, 0, "proc.name", &d);
		columns_resize(&cs, 0, 300);
		columns_remove(&cs, cs.n - 1); /* the last one stays */
		if (!cs.n || cs.c[0].width > COLUMNS_WIDTH_MAX)
			abort();
	}
	sbuf_fini(&out);
	sbuf_fini(&out2);
	columns_fini(&cs);
	columns_fini(&again);
	free(text);
	return 0;
}
