/*
 * pdq_store.h - what liblt's own modules use of the vault's page-image
 * hashes (table page_hashes): adding a hash inside a transaction that is
 * already open, so that the page renderer can record the hashes of the
 * pages it writes in the same transaction as the copy it issues.
 */
#ifndef LT_PDQ_STORE_H
#define LT_PDQ_STORE_H

#include <stdint.h>

#include "leaktrace/pdq.h"
#include "store/vault_internal.h"

/*
 * Record `hash` (of quality 0..100) for page `page` (1-based) of the
 * document with row id `doc`, of its copy with row id `copy` (0 for the
 * original); `source` (may be NULL) says where the image came from.  Must
 * be called inside a transaction (lt_vault_begin).  *added (may be NULL)
 * is set to 1 when the row is new, 0 when it was already there; an event
 * is logged for new rows.
 */
int lt_pdq_store_add(lt_vault *v, int64_t doc, int64_t copy, int page,
		     const lt_pdq_hash *hash, int quality, const char *source,
		     int *added);

#endif
