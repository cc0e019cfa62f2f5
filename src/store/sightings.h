/*
 * sightings.h - the store's sightings area: where protected documents
 * were seen, as found by scans (store/store.h explains areas).  A
 * sighting is one text of one message (or attachment) quoting one
 * document; it is recorded once, keyed by platform, channel, message,
 * document, source file and attachment.
 */
#ifndef LT_STORE_SIGHTINGS_H
#define LT_STORE_SIGHTINGS_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/scan.h"
#include "store/vault_internal.h"

/* A sighting to record, of document row `doc`. */
typedef struct lt_store_sighting_new {
	int64_t doc;
	const lt_sighting *g; /* its id, document and first_seen are ignored */
	int64_t id;           /* set: the new row, 0 if it was there already */
} lt_store_sighting_new;

struct lt_store_sightings_ops {
	/*
	 * Look up the sighting of document row `doc` with g's key (platform,
	 * channel, message, source, attachment); when found (*found), fill
	 * g's id, verdict, copy, recipient, p_false, verify and first_seen.
	 */
	int (*find)(lt_vault *v, int64_t doc, lt_sighting *g, int *found);
	/* Record sightings that are not recorded yet, all seen first at
	 * `first_seen` (inside a transaction). */
	int (*add)(lt_vault *v, lt_store_sighting_new *s, size_t n,
		   const char *first_seen);
	/*
	 * The sightings of document row `doc` (of all documents when 0)
	 * ordered by posted_at (unknown last), then row, with their document
	 * rows in (*docs)[i] and `document` left NULL.  Freed with
	 * lt_sightings_free() and free().
	 */
	int (*list)(lt_vault *v, int64_t doc, lt_sighting **out, int64_t **docs,
		    size_t *n);
};

int lt_store_sightings_find(lt_vault *v, int64_t doc, lt_sighting *g,
			    int *found);
int lt_store_sightings_add(lt_vault *v, lt_store_sighting_new *s, size_t n,
			   const char *first_seen);
int lt_store_sightings_list(lt_vault *v, int64_t doc, lt_sighting **out,
			    int64_t **docs, size_t *n);

/* Free a sighting's strings and zero it (lt_sightings_free() frees an
 * array of them). */
void lt_sighting_clear(lt_sighting *g);

/* The SQLite backend's table (store/sqlite_sightings.c). */
extern const struct lt_store_sightings_ops lt_sqlite_sightings_ops;

#endif
