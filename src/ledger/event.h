/*
 * event.h - how liblt's modules record what they did: one event appended
 * to the ledger inside the caller's transaction (seal.c).
 */
#ifndef LT_LEDGER_EVENT_H
#define LT_LEDGER_EVENT_H

#include "leaktrace/vault.h"

/*
 * Append an event to the log inside the current transaction.  `detail` is
 * a JSON text (may be NULL for "{}").  When the transaction commits, its
 * events get their Merkle leaves and one signed tree head, atomically with
 * them.  Outside a transaction the event gets one of its own.
 */
int lt_ledger_event(lt_vault *v, const char *kind, const char *document,
		    const char *detail);

#endif
