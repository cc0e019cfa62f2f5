/*
 * doc.c - a registered document loaded for work (identify/doc.h): its
 * slot set read from the store with the author's decisions applied, its
 * tokens, and its code from the vault key.
 */
#include <stdlib.h>

#include <sodium.h>

#include "leaktrace/error.h"
#include "identify/doc.h"

/* Applying recorded decisions to a slot set. */
typedef struct apply_ctx {
	lt_slot_set *set;
	const char *id;
} apply_ctx;

static int apply_decision(void *ctx, uint32_t group, int decision,
			  const char *decided_at)
{
	apply_ctx *a = ctx;
	lt_slot *s;

	(void)decided_at;
	if (group >= a->set->n || a->set->slots[group].group != group ||
	    a->set->slots[group].use != LT_SLOT_SUGGESTED)
		return lt_error_set(LT_EVAULT, "vault is damaged: document '%s' "
				    "records a decision on slot %u, which is not "
				    "a suggestion", a->id, (unsigned)group);
	s = &a->set->slots[group];
	s->decision = (uint8_t)decision;
	return LT_OK;
}

int lt_doc_slots_load(lt_slot_set **out, lt_vault *v, const lt_store_doc *row)
{
	lt_slot_set *set = NULL;
	apply_ctx a;
	size_t i;
	int rc;

	*out = NULL;
	if ((rc = lt_slot_set_load(&set, row->slots.data, row->slots.len)))
		return lt_error_set(LT_EVAULT, "vault is damaged: slots of "
				    "document '%s': %s", row->id ? row->id : "?",
				    lt_error_message());
	/* The saved set says nothing of decisions: every suggestion starts
	 * pending, then takes what the vault records. */
	for (i = 0; i < set->n; i++)
		set->slots[i].decision = LT_DECISION_PENDING;
	a.set = set;
	a.id = row->id ? row->id : "?";
	if ((rc = lt_store_docs_decisions_each(v, row->rowid, apply_decision,
					       &a))) {
		lt_slot_set_free(set);
		return rc;
	}
	for (i = 0; i < set->n; i++)
		set->slots[i].decision = set->slots[set->slots[i].group].decision;
	*out = set;
	return LT_OK;
}

/* Comparing recorded decisions with a loaded set. */
typedef struct compare_ctx {
	const lt_slot_set *set;
	size_t recorded;
} compare_ctx;

static int compare_decision(void *ctx, uint32_t group, int decision,
			    const char *decided_at)
{
	compare_ctx *c = ctx;

	(void)decided_at;
	if (group >= c->set->n || c->set->slots[group].decision != decision)
		return LT_EUSAGE;
	c->recorded++;
	return LT_OK;
}

int lt_doc_decisions_current(lt_vault *v, const lt_doc *d)
{
	compare_ctx c = {d->set, 0};
	size_t i, decided = 0;
	int rc;

	for (i = 0; i < d->set->n; i++)
		decided += d->set->slots[i].group == i &&
			   d->set->slots[i].decision != LT_DECISION_PENDING;
	rc = lt_store_docs_decisions_each(v, d->rowid, compare_decision, &c);
	if (rc == LT_EUSAGE || (rc == LT_OK && c.recorded != decided))
		return lt_error_set(LT_EUSAGE, "the author's decisions on the "
				    "suggested marks of '%s' changed while its "
				    "copies were being made; issue them again",
				    d->id);
	return rc;
}

void lt_doc_free(lt_doc *d)
{
	if (!d)
		return;
	free(d->id);
	lt_slot_set_free(d->set);
	lt_tokens_free(d->tok);
	lt_code_free(d->code);
	free(d);
}

int lt_doc_load(lt_doc **out, lt_vault *v, const char *id, int64_t rowid)
{
	unsigned char key[LT_KEY_BYTES];
	lt_store_doc row = {0};
	lt_doc *d;
	uint8_t *q = NULL;
	int rc, scheme;

	*out = NULL;
	if ((rc = lt_store_docs_load(v, id, rowid, &row)))
		return rc;
	if (!(d = calloc(1, sizeof(*d)))) {
		lt_store_doc_clear(&row);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	d->rowid = row.rowid;
	d->id = row.id;
	row.id = NULL;
	scheme = lt_bias_scheme_parse(row.bias);
	row.id = d->id;
	rc = lt_doc_slots_load(&d->set, v, &row);
	row.id = NULL;
	lt_store_doc_clear(&row);
	if (rc)
		goto fail;
	if (scheme < 0) {
		rc = lt_error_set(LT_EVAULT, "vault is damaged: document '%s' has an "
				  "unknown bias scheme", d->id);
		goto fail;
	}
	d->scheme = (lt_bias_scheme)scheme;
	if ((rc = lt_tokenize(&d->tok, d->set->plain, d->set->plain_len)))
		goto fail;
	if (!(q = malloc(d->set->n + 1))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < d->set->n; i++)
		q[i] = d->set->slots[i].nvariants;
	lt_vault_document_key(v, d->id, key);
	rc = lt_code_new(&d->code, key, q, d->set->n, d->scheme);
	sodium_memzero(key, sizeof(key));
	free(q);
	if (rc)
		goto fail;
	*out = d;
	return LT_OK;
fail:
	lt_doc_free(d);
	return rc;
}
