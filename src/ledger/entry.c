/*
 * entry.c - the canonical entry of an event (ledger.h): the exact bytes
 * hashed into its Merkle leaf, written from an event or a stored row and
 * parsed back strictly.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/ledger.h"
#include "ledger/ledger_internal.h"

#define ENTRY_MAGIC "leaktrace event v1\n"

/* Append "NAME LEN:BYTES\n". */
static int put_field(lt_buf *out, const char *name, const char *s, size_t len)
{
	int rc;

	if ((rc = lt_buf_printf(out, "%s %zu:", name, len)) ||
	    (rc = lt_buf_append(out, s, len)))
		return rc;
	return lt_buf_putc(out, '\n');
}

/* The entry from raw fields (document may be NULL). */
static int entry_of(lt_buf *out, int64_t seq, const char *at, size_t atlen,
		    const char *kind, size_t kindlen, const char *doc,
		    size_t doclen, const char *detail, size_t detaillen)
{
	int rc;

	if ((rc = lt_buf_puts(out, ENTRY_MAGIC)) ||
	    (rc = lt_buf_printf(out, "seq %" PRId64 "\n", seq)) ||
	    (rc = put_field(out, "at", at, atlen)) ||
	    (rc = put_field(out, "kind", kind, kindlen)))
		return rc;
	if (doc)
		rc = put_field(out, "document", doc, doclen);
	else
		rc = lt_buf_puts(out, "document -\n");
	if (rc)
		return rc;
	return put_field(out, "detail", detail, detaillen);
}

int lt_event_entry(lt_buf *out, const lt_event *e)
{
	const char *at = e->at ? e->at : "", *kind = e->kind ? e->kind : "";
	const char *detail = e->detail ? e->detail : "";

	return entry_of(out, e->seq, at, strlen(at), kind, strlen(kind),
			e->document, e->document ? strlen(e->document) : 0,
			detail, strlen(detail));
}

/* The entry of the events row `st` has in columns seq, at, kind,
 * document, detail (starting at column `c`). */
int lt_ledger_entry_of_row(lt_buf *out, const lt_store_event_row *r,
			   int64_t seq)
{
	return entry_of(out, seq, r->at ? r->at : "", r->at_len,
			r->kind ? r->kind : "", r->kind_len, r->document,
			r->document_len, r->detail ? r->detail : "",
			r->detail_len);
}

void lt_event_clear(lt_event *e)
{
	if (!e)
		return;
	free(e->at);
	free(e->kind);
	free(e->document);
	free(e->detail);
	memset(e, 0, sizeof(*e));
}

/* Parse an unsigned decimal without leading zeros up to `stop`. */
static int parse_decimal(const char **p, const char *end, char stop,
			 uint64_t max, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;

	if (s >= end || !isdigit((unsigned char)*s))
		return -1;
	if (*s == '0' && s + 1 < end && isdigit((unsigned char)s[1]))
		return -1;
	while (s < end && isdigit((unsigned char)*s)) {
		unsigned d = (unsigned)(*s - '0');

		if (v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
		s++;
	}
	if (s >= end || *s != stop)
		return -1;
	*p = s + 1;
	*out = v;
	return 0;
}

/* Parse "NAME LEN:BYTES\n" (or "NAME -\n" when allow_null). */
static int parse_field(const char **p, const char *end, const char *name,
		       int allow_null, char **out)
{
	size_t n = strlen(name);
	uint64_t len;

	*out = NULL;
	if ((size_t)(end - *p) < n + 1 || memcmp(*p, name, n) || (*p)[n] != ' ')
		return -1;
	*p += n + 1;
	if (allow_null && end - *p >= 2 && (*p)[0] == '-' && (*p)[1] == '\n') {
		*p += 2;
		return 0;
	}
	if (parse_decimal(p, end, ':', SIZE_MAX / 2, &len))
		return -1;
	if ((uint64_t)(end - *p) < len + 1 || (*p)[len] != '\n' ||
	    memchr(*p, '\0', (size_t)len))
		return -1;
	if (!(*out = malloc((size_t)len + 1)))
		return -2;
	memcpy(*out, *p, (size_t)len);
	(*out)[len] = '\0';
	*p += len + 1;
	return 0;
}

int lt_event_entry_parse(lt_event *out, const void *entry, size_t len)
{
	const char *p = entry, *end = p + len;
	size_t ml = strlen(ENTRY_MAGIC);
	uint64_t seq;
	int r;

	memset(out, 0, sizeof(*out));
	if (len < ml || memcmp(p, ENTRY_MAGIC, ml))
		return lt_error_set(LT_EINPUT, "entry: does not start with '%s'",
				    "leaktrace event v1");
	p += ml;
	if ((size_t)(end - p) < 4 || memcmp(p, "seq ", 4))
		return lt_error_set(LT_EINPUT, "entry: no 'seq' line");
	p += 4;
	if (parse_decimal(&p, end, '\n', INT64_MAX, &seq) || seq == 0)
		return lt_error_set(LT_EINPUT, "entry: bad 'seq' line");
	out->seq = (int64_t)seq;
	if ((r = parse_field(&p, end, "at", 0, &out->at)) ||
	    (r = parse_field(&p, end, "kind", 0, &out->kind)) ||
	    (r = parse_field(&p, end, "document", 1, &out->document)) ||
	    (r = parse_field(&p, end, "detail", 0, &out->detail))) {
		lt_event_clear(out);
		return r == -2 ? lt_error_set(LT_ENOMEM, "out of memory")
			       : lt_error_set(LT_EINPUT, "entry: a field is "
					      "malformed (after byte %zu)",
					      (size_t)(p - (const char *)entry));
	}
	if (p != end) {
		lt_event_clear(out);
		return lt_error_set(LT_EINPUT, "entry: %zu bytes after the detail "
				    "line", (size_t)(end - p));
	}
	return LT_OK;
}

void lt_events_free(lt_event *e, size_t n)
{
	for (size_t i = 0; e && i < n; i++)
		lt_event_clear(&e[i]);
	free(e);
}
