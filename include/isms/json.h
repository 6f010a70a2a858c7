/*
 * JSON: a streaming writer for every command's --format json, and a small
 * parser so that tests can read that output back and compare it field by
 * field instead of byte by byte.
 *
 * The writer appends to a struct sbuf and tracks nesting and commas itself:
 * callers say what comes next (a key, a value, the end of an object) and
 * the writer decides the punctuation and, in pretty mode, the 2-space
 * indentation.  Its output is always valid JSON whatever the data: strings
 * are escaped (controls, '"', '\\', and U+2028/U+2029 so the text can be
 * embedded in a script), invalid UTF-8 bytes become U+FFFD, and NaN and
 * the infinities become null.  Numbers use fmt_num(), the shortest text
 * that reads back as the same double.  A newline follows each complete
 * top-level value, so compact mode writes one value per line.
 *
 * Misuse (a key outside an object, a value where a key is due, an end that
 * does not match its begin) is a programming error and caught by assert().
 */
#ifndef ISMS_JSON_H
#define ISMS_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/error.h"
#include "isms/util.h"

struct json_writer {
	struct sbuf *out;
	bool pretty;
	unsigned char *stack; /* flags of each open container, innermost last */
	size_t depth, cap;
};

void json_init(struct json_writer *w, struct sbuf *out, bool pretty);
void json_release(struct json_writer *w);

void json_begin_object(struct json_writer *w);
void json_end_object(struct json_writer *w);
void json_begin_array(struct json_writer *w);
void json_end_array(struct json_writer *w);
void json_key(struct json_writer *w, const char *key);
/* NULL writes null. */
void json_string(struct json_writer *w, const char *s);
void json_string_len(struct json_writer *w, const char *s, size_t len);
void json_int(struct json_writer *w, long long v);
/* Non-finite values write null. */
void json_number(struct json_writer *w, double v);
void json_bool(struct json_writer *w, bool v);
void json_null(struct json_writer *w);
/* An array of n strings (a register's list field, a list of ids). */
void json_strings(struct json_writer *w, const char *const *v, size_t n);

/* A key and its value, the common case inside an object. */
void json_kv_string(struct json_writer *w, const char *key, const char *s);
void json_kv_int(struct json_writer *w, const char *key, long long v);
void json_kv_number(struct json_writer *w, const char *key, double v);
void json_kv_bool(struct json_writer *w, const char *key, bool v);
void json_kv_null(struct json_writer *w, const char *key);
void json_kv_strings(struct json_writer *w, const char *key,
    const char *const *v, size_t n);

/* Appends s (len bytes) as a quoted, escaped JSON string. */
void json_quote(struct sbuf *out, const char *s, size_t len);

/* Parser. */
enum json_type {
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

struct json_value {
	enum json_type type;
	bool b;
	double num;
	char *str;    /* JSON_STRING: NUL-terminated; may hold NULs (see len) */
	size_t len;   /* JSON_STRING: bytes in str */
	size_t n;     /* JSON_ARRAY, JSON_OBJECT: number of items */
	char **keys;  /* JSON_OBJECT: keys[i] names items[i], in input order */
	struct json_value **items;
};

/*
 * Parses exactly one JSON value (RFC 8259) surrounded by optional
 * whitespace.  Nesting deeper than 256 is refused.  On error, returns an
 * EXIT_DATA error whose message says "line L, column C: ..." and leaves
 * *out NULL.
 */
struct isms_error *json_parse(const char *text, size_t len,
    struct json_value **out);
void json_value_free(struct json_value *v);
/* The member named key of an object (the last one if repeated), or NULL
 * (also when v is NULL or not an object). */
const struct json_value *json_get(const struct json_value *v, const char *key);
/* Item i of an array, or NULL. */
const struct json_value *json_at(const struct json_value *v, size_t i);
/* Follows a dotted path of member names and array indexes, as in
 * "risks.0.score"; NULL when any step is missing. */
const struct json_value *json_path(const struct json_value *v,
    const char *path);

#endif
