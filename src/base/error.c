/*
 * error.c - the thread-local last-error slot behind every failing liblt
 * call, and the per-handle slots (base/error.h) it is copied into.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"

static _Thread_local char last_message[LT_ERROR_MESSAGE_MAX];
static _Thread_local int last_code;

/*
 * The message is formatted into a local buffer first and copied into the
 * slot afterwards, so that an argument may be lt_error_message() itself
 * ("%s: %s", path, lt_error_message()): vsnprintf from a buffer into the
 * same buffer is undefined behaviour and garbles the message.
 */
int lt_error_set(int code, const char *fmt, ...)
{
	char message[sizeof(last_message)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	memcpy(last_message, message, sizeof(last_message));
	last_code = code;
	return code;
}

const char *lt_error_message(void)
{
	return last_message;
}

int lt_error_code(void)
{
	return last_code;
}

void lt_error_clear(void)
{
	last_message[0] = '\0';
	last_code = LT_OK;
}

int lt_error_keep(lt_error_slot *slot, int rc)
{
	if (!slot)
		return rc;
	slot->code = rc;
	if (rc == LT_OK)
		slot->message[0] = '\0';
	else
		snprintf(slot->message, sizeof slot->message, "%s",
			 last_code == rc && last_message[0] ? last_message
							    : lt_error_name(rc));
	return rc;
}

const char *lt_error_name(int code)
{
	switch (code) {
	case LT_OK: return "ok";
	case LT_ENOMEM: return "out of memory";
	case LT_EUSAGE: return "usage";
	case LT_EINPUT: return "input";
	case LT_EIO: return "i/o";
	case LT_EVAULT: return "vault";
	case LT_ELOCKED: return "locked";
	case LT_ENOTFOUND: return "not found";
	case LT_EEXISTS: return "exists";
	default: return "internal";
	}
}
