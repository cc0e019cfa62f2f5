/*
 * scan.c - the scanner: exports in, sightings out (scan.h).
 *
 * Data flow per message: text --cheap word count--> (too short: done)
 * --lt_tokenize--> token hashes --lt_minhash_keys--> band keys
 * --lt_mh_index_query--> candidate documents (>= 2 shared keys)
 * --lt_align with the document--> confirmed when enough words align
 * densely --> a sighting: looked up in the vault (seen before: reported
 * as such), else traced with lt_trace_run on the message's text.  At
 * commit: one transaction with every new sighting, its "sighting" event
 * and the band keys of documents that were not cached yet.
 *
 * Memory: the index (a few bytes per distinct band key), a handful of
 * loaded documents for alignment, the sightings of the run; messages are
 * streamed by the readers.
 */
#include <ctype.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
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
#include "issue/document_internal.h"
#include "identify/minhash.h"
#include "leaktrace/extract.h"
#include "leaktrace/pdq.h"
#include "forensics/trace_internal.h"
#include "forensics/verify_internal.h"
#include "ledger/event.h"
#include "store/vault_internal.h"

#define DOC_CACHE 8           /* documents kept loaded for alignment */
#define MAX_CANDIDATES 4      /* candidates aligned per text */
#define MIN_VOTES 2           /* shared band keys to be a candidate */
#define MIN_ALIGNED 24        /* aligned words to confirm a match */
#define MANY_ALIGNED 60       /* enough on their own, however spread */
#define MAX_TEXT_ATTACHMENT (16u << 20)
/* A long text is identified in windows of this many bytes, overlapping
 * by WINDOW_OVERLAP, so matching memory stays bounded (MinHash costs a
 * few hundred bytes per word) whatever one message holds. */
#define TEXT_WINDOW (512u << 10)
#define WINDOW_OVERLAP (128u << 10)
#define MAX_NOTICES 1000      /* notices kept; the counts go on */

/* A document as the index knows it. */
typedef struct indexed_doc {
	int64_t rowid;
	char *id;
	uint32_t *fresh_keys; /* computed this run, to cache at commit */
	size_t nfresh, ntokens;
} indexed_doc;

struct lt_scanner {
	lt_vault *v;
	lt_mh_index *ix;
	indexed_doc *docs;
	size_t ndocs;
	lt_doc *cache[DOC_CACHE]; /* most recently used first */
	lt_sighting *s;
	size_t n, cap;
	uint64_t *seen; /* open-addressing set of sighting key hashes */
	size_t seen_n, seen_cap;
	lt_scan_stats stats;
	char *source; /* absolute path of the file being read */
	sqlite3_stmt *lookup;
	lt_pdq_index *pdq;  /* page-image hashes, loaded at the first image */
	int pdq_loaded;
	/* The page words of the attachment being read (photos, PDFs): their
	 * layout marks count in the trace. */
	const lt_seen_word *words;
	size_t nwords;
	const char *kind;   /* "text", "image" or "pdf" */
	int source_kind;    /* lt_extract_kind of the text being matched */
	char **notices;     /* parts refused or passed over, as told */
	size_t nnotices, notices_cap;
};

/* =====================================================================
 * Small helpers
 * =================================================================== */

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void sighting_clear(lt_sighting *g)
{
	free(g->document);
	free(g->platform);
	free(g->channel);
	free(g->message);
	free(g->source);
	free(g->attachment);
	free(g->kind);
	free(g->author);
	free(g->posted_at);
	free(g->url);
	free(g->verdict);
	free(g->copy);
	free(g->recipient);
	free(g->verify);
	free(g->first_seen);
	memset(g, 0, sizeof(*g));
}

