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
#include "store/docs.h"
#include "store/vault_internal.h"

typedef struct lt_doc {
	int64_t rowid;
	char *id;
	lt_bias_scheme scheme;
	lt_slot_set *set;
	lt_tokens *tok; /* tokens of set->plain */
	lt_code *code;
} lt_doc;

/* Load by id (when `id` is not NULL) or by rowid.  The slot set carries
 * the author's decisions (lt_doc_slots_load). */
int lt_doc_load(lt_doc **out, lt_vault *v, const char *id, int64_t rowid);
void lt_doc_free(lt_doc *d);

/*
 * The one place a registered document's slot set is made for work (issue,
 * trace, verify, scan, `slots`): the set saved at register (row->slots)
 * with the author's decisions recorded in the vault applied, each to every
 * slot of its group.  A decision on a slot that is not the first of a
 * suggested group is a damaged vault (LT_EVAULT).
 */
int lt_doc_slots_load(lt_slot_set **out, lt_vault *v,
		      const lt_store_doc *row);

/*
 * LT_OK when the decisions recorded for document `d` now are those its
 * slot set was loaded with; else LT_EUSAGE saying they changed (called
 * inside issue's transaction, so a copy never carries marks other than
 * those the vault says it does).
 */
int lt_doc_decisions_current(lt_vault *v, const lt_doc *d);

#endif
