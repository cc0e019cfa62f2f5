/*
 * review.c - the author's review of suggested marks (document.h): which
 * suggestions a document has, recording approvals and rejections, and the
 * text around a slot for the reviewer to read.
 *
 * A decision goes into the vault (store/docs.h, keyed by document and
 * slot group) and into the ledger as one "review" event per call, in one
 * transaction; identify/doc.c applies the recorded decisions wherever a
 * document's slot set is loaded.  Decisions are refused once the document
 * has issued copies: trace reads every copy of a document with one slot
 * set, so the set may not change under copies already out.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/time.h"
#include "leaktrace/document.h"
#include "leaktrace/error.h"
#include "leaktrace/ledger.h"
#include "identify/doc.h"
#include "ledger/event.h"
#include "store/copies.h"
#include "store/docs.h"
#include "store/vault_internal.h"

const char *lt_slot_decision_name(unsigned decision)
{
	switch (decision) {
	case LT_DECISION_APPROVED: return "approved";
	case LT_DECISION_REJECTED: return "rejected";
	default: return "pending";
	}
}

int lt_document_suggestions(size_t **first, size_t *n, const lt_slot_set *set)
{
	size_t i, m = 0;

	*first = NULL;
	*n = 0;
	if (!(*first = malloc((set->n + 1) * sizeof(**first))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	for (i = 0; i < set->n; i++)
		if (set->slots[i].group == i &&
		    set->slots[i].use == LT_SLOT_SUGGESTED)
			(*first)[m++] = i;
	*n = m;
	return LT_OK;
}

/*
 * Record `decision` on the suggestions `pick` (indexes into `first`, the
 * document's suggestions) of document `id`, whose slot set is `set`: those
 * whose decision changes go into the vault and one review event.
 */
static int record(lt_vault *v, const char *id, const lt_slot_set *set,
		  const size_t *first, const size_t *pick, size_t npick,
		  lt_slot_decision decision, const char *family,
		  size_t *changed)
{
	json_t *nums = json_array(), *slots = json_array(), *detail = NULL;
	lt_slot_set *current = NULL;
	char *text = NULL;
	int64_t rowid;
	size_t i, copies = 0, m = 0;
	char now[32];
	int rc;

	if (!nums || !slots) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = lt_vault_begin(v)))
		goto out;
	/* Checked inside the write transaction: no copy can be issued between
	 * this check and the decision's commit. */
	if ((rc = lt_store_docs_find(v, id, &rowid)) ||
	    (rc = lt_store_copies_count(v, rowid, &copies)))
		goto fail;
	if (copies > 0) {
		rc = lt_error_set(LT_EUSAGE, "'%s' already has %zu issued cop%s, "
				  "so its marks are fixed: trace and verify read "
				  "every copy of a document with the same slots, and "
				  "a decision now would change what later copies "
				  "carry but not what earlier ones do (decide on "
				  "suggestions before the first issue)", id, copies,
				  copies == 1 ? "y" : "ies");
		goto fail;
	}
	/* The decisions as they stand inside the transaction (the slots and
	 * their numbering are fixed at register; only decisions change). */
	if ((rc = lt_document_slots(&current, v, id)))
		goto fail;
	if (current->n != set->n) {
		rc = lt_error_set(LT_EINTERNAL, "slots of '%s' changed", id);
		goto fail;
	}
	lt_time_now(now);
	for (i = 0; i < npick; i++) {
		size_t g = first[pick[i]];

		if (current->slots[g].decision == decision)
			continue;
		if ((rc = lt_store_docs_decision_put(v, rowid, (uint32_t)g,
						     decision, now)))
			goto fail;
		if (json_array_append_new(nums, json_integer(
			    (json_int_t)pick[i] + 1)) ||
		    json_array_append_new(slots, json_integer((json_int_t)g))) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			goto fail;
		}
		m++;
	}
	if (m > 0) {
		detail = json_pack("{s:s, s:O, s:O}", "decision",
				   lt_slot_decision_name(decision), "suggestions",
				   nums, "slots", slots);
		if (detail && family)
			json_object_set_new(detail, "family", json_string(family));
		if (!detail || !(text = json_dumps(detail, JSON_COMPACT |
						   JSON_PRESERVE_ORDER))) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			goto fail;
		}
		if ((rc = lt_ledger_event(v, LT_EVENT_REVIEW, id, text)))
			goto fail;
	}
	if ((rc = lt_vault_commit(v)))
		goto out;
	if (changed)
		*changed = m;
	goto out;
fail:
	lt_vault_rollback(v);
out:
	json_decref(nums);
	json_decref(slots);
	json_decref(detail);
	free(text);
	lt_slot_set_free(current);
	return rc;
}

static int check_decision(lt_slot_decision decision)
{
	if (decision != LT_DECISION_APPROVED && decision != LT_DECISION_REJECTED)
		return lt_error_set(LT_EUSAGE, "a decision is to approve or to "
				    "reject");
	return LT_OK;
}

