/*
 * report.c - the HTML report on how far documents have spread (report.h).
 *
 * Data flow: vault counts and documents (SQL) + stored sightings
 * (lt_sightings_list) -> per sighting: its posted_at parsed to seconds and
 * its stored verification parsed from JSON -> per document with
 * sightings: timeline (SVG), copies traced, altered copies, takedown list
 * -> HTML appended to one lt_buf.
 *
 * Every string that came from the vault or from an export goes through
 * lt_html_escape before it reaches the page, attribute values included;
 * numbers are formatted here.  The page carries a Content-Security-Policy
 * that allows inline styles only, so even a mistake here could not make it
 * run a script or fetch anything.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "leaktrace/error.h"
#include "leaktrace/report.h"
#include "leaktrace/scan.h"
#include "leaktrace/verify.h"
#include "store/vault_internal.h"

/* ===================================================================
 * Escaping
 * =================================================================== */

/* Length of the valid UTF-8 sequence at `s`, or 0 when it is invalid. */
static size_t utf8_valid_len(const unsigned char *s)
{
	unsigned char c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && s[1] < 0xa0)
			return 0; /* overlong */
		if (c == 0xed && s[1] >= 0xa0)
			return 0; /* surrogate */
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[3] & 0xc0) != 0x80)
			return 0;
		if (c == 0xf0 && s[1] < 0x90)
			return 0;
		if (c == 0xf4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

int lt_html_escape(lt_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int rc = LT_OK;

	if (!s)
		return LT_OK;
	while (*p && rc == LT_OK) {
		size_t n = utf8_valid_len(p);

		if (n == 0) {
			rc = lt_buf_puts(out, "\xef\xbf\xbd");
			p++;
			continue;
		}
		if (n > 1) {
			/* C1 controls (U+0080..U+009F) are not allowed in HTML. */
			if (p[0] == 0xc2 && p[1] < 0xa0)
				rc = lt_buf_puts(out, "\xef\xbf\xbd");
			else
				rc = lt_buf_append(out, p, n);
			p += n;
			continue;
		}
		switch (*p) {
		case '&': rc = lt_buf_puts(out, "&amp;"); break;
		case '<': rc = lt_buf_puts(out, "&lt;"); break;
		case '>': rc = lt_buf_puts(out, "&gt;"); break;
		case '"': rc = lt_buf_puts(out, "&quot;"); break;
		case '\'': rc = lt_buf_puts(out, "&#39;"); break;
		case '\t':
		case '\n': rc = lt_buf_putc(out, (char)*p); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				rc = lt_buf_puts(out, "\xef\xbf\xbd");
			else
				rc = lt_buf_putc(out, (char)*p);
		}
		p++;
	}
	return rc;
}

int lt_report_url_linkable(const char *url)
{
	const unsigned char *p;

	if (!url)
		return 0;
	if (strncasecmp(url, "http://", 7) && strncasecmp(url, "https://", 8))
		return 0;
	for (p = (const unsigned char *)url; *p; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

/* ===================================================================
 * Time: ISO 8601 to seconds and back (UTC, proleptic Gregorian)
 * =================================================================== */

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

typedef struct civil {
	int64_t year;
	int month, day, hour, minute, second;
} civil;

static civil civil_from_seconds(int64_t t)
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t secs = t - days * 86400, z, era, doe, yoe, y, doy, mp;
	civil c;

	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	c.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	c.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	c.year = y + (c.month <= 2);
	c.hour = (int)(secs / 3600);
	c.minute = (int)(secs / 60 % 60);
	c.second = (int)(secs % 60);
	return c;
}

static int digits(const char *s, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

/*
 * Parse "YYYY-MM-DDTHH:MM[:SS[.fff]][Z|+HH:MM|-HHMM]" (a space may stand
 * for the T; no zone means UTC) into seconds since the epoch.  0 when `s`
 * is not such a time.
 */
static int parse_time(const char *s, int64_t *out)
{
	int y, mo, d, h, mi, sec = 0, zh = 0, zm = 0, sign = 0;

	if (!s || strlen(s) < 16 || !digits(s, 4, &y) || s[4] != '-' ||
	    !digits(s + 5, 2, &mo) || s[7] != '-' || !digits(s + 8, 2, &d) ||
	    (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
	    !digits(s + 11, 2, &h) || s[13] != ':' || !digits(s + 14, 2, &mi))
		return 0;
	s += 16;
	if (*s == ':') {
		if (!digits(s + 1, 2, &sec))
			return 0;
		s += 3;
		if (*s == '.' || *s == ',') {
			s++;
			while (*s >= '0' && *s <= '9')
				s++;
		}
	}
	if (*s == 'Z' || *s == 'z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		sign = *s == '-' ? -1 : 1;
		if (!digits(s + 1, 2, &zh))
			return 0;
		s += 3;
		if (*s == ':')
			s++;
		if (*s && !digits(s, 2, &zm))
			return 0;
		if (*s)
			s += 2;
	}
	if (*s || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60 || zh > 23 || zm > 59)
		return 0;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec -
	       sign * (zh * 3600 + zm * 60);
	return 1;
}

static const char *const month_names[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* "1 Mar 2023 17:04 UTC" into buf[40]. */
static void format_time(int64_t t, char *buf, size_t size)
{
	civil c = civil_from_seconds(t);

	snprintf(buf, size, "%d %s %lld %02d:%02d UTC", c.day,
		 month_names[c.month - 1], (long long)c.year, c.hour, c.minute);
}

/* ===================================================================
 * What the report is made of
 * =================================================================== */

typedef struct change {
	char *kind;     /* "number-changed", ... */
	char *original; /* "" for insertions */
	char *found;    /* "" for deletions */
	long long at, original_at; /* -1 when not given */
	double confidence;         /* NAN when not given */
} change;

/* One sighting with what the report derives from it. */
typedef struct item {
	const lt_sighting *g;
	int has_time;
	int64_t t;
	char verified[16]; /* "genuine", "altered", "unknown" or "" */
	change *changes;
	size_t nchanges;
	int lane; /* vertical offset index within its timeline row */
} item;

typedef struct doc_row {
	char *id;
	char *title;
	size_t copies;
} doc_row;

/* The writer: appends to `out`, remembering the first failure. */
typedef struct writer {
	lt_buf *out;
	int rc;
} writer;

static void put(writer *w, const char *s)
{
	if (w->rc == LT_OK)
		w->rc = lt_buf_puts(w->out, s);
}

static void esc(writer *w, const char *s)
{
	if (w->rc == LT_OK)
		w->rc = lt_html_escape(w->out, s);
}

__attribute__((format(printf, 2, 3)))
static void putf(writer *w, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	if (w->rc != LT_OK)
		return;
	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		w->rc = lt_error_set(LT_EINTERNAL, "report: formatted text too long");
	else
		w->rc = lt_buf_append(w->out, tmp, (size_t)n);
}

static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}

static void item_clear(item *it)
{
	size_t i;

	for (i = 0; i < it->nchanges; i++) {
		free(it->changes[i].kind);
		free(it->changes[i].original);
		free(it->changes[i].found);
	}
	free(it->changes);
	it->changes = NULL;
	it->nchanges = 0;
}

static const char *json_str_or(json_t *o, const char *key, const char *dflt)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : dflt;
}

static long long json_int_or(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (json_is_integer(v))
		return (long long)json_integer_value(v);
	if (json_is_real(v))
		return (long long)json_real_value(v);
	return -1;
}

/*
 * Read a sighting's stored verification: NULL (not verified), a bare
 * verdict word, or {"verdict": ..., "changes": [...]}.  Anything else is
 * shown as "unknown" rather than failing the report.  LT_ENOMEM only.
 */
static int parse_verification(item *it, const char *text)
{
	json_t *doc, *changes, *c;
	const char *verdict;
	size_t i, n;

	it->verified[0] = '\0';
	if (!text || !*text)
		return LT_OK;
	if (!strcmp(text, "genuine") || !strcmp(text, "altered") ||
	    !strcmp(text, "unknown")) {
		snprintf(it->verified, sizeof(it->verified), "%s", text);
		return LT_OK;
	}
	strcpy(it->verified, "unknown");
	if (!(doc = json_loads(text, JSON_DECODE_ANY, NULL)))
		return LT_OK;
	if (!json_is_object(doc)) {
		json_decref(doc);
		return LT_OK;
	}
	verdict = json_str_or(doc, "verdict", "unknown");
	if (!strcmp(verdict, "genuine") || !strcmp(verdict, "altered"))
		snprintf(it->verified, sizeof(it->verified), "%s", verdict);
	changes = json_object_get(doc, "changes");
	n = json_is_array(changes) ? json_array_size(changes) : 0;
	if (n && !(it->changes = calloc(n, sizeof(*it->changes)))) {
		json_decref(doc);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	json_array_foreach(changes, i, c) {
		change *ch = &it->changes[it->nchanges];
		json_t *kind = json_object_get(c, "kind"), *conf;
		const char *kname = "changed";

		if (!json_is_object(c))
			continue;
		if (json_is_string(kind))
			kname = json_string_value(kind);
		else if (json_is_integer(kind))
			kname = lt_change_kind_name((lt_change_kind)json_integer_value(kind));
		ch->kind = dup_str(kname);
		ch->original = dup_str(json_str_or(c, "original", ""));
		ch->found = dup_str(json_str_or(c, "found", ""));
		ch->at = json_int_or(c, "at");
		ch->original_at = json_int_or(c, "original_at");
		conf = json_object_get(c, "confidence");
		ch->confidence = json_is_number(conf) ? json_number_value(conf) : NAN;
		it->nchanges++;
		if (!ch->kind || !ch->original || !ch->found) {
			json_decref(doc);
			return lt_error_set(LT_ENOMEM, "out of memory");
		}
	}
	json_decref(doc);
	return LT_OK;
}

/* ===================================================================
 * Vault queries
 * =================================================================== */

static int count_rows(lt_vault *v, const char *sql, size_t *out)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, sql)))
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = (size_t)sqlite3_column_int64(st, 0);
		rc = LT_OK;
	} else {
		rc = lt_vault_sqlite_error(v, rc, "count for the report");
	}
	sqlite3_finalize(st);
	return rc;
}

