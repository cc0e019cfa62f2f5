/*
 * scan.c - the scanner: exports in, sightings out (scan.h).
 *
 * Data flow per message: text --cheap word count--> (too short: done)
 * --lt_tokenize--> tokens --lt_identifier_find--> the documents it quotes
 * (the same identification as trace and verify: identify.h) --> a
 * sighting: looked up in the vault (seen before: reported as such), else
 * traced with lt_trace_run on the message's text.  At commit: one
 * transaction with every new sighting and its "sighting" event.
 *
 * Memory: the shingle index (16 bytes a chosen shingle of each document),
 * a handful of loaded documents for alignment, the sightings of the run;
 * messages are streamed by the readers.
 */
#include <ctype.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "base/array.h"
#include "base/file.h"
#include "base/json.h"
#include "leaktrace/error.h"
#include "leaktrace/ingest.h"
#include "leaktrace/ledger.h"
#include "leaktrace/scan.h"
#include "leaktrace/text.h"
#include "leaktrace/trace.h"
#include "identify/identify.h"
#include "leaktrace/extract.h"
#include "leaktrace/pdq.h"
#include "forensics/trace_internal.h"
#include "forensics/verify_internal.h"
#include "ledger/event.h"
#include "read/photo_internal.h"
#include "read/vault_ocr.h"
#include "store/vault_internal.h"
#include "store/docs.h"
#include "store/pages.h"
#include "store/sightings.h"

#define MAX_TEXT_ATTACHMENT (16u << 20)
/* A long text is identified in windows of this many bytes, overlapping
 * by WINDOW_OVERLAP, so matching memory stays bounded (identification costs a
 * few hundred bytes per word) whatever one message holds. */
#define TEXT_WINDOW (512u << 10)
#define WINDOW_OVERLAP (128u << 10)
#define MAX_NOTICES 1000      /* notices kept; the counts go on */

struct lt_scanner {
	lt_vault *v;
	lt_identifier *id;     /* resident: index and documents in memory */
	lt_store_doc_ref *docs; /* every registered document, by row */
	size_t ndocs;
	lt_sighting *s;
	size_t n, cap;
	uint64_t *seen; /* open-addressing set of sighting key hashes */
	size_t seen_n, seen_cap;
	lt_scan_stats stats;
	char *source; /* absolute path of the file being read */
	lt_pdq_index *pdq;  /* page-image hashes, loaded at the first image */
	int pdq_loaded;
	/* The page words of the attachment being read (photos, PDFs): their
	 * layout marks count in the trace. */
	const lt_seen_word *words;
	size_t nwords;
	const char *kind;   /* "text", "image" or "pdf" */
	int source_kind;    /* lt_extract_kind of the text being matched */
	lt_error_slot err;  /* the outcome of the last public call */
	char **notices;     /* parts refused or passed over, as told */
	size_t nnotices, notices_cap;
	lt_scan_budget budget; /* of OCR: per file and per run */
	double ocr_seconds;    /* OCR seconds spent in the run */
};

/* =====================================================================
 * Small helpers
 * =================================================================== */

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static uint64_t fnv(uint64_t h, const char *s)
{
	if (!s)
		s = "";
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return (h ^ 0xff) * 0x100000001b3ULL;
}

/* Add a key hash to the run's set; 1 when it was new, -1 on ENOMEM. */
static int seen_add(lt_scanner *s, uint64_t h)
{
	size_t i;

	h |= 1;
	if (2 * (s->seen_n + 1) > s->seen_cap) {
		size_t cap = s->seen_cap ? 2 * s->seen_cap : 256, k;
		uint64_t *t = calloc(cap, sizeof(*t));

		if (!t)
			return -1;
		for (k = 0; k < s->seen_cap; k++) {
			if (!s->seen[k])
				continue;
			for (i = s->seen[k] & (cap - 1); t[i]; i = (i + 1) & (cap - 1))
				;
			t[i] = s->seen[k];
		}
		free(s->seen);
		s->seen = t;
		s->seen_cap = cap;
	}
	for (i = h & (s->seen_cap - 1); s->seen[i]; i = (i + 1) & (s->seen_cap - 1))
		if (s->seen[i] == h)
			return 0;
	s->seen[i] = h;
	s->seen_n++;
	return 1;
}

