/*
 * buf.c - growable byte strings (see leaktrace/buf.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"

int lt_buf_reserve(lt_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > (size_t)-1 / 2 - b->len)
		return lt_error_set(LT_ENOMEM, "buffer too large");
	need = b->len + extra + 1;
	if (need <= b->cap)
		return LT_OK;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	p = realloc(b->data, cap);
	if (!p)
		return lt_error_set(LT_ENOMEM, "out of memory (%zu bytes)", cap);
	b->data = p;
	b->cap = cap;
	return LT_OK;
}

int lt_buf_append(lt_buf *b, const void *data, size_t len)
{
	int rc = lt_buf_reserve(b, len);

	if (rc)
		return rc;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return LT_OK;
}

int lt_buf_puts(lt_buf *b, const char *s)
{
	return lt_buf_append(b, s, strlen(s));
}

int lt_buf_putc(lt_buf *b, char c)
{
	return lt_buf_append(b, &c, 1);
}

int lt_buf_printf(lt_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n, rc;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return lt_error_set(LT_EINTERNAL, "bad format");
	rc = lt_buf_reserve(b, (size_t)n);
	if (rc)
		return rc;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return LT_OK;
}

void lt_buf_clear(lt_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *lt_buf_detach(lt_buf *b, size_t *len)
{
	char *p = b->data;

	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void lt_buf_free(lt_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