static void docs_free(doc_row *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(d[i].id);
		free(d[i].title);
	}
	free(d);
}

/* The registered documents (or the one named), ordered by id. */
static int load_documents(lt_vault *v, const char *only, doc_row **out,
			  size_t *n)
{
	sqlite3_stmt *st;
	doc_row *d = NULL, *grown;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = lt_vault_prepare(v, &st,
			"SELECT d.id, d.title, (SELECT count(*) FROM copies c "
			"WHERE c.doc = d.rowid) FROM documents d "
			"WHERE ?1 IS NULL OR d.id = ?1 ORDER BY d.id")))
		return rc;
	if (only)
		sqlite3_bind_text(st, 1, only, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		const char *title = (const char *)sqlite3_column_text(st, 1);

		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			if (!(grown = realloc(d, cap * sizeof(*d)))) {
				rc = LT_ENOMEM;
				break;
			}
			d = grown;
		}
		d[*n].id = dup_str(id ? id : "");
		d[*n].title = title ? dup_str(title) : NULL;
		d[*n].copies = (size_t)sqlite3_column_int64(st, 2);
		(*n)++;
		if (!d[*n - 1].id || (title && !d[*n - 1].title)) {
			rc = LT_ENOMEM;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		docs_free(d, *n);
		*n = 0;
		if (rc == LT_ENOMEM)
			return lt_error_set(LT_ENOMEM, "out of memory");
		return lt_vault_sqlite_error(v, rc, "read documents for the report");
	}
	*out = d;
	return LT_OK;
}

/* ===================================================================
 * Page frame: head, styles, header, notes
 * =================================================================== */

static const char page_style[] =
	"body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,"
	"'Helvetica Neue',Arial,sans-serif;color:#1f2328;background:#fff;"
	"margin:0;line-height:1.45;font-size:15px}\n"
	"main{max-width:1180px;margin:0 auto;padding:24px 28px 48px}\n"
	"h1{font-size:26px;margin:0 0 4px}\n"
	"h2{font-size:21px;margin:36px 0 6px;padding-top:14px;"
	"border-top:3px solid #1f2328}\n"
	"h3{font-size:16px;margin:22px 0 8px}\n"
	".sub{color:#57606a;margin:0 0 16px}\n"
	".summary{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0;padding:0}\n"
	".summary div{border:1px solid #d0d7de;border-radius:6px;"
	"padding:8px 14px;min-width:110px;background:#f6f8fa}\n"
	".summary dt{font-size:12px;color:#57606a;text-transform:uppercase;"
	"letter-spacing:.04em}\n"
	".summary dd{margin:0;font-size:20px;font-weight:600}\n"
	".howto{background:#fff8e1;border-left:4px solid #f0b400;"
	"padding:8px 16px;margin:16px 0;font-size:14px}\n"
	".howto h3{margin:6px 0}\n"
	".howto ul{margin:4px 0 6px;padding-left:20px}\n"
	".empty{font-size:17px;padding:18px;border:1px dashed #8c959f;"
	"border-radius:6px;background:#f6f8fa}\n"
	".chart{width:100%;height:auto;display:block;border:1px solid #d0d7de;"
	"border-radius:6px;background:#fff}\n"
	".legend{font-size:13px;color:#57606a;margin:6px 0 0}\n"
	".legend svg{vertical-align:middle;margin:0 4px 0 12px}\n"
	"table{border-collapse:collapse;width:100%;font-size:13.5px;"
	"margin:4px 0}\n"
	"th,td{border-bottom:1px solid #d8dee4;padding:5px 8px;text-align:left;"
	"vertical-align:top}\n"
	"th{background:#f6f8fa;font-weight:600;white-space:nowrap}\n"
	"td.num{text-align:right;font-variant-numeric:tabular-nums;"
	"white-space:nowrap}\n"
	"td.url{word-break:break-all;max-width:360px}\n"
	"td.when{white-space:nowrap}\n"
	"a{color:#0550ae}\n"
	".verdict-identified{color:#1a7f37;font-weight:600}\n"
	".verdict-inconclusive{color:#9a6700}\n"
	".v-altered{color:#cf222e;font-weight:600}\n"
	".v-genuine{color:#1a7f37}\n"
	".v-unknown,.none{color:#8c959f}\n"
	".altered-copy{border:1px solid #d0d7de;border-radius:6px;"
	"padding:6px 14px;margin:10px 0}\n"
	".altered-copy ul{padding-left:20px;margin:6px 0}\n"
	".altered-copy li{margin:4px 0}\n"
	".kind{display:inline-block;min-width:140px;color:#57606a;"
	"font-size:12.5px;text-transform:uppercase;letter-spacing:.03em}\n"
	"del.original{color:#c92a2a;background:#fff0f0;"
	"text-decoration:line-through;text-decoration-color:#c92a2a;"
	"padding:0 3px}\n"
	"ins.found{color:#1a7f37;background:#e6f7ea;text-decoration:none;"
	"font-weight:600;padding:0 3px}\n"
	".where{color:#8c959f;font-size:12.5px}\n"
	"footer{margin-top:40px;color:#8c959f;font-size:12px}\n"
	"@media print{h2{break-before:page}.chart{border:none}}\n";