/*
 * An upper bound on the number of tokens lt_tokenize finds in `text`:
 * runs of ASCII letters and digits, plus every non-ASCII character (each
 * may start a token), plus one per 1 KiB (long runs are cut).
 */
static size_t token_bound(const char *text, size_t len)
{
	size_t n = len / 1024, i;
	int in = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c < 0x80) {
			int w = isalnum(c);

			n += w && !in;
			in = w;
		} else {
			n += (c & 0xC0) != 0x80;
			in = 0;
		}
	}
	return n;
}

/* =====================================================================
 * Opening: the identifier
 * =================================================================== */

static int scanner_open(lt_scanner **out, lt_vault *v)
{
	lt_scanner *s;
	int rc;

	*out = NULL;
	if (!(s = calloc(1, sizeof(*s))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	s->v = v;
	if ((rc = lt_store_docs_list(v, &s->docs, &s->ndocs)) ||
	    (rc = lt_identifier_new(&s->id, v, 1))) {
		lt_scanner_free(s);
		return rc;
	}
	*out = s;
	return LT_OK;
}

void lt_scanner_free(lt_scanner *s)
{
	size_t i;

	if (!s)
		return;
	lt_store_doc_refs_free(s->docs, s->ndocs);
	lt_identifier_free(s->id);
	lt_pdq_index_free(s->pdq);
	lt_sightings_free(s->s, s->n);
	free(s->seen);
	free(s->source);
	for (i = 0; i < s->nnotices; i++)
		free(s->notices[i]);
	free(s->notices);
	free(s);
}

size_t lt_scanner_documents(const lt_scanner *s)
{
	return s->ndocs;
}

const lt_sighting *lt_scanner_sightings(const lt_scanner *s, size_t *n)
{
	*n = s->n;
	return s->s;
}

const lt_scan_stats *lt_scanner_stats(const lt_scanner *s)
{
	return &s->stats;
}

const char *const *lt_scanner_notices(const lt_scanner *s, size_t *n)
{
	*n = s->nnotices;
	return (const char *const *)s->notices;
}

/* Keep a notice from the readers (the first MAX_NOTICES of them). */
static void on_notice(void *ctx, const char *what)
{
	lt_scanner *s = ctx;
	char *copy;

	if (s->nnotices >= MAX_NOTICES ||
	    LT_ARRAY_GROW(s->notices, s->notices_cap, s->nnotices + 1) ||
	    !(copy = strdup(what)))
		return; /* counted in the stats all the same */
	s->notices[s->nnotices++] = copy;
}

/* A notice of the scanner's own, formatted. */
static void notice(lt_scanner *s, const char *fmt, ...)
{
	char msg[1200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	on_notice(s, msg);
}

/* =====================================================================
 * The OCR budget of the run
 * =================================================================== */

void lt_scanner_set_budget(lt_scanner *s, const lt_scan_budget *b)
{
	lt_scan_budget none = {0};

	if (s)
		s->budget = b ? *b : none;
}

/* The run's limits, defaults resolved (LONG_MAX / HUGE_VAL: none). */
static long run_pages(const lt_scanner *s)
{
	long p = s->budget.pages;

	return p == 0 ? LT_SCAN_DEFAULT_OCR_PAGES : p < 0 ? LONG_MAX : p;
}

static double run_seconds(const lt_scanner *s)
{
	double t = s->budget.seconds;

	return t == 0 ? LT_SCAN_DEFAULT_OCR_SECONDS : t < 0 ? HUGE_VAL : t;
}

/* Is some of the run's OCR budget left? */
static int run_budget_left(const lt_scanner *s)
{
	return (long)s->stats.ocr_pages < run_pages(s) &&
	       s->ocr_seconds < run_seconds(s);
}

/* The next attachment's limits: the file budget, within what is left of
 * the run's. */
static void file_limits(const lt_scanner *s, lt_ocr_limits *lim)
{
	long pages_left = run_pages(s) - (long)s->stats.ocr_pages;
	double seconds_left = run_seconds(s) - s->ocr_seconds;

	lt_ocr_budget_limits(lim, &s->budget.file);
	if (pages_left < 0)
		pages_left = 0;
	if (lim->pages > pages_left)
		lim->pages = pages_left;
	if (seconds_left < 1e-3)
		seconds_left = 1e-3;
	if (lim->seconds > seconds_left)
		lim->seconds = seconds_left;
}

/* =====================================================================
 * Matching
 * =================================================================== */

/* The scanner's entry for document row `rowid`, or NULL. */
static const lt_store_doc_ref *doc_by_row(const lt_scanner *s, int64_t rowid)
{
	size_t lo = 0, hi = s->ndocs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->docs[mid].rowid < rowid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->ndocs && s->docs[lo].rowid == rowid ? &s->docs[lo] : NULL;
}

/* Identify the documents `leak` quotes; fills `out` best first. */
static int identify(lt_scanner *s, const lt_tokens *leak, lt_scan_match *out,
		    size_t max, size_t *nout)
{
	lt_identified found[LT_IDENTIFY_MAX];
	size_t n, i;
	int rc;

	*nout = 0;
	if ((rc = lt_identifier_find(s->id, leak, found, max, &n)))
		return rc;
	for (i = 0; i < n; i++) {
		const lt_store_doc_ref *ref = doc_by_row(s, found[i].doc->rowid);
		const lt_alignment *al = found[i].al;
		const lt_doc *d = found[i].doc;
		lt_scan_match *m;

		if (ref) {
			m = &out[(*nout)++];
			m->document = ref->id;
			m->similarity = found[i].similarity;
			m->words = al->matched;
			m->doc_first = (long)al->orig_first;
			m->doc_last = (long)al->orig_last;
			m->doc_start = (long)d->tok->tok[al->orig_first].start;
			m->doc_end = (long)d->tok->tok[al->orig_last].end;
		}
		lt_alignment_free(found[i].al);
	}
	return LT_OK;
}

static int scanner_identify(lt_scanner *s, const char *text, size_t len,
			    lt_scan_match *out, size_t max, size_t *n)
{
	lt_tokens *t;
	int rc;

	*n = 0;
	if (token_bound(text, len) < LT_IDENTIFY_MIN_TOKENS)
		return LT_OK;
	if ((rc = lt_tokenize(&t, text, len)))
		return rc;
	rc = identify(s, t, out, max, n);
	lt_tokens_free(t);
	return rc;
}

/* =====================================================================
 * Sightings
 * =================================================================== */

/* Fill the trace fields from the vault when seen before; 1 if found. */
static int stored(lt_scanner *s, lt_sighting *g, int64_t rowid)
{
	int found, rc;

	if ((rc = lt_store_sightings_find(s->v, rowid, g, &found)))
		return rc;
	return found;
}

/* Trace the text against the matched document. */
static int trace(lt_scanner *s, lt_sighting *g, const char *text, size_t len)
{
	lt_trace_result *r;
	size_t i;
	int rc;

	if ((rc = lt_trace_run_words(&r, s->v, text, len, g->document, 0,
				      s->words, s->nwords)))
		return rc;
	g->p_false = r->nsuspects ? r->suspects[0].p_false : NAN;
	if (!(g->verdict = strdup(lt_verdict_name(r->verdict))))
		rc = lt_error_set(LT_ENOMEM, "out of memory");
	for (i = 0; i < r->nsuspects && rc == LT_OK; i++) {
		if (!r->suspects[i].accused)
			continue;
		g->p_false = r->suspects[i].p_false;
		if (!(g->copy = strdup(r->suspects[i].copy)) ||
		    !(g->recipient = strdup(r->suspects[i].recipient)))
			rc = lt_error_set(LT_ENOMEM, "out of memory");
		break;
	}
	lt_trace_result_free(r);
	return rc;
}

/* Verify the text against the matched document: genuine or altered, and
 * what was changed, kept as JSON with the sighting. */
static int verify_sighting(lt_scanner *s, lt_sighting *g, const char *text,
			   size_t len)
{
	lt_verify_result *r;
	lt_buf json = {0};
	int rc;

	if ((rc = lt_verify_run(&r, s->v, text, len, g->document, 0, s->source_kind,
				 s->words, s->nwords)))
		return rc;
	rc = lt_verify_summary_json(&json, r);
	lt_verify_result_free(r);
	if (rc == LT_OK)
		g->verify = lt_buf_detach(&json, NULL);
	lt_buf_free(&json);
	return rc;
}

static int add_sighting(lt_scanner *s, const lt_message *m,
			const lt_scan_match *x, const char *attachment,
			const char *text, size_t len)
{
	lt_sighting g;
	size_t no;
	uint64_t h;
	int rc, r;

	memset(&g, 0, sizeof(g));
	for (no = 0; no < s->ndocs && s->docs[no].id != x->document; no++)
		;
	h = fnv(fnv(fnv(fnv(fnv(fnv(0xcbf29ce484222325ULL, m->platform),
				m->channel), m->id), x->document), s->source),
		attachment);
	if ((r = seen_add(s, h)) < 0)
		return lt_error_set(LT_ENOMEM, "out of memory");
	if (r == 0)
		return LT_OK; /* the same message twice in one run */
	g.document = strdup(x->document);
	g.platform = strdup(m->platform);
	g.channel = strdup(m->channel ? m->channel : "");
	g.message = strdup(m->id);
	g.source = strdup(s->source);
	g.attachment = dup_or_null(attachment);
	g.kind = strdup(s->kind ? s->kind : "text");
	g.author = dup_or_null(m->author);
	g.posted_at = dup_or_null(m->posted_at);
	g.url = dup_or_null(m->url);
	if (!g.document || !g.platform || !g.channel || !g.message || !g.source ||
	    (attachment && !g.attachment) || !g.kind || (m->author && !g.author) ||
	    (m->posted_at && !g.posted_at) || (m->url && !g.url)) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto fail;
	}
	g.similarity = x->similarity;
	g.words = x->words;
	g.doc_first = x->doc_first;
	g.doc_last = x->doc_last;
	g.doc_start = x->doc_start;
	g.doc_end = x->doc_end;
	if ((rc = stored(s, &g, s->docs[no].rowid)) < 0)
		goto fail;
	if (rc == 0) {
		g.is_new = 1;
		if ((rc = trace(s, &g, text, len)) ||
		    (rc = verify_sighting(s, &g, text, len)))
			goto fail;
	}
	if ((rc = LT_ARRAY_GROW(s->s, s->cap, s->n + 1)))
		goto fail;
	s->s[s->n++] = g;
	return LT_OK;
fail:
	lt_sighting_clear(&g);
	return rc;
}

/* Match one window of a text. */
static int scan_window(lt_scanner *s, const lt_message *m, const char *text,
		       size_t len, const char *attachment)
{
	lt_scan_match found[LT_IDENTIFY_MAX];
	size_t n, i;
	int rc;

	if ((rc = scanner_identify(s, text, len, found, LT_IDENTIFY_MAX, &n)))
		return rc;
	for (i = 0; i < n && rc == LT_OK; i++)
		rc = add_sighting(s, m, &found[i], attachment, text, len);
	return rc;
}

/* Move `at` back to the start of a character, and to just after white
 * space when there is some in the last 4 KiB before it. */
static size_t window_cut(const char *text, size_t at, size_t floor)
{
	size_t k;

	for (k = at; k > floor && k + 4096 > at; k--)
		if (text[k - 1] == ' ' || text[k - 1] == '\n')
			return k;
	while (at > floor && ((unsigned char)text[at] & 0xC0) == 0x80)
		at--;
	return at;
}

/*
 * Match one text of a message (its body or an attached text file).  A
 * text longer than TEXT_WINDOW is matched window by window; a document
 * found in several windows is one sighting (the first window's).
 */
static int scan_text(lt_scanner *s, const lt_message *m, const char *text,
		     size_t len, const char *attachment)
{
	size_t off = 0, end;
	int rc;

	if (len <= TEXT_WINDOW)
		return scan_window(s, m, text, len, attachment);
	for (;;) {
		end = off + TEXT_WINDOW >= len ? len
			: window_cut(text, off + TEXT_WINDOW, off + WINDOW_OVERLAP);
		if ((rc = scan_window(s, m, text + off, end - off, attachment)) ||
		    end == len)
			return rc;
		end = window_cut(text, end - WINDOW_OVERLAP, off + 1);
		off = end > off ? end : off + 1;
	}
}

static int has_text_ext(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot && (!strcasecmp(dot, ".txt") || !strcasecmp(dot, ".md") ||
		       !strcasecmp(dot, ".markdown"));
}

/* What an attached file is, by its first bytes: 't' text, 'i' image,
 * 'p' PDF, 0 anything else. */
static int attachment_kind(const char *path)
{
	unsigned char head[8] = {0};
	ssize_t got;
	size_t n;
	int fd;

	if (lt_file_open_regular(&fd, AT_FDCWD, path, path, 0) != LT_OK) {
		lt_error_clear();
		return 0;
	}
	got = read(fd, head, sizeof(head));
	close(fd);
	n = got > 0 ? (size_t)got : 0;
	if (n >= 4 && !memcmp(head, "%PDF", 4))
		return 'p';
	if (n >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
		return 'i';
	if (n >= 8 && !memcmp(head, "\x89PNG\r\n\x1a\n", 8))
		return 'i';
	return has_text_ext(path) ? 't' : 0;
}

/*
 * A re-posted page image: its PDQ hash near a protected page's (distance
 * at most 31, PDQ's recommended threshold) names the document even where
 * OCR fails.  Adds a sighting per document matched, unless the OCR path
 * already found it.
 */
static int match_page_hash(lt_scanner *s, const lt_message *m,
			   const char *path)
{
	lt_pdq_hash hash;
	lt_pdq_match *hits = NULL;
	size_t nhits = 0, i;
	int quality, rc;

	if (!s->pdq_loaded) {
		s->pdq_loaded = 1;
		if ((rc = lt_pdq_index_new(&s->pdq)) ||
		    (rc = lt_pdq_index_load(s->pdq, s->v, NULL)))
			return rc;
	}
	if (!s->pdq || lt_pdq_index_size(s->pdq) == 0)
		return LT_OK;
	if (lt_pdq_hash_file(&hash, &quality, path, 1) != LT_OK) {
		lt_error_clear();
		return LT_OK;
	}
	if (quality < LT_PDQ_MIN_QUALITY)
		return LT_OK;
	if ((rc = lt_pdq_index_search(s->pdq, &hash, 31, &hits, &nhits)))
		return rc;
	for (i = 0; i < nhits && rc == LT_OK; i++) {
		const lt_store_doc_ref *ref;
		lt_scan_match x = {0};
		int64_t doc;
		int found;

		if ((rc = lt_store_pages_doc_of(s->v, hits[i].id, &doc, &found)))
			break;
		/* The scanner owns document ids: use its copy. */
		if (!found || !(ref = doc_by_row(s, doc)))
			continue;
		x.document = ref->id;
		x.similarity = 1.0 - hits[i].distance / 256.0;
		x.doc_first = x.doc_last = x.doc_start = x.doc_end = -1;
		rc = add_sighting(s, m, &x, path, "", 0);
	}
	free(hits);
	return rc;
}

/* Attachments: text files are matched like the message; photos, scans and
 * PDFs are read (OCR or text layer, with their page words for the layout
 * marks) and their page images looked up by PDQ hash. */
static int scan_attachment(lt_scanner *s, const lt_message *m,
			   const char *path)
{
	lt_buf text = {0};
	lt_extract *e = NULL;
	lt_ocr_limits lim;
	struct stat st;
	int rc, kind;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		s->stats.attachments_skipped++;
		return LT_OK;
	}
	s->stats.attachments++;
	kind = attachment_kind(path);
	if (!kind || (kind == 't' && m->platform &&
		      !strcmp(m->platform, "file") && m->text_len == 0)) {
		s->stats.attachments_skipped++;
		return LT_OK;
	}
	if (kind == 't') {
		rc = lt_text_read_file(&text, path, MAX_TEXT_ATTACHMENT, NULL);
		if (rc == LT_ENOMEM)
			return rc;
		if (rc) {
			lt_error_clear();
			s->stats.attachments_skipped++;
			return LT_OK;
		}
		rc = scan_text(s, m, text.data ? text.data : "", text.len, path);
		lt_buf_free(&text);
		return rc;
	}
	/* A damaged picture or PDF in an export is skipped, not fatal. */
	if (kind == 'i' && !run_budget_left(s)) {
		s->stats.ocr_skipped++;
		s->stats.ocr_files_over++;
		rc = LT_OK;
		goto hash;
	}
	file_limits(s, &lim);
	rc = lt_extract_file_limited(&e, path, lt_vault_ocr(s->v), &lim);
	if (rc == LT_OK) {
		s->stats.ocr_pages += e->ocr_pages;
		s->stats.ocr_skipped += e->ocr_skipped;
		s->stats.ocr_downscaled += e->ocr_downscaled;
		s->stats.ocr_files_over += e->ocr_skipped > 0;
		s->ocr_seconds += e->ocr_seconds;
		if (e->ocr_skipped)
			notice(s, "%s: %zu page%s not read by OCR (over the %s "
			       "budget)", path, e->ocr_skipped,
			       e->ocr_skipped == 1 ? "" : "s",
			       e->ocr_limit ? e->ocr_limit : "OCR");
	}
	if (rc == LT_ENOMEM)
		return rc;
	if (rc) {
		lt_error_clear();
		s->stats.attachments_skipped++;
	} else {
		s->words = e->words;
		s->nwords = e->nwords;
		s->source_kind = (int)e->kind;
		s->kind = kind == 'p' ? "pdf" : "image";
		rc = scan_text(s, m, e->text.data ? e->text.data : "", e->text.len,
			       path);
		s->words = NULL;
		s->nwords = 0;
		s->source_kind = LT_EXTRACT_TEXT;
		s->kind = NULL;
		lt_extract_free(e);
		if (rc)
			return rc;
	}
hash:
	if (kind == 'i') {
		s->kind = "image";
		rc = match_page_hash(s, m, path);
		s->kind = NULL;
	}
	return rc;
}

static int on_message(void *ctx, const lt_message *m)
{
	lt_scanner *s = ctx;
	size_t i;
	int rc;

	if (!s->source || strcmp(s->source, m->source)) {
		char *abs = realpath(m->source, NULL);

		free(s->source);
		s->source = abs ? abs : strdup(m->source);
		if (!s->source)
			return lt_error_set(LT_ENOMEM, "out of memory");
	}
	if ((rc = scan_text(s, m, m->text, m->text_len, NULL)))
		return rc;
	for (i = 0; i < m->nattachments; i++)
		if ((rc = scan_attachment(s, m, m->attachments[i])))
			return rc;
	return LT_OK;
}

static int scanner_scan(lt_scanner *s, const char *path)
{
	lt_ingest_stats st = {0};
	int rc;

	st.notice = on_notice;
	st.notice_ctx = s;
	rc = lt_ingest_path(path, on_message, s, &st);
	s->stats.messages += st.messages;
	s->stats.files += st.files;
	s->stats.skipped += st.skipped;
	s->stats.refused += st.refused;
	s->stats.unreadable += st.unreadable;
	s->stats.truncated += st.truncated;
	return rc;
}

/* =====================================================================
 * Commit
 * =================================================================== */

/* The "sighting" event's detail (see ledger.h). */
static char *event_detail(const lt_sighting *g)
{
	json_t *o = json_object();
	char *text;

	if (!o)
		return NULL;
	json_object_set_new(o, "platform", json_string(g->platform));
	json_object_set_new(o, "channel", json_string(g->channel));
	json_object_set_new(o, "message", json_string(g->message));
	json_object_set_new(o, "author", lt_json_string_or_null(g->author));
	json_object_set_new(o, "posted_at", lt_json_string_or_null(g->posted_at));
	json_object_set_new(o, "url", lt_json_string_or_null(g->url));
	json_object_set_new(o, "similarity", json_real(g->similarity));
	json_object_set_new(o, "source", json_string(g->source));
	if (g->attachment)
		json_object_set_new(o, "attachment", json_string(g->attachment));
	json_object_set_new(o, "words", json_integer((json_int_t)g->words));
	json_object_set_new(o, "range", json_pack("[I,I]", (json_int_t)g->doc_start,
						  (json_int_t)g->doc_end));
	json_object_set_new(o, "verdict", lt_json_string_or_null(g->verdict));
	json_object_set_new(o, "copy", lt_json_string_or_null(g->copy));
	text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return text;
}

/* The index number of the document with id `doc`, or s->ndocs. */
static size_t doc_number(const lt_scanner *s, const char *doc)
{
	size_t no;

	for (no = 0; no < s->ndocs && strcmp(s->docs[no].id, doc); no++)
		;
	return no;
}

/* Record the run's new sightings and their "sighting" events. */
static int insert_new(lt_scanner *s, const char *now)
{
	lt_store_sighting_new *rows;
	size_t i, n = 0, no;
	char *detail;
	int rc = LT_OK;

	if (!(rows = calloc(s->n + 1, sizeof(*rows))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	for (i = 0; i < s->n; i++) {
		if (!s->s[i].is_new || s->s[i].id)
			continue;
		if ((no = doc_number(s, s->s[i].document)) == s->ndocs) {
			rc = lt_error_set(LT_EINTERNAL, "sighting of an unindexed "
					  "document");
			goto out;
		}
		rows[n].doc = s->docs[no].rowid;
		rows[n++].g = &s->s[i];
	}
	if ((rc = lt_store_sightings_add(s->v, rows, n, now)))
		goto out;
	for (i = 0; i < n && rc == LT_OK; i++) {
		lt_sighting *g = &s->s[rows[i].g - s->s];

		if (!rows[i].id) {
			g->is_new = 0; /* recorded meanwhile by another process */
			continue;
		}
		g->id = rows[i].id;
		if (!g->first_seen && !(g->first_seen = strdup(now))) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			break;
		}
		if (!(detail = event_detail(g))) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			break;
		}
		rc = lt_ledger_event(s->v, LT_EVENT_SIGHTING, g->document, detail);
		free(detail);
	}
out:
	free(rows);
	return rc;
}

static int scanner_commit(lt_scanner *s)
{
	char now[32];
	size_t i;
	int rc;

	lt_time_now(now);
	if ((rc = lt_vault_begin(s->v)))
		return rc;
	if ((rc = insert_new(s, now)))
		goto fail;
	if ((rc = lt_vault_commit(s->v)))
		goto undo;
	return LT_OK;
fail:
	lt_vault_rollback(s->v);
undo:
	for (i = 0; i < s->n; i++)
		if (s->s[i].is_new)
			s->s[i].id = 0;
	return rc;
}

/* =====================================================================
 * The scanner's public calls: each records its outcome in the scanner
 * (and lt_scanner_open in the vault)
 * =================================================================== */

int lt_scanner_open(lt_scanner **out, lt_vault *v)
{
	return lt_vault_keep_error(v, scanner_open(out, v));
}

int lt_scanner_identify(lt_scanner *s, const char *text, size_t len,
			lt_scan_match *out, size_t max, size_t *n)
{
	return lt_error_keep(&s->err, scanner_identify(s, text, len, out, max,
						       n));
}

int lt_scanner_scan(lt_scanner *s, const char *path)
{
	return lt_error_keep(&s->err, scanner_scan(s, path));
}

int lt_scanner_commit(lt_scanner *s)
{
	return lt_error_keep(&s->err, scanner_commit(s));
}

int lt_scanner_errcode(const lt_scanner *s)
{
	return s->err.code;
}

const char *lt_scanner_errmsg(const lt_scanner *s)
{
	return s->err.message;
}

/* =====================================================================
 * Listing
 * =================================================================== */

typedef struct listed {
	const char *document;
	size_t at; /* position in the store's order */
} listed;

/* By document id, then in the store's order (posted_at, then row). */
static int cmp_listed(const void *a, const void *b)
{
	const listed *x = a, *y = b;
	int c = strcmp(x->document, y->document);

	if (c)
		return c;
	return x->at < y->at ? -1 : x->at > y->at;
}

static int sightings_list(lt_sighting **out, size_t *n, lt_vault *v,
			  const char *doc_id)
{
	lt_store_doc_ref *docs = NULL;
	lt_sighting *s = NULL, *sorted = NULL;
	listed *order = NULL;
	int64_t *rows = NULL, only = 0;
	size_t ndocs = 0, i, k;
	int rc;

	*out = NULL;
	*n = 0;
	if (doc_id) {
		rc = lt_store_docs_find(v, doc_id, &only);
		if (rc == LT_ENOTFOUND) {
			lt_error_clear();
			return LT_OK;
		}
		if (rc)
			return rc;
	}
	if ((rc = lt_store_docs_list(v, &docs, &ndocs)) ||
	    (rc = lt_store_sightings_list(v, only, &s, &rows, n)))
		goto out;
	order = calloc(*n + 1, sizeof(*order));
	sorted = calloc(*n + 1, sizeof(*sorted));
	if (!order || !sorted) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < *n; i++) {
		size_t lo = 0, hi = ndocs;

		/* Documents come by row: find this sighting's by halving. */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (docs[mid].rowid < rows[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		k = lo < ndocs && docs[lo].rowid == rows[i] ? lo : ndocs;
		if (k == ndocs || !(s[i].document = strdup(docs[k].id))) {
			rc = k == ndocs ? lt_error_set(LT_EVAULT, "vault is damaged: "
						       "a sighting of no document")
					: lt_error_set(LT_ENOMEM, "out of memory");
			goto out;
		}
		order[i] = (listed){s[i].document, i};
	}
	qsort(order, *n, sizeof(*order), cmp_listed);
	for (i = 0; i < *n; i++)
		sorted[i] = s[order[i].at];
	free(s);
	s = sorted;
	sorted = NULL;
out:
	lt_store_doc_refs_free(docs, ndocs);
	free(rows);
	free(order);
	free(sorted);
	if (rc) {
		lt_sightings_free(s, *n);
		*n = 0;
		return rc;
	}
	*out = s;
	return LT_OK;
}

int lt_sightings_list(lt_sighting **out, size_t *n, lt_vault *v,
		      const char *doc_id)
{
	return lt_vault_keep_error(v, sightings_list(out, n, v, doc_id));
}
