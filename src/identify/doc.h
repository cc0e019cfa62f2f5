/*
 * doc.h - a registered document loaded for work: its slots, their tokens
 * and its code.  Identification aligns with it; issue, trace and verify
 * work from it.
 */
#ifndef LT_IDENTIFY_DOC_H
#define LT_IDENTIFY_DOC_H

#include <stdint.h>

#include "leaktrace/code.h"
#include "leaktrace/slots.h"
#include "leaktrace/text.h"
#include "store/vault_internal.h"

typedef struct lt_doc {
	int64_t rowid;
	char *id;
	lt_bias_scheme scheme;
	lt_slot_set *set;
	lt_tokens *tok; /* tokens of set->plain */
	lt_code *code;
} lt_doc;

/* Load by id (when `id` is not NULL) or by rowid. */
int lt_doc_load(lt_doc **out, lt_vault *v, const char *id, int64_t rowid);
void lt_doc_free(lt_doc *d);

#endif