static void page_head(writer *w)
{
	put(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	       "<meta charset=\"utf-8\">\n"
	       "<meta http-equiv=\"Content-Security-Policy\" content=\""
	       "default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, "
	       "initial-scale=1\">\n"
	       "<meta name=\"generator\" content=\"leaktrace\">\n"
	       "<title>leaktrace report</title>\n<style>\n");
	put(w, page_style);
	put(w, "</style>\n</head>\n<body>\n<main>\n");
}

static void summary_cell(writer *w, const char *label, size_t n)
{
	putf(w, "<div><dt>%s</dt><dd>%zu</dd></div>", label, n);
}

static void page_header(writer *w, const lt_report_summary *s,
			const char *generated)
{
	int64_t t;
	char when[64];

	put(w, "<header>\n<h1>leaktrace report: how far the documents have "
	       "spread</h1>\n<p class=\"sub\">Generated ");
	if (parse_time(generated, &t)) {
		format_time(t, when, sizeof(when));
		esc(w, when);
	} else {
		esc(w, generated);
	}
	put(w, " from the vault's sightings.</p>\n<dl class=\"summary\">");
	summary_cell(w, "Documents", s->documents);
	summary_cell(w, "Copies issued", s->copies);
	summary_cell(w, "Recipients", s->recipients);
	summary_cell(w, "Sightings", s->sightings);
	summary_cell(w, "Documents sighted", s->reported);
	put(w, "<div><dt>Generated</dt><dd style=\"font-size:15px;"
	       "padding-top:4px\">");
	esc(w, generated);
	put(w, "</dd></div></dl>\n</header>\n");
}

static void how_to_read(writer *w)
{
	put(w,
	    "<section class=\"howto\">\n<h3>How to read this</h3>\n<ul>\n"
	    "<li>Each document that was found somewhere has its own section. "
	    "The <b>timeline</b> has one row per platform; every dot is one "
	    "sighting, placed at the time it was posted (hover a dot for the "
	    "channel, author, time and address). The ringed dot labelled "
	    "<b>first</b> is the earliest sighting: where the document "
	    "surfaced first.</li>\n"
	    "<li><b>Copies traced</b> names the recipient whose marked copy a "
	    "sighting was, only when the marks prove it: <i>p_false</i> bounds "
	    "the probability that an innocent recipient would match this well. "
	    "Sightings too short to name anyone are counted as not traced; "
	    "they accuse nobody.</li>\n"
	    "<li><b>Altered copies</b> shows words that differ from the "
	    "original: the original's words <del class=\"original\">struck "
	    "through in red</del>, what was found instead "
	    "<ins class=\"found\">in green</ins>.</li>\n"
	    "<li>The <b>takedown list</b> gives every place the document was "
	    "seen, oldest first, with its link and the recipient traced.</li>\n"
	    "</ul>\n</section>\n");
}

/* ===================================================================
 * Timeline chart
 * =================================================================== */

#define CHART_W 1100
#define LABEL_W 150   /* platform labels on the left */
#define PLOT_PAD 24   /* space inside the plot at both ends */
#define UNKNOWN_W 110 /* band for sightings without a time */
#define ROW_H 54
#define TOP_H 44      /* room for the first sighting's label */
#define AXIS_H 66
#define MARK_R 6.5
#define FIRST_R 9.5
#define LANES 5

typedef struct platform_row {
	const char *name;
	size_t count;
	int64_t earliest; /* INT64_MAX when no timed sighting */
	size_t first_index;
} platform_row;

static const char *platform_label(const char *p)
{
	if (!strcmp(p, "discord"))
		return "Discord";
	if (!strcmp(p, "telegram"))
		return "Telegram";
	if (!strcmp(p, "x"))
		return "X (Twitter)";
	if (!strcmp(p, "file"))
		return "Files";
	return NULL;
}

static const char *platform_colour(const char *p, size_t row)
{
	static const char *const others[] = {
		"#2f9e44", "#e8590c", "#9c36b5", "#0c8599", "#5c940d", "#c2255c"
	};

	if (!strcmp(p, "discord"))
		return "#5865f2";
	if (!strcmp(p, "telegram"))
		return "#1c93d1";
	if (!strcmp(p, "x"))
		return "#14171a";
	if (!strcmp(p, "file"))
		return "#b7791f";
	return others[row % (sizeof(others) / sizeof(others[0]))];
}

/* Time-axis ticks: a step in seconds, or in months when `months` > 0. */
typedef struct tick_step {
	int64_t seconds;
	int months;
} tick_step;

static tick_step choose_step(int64_t span, int max_ticks)
{
	static const int64_t secs[] = {
		60, 300, 900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600,
		12 * 3600, 86400, 2 * 86400, 7 * 86400, 14 * 86400
	};
	static const int months[] = { 1, 2, 3, 6, 12, 24, 60, 120, 600 };
	tick_step s = { 0, 0 };
	size_t i;

	for (i = 0; i < sizeof(secs) / sizeof(secs[0]); i++)
		if (span / secs[i] <= max_ticks) {
			s.seconds = secs[i];
			return s;
		}
	for (i = 0; i < sizeof(months) / sizeof(months[0]); i++)
		if (span / ((int64_t)months[i] * 2629746) <= max_ticks)
			break;
	s.months = months[i < sizeof(months) / sizeof(months[0]) ? i : i - 1];
	return s;
}

