/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A reader of JSON text in place, for the container records of captures:
 * the text is checked once as a whole (eng_json_parse), then values are
 * looked up, walked and copied out of it without building a tree. The
 * text comes from files: anything malformed, too deeply nested or cut
 * short is refused, never read past its end.
 */
#ifndef SYSHARK_ENG_JSON_H
#define SYSHARK_ENG_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One value: p at its first character, inside a text that ends at end. */
struct eng_json {
	const char *p, *end;
};

/* The members of an object or the elements of an array, in order. */
struct eng_json_iter {
	const char *p, *end;
	bool obj;
};

/*
 * The value text[0..n) holds (white space and NUL bytes may follow it);
 * false if it is not one well-formed value. The text is borrowed by v.
 */
bool eng_json_parse(struct eng_json *v, const char *text, size_t n);

/* Member key of object v into out; false if v is no object or lacks it. */
bool eng_json_get(const struct eng_json *v, const char *key, struct eng_json *out);

/* Starts walking object or array v; false if v is neither. */
bool eng_json_iter_init(struct eng_json_iter *it, const struct eng_json *v);
/* The next member (its name in key, if key is not NULL) or element; false at the end. */
bool eng_json_iter_next(struct eng_json_iter *it, struct eng_json *key, struct eng_json *val);

/* String v, unescaped; NULL if v is no string. Caller frees with free(). */
char *eng_json_string(const struct eng_json *v);
/* True for true and for numbers other than 0, as jsoncpp's asBool reads them. */
bool eng_json_true(const struct eng_json *v);
/* Number v as an integer (its integer part); false if v is no number. */
bool eng_json_i64(const struct eng_json *v, int64_t *out);

#endif
