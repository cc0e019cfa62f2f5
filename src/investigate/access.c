/*
 * access.c - access events (investigate.h): who viewed, printed or
 * downloaded which document, recorded one at a time or imported from an
 * audit log's CSV export in one transaction, each appended to the ledger
 * as an "access" event.  An imported row's source is "import:SHA256:LINE"
 * (the file's content digest and the row's line), and rows whose source
 * is already recorded are skipped: importing a file twice counts it once.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <sodium.h>

#include "leaktrace/error.h"
#include "leaktrace/investigate.h"
#include "leaktrace/ledger.h"
#include "base/csv.h"
#include "base/utf8.h"
#include "base/time.h"
#include "ledger/event.h"
#include "store/access.h"
#include "store/vault_internal.h"

#define MAX_CSV_BYTES ((size_t)256 << 20)

int lt_access_action_valid(const char *a)
{
	return a && (!strcmp(a, "view") || !strcmp(a, "print") ||
		     !strcmp(a, "download"));
}

int lt_iso8601_valid(const char *s)
{
	int64_t secs;

	return lt_time_parse_str(s, &secs) == 0 ? LT_OK : LT_EINPUT;
}

/*
 * Append one access event (inside the caller's transaction).  The time is
 * stored in the one canonical form, "YYYY-MM-DDTHH:MM:SSZ" in UTC, whatever
 * ISO 8601 form it was given in (lower-case t or z, a comma fraction, an
 * offset such as +0100, no zone), so that times compare as instants.
 */
static int append_access(lt_vault *v, const char *document, const char *user,
			 const char *action, const char *at, const char *source)
{
	char *copy = NULL, *detail, utc[32];
	int64_t secs;
	json_t *j;
	int rc;

	if (lt_time_parse_str(at, &secs))
		return lt_error_set(LT_EINPUT, "access time '%s' is not ISO 8601 "
				    "(like 2026-01-31T12:00:00Z)", at);
	lt_time_format(secs, utc);
	if ((rc = lt_store_access_copy_of(v, document, user, &copy)))
		return rc;
	j = json_pack("{s:s, s:s, s:s, s:s, s:s?}", "user", user, "action", action,
		      "accessed_at", utc, "source", source, "copy", copy);
	free(copy);
	if (!j)
		return lt_error_set(LT_EINPUT, "access: user name, time or source is "
				    "not valid UTF-8");
	detail = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (!detail)
		return lt_error_set(LT_ENOMEM, "out of memory");
	rc = lt_ledger_event(v, LT_EVENT_ACCESS, document, detail);
	free(detail);
	return rc;
}

int lt_access_record(lt_vault *v, const char *document, const char *user,
		     const char *action, const char *at)
{
	char now[32];
	int rc;

	if (!user || !*user)
		return lt_error_set(LT_EUSAGE, "access needs the user's name (--by)");
	if (!lt_access_action_valid(action))
		return lt_error_set(LT_EUSAGE, "access action '%s' is not view, print "
				    "or download", action ? action : "");
	if (at && lt_iso8601_valid(at))
		return lt_error_set(LT_EUSAGE, "access time '%s' is not ISO 8601 "
				    "(like 2026-01-31T12:00:00Z)", at);
	if (!at)
		lt_time_now(now);
	if ((rc = lt_vault_begin(v)))
		return rc;
	rc = append_access(v, document, user, action, at ? at : now, "cli");
	if (rc) {
		lt_vault_rollback(v);
		return rc;
	}
	return lt_vault_commit(v);
}

void lt_access_rows_free(lt_access_row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++) {
		free(rows[i].time);
		free(rows[i].user);
		free(rows[i].action);
		free(rows[i].document);
	}
	free(rows);
}

/* Valid UTF-8 without control characters other than tab. */
static int clean_utf8(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = lt_utf8_decode(s + i, n - i, &cp);

		if (k == 0 || (cp < 0x20 && cp != '\t'))
			return 0;
		i += k;
	}
	return 1;
}