/* The first tick at or after t0. */
static int64_t first_tick(int64_t t0, tick_step s)
{
	civil c;
	int64_t m;

	if (s.seconds) {
		int64_t q = t0 >= 0 ? (t0 + s.seconds - 1) / s.seconds
				    : -(-t0 / s.seconds);

		return q * s.seconds;
	}
	c = civil_from_seconds(t0);
	m = c.year * 12 + (c.month - 1);
	if (c.day != 1 || c.hour || c.minute || c.second)
		m++;
	while (m % s.months)
		m++;
	return days_from_civil(m / 12, (int)(m % 12) + 1, 1) * 86400;
}

static int64_t next_tick(int64_t t, tick_step s)
{
	civil c;
	int64_t m;

	if (s.seconds)
		return t + s.seconds;
	c = civil_from_seconds(t);
	m = c.year * 12 + (c.month - 1) + s.months;
	return days_from_civil(m / 12, (int)(m % 12) + 1, 1) * 86400;
}

/*
 * A tick's label: the main line (time of day, day, month or year as the
 * step needs) and, on the first tick and wherever the larger unit
 * changes, a second line with that unit.
 */
static void tick_labels(int64_t t, int64_t prev, int is_first, tick_step s,
			char *main_line, char *second, size_t size)
{
	civil c = civil_from_seconds(t), p = civil_from_seconds(prev);

	second[0] = '\0';
	if (s.seconds && s.seconds < 86400) {
		snprintf(main_line, size, "%02d:%02d", c.hour, c.minute);
		if (is_first || c.day != p.day || c.month != p.month ||
		    c.year != p.year)
			snprintf(second, size, "%d %s %lld", c.day,
				 month_names[c.month - 1], (long long)c.year);
	} else if (s.seconds) {
		snprintf(main_line, size, "%d %s", c.day, month_names[c.month - 1]);
		if (is_first || c.year != p.year)
			snprintf(second, size, "%lld", (long long)c.year);
	} else if (s.months < 12) {
		snprintf(main_line, size, "%s", month_names[c.month - 1]);
		if (is_first || c.year != p.year)
			snprintf(second, size, "%lld", (long long)c.year);
	} else {
		snprintf(main_line, size, "%lld", (long long)c.year);
	}
}

/*
 * The time axis is one or more stretches (segments) side by side.  A gap
 * between sightings that dwarfs everything else (a file found years after
 * the posts) is cut out of the axis and drawn as a break labelled with its
 * length, so that one outlier does not squeeze every other mark into a
 * corner.
 */
#define MAX_SEGMENTS 4
#define BREAK_W 34
#define MIN_BREAK (2 * 86400) /* shorter gaps are never cut */

typedef struct segment {
	int64_t t0, t1; /* time range shown, padded */
	double x0, x1;  /* where it is drawn */
	int64_t gap;    /* the time cut out before it (0 for the first) */
} segment;

