/*
 * ledger_internal.h - the hook through which the vault seals its ledger.
 */
#ifndef LT_LEDGER_INTERNAL_H
#define LT_LEDGER_INTERNAL_H

#include "leaktrace/vault.h"

/*
 * Inside the open write transaction: hash every event not yet in the
 * Merkle tree into it (leaf rows and the interior nodes they complete) and
 * write one signed tree head for the new size.  Does nothing when no event
 * is waiting.  Called by lt_vault_commit just before COMMIT, so the events,
 * their leaves and the head commit (or roll back) together with the
 * effect they record.  Creates `signing.key` on first use.
 */
int lt_ledger_seal(lt_vault *v);

#endif
