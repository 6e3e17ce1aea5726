// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the keymap parser: loads the input as a keymap file
 * over the built-in bindings, then looks every key up and renders the help
 * (which names every binding's key and action), so that whatever a bad file
 * leaves behind is used.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "keymap.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct keymap *km = keymap_new();
	struct diag d = { 0 };
	char *text = xmalloc(size + 1);
	struct sbuf help;
	int key;

	memcpy(text, data, size);
	text[size] = 0;
	if (keymap_load(km, keymap_default_text, "default.keys", &d) < 0)
		abort(); /* the built-in bindings always load */
	if (keymap_load(km, text, "keys", &d) < 0 && strncmp(d.msg, "keys:", 5) != 0)
		abort(); /* an error names the file and line */
	/*
	 * Each key in one mode, the modes taken in turn: a lookup walks every
	 * binding, and under libFuzzer each comparison is traced, so looking
	 * every key up in every mode made a run take 13 ms. The help walks
	 * every binding.
	 */
	for (key = 0; key < TK_MAX; key = key == 127 ? TK_UP : key + 1)
		if (keymap_action(km, (enum tui_mode)(key % TM_COUNT), key) >= TA_COUNT)
			abort();
	sbuf_init(&help);
	keymap_help(km, &help);
	sbuf_fini(&help);
	keymap_free(km);
	free(text);
	return 0;
}
