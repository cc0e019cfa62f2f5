/*
 * page_record.h - recording a page image's (or an embedded figure's) PDQ
 * hash with its ledger event.
 */
#ifndef LT_READ_PAGE_RECORD_H
#define LT_READ_PAGE_RECORD_H

#include <stdint.h>

#include "store/vault_internal.h"

/*
 * Record the hash `hash` (32 bytes, of quality 0..100) of page `page`
 * (1-based) of document row `doc`, of its copy row `copy` (0 for the
 * original); `source` (may be NULL) says where the image came from.  Must
 * be called inside a transaction (lt_vault_begin), so that the page
 * renderer records the hashes of the pages it writes in the same
 * transaction as the copy it issues.  *added (may be NULL) is set to 1
 * when the row is new, 0 when it was already there; a "page-hash" event
 * is logged for new rows.
 */
int lt_page_hash_record(lt_vault *v, int64_t doc, int64_t copy, int page,
			 const unsigned char hash[32], int quality,
			 const char *source, int *added);

/*
 * Record the hash of figure `figure` (0-based: a raster image inside a
 * Word or PDF original, issue/figures.h) of document row `doc`, with its
 * "page-hash" event ({"figure": k, ...}) when new.  Inside a transaction.
 */
int lt_figure_hash_record(lt_vault *v, int64_t doc, int figure,
			  const unsigned char hash[32], int quality,
			  const char *source);

#endif
