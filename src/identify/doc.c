/*
 * doc.c - a registered document loaded for work (identify/doc.h): its
 * slot set and tokens read from the store, its code from the vault key.
 */
#include <stdlib.h>

#include <sodium.h>

#include "leaktrace/error.h"
#include "identify/doc.h"
#include "store/docs.h"

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
	rc = lt_slot_set_load(&d->set, row.slots.data, row.slots.len);
	lt_store_doc_clear(&row);
	if (rc) {
		rc = lt_error_set(LT_EVAULT, "vault is damaged: slots of document "
				  "'%s': %s", d->id, lt_error_message());
		goto fail;
	}
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
