/*
 * suspects.c - who could have leaked a set of documents (investigate.h):
 * the recipients who held copies of all of them before each one's first
 * sighting and, where access events were recorded, accessed each before
 * then; holders who fail a condition are listed apart with the reason.
 */
#define _GNU_SOURCE /* asprintf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "leaktrace/error.h"
#include "leaktrace/investigate.h"
#include "base/time.h"
#include "ledger/ledger_internal.h"
#include "store/access.h"

static void holding_clear(lt_holding *h);

static void suspect_clear(lt_ledger_suspect *s)
{
	free(s->recipient);
	for (size_t i = 0; i < s->nholdings; i++)
		holding_clear(&s->holdings[i]);
	free(s->holdings);
	free(s->excluded);
	memset(s, 0, sizeof(*s));
}

void lt_suspects_result_free(lt_suspects_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ndocuments; i++) {
		free(r->documents[i].document);
		free(r->documents[i].first_sighting);
	}
	free(r->documents);
	for (size_t i = 0; i < r->nsuspects; i++)
		suspect_clear(&r->suspects[i]);
	free(r->suspects);
	for (size_t i = 0; i < r->nexcluded; i++)
		suspect_clear(&r->excluded[i]);
	free(r->excluded);
	free(r->note);
	free(r);
}

/* A candidate: a recipient with a copy of the document being read. */
typedef struct candidate {
	char *name;
	lt_holding h;
	int in_time;  /* copy issued before the first sighting (or unknown) */
	int accessed; /* accessed before the first sighting */
} candidate;

static void holding_clear(lt_holding *h)
{
	free(h->document);
	free(h->copy);
	free(h->issued_at);
	for (size_t k = 0; k < h->naccesses; k++) {
		free(h->accesses[k].at);
		free(h->accesses[k].action);
	}
	free(h->accesses);
	memset(h, 0, sizeof(*h));
}

static void candidates_free(candidate *c, size_t n)
{
	for (size_t i = 0; c && i < n; i++) {
		free(c[i].name);
		holding_clear(&c[i].h);
	}
	free(c);
}

typedef struct candidates {
	candidate *c;
	size_t n, cap;
	size_t access_events;
	const char *doc;
	const char *first; /* the first sighting, NULL when unknown */
} candidates;

/*
 * Whether `at` comes before `first`, compared as instants in C (events
 * logged before access times were stored canonically may hold forms the
 * store's comparison cannot read); `store_says` when either is no time.
 */
static int before_first(const char *at, const char *first, int store_says)
{
	int64_t a, b;

	if (!first)
		return 1;
	if (!at || lt_time_parse_str(at, &a) || lt_time_parse_str(first, &b))
		return store_says;
	return a < b;
}

static char *xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Add one holder of the document as a candidate. */
static int add_candidate(void *ctx, const lt_store_holder_row *row)
{
	candidates *cs = ctx;
	candidate *c;

	if (cs->n == cs->cap) {
		size_t nc = cs->cap ? cs->cap * 2 : 16;
		candidate *g = realloc(cs->c, nc * sizeof(*g));

		if (!g)
			return lt_error_set(LT_ENOMEM, "out of memory");
		cs->c = g;
		cs->cap = nc;
	}
	c = &cs->c[cs->n++];
	memset(c, 0, sizeof(*c));
	c->name = xstrdup(row->recipient);
	c->h.document = xstrdup(cs->doc);
	c->h.copy = xstrdup(row->copy);
	c->h.issued_at = xstrdup(row->issued_at);
	c->in_time = before_first(row->issued_at, cs->first, row->before);
	if (!c->name || !c->h.document || !c->h.copy || !c->h.issued_at)
		return lt_error_set(LT_ENOMEM, "out of memory");
	return LT_OK;
}

/* Count one access event; one made before the first sighting is evidence
 * for the candidate who made it. */
