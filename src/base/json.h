/*
 * json.h - how liblt writes a JSON document: every `--json` body of the
 * tool (and of the web service) is built as a jansson value and written
 * here, two-space indented with keys in the order they were added.
 */
#ifndef LT_BASE_JSON_H
#define LT_BASE_JSON_H

#include <jansson.h>

#include "leaktrace/buf.h"

/*
 * Append the text of `doc` to `out` (no trailing newline) and release
 * `doc`.  A NULL `doc` (a failed json_pack or allocation) is LT_ENOMEM.
 */
int lt_json_write(lt_buf *out, json_t *doc);

/* A JSON string of `s`, or null when `s` is NULL. */
json_t *lt_json_string_or_null(const char *s);

#endif
