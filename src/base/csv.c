/*
 * csv.c - CSV records from text in memory (csv.h).
 */
#include <string.h>

#include "leaktrace/error.h"
#include "base/csv.h"

void lt_csv_open(lt_csv_reader *rd, const char *data, size_t len,
		 const char *name)
{
	rd->data = data;
	rd->len = len;
	rd->pos = len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3) ? 3 : 0;
	rd->line = 1;
	rd->name = name;
}

void lt_csv_record_free(lt_csv_record *r)
{
	for (size_t i = 0; i < LT_CSV_MAX_FIELDS; i++)
		lt_buf_free(&r->field[i]);
}

int lt_csv_next(lt_csv_reader *rd, lt_csv_record *r)
{
	const char *data = rd->data, *name = rd->name;
	size_t i = rd->pos, len = rd->len, *line = &rd->line;
	int quoted = 0, was_quoted = 0, rc;

	if (i >= len)
		return 0;
	for (size_t k = 0; k < LT_CSV_MAX_FIELDS; k++)
		lt_buf_clear(&r->field[k]);
	r->n = 1;
	r->line = *line;
	while (i < len) {
		char c = data[i];
		lt_buf *f = &r->field[r->n - 1];

		if (c == '\0')
			return lt_error_set(LT_EINPUT, "%s:%zu: NUL byte in the file",
					    name, *line);
		if (quoted) {
			if (c == '"') {
				if (i + 1 < len && data[i + 1] == '"') {
					rc = lt_buf_putc(f, '"');
					i += 2;
				} else {
					quoted = 0;
					i++;
					rc = LT_OK;
				}
			} else {
				if (c == '\n')
					(*line)++;
				rc = lt_buf_putc(f, c);
				i++;
			}
			if (rc)
				return rc;
		} else if (c == '"') {
			if (f->len > 0 || was_quoted)
				return lt_error_set(LT_EINPUT, "%s:%zu: stray quote in "
						    "field %zu (quote the whole "
						    "field)", name, *line, r->n);
			quoted = was_quoted = 1;
			i++;
		} else if (c == ',') {
			if (r->n == LT_CSV_MAX_FIELDS)
				return lt_error_set(LT_EINPUT, "%s:%zu: more than %d "
						    "fields", name, *line,
						    LT_CSV_MAX_FIELDS);
			r->n++;
			was_quoted = 0;
			i++;
		} else if (c == '\n' || c == '\r') {
			i += (c == '\r' && i + 1 < len && data[i + 1] == '\n') ? 2 : 1;
			(*line)++;
			break;
		} else {
			if (was_quoted)
				return lt_error_set(LT_EINPUT, "%s:%zu: text after a "
						    "closing quote in field %zu",
						    name, *line, r->n);
			if ((rc = lt_buf_putc(f, c)))
				return rc;
			i++;
		}
		if (f->len > LT_CSV_MAX_FIELD)
			return lt_error_set(LT_EINPUT, "%s:%zu: field %zu is longer "
					    "than %zu bytes", name, r->line, r->n,
					    LT_CSV_MAX_FIELD);
	}
	if (quoted)
		return lt_error_set(LT_EINPUT, "%s:%zu: a quoted field is never "
				    "closed", name, r->line);
	rd->pos = i;
	return 1;
}

void lt_csv_trim(lt_buf *b)
{
	size_t s = 0;

	if (!b->data)
		return;
	while (s < b->len && (b->data[s] == ' ' || b->data[s] == '\t'))
		s++;
	memmove(b->data, b->data + s, b->len - s);
	b->len -= s;
	while (b->len > 0 && (b->data[b->len - 1] == ' ' ||
			      b->data[b->len - 1] == '\t'))
		b->len--;
	b->data[b->len] = '\0';
}