static int add_access(void *ctx, const lt_store_access_event *a)
{
	candidates *cs = ctx;
	lt_access_evidence *e;

	cs->access_events++;
	if (!a->user || !before_first(a->at, cs->first, a->before))
		return LT_OK;
	for (size_t i = 0; i < cs->n; i++) {
		lt_holding *h = &cs->c[i].h;

		if (strcmp(cs->c[i].name, a->user))
			continue;
		e = realloc(h->accesses, (h->naccesses + 1) * sizeof(*e));
		if (!e)
			return lt_error_set(LT_ENOMEM, "out of memory");
		h->accesses = e;
		e = &h->accesses[h->naccesses++];
		e->seq = a->seq;
		e->action = xstrdup(a->action);
		e->at = xstrdup(a->at);
		cs->c[i].accessed = 1;
		if (!e->action || !e->at)
			return lt_error_set(LT_ENOMEM, "out of memory");
	}
	return LT_OK;
}

/* Every holder of one document, with their accesses before `first`. */
static int load_candidates(candidate **out, size_t *n, size_t *access_events,
			   lt_vault *v, const char *doc, const char *first)
{
	candidates cs = {NULL, 0, 0, 0, doc, first};
	int rc;

	*out = NULL;
	*n = 0;
	*access_events = 0;
	if ((rc = lt_store_access_holders_each(v, doc, first, add_candidate,
					       &cs)) ||
	    (rc = lt_store_access_accesses_each(v, doc, first, add_access, &cs))) {
		candidates_free(cs.c, cs.n);
		return rc;
	}
	*out = cs.c;
	*n = cs.n;
	*access_events = cs.access_events;
	return LT_OK;
}

/* Move a holding into a suspect entry (taking ownership). */
static int add_holding(lt_ledger_suspect *s, lt_holding *h)
{
	lt_holding *g = realloc(s->holdings, (s->nholdings + 1) * sizeof(*g));

	if (!g)
		return lt_error_set(LT_ENOMEM, "out of memory");
	s->holdings = g;
	s->holdings[s->nholdings++] = *h;
	memset(h, 0, sizeof(*h));
	return LT_OK;
}

int lt_suspects(lt_suspects_result **out, lt_vault *v, const char *const *ids,
		size_t nids)
{
	lt_suspects_result *r;
	lt_ledger_suspect *all = NULL;
	unsigned char *dropped = NULL;
	char **why = NULL;
	size_t nall = 0, d, i;
	int mode, rc = LT_OK;

	*out = NULL;
	if (nids == 0)
		return lt_error_set(LT_EUSAGE, "suspects needs at least one document");
	if (!(r = calloc(1, sizeof(*r))) ||
	    !(r->documents = calloc(nids, sizeof(*r->documents))))
		goto nomem;
	if (lt_store_access_sightings_any(v, &mode) != LT_OK)
		mode = 0;
	r->sightings_known = mode != 0;
	for (d = 0; d < nids; d++) {
		lt_suspect_document *sd = &r->documents[d];
		candidate *c = NULL;
		size_t nc = 0;

		if ((rc = lt_store_access_document_check(v, ids[d])))
			goto fail;
		r->ndocuments++;
		if (!(sd->document = strdup(ids[d])))
			goto nomem;
		if ((mode && (rc = lt_store_access_first_sighting(v, ids[d],
						&sd->first_sighting))) ||
		    (rc = load_candidates(&c, &nc, &sd->access_events, v, ids[d],
					  sd->first_sighting)))
			goto fail;
		sd->holders = nc;
		if (d == 0 && nc) {
			/* Everyone holding the first document starts as a
			 * candidate. */
			all = calloc(nc, sizeof(*all));
			why = calloc(nc, sizeof(*why));
			dropped = calloc(nc, 1);
			if (!all || !why || !dropped) {
				candidates_free(c, nc);
				goto nomem;
			}
			nall = nc;
			for (i = 0; i < nc; i++)
				if (!(all[i].recipient = strdup(c[i].name))) {
					candidates_free(c, nc);
					goto nomem;
				}
		}
		for (i = 0; i < nall; i++) {
			size_t k;

			if (dropped[i])
				continue;
			for (k = 0; k < nc; k++)
				if (!strcmp(c[k].name, all[i].recipient))
					break;
			if (k == nc) {
				dropped[i] = 1; /* does not hold them all */
				continue;
			}
			if (!why[i] && !c[k].in_time &&
			    asprintf(&why[i], "copy of '%s' issued %s, not before "
				     "its first sighting %s", ids[d],
				     c[k].h.issued_at, sd->first_sighting) < 0)
				why[i] = NULL;
			if (!why[i] && sd->access_events && !c[k].accessed &&
			    asprintf(&why[i], "no recorded access to '%s'%s", ids[d],
				     sd->first_sighting ? " before its first "
							  "sighting" : "") < 0)
				why[i] = NULL;
			if ((rc = add_holding(&all[i], &c[k].h))) {
				candidates_free(c, nc);
				goto fail;
			}
		}
		candidates_free(c, nc);
	}
	/* Split the holders of every document into suspects and excluded. */
	for (i = 0; i < nall; i++) {
		lt_ledger_suspect **arr = why[i] ? &r->excluded : &r->suspects;
		size_t *cnt = why[i] ? &r->nexcluded : &r->nsuspects;
		lt_ledger_suspect *dst;

		if (dropped[i])
			continue;
		if (!(dst = realloc(*arr, (*cnt + 1) * sizeof(**arr))))
			goto nomem;
		*arr = dst;
		dst[*cnt] = all[i];
		dst[*cnt].excluded = why[i];
		(*cnt)++;
		memset(&all[i], 0, sizeof(all[i]));
		why[i] = NULL;
	}
	if (asprintf(&r->note, "%s", r->sightings_known
		     ? "first sightings come from the vault's sightings; a "
		       "document never sighted counts every holder"
		     : "the vault has no sightings yet, so each document's first "
		       "sighting is unknown: every recipient who holds all of "
		       "them is listed") < 0)
		goto nomem;
	goto fail; /* the common cleanup, with rc == LT_OK */
nomem:
	rc = lt_error_set(LT_ENOMEM, "out of memory");
fail:
	for (i = 0; i < nall; i++) {
		suspect_clear(&all[i]);
		free(why[i]);
	}
	free(all);
	free(why);
	free(dropped);
	if (rc) {
		lt_suspects_result_free(r);
		return rc;
	}
	*out = r;
	return LT_OK;
}

