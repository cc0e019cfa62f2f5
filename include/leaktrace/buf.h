/*
 * buf.h - the one growable byte string of liblt.
 *
 * An lt_buf owns `data`, which is always NUL-terminated (when non-NULL) so
 * that text can be handed to C string functions; `len` excludes the NUL.
 * Zero-initialise (`lt_buf b = {0};`) before first use; release with
 * lt_buf_free().
 */
#ifndef LEAKTRACE_BUF_H
#define LEAKTRACE_BUF_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lt_buf {
	char *data;
	size_t len;
	size_t cap;
} lt_buf;

/* Make room for `extra` more bytes (plus the NUL). LT_OK or LT_ENOMEM. */
int lt_buf_reserve(lt_buf *b, size_t extra);

/* Append `len` bytes. */
int lt_buf_append(lt_buf *b, const void *data, size_t len);

/* Append a NUL-terminated string. */
int lt_buf_puts(lt_buf *b, const char *s);

/* Append one byte. */
int lt_buf_putc(lt_buf *b, char c);

/* Append printf-style formatted text. */
int lt_buf_printf(lt_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Forget the contents, keep the storage. */
void lt_buf_clear(lt_buf *b);

/* Hand the storage to the caller (who frees it) and reset the buffer. */
char *lt_buf_detach(lt_buf *b, size_t *len);

/* Release the storage and reset the buffer. */
void lt_buf_free(lt_buf *b);

#ifdef __cplusplus
}
#endif
#endif
