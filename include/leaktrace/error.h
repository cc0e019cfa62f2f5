/*
 * error.h - the one error convention of liblt.
 *
 * Every fallible function returns an int: LT_OK (0) on success or a
 * negative LT_E* code, with a readable message that names what was wrong
 * (the file, the field, the limit) and never contains key material.
 *
 * Where the message is kept:
 *   - A function that takes a long-lived handle (a vault, a scanner, an
 *     OCR context) records the outcome of the call in that handle, as
 *     sqlite3_errmsg() does: lt_vault_errcode()/lt_vault_errmsg(),
 *     lt_scanner_errcode()/lt_scanner_errmsg(), lt_ocr_errcode()/
 *     lt_ocr_errmsg().  Read it there: it belongs to the handle, so two
 *     threads with two handles never read each other's message.
 *   - Functions with no handle (lt_vault_open, lt_vault_init,
 *     lt_extract_file, lt_tokenize, ...) leave it only in the calling
 *     thread's slot below, read with lt_error_message() on the same
 *     thread before the next liblt call.  (Every failing call also
 *     leaves it there.)
 */
#ifndef LEAKTRACE_ERROR_H
#define LEAKTRACE_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

enum {
	LT_OK = 0,
	LT_ENOMEM = -1,    /* out of memory */
	LT_EUSAGE = -2,    /* bad argument or option (CLI exit 2) */
	LT_EINPUT = -3,    /* unusable input file or data (CLI exit 2) */
	LT_EIO = -4,       /* I/O error reading or writing a file */
	LT_EVAULT = -5,    /* vault missing, damaged or wrong key (exit 3) */
	LT_ELOCKED = -6,   /* vault busy: another process holds it (exit 3) */
	LT_ENOTFOUND = -7, /* named document, copy or recipient unknown */
	LT_EEXISTS = -8,   /* would overwrite something that exists */
	LT_EINTERNAL = -9  /* a bug: an invariant did not hold */
};

/*
 * Record `code` with a printf-style message as the calling thread's last
 * error and return `code`, so that callers can write
 * `return lt_error_set(LT_EINPUT, "%s: not UTF-8", path);`.  An argument
 * may be lt_error_message() itself, to prefix the last error with context:
 * `lt_error_set(rc, "%s: %s", path, lt_error_message())`.
 */
int lt_error_set(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The calling thread's last error message ("" when none), for functions
 * that take no handle.  Owned by liblt; valid until the thread's next
 * liblt call. */
const char *lt_error_message(void);

/* The calling thread's last error code (LT_OK when none). */
int lt_error_code(void);

/* Forget the last error. */
void lt_error_clear(void);

/* A short constant name for an error code, e.g. "input". */
const char *lt_error_name(int code);

#ifdef __cplusplus
}
#endif
#endif