int lt_access_csv_parse(lt_access_row **out, size_t *n, const char *data,
			size_t len, const char *name)
{
	static const char *const want[4] = {"time", "user", "action", "document"};
	lt_csv_record *r = calloc(1, sizeof(*r));
	lt_access_row *rows = NULL;
	lt_csv_reader rd;
	size_t cap = 0, k = 0, ncols = 0, i;
	int col[4] = {-1, -1, -1, -1}, rc;

	*out = NULL;
	*n = 0;
	if (!r)
		return lt_error_set(LT_ENOMEM, "out of memory");
	lt_csv_open(&rd, data, len, name);
	/* Header (skipping blank lines). */
	do {
		rc = lt_csv_next(&rd, r);
	} while (rc == 1 && r->n == 1 && r->field[0].len == 0);
	if (rc == 0)
		rc = lt_error_set(LT_EINPUT, "%s: empty file; expected a header row "
				  "naming the columns time,user,action,document",
				  name);
	if (rc < 0)
		goto fail;
	ncols = r->n;
	for (i = 0; i < r->n; i++) {
		lt_csv_trim(&r->field[i]);
		for (int c = 0; c < 4; c++)
			if (r->field[i].data &&
			    !strcasecmp(r->field[i].data, want[c])) {
				if (col[c] >= 0) {
					rc = lt_error_set(LT_EINPUT, "%s:%zu: column "
							  "'%s' appears twice in "
							  "the header", name,
							  r->line, want[c]);
					goto fail;
				}
				col[c] = (int)i;
			}
	}
	for (int c = 0; c < 4; c++)
		if (col[c] < 0) {
			rc = lt_error_set(LT_EINPUT, "%s:%zu: the header has no '%s' "
					  "column (it needs time,user,action,"
					  "document)", name, r->line, want[c]);
			goto fail;
		}
	while ((rc = lt_csv_next(&rd, r)) == 1) {
		lt_access_row *row;

		if (r->n == 1 && r->field[0].len == 0)
			continue; /* blank line */
		if (r->n != ncols) {
			rc = lt_error_set(LT_EINPUT, "%s:%zu: %zu fields where the "
					  "header has %zu", name, r->line, r->n,
					  ncols);
			goto fail;
		}
		for (int c = 0; c < 4; c++) {
			lt_buf *f = &r->field[col[c]];

			lt_csv_trim(f);
			if (f->len == 0) {
				rc = lt_error_set(LT_EINPUT, "%s:%zu: empty '%s'", name,
						  r->line, want[c]);
				goto fail;
			}
			if (!clean_utf8(f->data, f->len)) {
				rc = lt_error_set(LT_EINPUT, "%s:%zu: '%s' is not clean "
						  "UTF-8 text", name, r->line,
						  want[c]);
				goto fail;
			}
		}
		for (char *p = r->field[col[2]].data; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (!lt_access_action_valid(r->field[col[2]].data)) {
			rc = lt_error_set(LT_EINPUT, "%s:%zu: action '%s' is not view, "
					  "print or download", name, r->line,
					  r->field[col[2]].data);
			goto fail;
		}
		if (lt_iso8601_valid(r->field[col[0]].data)) {
			rc = lt_error_set(LT_EINPUT, "%s:%zu: time '%s' is not ISO 8601 "
					  "(like 2026-01-31T12:00:00Z)", name,
					  r->line, r->field[col[0]].data);
			goto fail;
		}
		if (k == cap) {
			size_t nc = cap ? cap * 2 : 64;
			lt_access_row *g = realloc(rows, nc * sizeof(*rows));

			if (!g) {
				rc = lt_error_set(LT_ENOMEM, "out of memory");
				goto fail;
			}
			rows = g;
			cap = nc;
		}
		row = &rows[k++];
		row->time = strdup(r->field[col[0]].data);
		row->user = strdup(r->field[col[1]].data);
		row->action = strdup(r->field[col[2]].data);
		row->document = strdup(r->field[col[3]].data);
		row->line = r->line;
		if (!row->time || !row->user || !row->action || !row->document) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			goto fail;
		}
	}
	if (rc < 0)
		goto fail;
	lt_csv_record_free(r);
	free(r);
	*out = rows;
	*n = k;
	return LT_OK;
fail:
	lt_csv_record_free(r);
	free(r);
	lt_access_rows_free(rows, k);
	return rc;
}