void lt_sightings_free(lt_sighting *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sighting_clear(&s[i]);
	free(s);
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
 * Opening: the index
 * =================================================================== */

static int index_document(lt_scanner *s, indexed_doc *d, size_t no,
			  const void *blob, size_t bytes, int cached)
{
	lt_doc *doc = NULL;
	uint64_t *h = NULL;
	uint32_t *keys = NULL;
	size_t nh, nk;
	int rc;

	if (cached)
		return lt_mh_index_add(s->ix, (uint32_t)no, blob,
				       bytes / sizeof(uint32_t));
	if ((rc = lt_doc_load(&doc, s->v, NULL, d->rowid)))
		return rc;
	if ((rc = lt_minhash_token_hashes(&h, &nh, doc->tok)) ||
	    (rc = lt_minhash_keys(&keys, &nk, h, nh)))
		goto out;
	if ((rc = lt_mh_index_add(s->ix, (uint32_t)no, keys, nk)))
		goto out;
	d->fresh_keys = keys;
	d->nfresh = nk;
	d->ntokens = nh;
	keys = NULL;
out:
	free(keys);
	free(h);
	lt_doc_free(doc);
	return rc;
}

int lt_scanner_open(lt_scanner **out, lt_vault *v)
{
	lt_scanner *s;
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	if (!(s = calloc(1, sizeof(*s))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	s->v = v;
	if ((rc = lt_mh_index_new(&s->ix)))
		goto fail;
	if ((rc = lt_vault_prepare(v, &st, "SELECT d.rowid, d.id, m.version, m.keys "
				   "FROM documents d LEFT JOIN minhash_keys m "
				   "ON m.doc = d.rowid ORDER BY d.rowid")))
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		indexed_doc *d;
		const void *blob = sqlite3_column_blob(st, 3);
		size_t bytes = (size_t)sqlite3_column_bytes(st, 3);
		int cached = sqlite3_column_type(st, 2) != SQLITE_NULL &&
			     sqlite3_column_int(st, 2) == LT_MH_VERSION &&
			     bytes % sizeof(uint32_t) == 0;

		if ((rc = LT_ARRAY_GROW(s->docs, cap, s->ndocs + 1)))
			goto fail;
		d = &s->docs[s->ndocs];
		memset(d, 0, sizeof(*d));
		d->rowid = sqlite3_column_int64(st, 0);
		if (!(d->id = strdup((const char *)sqlite3_column_text(st, 1)))) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			goto fail;
		}
		s->ndocs++;
		if ((rc = index_document(s, d, s->ndocs - 1, blob, bytes, cached)))
			goto fail;
	}
	if (rc != SQLITE_DONE) {
		rc = lt_vault_sqlite_error(v, rc, "read documents");
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	if ((rc = lt_mh_index_build(s->ix)))
		goto fail;
	if ((rc = lt_vault_prepare(v, &s->lookup,
			"SELECT rowid, verdict, copy, recipient, p_false, verify, "
			"first_seen FROM sightings WHERE platform=? AND channel=? "
			"AND message=? AND doc=? AND source=? AND attachment=?")))
		goto fail;
	*out = s;
	return LT_OK;
fail:
	sqlite3_finalize(st);
	lt_scanner_free(s);
	return rc;
}

void lt_scanner_free(lt_scanner *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->ndocs; i++) {
		free(s->docs[i].id);
		free(s->docs[i].fresh_keys);
	}
	free(s->docs);
	for (i = 0; i < DOC_CACHE; i++)
		lt_doc_free(s->cache[i]);
	lt_mh_index_free(s->ix);
	lt_pdq_index_free(s->pdq);
	lt_sightings_free(s->s, s->n);
	free(s->seen);
	free(s->source);
	for (i = 0; i < s->nnotices; i++)
		free(s->notices[i]);
	free(s->notices);
	sqlite3_finalize(s->lookup);
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

/* =====================================================================
 * Matching
 * =================================================================== */

/* The loaded document of index number `no` (kept in a small MRU cache). */
static int get_doc(lt_scanner *s, size_t no, lt_doc **out)
{
	lt_doc *d;
	size_t i;
	int rc;

	for (i = 0; i < DOC_CACHE && s->cache[i]; i++) {
		if (s->cache[i]->rowid == s->docs[no].rowid) {
			d = s->cache[i];
			memmove(s->cache + 1, s->cache, i * sizeof(*s->cache));
			s->cache[0] = d;
			*out = d;
			return LT_OK;
		}
	}
	if ((rc = lt_doc_load(&d, s->v, NULL, s->docs[no].rowid)))
		return rc;
	lt_doc_free(s->cache[DOC_CACHE - 1]);
	memmove(s->cache + 1, s->cache, (DOC_CACHE - 1) * sizeof(*s->cache));
	s->cache[0] = d;
	*out = d;
	return LT_OK;
}

/*
 * Does the alignment show that the text quotes the document?  At least
 * MIN_ALIGNED words, covering their stretch of the original and of the
 * text densely (at least half of each), or MANY_ALIGNED words however
 * they are spread (several excerpts in one post).
 */
static int confirm(const lt_alignment *al, double *similarity)
{
	size_t ospan, lspan, lfirst = SIZE_MAX, llast = 0, j, span;

	*similarity = 0;
	if (al->matched < MIN_ALIGNED)
		return 0;
	for (j = 0; j < al->n_leak; j++) {
		if (al->leak_to_orig[j] < 0)
			continue;
		if (lfirst == SIZE_MAX)
			lfirst = j;
		llast = j;
	}
	ospan = al->orig_last - al->orig_first + 1;
	lspan = llast - lfirst + 1;
	span = ospan > lspan ? ospan : lspan;
	*similarity = (double)al->matched / (double)span;
	if (al->matched >= MANY_ALIGNED)
		return 1;
	return al->matched * 2 >= ospan && al->matched * 2 >= lspan;
}

/* Identify the documents `leak` quotes; fills `out` best first. */
static int identify(lt_scanner *s, const lt_tokens *leak, lt_scan_match *out,
		    size_t max, size_t *nout)
{
	lt_mh_candidate cand[MAX_CANDIDATES];
	uint64_t *h = NULL;
	uint32_t *keys = NULL;
	size_t nh, nk, nc, i;
	int rc;

	*nout = 0;
	if ((rc = lt_minhash_token_hashes(&h, &nh, leak)))
		return rc;
	if (nh < LT_MH_MIN_TOKENS)
		goto out;
	if ((rc = lt_minhash_keys(&keys, &nk, h, nh)))
		goto out;
	lt_mh_index_query(s->ix, keys, nk, MIN_VOTES, cand, MAX_CANDIDATES, &nc);
	for (i = 0; i < nc && *nout < max; i++) {
		lt_alignment *al;
		lt_doc *d;
		lt_scan_match *m;
		double sim;

		if ((rc = get_doc(s, cand[i].doc, &d)) ||
		    (rc = lt_align(&al, d->tok, leak)))
			goto out;
		if (confirm(al, &sim)) {
			m = &out[(*nout)++];
			m->document = s->docs[cand[i].doc].id;
			m->similarity = sim;
			m->words = al->matched;
			m->doc_first = (long)al->orig_first;
			m->doc_last = (long)al->orig_last;
			m->doc_start = (long)d->tok->tok[al->orig_first].start;
			m->doc_end = (long)d->tok->tok[al->orig_last].end;
		}
		lt_alignment_free(al);
	}
out:
	free(h);
	free(keys);
	return rc;
}

int lt_scanner_identify(lt_scanner *s, const char *text, size_t len,
			lt_scan_match *out, size_t max, size_t *n)
{
	lt_tokens *t;
	int rc;

	*n = 0;
	if (token_bound(text, len) < LT_MH_MIN_TOKENS)
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

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? strdup((const char *)t) : NULL;
}

/* Fill the trace fields from the vault when seen before; 1 if found. */
static int stored(lt_scanner *s, lt_sighting *g, int64_t rowid)
{
	sqlite3_stmt *st = s->lookup;
	int rc;

	sqlite3_reset(st);
	bind_text(st, 1, g->platform);
	bind_text(st, 2, g->channel);
	bind_text(st, 3, g->message);
	sqlite3_bind_int64(st, 4, rowid);
	bind_text(st, 5, g->source);
	bind_text(st, 6, g->attachment);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return lt_vault_sqlite_error(s->v, rc, "look up sightings");
	g->id = sqlite3_column_int64(st, 0);
	g->verdict = col_dup(st, 1);
	g->copy = col_dup(st, 2);
	g->recipient = col_dup(st, 3);
	g->p_false = sqlite3_column_type(st, 4) == SQLITE_NULL
		? NAN : sqlite3_column_double(st, 4);
	g->verify = col_dup(st, 5);
	g->first_seen = col_dup(st, 6);
	sqlite3_reset(st);
	return 1;
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
	sighting_clear(&g);
	return rc;
}

/* Match one window of a text. */
static int scan_window(lt_scanner *s, const lt_message *m, const char *text,
		       size_t len, const char *attachment)
{
	lt_scan_match found[MAX_CANDIDATES];
	size_t n, i;
	int rc;

	if ((rc = lt_scanner_identify(s, text, len, found, MAX_CANDIDATES, &n)))
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
		sqlite3_stmt *st;
		lt_scan_match x = {0};
		char *doc = NULL;

		if ((rc = lt_vault_prepare(s->v, &st, "SELECT d.id FROM page_hashes p "
					   "JOIN documents d ON d.rowid = p.doc "
					   "WHERE p.rowid = ?")))
			break;
		sqlite3_bind_int64(st, 1, hits[i].id);
		if (sqlite3_step(st) == SQLITE_ROW)
			doc = strdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		if (!doc)
			continue;
		/* The scanner owns document ids: use its copy. */
		for (size_t k = 0; k < s->ndocs; k++)
			if (!strcmp(s->docs[k].id, doc))
				x.document = s->docs[k].id;
		free(doc);
		if (!x.document)
			continue;
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
	rc = lt_extract_file(&e, path);
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

int lt_scanner_scan(lt_scanner *s, const char *path)
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

static int write_cache(lt_scanner *s)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = LT_OK;

	if ((rc = lt_vault_prepare(s->v, &st, "INSERT OR REPLACE INTO "
				   "minhash_keys(doc, version, ntokens, keys) "
				   "VALUES(?, ?, ?, ?)")))
		return rc;
	for (i = 0; i < s->ndocs && rc == LT_OK; i++) {
		indexed_doc *d = &s->docs[i];

		if (!d->fresh_keys && d->nfresh == 0)
			continue;
		sqlite3_bind_int64(st, 1, d->rowid);
		sqlite3_bind_int(st, 2, LT_MH_VERSION);
		sqlite3_bind_int64(st, 3, (int64_t)d->ntokens);
		sqlite3_bind_blob(st, 4, d->fresh_keys ? (void *)d->fresh_keys : "",
				  (int)(d->nfresh * sizeof(uint32_t)), SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) != SQLITE_DONE)
			rc = lt_vault_sqlite_error(s->v, rc, "cache index keys");
		else
			rc = LT_OK;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

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

static int insert(lt_scanner *s, sqlite3_stmt *st, lt_sighting *g,
		  const char *now)
{
	size_t no;
	char *detail;
	int rc, k = 1;

	for (no = 0; no < s->ndocs && strcmp(s->docs[no].id, g->document); no++)
		;
	if (no == s->ndocs)
		return lt_error_set(LT_EINTERNAL, "sighting of an unindexed document");
	sqlite3_reset(st);
	sqlite3_bind_int64(st, k++, s->docs[no].rowid);
	bind_text(st, k++, g->platform);
	bind_text(st, k++, g->channel);
	bind_text(st, k++, g->message);
	bind_text(st, k++, g->source);
	bind_text(st, k++, g->attachment);
	bind_text(st, k++, g->kind);
#define BIND_OPT(s_) (s_ ? sqlite3_bind_text(st, k++, s_, -1, SQLITE_TRANSIENT) \
			 : sqlite3_bind_null(st, k++))
	BIND_OPT(g->author);
	BIND_OPT(g->posted_at);
	BIND_OPT(g->url);
	sqlite3_bind_double(st, k++, g->similarity);
	sqlite3_bind_int64(st, k++, (int64_t)g->words);
	sqlite3_bind_int64(st, k++, g->doc_first);
	sqlite3_bind_int64(st, k++, g->doc_last);
	sqlite3_bind_int64(st, k++, g->doc_start);
	sqlite3_bind_int64(st, k++, g->doc_end);
	BIND_OPT(g->verdict);
	BIND_OPT(g->copy);
	BIND_OPT(g->recipient);
	if (isnan(g->p_false))
		sqlite3_bind_null(st, k++);
	else
		sqlite3_bind_double(st, k++, g->p_false);
	BIND_OPT(g->verify);
	bind_text(st, k++, now);
#undef BIND_OPT
	if ((rc = sqlite3_step(st)) != SQLITE_DONE)
		return lt_vault_sqlite_error(s->v, rc, "record sighting");
	if (sqlite3_changes(sqlite3_db_handle(st)) == 0) {
		g->is_new = 0; /* recorded meanwhile by another process */
		return LT_OK;
	}
	g->id = sqlite3_last_insert_rowid(sqlite3_db_handle(st));
	if (!g->first_seen && !(g->first_seen = strdup(now)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	if (!(detail = event_detail(g)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	rc = lt_ledger_event(s->v, LT_EVENT_SIGHTING, g->document, detail);
	free(detail);
	return rc;
}

int lt_scanner_commit(lt_scanner *s)
{
	sqlite3_stmt *st = NULL;
	char now[32];
	size_t i;
	int rc;

	lt_time_now(now);
	if ((rc = lt_vault_begin(s->v)))
		return rc;
	if ((rc = write_cache(s)))
		goto fail;
	if ((rc = lt_vault_prepare(s->v, &st, "INSERT OR IGNORE INTO sightings("
			"doc, platform, channel, message, source, attachment, kind, "
			"author, posted_at, url, similarity, words, doc_first, "
			"doc_last, doc_start, doc_end, verdict, copy, recipient, "
			"p_false, verify, first_seen) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,"
			"?,?,?,?,?,?,?,?,?,?)")))
		goto fail;
	for (i = 0; i < s->n; i++)
		if (s->s[i].is_new && !s->s[i].id &&
		    (rc = insert(s, st, &s->s[i], now)))
			goto fail;
	sqlite3_finalize(st);
	st = NULL;
	if ((rc = lt_vault_commit(s->v)))
		goto undo;
	for (i = 0; i < s->ndocs; i++) {
		free(s->docs[i].fresh_keys);
		s->docs[i].fresh_keys = NULL;
		s->docs[i].nfresh = 0;
	}
	return LT_OK;
fail:
	sqlite3_finalize(st);
	lt_vault_rollback(s->v);
undo:
	for (i = 0; i < s->n; i++)
		if (s->s[i].is_new)
			s->s[i].id = 0;
	return rc;
}

/* =====================================================================
 * Listing
 * =================================================================== */

int lt_sightings_list(lt_sighting **out, size_t *n, lt_vault *v,
		      const char *doc_id)
{
	sqlite3_stmt *st;
	lt_sighting *s = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = lt_vault_prepare(v, &st,
			"SELECT s.rowid, d.id, s.platform, s.channel, s.message, "
			"s.source, s.attachment, s.kind, s.author, s.posted_at, s.url, "
			"s.similarity, s.words, s.doc_first, s.doc_last, s.doc_start, "
			"s.doc_end, s.verdict, s.copy, s.recipient, s.p_false, "
			"s.verify, s.first_seen FROM sightings s JOIN documents d "
			"ON d.rowid = s.doc WHERE ?1 IS NULL OR d.id = ?1 "
			"ORDER BY d.id, s.posted_at IS NULL, s.posted_at, s.rowid")))
		return rc;
	if (doc_id)
		sqlite3_bind_text(st, 1, doc_id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		lt_sighting *g;

		if (LT_ARRAY_GROW(s, cap, *n + 1)) {
			rc = LT_ENOMEM;
			break;
		}
		g = &s[(*n)++];
		memset(g, 0, sizeof(*g));
		g->id = sqlite3_column_int64(st, 0);
		g->document = col_dup(st, 1);
		g->platform = col_dup(st, 2);
		g->channel = col_dup(st, 3);
		g->message = col_dup(st, 4);
		g->source = col_dup(st, 5);
		g->attachment = sqlite3_column_bytes(st, 6) ? col_dup(st, 6) : NULL;
		g->kind = col_dup(st, 7);
		g->author = col_dup(st, 8);
		g->posted_at = col_dup(st, 9);
		g->url = col_dup(st, 10);
		g->similarity = sqlite3_column_double(st, 11);
		g->words = (size_t)sqlite3_column_int64(st, 12);
		g->doc_first = sqlite3_column_type(st, 13) == SQLITE_NULL ? -1
			: (long)sqlite3_column_int64(st, 13);
		g->doc_last = sqlite3_column_type(st, 14) == SQLITE_NULL ? -1
			: (long)sqlite3_column_int64(st, 14);
		g->doc_start = sqlite3_column_type(st, 15) == SQLITE_NULL ? -1
			: (long)sqlite3_column_int64(st, 15);
		g->doc_end = sqlite3_column_type(st, 16) == SQLITE_NULL ? -1
			: (long)sqlite3_column_int64(st, 16);
		g->verdict = col_dup(st, 17);
		g->copy = col_dup(st, 18);
		g->recipient = col_dup(st, 19);
		g->p_false = sqlite3_column_type(st, 20) == SQLITE_NULL ? NAN
			: sqlite3_column_double(st, 20);
		g->verify = col_dup(st, 21);
		g->first_seen = col_dup(st, 22);
		if (!g->document || !g->platform || !g->channel || !g->message ||
		    !g->source || !g->kind || !g->first_seen) {
			rc = LT_ENOMEM;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		lt_sightings_free(s, *n);
		*n = 0;
		if (rc == LT_ENOMEM)
			return lt_error_set(LT_ENOMEM, "out of memory");
		return lt_vault_sqlite_error(v, rc, "read sightings");
	}
	*out = s;
	return LT_OK;
}
