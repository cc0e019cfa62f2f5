/*
 * model.c - what the report is made of: each sighting's stored
 * verification read into the changes the report lists, and times written
 * for readers ("1 Mar 2023 17:04 UTC").
 *
 * A verification that cannot be read shows as "unknown" rather than
 * failing the report; times are parsed by base/time.h (lt_time_parse_str)
 * in report.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "leaktrace/error.h"
#include "leaktrace/verify.h"
#include "base/time.h"
#include "report/report_internal.h"

/* ===================================================================
 * A sighting's verification
 * =================================================================== */

void lt_report_item_clear(item *it)
{
	size_t i;

	for (i = 0; i < it->nchanges; i++) {
		free(it->changes[i].kind);
		free(it->changes[i].original);
		free(it->changes[i].found);
	}
	free(it->changes);
	it->changes = NULL;
	it->nchanges = 0;
}

static const char *json_str_or(json_t *o, const char *key, const char *dflt)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : dflt;
}

static long long json_int_or(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (json_is_integer(v))
		return (long long)json_integer_value(v);
	if (json_is_real(v))
		return (long long)json_real_value(v);
	return -1;
}

/*
 * Read a sighting's stored verification: NULL (not verified), a bare
 * verdict word, or {"verdict": ..., "changes": [...]}.  Anything else is
 * shown as "unknown" rather than failing the report.  LT_ENOMEM only.
 */
int lt_report_parse_verification(item *it, const char *text)
{
	json_t *doc, *changes, *c;
	const char *verdict;
	size_t i, n;

	it->verified[0] = '\0';
	if (!text || !*text)
		return LT_OK;
	if (!strcmp(text, "genuine") || !strcmp(text, "altered") ||
	    !strcmp(text, "unknown")) {
		snprintf(it->verified, sizeof(it->verified), "%s", text);
		return LT_OK;
	}
	strcpy(it->verified, "unknown");
	if (!(doc = json_loads(text, JSON_DECODE_ANY, NULL)))
		return LT_OK;
	if (!json_is_object(doc)) {
		json_decref(doc);
		return LT_OK;
	}
	verdict = json_str_or(doc, "verdict", "unknown");
	if (!strcmp(verdict, "genuine") || !strcmp(verdict, "altered"))
		snprintf(it->verified, sizeof(it->verified), "%s", verdict);
	changes = json_object_get(doc, "changes");
	n = json_is_array(changes) ? json_array_size(changes) : 0;
	if (n && !(it->changes = calloc(n, sizeof(*it->changes)))) {
		json_decref(doc);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	json_array_foreach(changes, i, c) {
		change *ch = &it->changes[it->nchanges];
		json_t *kind = json_object_get(c, "kind"), *conf;
		const char *kname = "changed";

		if (!json_is_object(c))
			continue;
		if (json_is_string(kind))
			kname = json_string_value(kind);
		else if (json_is_integer(kind))
			kname = lt_change_kind_name((lt_change_kind)json_integer_value(kind));
		ch->kind = dup_str(kname);
		ch->original = dup_str(json_str_or(c, "original", ""));
		ch->found = dup_str(json_str_or(c, "found", ""));
		ch->at = json_int_or(c, "at");
		ch->original_at = json_int_or(c, "original_at");
		conf = json_object_get(c, "confidence");
		ch->confidence = json_is_number(conf) ? json_number_value(conf) : NAN;
		it->nchanges++;
		if (!ch->kind || !ch->original || !ch->found) {
			json_decref(doc);
			return lt_error_set(LT_ENOMEM, "out of memory");
		}
	}
	json_decref(doc);
	return LT_OK;
}

/* ===================================================================
 * Times for readers (UTC)
 * =================================================================== */

const char *const lt_report_month_names[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* "1 Mar 2023 17:04 UTC" into buf[40]. */
void lt_report_format_time(int64_t t, char *buf, size_t size)
{
	lt_civil c = lt_time_civil(t);

	snprintf(buf, size, "%d %s %lld %02d:%02d UTC", c.day,
		 lt_report_month_names[c.month - 1], (long long)c.year, c.hour,
		 c.minute);
}