/* Read a whole file (at most `max` bytes). */
static int read_file(lt_buf *out, const char *path, size_t max)
{
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");
	int rc = LT_OK;

	if (!f)
		return lt_error_set(LT_EINPUT, "cannot read %s: %s", path,
				    strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (out->len + n > max) {
			rc = lt_error_set(LT_EINPUT, "%s is larger than %zu bytes",
					  path, max);
			break;
		}
		if ((rc = lt_buf_append(out, chunk, n)))
			break;
	}
	if (rc == LT_OK && ferror(f))
		rc = lt_error_set(LT_EINPUT, "cannot read %s: %s", path,
				  strerror(errno));
	fclose(f);
	return rc;
}

/* The line numbers of an import already recorded (sources_each). */
typedef struct seen_lines {
	const char *prefix;
	size_t prefix_len;
	unsigned char *seen; /* seen[line] = 1 */
	size_t max;          /* lines 1..max */
} seen_lines;

static int note_line(void *ctx, const char *source)
{
	seen_lines *s = ctx;
	char *end;
	unsigned long long line;

	if (strncmp(source, s->prefix, s->prefix_len))
		return LT_OK;
	source += s->prefix_len;
	if (*source < '0' || *source > '9')
		return LT_OK;
	line = strtoull(source, &end, 10);
	if (*end == '\0' && line >= 1 && line <= s->max)
		s->seen[line] = 1;
	return LT_OK;
}

int lt_access_import(size_t *count, lt_vault *v, const char *path)
{
	lt_access_row *rows = NULL;
	unsigned char digest[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1];
	lt_buf data = {0}, source = {0}, prefix = {0};
	seen_lines seen = {0};
	size_t n = 0, i, added = 0;
	int rc;

	*count = 0;
	if ((rc = read_file(&data, path, MAX_CSV_BYTES)))
		return rc;
	/* Each row's source names the file by its content and the row by its
	 * line, so importing the same file again (after a kill that landed
	 * just after the commit, say) records nothing twice. */
	crypto_hash_sha256(digest, (const unsigned char *)(data.data ? data.data
								     : ""),
			   data.len);
	sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
	rc = lt_access_csv_parse(&rows, &n, data.data ? data.data : "", data.len,
				 path);
	lt_buf_free(&data);
	if (rc)
		return rc;
	if ((rc = lt_buf_printf(&prefix, "import:%s:", hex)))
		goto out;
	for (i = 0; i < n; i++)
		if (rows[i].line > seen.max)
			seen.max = rows[i].line;
	if (!(seen.seen = calloc(seen.max + 1, 1))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	seen.prefix = prefix.data;
	seen.prefix_len = prefix.len;
	if ((rc = lt_vault_begin(v)))
		goto out;
	/* Read inside the write transaction: no other import can record the
	 * same rows in between. */
	if ((rc = lt_store_access_sources_each(v, prefix.data, note_line,
					       &seen))) {
		lt_vault_rollback(v);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (seen.seen[rows[i].line])
			continue;
		lt_buf_clear(&source);
		if ((rc = lt_buf_printf(&source, "%s%zu", prefix.data,
					rows[i].line)))
			break;
		rc = append_access(v, rows[i].document, rows[i].user, rows[i].action,
				   rows[i].time, source.data);
		if (rc == LT_ENOTFOUND)
			rc = lt_error_set(LT_EINPUT, "%s:%zu: no document '%s' in the "
					  "vault (nothing was imported)", path,
					  rows[i].line, rows[i].document);
		else if (rc == LT_EINPUT)
			rc = lt_error_set(LT_EINPUT, "%s:%zu: %s", path, rows[i].line,
					  lt_error_message());
		if (rc)
			break;
		added++;
	}
	if (rc) {
		lt_vault_rollback(v);
		goto out;
	}
	if (added == 0)
		lt_vault_rollback(v); /* nothing new: nothing to commit */
	else if ((rc = lt_vault_commit(v)))
		goto out;
	*count = added;
out:
	free(seen.seen);
	lt_buf_free(&prefix);
	lt_buf_free(&source);
	lt_access_rows_free(rows, n);
	return rc;
}