static json_t *suspect_json(const lt_ledger_suspect *s)
{
	json_t *ev = json_array();

	for (size_t i = 0; i < s->nholdings; i++) {
		const lt_holding *h = &s->holdings[i];
		json_t *acc = json_array();

		for (size_t k = 0; k < h->naccesses; k++)
			json_array_append_new(acc, json_pack("{s:I, s:s, s:s}", "seq",
				(json_int_t)h->accesses[k].seq, "action",
				h->accesses[k].action, "at", h->accesses[k].at));
		json_array_append_new(ev, json_pack("{s:s, s:s, s:s, s:o}",
			"document", h->document, "copy", h->copy, "issued_at",
			h->issued_at, "accesses", acc));
	}
	if (s->excluded)
		return json_pack("{s:s, s:s, s:o}", "recipient", s->recipient,
				 "reason", s->excluded, "evidence", ev);
	return json_pack("{s:s, s:o}", "recipient", s->recipient, "evidence", ev);
}

int lt_suspects_json(lt_buf *out, const lt_suspects_result *r)
{
	json_t *docs = json_array(), *sus = json_array(), *exc = json_array();
	size_t i;

	for (i = 0; i < r->ndocuments; i++)
		json_array_append_new(docs, json_pack("{s:s, s:s?, s:I, s:I}",
			"document", r->documents[i].document,
			"first_sighting", r->documents[i].first_sighting,
			"holders", (json_int_t)r->documents[i].holders,
			"access_events", (json_int_t)r->documents[i].access_events));
	for (i = 0; i < r->nsuspects; i++)
		json_array_append_new(sus, suspect_json(&r->suspects[i]));
	for (i = 0; i < r->nexcluded; i++)
		json_array_append_new(exc, suspect_json(&r->excluded[i]));
	return lt_ledger_json_dump(out, json_pack("{s:o, s:b, s:o, s:o, s:s}",
		"documents", docs, "sightings_known", r->sightings_known,
		"suspects", sus, "excluded", exc, "note", r->note));
}