static int cmp_time(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Split the axis [x0, x1] into segments; 0 when nothing has a time. */
static int make_segments(const item *its, size_t n, double x0, double x1,
			 segment *seg, size_t *nseg)
{
	int64_t *ts, raw0[MAX_SEGMENTS], raw1[MAX_SEGMENTS], cut_total = 0;
	unsigned char *cut;
	size_t m = 0, i, k, ns;
	double width;

	*nseg = 0;
	if (!(ts = malloc((n + 1) * sizeof(*ts))) || !(cut = calloc(n + 1, 1))) {
		free(ts);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (i = 0; i < n; i++)
		if (its[i].has_time)
			ts[m++] = its[i].t;
	if (m == 0) {
		free(ts);
		free(cut);
		return LT_OK;
	}
	qsort(ts, m, sizeof(*ts), cmp_time);
	/* Cut the largest gap while it is at least three times everything
	 * that remains on the axis. */
	for (ns = 1; ns < MAX_SEGMENTS; ns++) {
		size_t best = m;
		int64_t g;

		for (i = 0; i + 1 < m; i++)
			if (!cut[i] && (best == m ||
			    ts[i + 1] - ts[i] > ts[best + 1] - ts[best]))
				best = i;
		if (best == m)
			break;
		g = ts[best + 1] - ts[best];
		if (g < MIN_BREAK || g < 3 * (ts[m - 1] - ts[0] - cut_total - g))
			break;
		cut[best] = 1;
		cut_total += g;
	}
	for (i = 0, k = 0; i < m; i++) {
		if (i == 0 || cut[i - 1]) {
			raw0[k] = ts[i];
			seg[k].gap = i ? ts[i] - ts[i - 1] : 0;
			k++;
		}
		raw1[k - 1] = ts[i];
	}
	width = (x1 - x0 - BREAK_W * (double)(k - 1)) / (double)k;
	for (i = 0; i < k; i++) {
		int64_t span = raw1[i] - raw0[i];

		/* Pad so that marks do not sit on the edges. */
		if (span < 3600) {
			seg[i].t0 = raw0[i] - (3600 - span) / 2 - 600;
			seg[i].t1 = raw1[i] + (3600 - span) / 2 + 600;
		} else {
			seg[i].t0 = raw0[i] - span / 20;
			seg[i].t1 = raw1[i] + span / 20;
		}
		seg[i].x0 = x0 + (double)i * (width + BREAK_W);
		seg[i].x1 = seg[i].x0 + width;
	}
	*nseg = k;
	free(ts);
	free(cut);
	return LT_OK;
}

/* Where time `t` is drawn (it lies in one of the segments). */
static double time_x(const segment *seg, size_t nseg, int64_t t)
{
	size_t i;

	for (i = 0; i + 1 < nseg && t > seg[i].t1; i++)
		;
	return seg[i].x0 + (seg[i].x1 - seg[i].x0) *
	       (double)(t - seg[i].t0) / (double)(seg[i].t1 - seg[i].t0);
}

/* "3 days", "2.5 years": the length of a gap cut out of the axis. */
static void format_gap(int64_t g, char *buf, size_t size)
{
	if (g >= 2 * 31556952)
		snprintf(buf, size, "%.1f years", (double)g / 31556952.0);
	else if (g >= 60 * 86400)
		snprintf(buf, size, "%.0f months", (double)g / 2629746.0);
	else
		snprintf(buf, size, "%.0f days", (double)g / 86400.0);
}

/* Ticks, grid lines and labels of one segment of the axis. */
static void axis_segment(writer *w, const segment *sg, double plot_w,
			 double axis_y)
{
	int max_ticks = (int)(8.0 * (sg->x1 - sg->x0) / plot_w + 0.5);
	int64_t tick, prev = sg->t0;
	tick_step step;
	int is_first = 1;

	step = choose_step(sg->t1 - sg->t0, max_ticks < 2 ? 2 : max_ticks);
	for (tick = first_tick(sg->t0, step); tick <= sg->t1;
	     tick = next_tick(tick, step)) {
		double tx = sg->x0 + (sg->x1 - sg->x0) * (double)(tick - sg->t0) /
			    (double)(sg->t1 - sg->t0);
		char line1[48], line2[48];

		tick_labels(tick, prev, is_first, step, line1, line2, sizeof(line1));
		putf(w, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" "
			"y2=\"%.1f\" stroke=\"#e1e4e8\"/>\n", tx, tx, TOP_H, axis_y);
		putf(w, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"#57606a\"/>\n", tx, tx, axis_y, axis_y + 5);
		putf(w, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" "
			"text-anchor=\"middle\" font-size=\"12\" fill=\"#3d444d\">",
		     tx, axis_y + 19);
		esc(w, line1);
		if (line2[0]) {
			putf(w, "<tspan x=\"%.1f\" dy=\"15\" fill=\"#57606a\">", tx);
			esc(w, line2);
			put(w, "</tspan>");
		}
		put(w, "</text>\n");
		prev = tick;
		is_first = 0;
	}
}

/* The tooltip of a mark: platform, channel, author, time, url, trace. */
static void mark_title(writer *w, const item *it)
{
	const lt_sighting *g = it->g;
	const char *label = platform_label(g->platform);
	char when[64];

	put(w, "<title>");
	esc(w, label ? label : g->platform);
	if (g->channel[0]) {
		put(w, " \xc2\xb7 channel ");
		esc(w, g->channel);
	}
	if (g->message[0]) {
		put(w, " \xc2\xb7 message ");
		esc(w, g->message);
	}
	put(w, "\nauthor: ");
	esc(w, g->author ? g->author : "unknown");
	put(w, "\nposted: ");
	if (it->has_time) {
		format_time(it->t, when, sizeof(when));
		esc(w, when);
	} else {
		esc(w, g->posted_at ? g->posted_at : "time unknown");
	}
	if (g->url) {
		put(w, "\nurl: ");
		esc(w, g->url);
	}
	put(w, "\ntraced to: ");
	esc(w, g->recipient ? g->recipient : "nobody (not traced)");
	if (it->verified[0]) {
		put(w, "\nverified: ");
		esc(w, it->verified);
	}
	put(w, "</title>");
}

/*
 * Give each mark of a row a lane so that marks closer than a diameter do
 * not hide each other: lane 0 on the row's line, then alternately above
 * and below.
 */
static void assign_lanes(item *its, size_t n, const char *platform,
			 const double *x)
{
	double last[LANES];
	size_t i;
	int l, best;

	for (l = 0; l < LANES; l++)
		last[l] = -1e9;
	for (i = 0; i < n; i++) {
		if (strcmp(its[i].g->platform, platform))
			continue;
		best = 0;
		for (l = 0; l < LANES; l++) {
			if (x[i] - last[l] >= 2 * MARK_R + 1) {
				best = l;
				break;
			}
			if (last[l] < last[best])
				best = l;
		}
		its[i].lane = best;
		last[best] = x[i];
	}
}

static double lane_offset(int lane)
{
	static const double off[LANES] = { 0, -12, 12, -22, 22 };

	return off[lane];
}

/* Index of the first sighting: earliest posted_at, else first recorded. */
static size_t first_sighting(const item *its, size_t n)
{
	size_t i, best = 0;
	int found = 0;

	for (i = 0; i < n; i++)
		if (its[i].has_time && (!found || its[i].t < its[best].t)) {
			best = i;
			found = 1;
		}
	if (found)
		return best;
	for (i = 1; i < n; i++)
		if (strcmp(its[i].g->first_seen, its[best].g->first_seen) < 0)
			best = i;
	return best;
}

static int timeline(writer *w, item *its, size_t n, size_t first)
{
	platform_row *rows;
	double *x = NULL;
	size_t nrows = 0, i, r, nunknown = 0, k;
	double plot_x0 = LABEL_W + PLOT_PAD, plot_x1, height, axis_y;
	segment seg[MAX_SEGMENTS];
	size_t nseg;

	if (!(rows = calloc(n, sizeof(*rows))) || !(x = calloc(n, sizeof(*x)))) {
		free(rows);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (i = 0; i < n; i++) {
		for (r = 0; r < nrows; r++)
			if (!strcmp(rows[r].name, its[i].g->platform))
				break;
		if (r == nrows) {
			rows[nrows].name = its[i].g->platform;
			rows[nrows].earliest = INT64_MAX;
			rows[nrows].first_index = i;
			nrows++;
		}
		rows[r].count++;
		if (its[i].has_time) {
			if (its[i].t < rows[r].earliest)
				rows[r].earliest = its[i].t;
		} else {
			nunknown++;
		}
	}
	/* Rows in the order the platforms were reached. */
	for (i = 1; i < nrows; i++)
		for (r = i; r > 0 && (rows[r].earliest < rows[r - 1].earliest ||
		     (rows[r].earliest == rows[r - 1].earliest &&
		      rows[r].first_index < rows[r - 1].first_index)); r--) {
			platform_row tmp = rows[r];

			rows[r] = rows[r - 1];
			rows[r - 1] = tmp;
		}
	plot_x1 = CHART_W - PLOT_PAD - (nunknown ? UNKNOWN_W : 0);
	height = TOP_H + (double)nrows * ROW_H + AXIS_H;
	axis_y = TOP_H + (double)nrows * ROW_H;
	if (make_segments(its, n, plot_x0, plot_x1, seg, &nseg)) {
		free(rows);
		free(x);
		return lt_error_code();
	}
	for (i = 0, k = 0; i < n; i++) {
		if (its[i].has_time) {
			x[i] = time_x(seg, nseg, its[i].t);
		} else {
			/* Spread the undated ones evenly over their band. */
			x[i] = plot_x1 + PLOT_PAD + 12 +
			       (UNKNOWN_W - 36) * (nunknown > 1
				? (double)k / (double)(nunknown - 1) : 0.5);
			k++;
		}
	}
	for (r = 0; r < nrows; r++)
		assign_lanes(its, n, rows[r].name, x);

	putf(w, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
		"viewBox=\"0 0 %d %.0f\" role=\"img\" "
		"font-family=\"system-ui,-apple-system,'Segoe UI',Roboto,Arial,"
		"sans-serif\">\n", CHART_W, height);
	put(w, "<desc>Sightings over time, one row per platform</desc>\n");
	/* Row bands and labels. */
	for (r = 0; r < nrows; r++) {
		double y = TOP_H + (double)r * ROW_H;
		const char *label = platform_label(rows[r].name);

		putf(w, "<rect class=\"row-band\" x=\"0\" y=\"%.1f\" width=\"%d\" "
			"height=\"%d\" fill=\"%s\"/>\n", y, CHART_W, ROW_H,
			r % 2 ? "#ffffff" : "#f6f8fa");
		putf(w, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"#d0d7de\" stroke-dasharray=\"2 3\"/>\n", plot_x0,
			plot_x1, y + ROW_H / 2.0, y + ROW_H / 2.0);
		putf(w, "<circle cx=\"16\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>\n",
		     y + ROW_H / 2.0, platform_colour(rows[r].name, r));
		putf(w, "<text class=\"platform\" x=\"28\" y=\"%.1f\" "
			"font-size=\"14\" font-weight=\"600\" fill=\"#1f2328\">",
		     y + ROW_H / 2.0 + 1);
		esc(w, label ? label : rows[r].name);
		putf(w, "<tspan x=\"28\" dy=\"15\" font-size=\"11.5\" "
			"font-weight=\"400\" fill=\"#57606a\">%zu sighting%s</tspan>"
			"</text>\n", rows[r].count, rows[r].count == 1 ? "" : "s");
	}
	/* Time axis with ticks and grid lines. */
	putf(w, "<line class=\"axis\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
		"y2=\"%.1f\" stroke=\"#57606a\"/>\n", plot_x0 - PLOT_PAD / 2.0,
	     plot_x1 + PLOT_PAD / 2.0, axis_y, axis_y);
	for (i = 0; i < nseg; i++) {
		axis_segment(w, &seg[i], plot_x1 - plot_x0, axis_y);
		if (i) {
			double bx = (seg[i - 1].x1 + seg[i].x0) / 2;
			char gap[32];

			format_gap(seg[i].gap, gap, sizeof(gap));
			putf(w, "<g class=\"axis-break\"><rect x=\"%.1f\" y=\"%.1f\" "
				"width=\"12\" height=\"12\" fill=\"#ffffff\"/>"
				"<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
				"stroke=\"#57606a\" stroke-width=\"1.5\"/>"
				"<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
				"stroke=\"#57606a\" stroke-width=\"1.5\"/>"
				"<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\" "
				"stroke=\"#8c959f\" stroke-dasharray=\"1 4\"/>"
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
				"font-size=\"10.5\" fill=\"#57606a\">+", bx - 6,
			     axis_y - 6, bx - 7, bx - 1, axis_y + 6, axis_y - 6,
			     bx + 1, bx + 7, axis_y + 6, axis_y - 6, bx, bx, TOP_H,
			     axis_y - 8, bx, axis_y + 52);
			esc(w, gap);
			put(w, "</text></g>\n");
		}
	}
	if (nunknown) {
		double bx = plot_x1 + PLOT_PAD;

		putf(w, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\" "
			"stroke=\"#8c959f\" stroke-dasharray=\"4 3\"/>\n", bx, bx,
		     TOP_H - 6, axis_y + 6);
		putf(w, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" "
			"text-anchor=\"middle\" font-size=\"12\" fill=\"#57606a\">"
			"time unknown</text>\n", bx + UNKNOWN_W / 2.0 - 6,
		     axis_y + 19);
	}
	putf(w, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\" "
		"fill=\"#8c959f\">posted at (UTC)</text>\n", plot_x1 + PLOT_PAD / 2.0,
	     height - 4);

	/* Marks: one per sighting, the first one last so that it is on top. */
	for (k = 0; k <= n; k++) {
		size_t idx = k < n ? k : first;
		const item *it = &its[idx];
		double cy;
		int is_first_mark = idx == first;

		if (k < n && is_first_mark)
			continue;
		for (r = 0; r < nrows; r++)
			if (!strcmp(rows[r].name, it->g->platform))
				break;
		cy = TOP_H + (double)r * ROW_H + ROW_H / 2.0 +
		     (is_first_mark ? 0 : lane_offset(it->lane));
		putf(w, "<circle class=\"sighting%s%s\" data-id=\"%lld\" "
			"cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" "
			"fill-opacity=\"0.88\" stroke=\"%s\" stroke-width=\"%s\">",
		     is_first_mark ? " first" : "",
		     !strcmp(it->verified, "altered") ? " altered" : "",
		     (long long)it->g->id, x[idx], cy,
		     is_first_mark ? FIRST_R : MARK_R,
		     platform_colour(it->g->platform, r),
		     is_first_mark ? "#d9480f"
			: !strcmp(it->verified, "altered") ? "#e03131" : "#ffffff",
		     is_first_mark || !strcmp(it->verified, "altered") ? "3"
									: "1.5");
		mark_title(w, it);
		put(w, "</circle>\n");
		if (is_first_mark) {
			char when[64];
			int right = x[idx] > CHART_W - 300;
			const char *label = platform_label(it->g->platform);

			putf(w, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
				"y2=\"%.1f\" stroke=\"#d9480f\" stroke-width=\"1.5\"/>\n",
			     x[idx], x[idx], 30.0, cy - FIRST_R - 2);
			putf(w, "<text class=\"first-label\" x=\"%.1f\" y=\"24\" "
				"text-anchor=\"%s\" font-size=\"13\" fill=\"#d9480f\" "
				"font-weight=\"700\">first: ", x[idx] + (right ? 6 : -6),
			     right ? "end" : "start");
			esc(w, label ? label : it->g->platform);
			if (it->g->channel[0]) {
				put(w, " #");
				esc(w, it->g->channel);
			}
			put(w, ", ");
			if (it->has_time) {
				format_time(it->t, when, sizeof(when));
				esc(w, when);
			} else {
				put(w, "time unknown");
			}
			put(w, "</text>\n");
		}
	}
	put(w, "</svg>\n");
	put(w, "<p class=\"legend\">"
	       "<svg class=\"swatch\" width=\"16\" height=\"16\"><circle cx=\"8\" "
	       "cy=\"8\" r=\"6\" fill=\"#8c959f\" stroke=\"#fff\"/></svg>one "
	       "sighting (colour: platform)"
	       "<svg class=\"swatch\" width=\"22\" height=\"22\"><circle cx=\"11\" "
	       "cy=\"11\" r=\"8\" fill=\"#8c959f\" stroke=\"#d9480f\" "
	       "stroke-width=\"3\"/></svg>the first sighting"
	       "<svg class=\"swatch\" width=\"18\" height=\"18\"><circle cx=\"9\" "
	       "cy=\"9\" r=\"6\" fill=\"#8c959f\" stroke=\"#e03131\" "
	       "stroke-width=\"3\"/></svg>a copy found altered"
	       " &#8212; hover a dot for its details.</p>\n");
	free(rows);
	free(x);
	return w->rc;
}

/* ===================================================================
 * Tables
 * =================================================================== */

static void cell_time(writer *w, const item *it)
{
	char when[64];

	put(w, "<td class=\"when\">");
	if (it->has_time) {
		format_time(it->t, when, sizeof(when));
		esc(w, when);
	} else if (it->g->posted_at) {
		esc(w, it->g->posted_at);
	} else {
		put(w, "<span class=\"none\">unknown</span>");
	}
	put(w, "</td>");
}

static void cell_text(writer *w, const char *s, const char *cls)
{
	if (cls)
		putf(w, "<td class=\"%s\">", cls);
	else
		put(w, "<td>");
	if (s && *s)
		esc(w, s);
	else
		put(w, "<span class=\"none\">&#8212;</span>");
	put(w, "</td>");
}

static void cell_url(writer *w, const char *url)
{
	put(w, "<td class=\"url\">");
	if (!url || !*url) {
		put(w, "<span class=\"none\">&#8212;</span>");
	} else if (lt_report_url_linkable(url)) {
		put(w, "<a href=\"");
		esc(w, url);
		put(w, "\" rel=\"noopener noreferrer nofollow\">");
		esc(w, url);
		put(w, "</a>");
	} else {
		put(w, "<span class=\"url-text\">");
		esc(w, url);
		put(w, "</span>");
	}
	put(w, "</td>");
}

static void cell_verified(writer *w, const item *it)
{
	if (!it->verified[0]) {
		put(w, "<td><span class=\"none\">not verified</span></td>");
		return;
	}
	putf(w, "<td class=\"v-%s\">", !strcmp(it->verified, "altered") ? "altered"
		 : !strcmp(it->verified, "genuine") ? "genuine" : "unknown");
	esc(w, it->verified);
	put(w, "</td>");
}

static void format_p(double p, char *buf, size_t size)
{
	if (isnan(p))
		snprintf(buf, size, "&#8212;");
	else
		snprintf(buf, size, "%.2g", p);
}

/* The copies the sightings were traced to, one row per copy. */
static void copies_traced(writer *w, const item *its, size_t n,
			  const doc_row *d)
{
	size_t i, j, untraced = 0, ncopies = 0;
	char p[32];

	for (i = 0; i < n; i++) {
		if (!its[i].g->copy) {
			untraced++;
			continue;
		}
		for (j = 0; j < i; j++)
			if (its[j].g->copy && !strcmp(its[j].g->copy, its[i].g->copy))
				break;
		ncopies += j == i;
	}
	putf(w, "<h3>Copies traced</h3>\n<p>%zu cop%s of this document %s "
		"issued; %zu %s traced from the sightings.</p>\n", d->copies,
	     d->copies == 1 ? "y" : "ies", d->copies == 1 ? "was" : "were",
	     ncopies, ncopies == 1 ? "copy was" : "copies were");
	if (ncopies) {
		put(w, "<table class=\"copies\">\n<thead><tr><th>Recipient</th>"
		       "<th>Copy</th><th>Verdict</th><th>p_false (best)</th>"
		       "<th>Sightings</th><th>First seen in a post</th>"
		       "<th>Altered</th></tr></thead>\n<tbody>\n");
		for (i = 0; i < n; i++) {
			const lt_sighting *g = its[i].g;
			double best = NAN;
			size_t count = 0, altered = 0;

			if (!g->copy)
				continue;
			for (j = 0; j < i; j++)
				if (its[j].g->copy && !strcmp(its[j].g->copy, g->copy))
					break;
			if (j < i)
				continue; /* listed with its earlier sighting */
			for (j = i; j < n; j++) {
				if (!its[j].g->copy || strcmp(its[j].g->copy, g->copy))
					continue;
				count++;
				altered += !strcmp(its[j].verified, "altered");
				if (!isnan(its[j].g->p_false) &&
				    (isnan(best) || its[j].g->p_false < best))
					best = its[j].g->p_false;
			}
			put(w, "<tr class=\"copy\">");
			cell_text(w, g->recipient, NULL);
			cell_text(w, g->copy, NULL);
			putf(w, "<td class=\"verdict-%s\">",
			     g->verdict && !strcmp(g->verdict, "identified")
				? "identified" : "inconclusive");
			esc(w, g->verdict ? g->verdict : "identified");
			put(w, "</td>");
			format_p(best, p, sizeof(p));
			putf(w, "<td class=\"num\">%s</td><td class=\"num\">%zu</td>",
			     p, count);
			cell_time(w, &its[i]);
			putf(w, "<td class=\"num\">%zu</td></tr>\n", altered);
		}
		put(w, "</tbody>\n</table>\n");
	}
	if (untraced)
		putf(w, "<p>%zu sighting%s could not be traced to one copy (too "
			"few marks survived to name anyone beyond doubt); nobody is "
			"accused on %s.</p>\n", untraced, untraced == 1 ? "" : "s",
		     untraced == 1 ? "its strength" : "their strength");
}

static void change_kind_label(writer *w, const char *kind)
{
	const char *p;

	put(w, "<span class=\"kind\">");
	for (p = kind; *p; p++) {
		char one[2] = { *p == '-' ? ' ' : *p, 0 };

		esc(w, one);
	}
	put(w, "</span> ");
}

/* Sightings whose text differs from the original, word by word. */
static void altered_copies(writer *w, const item *its, size_t n)
{
	size_t i, j, verified = 0, altered = 0, genuine = 0;
	char when[64];

	for (i = 0; i < n; i++) {
		verified += its[i].verified[0] != '\0';
		altered += !strcmp(its[i].verified, "altered");
		genuine += !strcmp(its[i].verified, "genuine");
	}
	put(w, "<h3>Altered copies</h3>\n");
	if (!verified) {
		put(w, "<p class=\"none\">None of these sightings has been verified "
		       "yet.</p>\n");
		return;
	}
	putf(w, "<p>%zu of %zu sighting%s verified: %zu genuine, %zu altered, "
		"%zu undecided.</p>\n", verified, n, n == 1 ? "" : "s", genuine,
	     altered, verified - genuine - altered);
	for (i = 0; i < n; i++) {
		const item *it = &its[i];
		const lt_sighting *g = it->g;
		const char *label = platform_label(g->platform);

		if (strcmp(it->verified, "altered"))
			continue;
		put(w, "<div class=\"altered-copy\">\n<p><b>");
		esc(w, label ? label : g->platform);
		if (g->channel[0]) {
			put(w, " #");
			esc(w, g->channel);
		}
		put(w, "</b>");
		if (g->message[0]) {
			put(w, ", message ");
			esc(w, g->message);
		}
		if (g->author) {
			put(w, ", by ");
			esc(w, g->author);
		}
		if (it->has_time) {
			format_time(it->t, when, sizeof(when));
			put(w, ", ");
			esc(w, when);
		}
		if (g->recipient) {
			put(w, " &#8212; copy of ");
			esc(w, g->recipient);
		}
		putf(w, "</p>\n");
		if (!it->nchanges) {
			put(w, "<p class=\"none\">The changed words were not "
			       "recorded.</p>\n</div>\n");
			continue;
		}
		put(w, "<ul>\n");
		for (j = 0; j < it->nchanges; j++) {
			const change *c = &it->changes[j];

			put(w, "<li class=\"change\">");
			change_kind_label(w, c->kind);
			if (c->original[0]) {
				put(w, "<del class=\"original\">");
				esc(w, c->original);
				put(w, "</del> ");
			}
			if (c->found[0]) {
				put(w, "<ins class=\"found\">");
				esc(w, c->found);
				put(w, "</ins> ");
			}
			if (c->original_at >= 0)
				putf(w, "<span class=\"where\">at byte %lld of the "
					"original</span>", c->original_at);
			if (!isnan(c->confidence))
				putf(w, "<span class=\"where\">, confidence %.0f%%</span>",
				     100 * c->confidence);
			put(w, "</li>\n");
		}
		put(w, "</ul>\n</div>\n");
	}
	if (!altered)
		put(w, "<p>No sighting was found altered.</p>\n");
}

static void takedown_list(writer *w, const item *its, size_t n)
{
	size_t i;

	put(w, "<h3>Takedown list</h3>\n<table class=\"takedown\">\n<thead><tr>"
	       "<th>Platform</th><th>Channel</th><th>Message</th><th>URL</th>"
	       "<th>Author</th><th>Posted at</th><th>Recipient traced</th>"
	       "<th>Verified</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		const lt_sighting *g = its[i].g;
		const char *label = platform_label(g->platform);

		put(w, "<tr class=\"takedown-row\">");
		cell_text(w, label ? label : g->platform, NULL);
		cell_text(w, g->channel, NULL);
		cell_text(w, g->message, NULL);
		cell_url(w, g->url);
		cell_text(w, g->author, NULL);
		cell_time(w, &its[i]);
		cell_text(w, g->recipient, NULL);
		cell_verified(w, &its[i]);
		put(w, "</tr>\n");
	}
	put(w, "</tbody>\n</table>\n");
}

static int document_section(writer *w, const doc_row *d, item *its, size_t n)
{
	size_t first = first_sighting(its, n);

	put(w, "<section class=\"document\" id=\"doc-");
	esc(w, d->id);
	put(w, "\">\n<h2>");
	esc(w, d->title && *d->title ? d->title : d->id);
	if (d->title && *d->title) {
		put(w, " <span class=\"sub\" style=\"font-weight:400\">(");
		esc(w, d->id);
		put(w, ")</span>");
	}
	putf(w, "</h2>\n<p class=\"sub\">%zu sighting%s.</p>\n", n,
	     n == 1 ? "" : "s");
	put(w, "<h3>Timeline</h3>\n");
	if (timeline(w, its, n, first))
		return w->rc;
	copies_traced(w, its, n, d);
	altered_copies(w, its, n);
	takedown_list(w, its, n);
	put(w, "</section>\n");
	return w->rc;
}

/* ===================================================================
 * The report
 * =================================================================== */

static int report_html(lt_buf *out, lt_vault *v,
		       const lt_report_options *opt,
		       lt_report_summary *summary)
{
	lt_report_options none = { NULL, NULL };
	lt_report_summary s = { 0 };
	writer w = { out, LT_OK };
	doc_row *docs = NULL;
	lt_sighting *g = NULL;
	item *its = NULL;
	size_t ndocs = 0, n = 0, i, start, end, unsighted = 0;
	char now[32];
	int rc;

	if (!opt)
		opt = &none;
	if ((rc = count_rows(v, "SELECT count(*) FROM documents", &s.documents)) ||
	    (rc = count_rows(v, "SELECT count(*) FROM copies", &s.copies)) ||
	    (rc = count_rows(v, "SELECT count(*) FROM recipients",
			     &s.recipients)))
		return rc;
	if ((rc = load_documents(v, opt->document, &docs, &ndocs)))
		return rc;
	if (opt->document && ndocs == 0) {
		docs_free(docs, ndocs);
		return lt_error_set(LT_ENOTFOUND, "no document '%s' in the vault",
				    opt->document);
	}
	if ((rc = lt_sightings_list(&g, &n, v, opt->document)))
		goto out;
	if (n && !(its = calloc(n, sizeof(*its)))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		its[i].g = &g[i];
		its[i].has_time = parse_time(g[i].posted_at, &its[i].t);
		if ((rc = parse_verification(&its[i], g[i].verify)))
			goto out;
	}
	s.sightings = n;
	for (i = 0; i < ndocs; i++) {
		int seen = 0;
		size_t k;

		for (k = 0; k < n && !seen; k++)
			seen = !strcmp(g[k].document, docs[i].id);
		s.reported += seen;
		unsighted += !seen;
	}
	if (!opt->generated_at)
		lt_time_now(now);

	page_head(&w);
	page_header(&w, &s, opt->generated_at ? opt->generated_at : now);
	how_to_read(&w);
	if (n == 0) {
		put(&w, "<p class=\"empty\" id=\"no-sightings\">There are no "
			"sightings: none of the vault's documents has been found "
			"in what was scanned so far (run <code>leaktrace scan "
			"SOURCE...</code> on platform exports and folders).</p>\n");
	} else if (s.reported > 1) {
		put(&w, "<nav><p>Documents sighted: ");
		for (i = 0, start = 0; i < ndocs; i++) {
			size_t k;

			for (k = 0; k < n; k++)
				if (!strcmp(g[k].document, docs[i].id))
					break;
			if (k == n)
				continue;
			put(&w, start++ ? " &#183; <a href=\"#doc-" : "<a href=\"#doc-");
			esc(&w, docs[i].id);
			put(&w, "\">");
			esc(&w, docs[i].id);
			put(&w, "</a>");
		}
		put(&w, "</p></nav>\n");
	}
	/* Sightings come ordered by document id, like the documents. */
	for (i = 0; i < ndocs && w.rc == LT_OK; i++) {
		for (start = 0; start < n && strcmp(g[start].document, docs[i].id);
		     start++)
			;
		for (end = start; end < n && !strcmp(g[end].document, docs[i].id);
		     end++)
			;
		if (end > start)
			document_section(&w, &docs[i], its + start, end - start);
	}
	if (unsighted && w.rc == LT_OK) {
		size_t k = 0;

		put(&w, "<p class=\"sub\" id=\"unsighted\">Registered documents "
			"with no sightings: ");
		for (i = 0; i < ndocs; i++) {
			size_t j;

			for (j = 0; j < n; j++)
				if (!strcmp(g[j].document, docs[i].id))
					break;
			if (j < n)
				continue;
			if (k++)
				put(&w, ", ");
			esc(&w, docs[i].id);
		}
		put(&w, ".</p>\n");
	}
	put(&w, "<footer>Written by leaktrace from the vault's records. "
		"Times are UTC. This page is self-contained: it loads nothing "
		"and runs no scripts.</footer>\n</main>\n</body>\n</html>\n");
	rc = w.rc;
	if (summary && rc == LT_OK)
		*summary = s;
out:
	for (i = 0; its && i < n; i++)
		item_clear(&its[i]);
	free(its);
	lt_sightings_free(g, n);
	docs_free(docs, ndocs);
	if (rc == LT_ENOMEM && !lt_error_message()[0])
		lt_error_set(LT_ENOMEM, "out of memory");
	return rc;
}

int lt_report_html(lt_buf *out, lt_vault *v, const lt_report_options *opt,
		   lt_report_summary *summary)
{
	return lt_vault_keep_error(v, report_html(out, v, opt, summary));
}
