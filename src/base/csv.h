/*
 * csv.h - a reader of RFC 4180 CSV text held in memory: commas,
 * double-quoted fields (a quoted field may span lines), "" for a quote,
 * CRLF or LF line ends, and an optional UTF-8 byte order mark.  Errors
 * name the input and the line ("NAME:LINE: ...").
 */
#ifndef LT_BASE_CSV_H
#define LT_BASE_CSV_H

#include <stddef.h>

#include "leaktrace/buf.h"

#define LT_CSV_MAX_FIELDS 256
#define LT_CSV_MAX_FIELD ((size_t)64 << 10) /* bytes in one field */

typedef struct lt_csv_reader {
	const char *data;
	size_t len;
	size_t pos;
	size_t line;       /* line the next record starts on */
	const char *name;  /* prefixes messages */
} lt_csv_reader;

/* One record's fields; zero-initialise, release with lt_csv_record_free. */
typedef struct lt_csv_record {
	lt_buf field[LT_CSV_MAX_FIELDS];
	size_t n;
	size_t line;       /* line where the record starts */
} lt_csv_record;

/* Start reading `len` bytes of `data` (skipping a byte order mark). */
void lt_csv_open(lt_csv_reader *rd, const char *data, size_t len,
		 const char *name);

/*
 * Read the next record into `r`: 1 with a record (a blank line is one
 * empty field), 0 at the end, or LT_EINPUT (NUL byte, stray quote, text
 * after a closing quote, unclosed quote, too many or too long fields) or
 * LT_ENOMEM.
 */
int lt_csv_next(lt_csv_reader *rd, lt_csv_record *r);

/* Release the fields' storage. */
void lt_csv_record_free(lt_csv_record *r);

/* Remove leading and trailing spaces and tabs of a field in place. */
void lt_csv_trim(lt_buf *b);

#endif