static int review(lt_vault *v, const char *id, const unsigned *numbers,
		  size_t n, lt_slot_decision decision, size_t *changed)
{
	lt_slot_set *set = NULL;
	size_t *first = NULL, *pick = NULL, nsug = 0, i;
	int rc;

	if (changed)
		*changed = 0;
	if ((rc = check_decision(decision)))
		return rc;
	if (n == 0)
		return lt_error_set(LT_EUSAGE, "no suggestion numbers given");
	if ((rc = lt_document_slots(&set, v, id)) ||
	    (rc = lt_document_suggestions(&first, &nsug, set)))
		goto out;
	if (!(pick = malloc(n * sizeof(*pick)))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (numbers[i] < 1 || numbers[i] > nsug) {
			rc = nsug == 0
				? lt_error_set(LT_EUSAGE, "'%s' has no suggested "
					       "marks (so no suggestion %u)", id,
					       numbers[i])
				: lt_error_set(LT_EUSAGE, "'%s' has no suggestion "
					       "%u: its suggestions are numbered 1 "
					       "to %zu (list them with 'slots %s "
					       "--suggested')", id, numbers[i], nsug,
					       id);
			goto out;
		}
		pick[i] = numbers[i] - 1;
	}
	/* A number given twice is recorded once: the second finds it done. */
	for (i = 0; i < n; i++) {
		size_t j;

		for (j = 0; j < i; j++)
			if (pick[j] == pick[i])
				break;
		if (j < i)
			pick[i] = pick[--n], i--;
	}
	rc = record(v, id, set, first, pick, n, decision, NULL, changed);
out:
	free(pick);
	free(first);
	lt_slot_set_free(set);
	return rc;
}

int lt_document_review(lt_vault *v, const char *id, const unsigned *numbers,
		       size_t n, lt_slot_decision decision, size_t *changed)
{
	return lt_vault_keep_error(v, review(v, id, numbers, n, decision,
					     changed));
}

static int review_family(lt_vault *v, const char *id, const char *family,
			 lt_slot_decision decision, size_t *matched,
			 size_t *changed)
{
	lt_slot_set *set = NULL;
	size_t *first = NULL, *pick = NULL, nsug = 0, m = 0, i;
	int rc, fam = -1;

	if (matched)
		*matched = 0;
	if (changed)
		*changed = 0;
	if ((rc = check_decision(decision)))
		return rc;
	if (family && (fam = lt_slot_family_by_name(family)) < 0)
		return lt_error_set(LT_EUSAGE, "no rule family is named '%s' (the "
				    "families of a document's suggestions are "
				    "listed by 'slots %s --suggested')", family,
				    id);
	if ((rc = lt_document_slots(&set, v, id)) ||
	    (rc = lt_document_suggestions(&first, &nsug, set)))
		goto out;
	if (!(pick = malloc((nsug + 1) * sizeof(*pick)))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < nsug; i++)
		if (fam < 0 || set->slots[first[i]].family == (unsigned)fam)
			pick[m++] = i;
	if (matched)
		*matched = m;
	/* Even with nothing to decide, a document with copies refuses. */
	rc = record(v, id, set, first, pick, m, decision, family, changed);
out:
	free(pick);
	free(first);
	lt_slot_set_free(set);
	return rc;
}

int lt_document_review_family(lt_vault *v, const char *id, const char *family,
			      lt_slot_decision decision, size_t *matched,
			      size_t *changed)
{
	return lt_vault_keep_error(v, review_family(v, id, family, decision,
						    matched, changed));
}

/* ---------------------------------------------------------------------
 * Context
 * ------------------------------------------------------------------- */

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Append `p[0..n)` with line breaks and tabs as spaces, runs of them as
 * one. */
static int put_flat(lt_buf *out, const char *p, size_t n)
{
	size_t i;
	int rc = LT_OK, space = 0;

	for (i = 0; i < n && rc == LT_OK; i++) {
		if (is_space(p[i])) {
			space = 1;
			continue;
		}
		if (space)
			rc = lt_buf_append(out, " ", 1);
		space = 0;
		if (rc == LT_OK)
			rc = lt_buf_append(out, p + i, 1);
	}
	if (rc == LT_OK && space)
		rc = lt_buf_append(out, " ", 1);
	return rc;
}

int lt_slot_context(lt_buf *out, const lt_slot_set *set, size_t slot,
		    size_t width)
{
	const char *t = set->plain;
	size_t len = set->plain_len, a, b, start, end;
	int rc;

	if (slot >= set->n)
		return LT_OK;
	start = set->slots[slot].start;
	end = set->slots[slot].end;
	/* Back `width` bytes, then to the start of a word and of a UTF-8
	 * character; forward the same way. */
	a = start > width ? start - width : 0;
	while (a > 0 && a < start && !is_space(t[a - 1]))
		a++;
	while (a < start && ((unsigned char)t[a] & 0xc0) == 0x80)
		a++;
	b = end + width < len ? end + width : len;
	while (b < len && b > end && !is_space(t[b]))
		b--;
	while (b > end && b < len && ((unsigned char)t[b] & 0xc0) == 0x80)
		b--;
	rc = a > 0 ? lt_buf_puts(out, "...") : LT_OK;
	if (rc == LT_OK)
		rc = put_flat(out, t + a, start - a);
	if (rc == LT_OK)
		rc = lt_buf_puts(out, "[");
	if (rc == LT_OK)
		rc = put_flat(out, t + start, end - start);
	if (rc == LT_OK)
		rc = lt_buf_puts(out, "]");
	if (rc == LT_OK)
		rc = put_flat(out, t + end, b - end);
	if (rc == LT_OK && b < len)
		rc = lt_buf_puts(out, "...");
	return rc == LT_OK ? LT_OK : lt_error_set(LT_ENOMEM, "out of memory");
}
