/*
 * among.c - the candidate set "who held it before its first sighting"
 * for a trace (investigate.h, trace.h).
 *
 * trace calls lt_among_holders() with the document it has identified,
 * before it reads any mark; the set is what lt_suspects() finds for that
 * document alone (holders whose copy was issued before the first
 * sighting and, where access events are recorded, who accessed it before
 * then), so it depends on the ledger and the sightings only, never on the
 * leaked text's marks.
 */
#define _GNU_SOURCE /* asprintf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/investigate.h"
#include "leaktrace/trace.h"

/* One sentence: how the set was chosen from what the vault records. */
static char *holders_reason(const lt_suspects_result *s, const char *doc)
{
	const lt_suspect_document *sd = &s->documents[0];
	char *why = NULL, *out = NULL;

	if (s->nexcluded &&
	    asprintf(&why, "; %zu other holder%s excluded (copy issued after "
		     "then, or no recorded access)", s->nexcluded,
		     s->nexcluded == 1 ? "" : "s") < 0)
		return NULL;
	if (sd->first_sighting) {
		if (asprintf(&out, "recipients who held '%s' before its first "
			     "sighting at %s%s, by the ledger%s", doc,
			     sd->first_sighting, sd->access_events
			     ? " and accessed it before then" : "",
			     why ? why : "") < 0)
			out = NULL;
	} else if (asprintf(&out, "no dated sighting of '%s' is recorded yet, "
			    "so every recipient who holds it now%s is a "
			    "candidate%s", doc, sd->access_events
			    ? " and has accessed it" : "", why ? why : "") < 0) {
		out = NULL;
	}
	free(why);
	return out;
}

int lt_among_holders(lt_among_set *out, lt_vault *v, const char *document,
		     void *ctx)
{
	lt_suspects_result *s;
	size_t i;
	int rc;

	(void)ctx;
	memset(out, 0, sizeof(*out));
	out->basis = LT_AMONG_HOLDERS;
	if ((rc = lt_suspects(&s, v, &document, 1)))
		return rc;
	if (s->nsuspects &&
	    !(out->names = calloc(s->nsuspects, sizeof(*out->names))))
		goto nomem;
	for (i = 0; i < s->nsuspects; i++) {
		if (!(out->names[i] = strdup(s->suspects[i].recipient)))
			goto nomem;
		out->n++;
	}
	if (s->documents[0].first_sighting &&
	    !(out->first_sighting = strdup(s->documents[0].first_sighting)))
		goto nomem;
	if (!(out->reason = holders_reason(s, document)))
		goto nomem;
	lt_suspects_result_free(s);
	return LT_OK;
nomem:
	lt_suspects_result_free(s);
	lt_among_set_clear(out);
	return lt_error_set(LT_ENOMEM, "out of memory");
}
