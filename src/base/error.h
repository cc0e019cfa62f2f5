/*
 * error.h - the error slot a long-lived handle keeps (the vault, the
 * scanner, an OCR context), as sqlite3_errmsg() keeps one per connection.
 *
 * Functions inside liblt record failures with lt_error_set() in the calling
 * thread's slot (leaktrace/error.h); a public function that takes a handle
 * ends with `return lt_error_keep(&h->err, rc);`, which copies the outcome
 * of the call into the handle.  Two threads using two handles never read
 * each other's message.
 */
#ifndef LT_BASE_ERROR_H
#define LT_BASE_ERROR_H

#include "leaktrace/error.h"

#define LT_ERROR_MESSAGE_MAX 1024

typedef struct lt_error_slot {
	int code;                           /* LT_OK after a call that worked */
	char message[LT_ERROR_MESSAGE_MAX]; /* "" after a call that worked */
} lt_error_slot;

/*
 * Record the outcome `rc` of a call in `slot` and return `rc`.  A failure
 * takes the calling thread's last message when it carries the same code,
 * else the code's name; success clears the slot.
 */
int lt_error_keep(lt_error_slot *slot, int rc);

#endif
