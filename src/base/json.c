/*
 * json.c - writing JSON documents into a buffer (json.h).
 */
#include "base/json.h"
#include "leaktrace/error.h"

/* jansson's dump callback: append to the lt_buf. */
static int append(const char *text, size_t len, void *ctx)
{
	return lt_buf_append(ctx, text, len) ? -1 : 0;
}

int lt_json_write(lt_buf *out, json_t *doc)
{
	int rc;

	if (!doc)
		return lt_error_set(LT_ENOMEM, "out of memory");
	rc = json_dump_callback(doc, append, out,
				JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (rc != 0)
		return lt_error_set(LT_ENOMEM, "out of memory");
	if (!out->data && lt_buf_reserve(out, 0))
		return LT_ENOMEM;
	return LT_OK;
}

json_t *lt_json_string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}
