/*
 * log.c - the event log (event.h, ledger.h): appending an event inside
 * the caller's transaction, with the hook that seals it at commit
 * (seal.c), and listing events.
 */
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/ledger.h"
#include "ledger/event.h"
#include "ledger/ledger_internal.h"
#include "store/ledger.h"
#include "store/vault_internal.h"

int lt_ledger_event(lt_vault *v, const char *kind, const char *document,
		    const char *detail)
{
	char now[32];
	int rc;

	/* Outside a transaction the event gets one of its own, so that it
	 * is logged and sealed like any other. */
	if (!v->in_tx) {
		if ((rc = lt_vault_begin(v)))
			return rc;
		if ((rc = lt_ledger_event(v, kind, document, detail))) {
			lt_vault_rollback(v);
			return rc;
		}
		return lt_vault_commit(v);
	}
	lt_time_now(now);
	rc = lt_store_ledger_event_append(v, now, kind, document,
					  detail ? detail : "{}");
	if (rc == LT_OK)
		v->before_commit = lt_ledger_seal;
	return rc;
}

typedef struct event_list {
	lt_event *arr;
	size_t n, cap;
} event_list;

/* Copy one events row into the list. */
static int list_event(void *ctx, const lt_store_event_row *row)
{
	event_list *l = ctx;
	lt_event *e;

	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 64;
		lt_event *g = realloc(l->arr, nc * sizeof(*g));

		if (!g)
			return lt_error_set(LT_ENOMEM, "out of memory");
		l->arr = g;
		l->cap = nc;
	}
	e = &l->arr[l->n++];
	memset(e, 0, sizeof(*e));
	e->seq = row->seq;
	e->at = row->at ? strdup(row->at) : NULL;
	e->kind = row->kind ? strdup(row->kind) : NULL;
	e->document = row->document ? strdup(row->document) : NULL;
	e->detail = row->detail ? strdup(row->detail) : NULL;
	if (!e->at || !e->kind || !e->detail || (row->document && !e->document))
		return lt_error_set(LT_ENOMEM, "out of memory (or an event with an "
				    "empty field)");
	return LT_OK;
}

int lt_ledger_events(lt_event **out, size_t *n, lt_vault *v, int64_t from_seq,
		     size_t limit)
{
	event_list l = {0};
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = lt_store_ledger_events_each(v, from_seq, limit, list_event, &l))) {
		lt_events_free(l.arr, l.n);
		return rc;
	}
	*out = l.arr;
	*n = l.n;
	return LT_OK;
}
