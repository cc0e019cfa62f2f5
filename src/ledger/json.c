/*
 * json.c - the ledger as JSON (ledger.h): proof documents written and
 * parsed back, and the documents `leaktrace log --json` and `log verify
 * --json` print, so that every front end prints the same text.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/ledger.h"
#include "ledger/ledger_internal.h"

#define PROOF_FORMAT "leaktrace-proof-v1"
#define MAX_PROOF_BYTES ((size_t)1 << 20)
/* How a parsed detail is written back: compact, keys in their order. */
#define DETAIL_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY)

static json_t *hex_json(const unsigned char *bin, size_t len)
{
	char hex[2 * LT_SIGNATURE_BYTES + 1];

	sodium_bin2hex(hex, sizeof(hex), bin, len);
	return json_string(hex);
}

json_t *lt_ledger_head_json(const lt_tree_head *h)
{
	return json_pack("{s:I, s:o, s:s, s:o}", "size", (json_int_t)h->size,
			 "root", hex_json(h->root, LT_HASH_BYTES), "at", h->at,
			 "signature", hex_json(h->signature, LT_SIGNATURE_BYTES));
}

/* The event as a JSON object (detail parsed when it is JSON). */
json_t *lt_ledger_event_json(const lt_event *e)
{
	json_t *detail = json_loads(e->detail ? e->detail : "null",
				    JSON_DECODE_ANY, NULL);

	if (!detail)
		detail = json_string(e->detail ? e->detail : "");
	return json_pack("{s:I, s:s?, s:s?, s:s?, s:o}", "seq", (json_int_t)e->seq,
			 "at", e->at, "kind", e->kind, "document", e->document,
			 "detail", detail);
}

/*
 * The event as a proof shows it: the detail parsed only when writing it
 * back gives its exact bytes (so that a checker can recompute the entry
 * from what it reads), else the detail text as a string.
 */
static json_t *proof_event_json(const lt_event *e)
{
	const char *text = e->detail ? e->detail : "";
	json_t *detail = json_loads(text, JSON_DECODE_ANY |
				    JSON_REJECT_DUPLICATES, NULL);
	char *again = detail ? json_dumps(detail, DETAIL_FLAGS) : NULL;

	if (!again || strcmp(again, text)) {
		json_decref(detail);
		detail = json_string(text);
	}
	free(again);
	if (!detail)
		return NULL;
	return json_pack("{s:I, s:s?, s:s?, s:s?, s:o}", "seq", (json_int_t)e->seq,
			 "at", e->at, "kind", e->kind, "document", e->document,
			 "detail", detail);
}

int lt_ledger_json_dump(lt_buf *out, json_t *doc)
{
	char *text;
	int rc;

	if (!doc || !(text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER))) {
		json_decref(doc);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	json_decref(doc);
	rc = lt_buf_puts(out, text);
	free(text);
	return rc;
}

int lt_ledger_proof_to_json(lt_buf *out, const lt_ledger_proof *p)
{
	json_t *doc, *path = json_array();
	char *b64 = NULL;

	for (size_t i = 0; i < p->npath; i++)
		json_array_append_new(path, hex_json(p->path[i], LT_HASH_BYTES));
	if (p->type == LT_PROOF_INCLUSION) {
		size_t n = sodium_base64_encoded_len(p->entry.len,
						     sodium_base64_VARIANT_ORIGINAL);

		if (!(b64 = malloc(n))) {
			json_decref(path);
			return lt_error_set(LT_ENOMEM, "out of memory");
		}
		sodium_bin2base64(b64, n, (const unsigned char *)p->entry.data,
				  p->entry.len, sodium_base64_VARIANT_ORIGINAL);
		doc = json_pack("{s:s, s:s, s:I, s:I, s:o, s:s, s:o, s:o, s:o, s:o}",
			"format", PROOF_FORMAT, "type", "inclusion",
			"index", (json_int_t)p->index,
			"tree_size", (json_int_t)p->head.size,
			"event", proof_event_json(&p->event),
			"entry", b64,
			"leaf_hash", hex_json(p->leaf_hash, LT_HASH_BYTES),
			"proof", path,
			"tree_head", lt_ledger_head_json(&p->head),
			"public_key", hex_json(p->public_key, LT_SIGN_PUBLIC_BYTES));
	} else {
		doc = json_pack("{s:s, s:s, s:I, s:I, s:o, s:o, s:o, s:o}",
			"format", PROOF_FORMAT, "type", "consistency",
			"size1", (json_int_t)p->head1.size,
			"size2", (json_int_t)p->head2.size,
			"proof", path,
			"tree_head1", lt_ledger_head_json(&p->head1),
			"tree_head2", lt_ledger_head_json(&p->head2),
			"public_key", hex_json(p->public_key, LT_SIGN_PUBLIC_BYTES));
	}
	free(b64);
	return lt_ledger_json_dump(out, doc);
}

/* Fields a proof document may hold: each is signed, hashed into the leaf
 * or checked against a field that is. */
static const char *const inclusion_fields[] = {
	"format", "type", "index", "tree_size", "event", "entry", "leaf_hash",
	"proof", "tree_head", "public_key", NULL
};
static const char *const consistency_fields[] = {
	"format", "type", "size1", "size2", "proof", "tree_head1", "tree_head2",
	"public_key", NULL
};
static const char *const head_fields[] = {
	"size", "root", "at", "signature", NULL
};
static const char *const event_fields[] = {
	"seq", "at", "kind", "document", "detail", NULL
};

/* LT_EINPUT naming the first key of `obj` not in `allowed`; `where` is
 * the object's name in messages ("" for the document itself). */
static int only_fields(const json_t *obj, const char *const *allowed,
		       const char *name, const char *where)
{
	const char *key;
	json_t *val;

	json_object_foreach((json_t *)obj, key, val) {
		size_t i;

		(void)val;
		for (i = 0; allowed[i] && strcmp(allowed[i], key); i++)
			;
		if (!allowed[i])
			return lt_error_set(LT_EINPUT, "%s: unknown field '%s'%s%s "
					    "(only signed fields are allowed; "
					    "this one is not covered by the "
					    "signature)", name, key,
					    *where ? " in " : "", where);
	}
	return LT_OK;
}

/* Field readers for lt_ledger_proof_parse: each sets the error naming
 * `name` and the field. */
static int get_uint(const json_t *obj, const char *field, const char *name,
		    uint64_t *out)
{
	json_t *j = json_object_get(obj, field);

	if (!json_is_integer(j) || json_integer_value(j) < 0)
		return lt_error_set(LT_EINPUT, "%s: field '%s' must be a "
				    "non-negative integer", name, field);
	*out = (uint64_t)json_integer_value(j);
	return LT_OK;
}

static int get_hex(const json_t *obj, const char *field, const char *name,
		   unsigned char *out, size_t len)
{
	const char *s = json_string_value(json_object_get(obj, field));

	if (!s)
		return lt_error_set(LT_EINPUT, "%s: field '%s' is missing or not a "
				    "string", name, field);
	if (lt_ledger_hex_decode(out, len, s))
		return lt_error_set(LT_EINPUT, "%s: field '%s' must be %zu hex "
				    "digits", name, field, 2 * len);
	return LT_OK;
}

static int get_head(const json_t *obj, const char *field, const char *name,
		    lt_tree_head *h)
{
	json_t *j = json_object_get(obj, field);
	const char *at;
	char where[96];
	int rc;

	snprintf(where, sizeof(where), "%s: %s", name, field);
	if (!json_is_object(j))
		return lt_error_set(LT_EINPUT, "%s: field '%s' must be an object "
				    "(the signed tree head)", name, field);
	memset(h, 0, sizeof(*h));
	if ((rc = only_fields(j, head_fields, name, field)) ||
	    (rc = get_uint(j, "size", where, &h->size)) ||
	    (rc = get_hex(j, "root", where, h->root, LT_HASH_BYTES)) ||
	    (rc = get_hex(j, "signature", where, h->signature, LT_SIGNATURE_BYTES)))
		return rc;
	at = json_string_value(json_object_get(j, "at"));
	if (!at || strlen(at) >= sizeof(h->at) || strchr(at, '\n'))
		return lt_error_set(LT_EINPUT, "%s: field 'at' must be a time "
				    "stamp", where);
	snprintf(h->at, sizeof(h->at), "%s", at);
	return LT_OK;
}

static int get_path(const json_t *obj, const char *name, lt_ledger_proof *p)
{
	json_t *arr = json_object_get(obj, "proof");
	size_t i;

	if (!json_is_array(arr))
		return lt_error_set(LT_EINPUT, "%s: field 'proof' must be an array "
				    "of hashes", name);
	if (json_array_size(arr) > LT_MERKLE_MAX_PROOF)
		return lt_error_set(LT_EINPUT, "%s: field 'proof' has %zu hashes "
				    "(at most %d)", name, json_array_size(arr),
				    LT_MERKLE_MAX_PROOF);
	for (i = 0; i < json_array_size(arr); i++) {
		const char *s = json_string_value(json_array_get(arr, i));

		if (!s || lt_ledger_hex_decode(p->path[i], LT_HASH_BYTES, s))
			return lt_error_set(LT_EINPUT, "%s: proof[%zu] must be 64 hex "
					    "digits", name, i);
	}
	p->npath = i;
	return LT_OK;
}

/* A string field of the event (NULL allowed for "document" only). */
static int event_text(const json_t *ev, const char *field, int nullable,
		      const char *name, char **out)
{
	json_t *j = json_object_get(ev, field);

	*out = NULL;
	if (nullable && json_is_null(j))
		return LT_OK;
	if (!json_is_string(j) ||
	    strlen(json_string_value(j)) != json_string_length(j))
		return lt_error_set(LT_EINPUT, "%s: field 'event.%s' must be a "
				    "string%s without NUL characters", name, field,
				    nullable ? " (or null)" : "");
	if (!(*out = strdup(json_string_value(j))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	return LT_OK;
}

/*
 * The event as the proof shows it, into p->event: required, with exactly
 * the fields of an entry.  The detail is kept as the text it stands for:
 * a parsed detail written back compactly, or a string as given (then
 * lt_ledger_proof_check also tries its JSON encoding).
 */
static int parse_event(lt_ledger_proof *p, const json_t *ev, const char *name)
{
	json_t *seq, *detail;
	int rc;

	if (!ev)
		return lt_error_set(LT_EINPUT, "%s: field 'event' (the logged "
				    "event) is missing", name);
	if (!json_is_object(ev))
		return lt_error_set(LT_EINPUT, "%s: field 'event' must be an "
				    "object", name);
	if ((rc = only_fields(ev, event_fields, name, "event")))
		return rc;
	seq = json_object_get(ev, "seq");
	if (!json_is_integer(seq) || json_integer_value(seq) < 1)
		return lt_error_set(LT_EINPUT, "%s: field 'event.seq' must be a "
				    "positive integer", name);
	p->event.seq = (int64_t)json_integer_value(seq);
	if (!json_object_get(ev, "document"))
		return lt_error_set(LT_EINPUT, "%s: field 'event.document' is "
				    "missing (null when the event concerns no "
				    "document)", name);
	if ((rc = event_text(ev, "at", 0, name, &p->event.at)) ||
	    (rc = event_text(ev, "kind", 0, name, &p->event.kind)) ||
	    (rc = event_text(ev, "document", 1, name, &p->event.document)))
		return rc;
	if (!(detail = json_object_get(ev, "detail")))
		return lt_error_set(LT_EINPUT, "%s: field 'event.detail' is "
				    "missing", name);
	if (json_is_string(detail)) {
		p->detail_is_text = 1;
		return event_text(ev, "detail", 0, name, &p->event.detail);
	}
	if (!(p->event.detail = json_dumps(detail, DETAIL_FLAGS)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	return LT_OK;
}

static int parse_inclusion(lt_ledger_proof *p, const json_t *doc,
			   const char *name)
{
	const char *b64 = json_string_value(json_object_get(doc, "entry"));
	uint64_t size;
	size_t len = 0, cap;
	lt_event signed_event;
	int rc;

	if ((rc = only_fields(doc, inclusion_fields, name, "")) ||
	    (rc = get_uint(doc, "index", name, &p->index)) ||
	    (rc = get_uint(doc, "tree_size", name, &size)) ||
	    (rc = get_hex(doc, "leaf_hash", name, p->leaf_hash, LT_HASH_BYTES)) ||
	    (rc = get_path(doc, name, p)) ||
	    (rc = get_head(doc, "tree_head", name, &p->head)))
		return rc;
	if (size != p->head.size)
		return lt_error_set(LT_EINPUT, "%s: tree_size %" PRIu64 " differs "
				    "from the signed tree head's size %" PRIu64,
				    name, size, p->head.size);
	if (!b64)
		return lt_error_set(LT_EINPUT, "%s: field 'entry' (base64) is "
				    "missing", name);
	cap = strlen(b64) / 4 * 3 + 3;
	if ((rc = lt_buf_reserve(&p->entry, cap)))
		return rc;
	if (sodium_base642bin((unsigned char *)p->entry.data, cap, b64,
			      strlen(b64), NULL, &len, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0)
		return lt_error_set(LT_EINPUT, "%s: field 'entry' is not base64",
				    name);
	p->entry.len = len;
	p->entry.data[len] = '\0';
	if (lt_event_entry_parse(&signed_event, p->entry.data, p->entry.len))
		return lt_error_set(LT_EINPUT, "%s: field 'entry' is not a ledger "
				    "entry (%s)", name, lt_error_message());
	lt_event_clear(&signed_event);
	return parse_event(p, json_object_get(doc, "event"), name);
}

int lt_ledger_proof_parse(lt_ledger_proof **out, const char *text, size_t len,
			  const char *name)
{
	lt_ledger_proof *p = NULL;
	json_error_t err;
	const char *fmt, *type;
	json_t *doc;
	int rc;

	*out = NULL;
	if (len > MAX_PROOF_BYTES)
		return lt_error_set(LT_EINPUT, "%s: %zu bytes is too large for a "
				    "proof document", name, len);
	if (!(doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err)))
		return lt_error_set(LT_EINPUT, "%s:%d: not a JSON proof document "
				    "(%s)", name, err.line, err.text);
	if (!json_is_object(doc)) {
		rc = lt_error_set(LT_EINPUT, "%s: a proof document is a JSON object",
				  name);
		goto out;
	}
	fmt = json_string_value(json_object_get(doc, "format"));
	type = json_string_value(json_object_get(doc, "type"));
	if (!fmt || strcmp(fmt, PROOF_FORMAT)) {
		rc = lt_error_set(LT_EINPUT, "%s: field 'format' must be \"%s\"",
				  name, PROOF_FORMAT);
		goto out;
	}
	if (!type || (strcmp(type, "inclusion") && strcmp(type, "consistency"))) {
		rc = lt_error_set(LT_EINPUT, "%s: field 'type' must be \"inclusion\" "
				  "or \"consistency\"", name);
		goto out;
	}
	if (!(p = lt_ledger_proof_new(strcmp(type, "inclusion") ? LT_PROOF_CONSISTENCY
						       : LT_PROOF_INCLUSION))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = get_hex(doc, "public_key", name, p->public_key,
			  LT_SIGN_PUBLIC_BYTES)))
		goto out;
	if (p->type == LT_PROOF_INCLUSION) {
		rc = parse_inclusion(p, doc, name);
	} else {
		uint64_t s1, s2;

		if (!(rc = only_fields(doc, consistency_fields, name, "")) &&
		    !(rc = get_uint(doc, "size1", name, &s1)) &&
		    !(rc = get_uint(doc, "size2", name, &s2)) &&
		    !(rc = get_path(doc, name, p)) &&
		    !(rc = get_head(doc, "tree_head1", name, &p->head1)) &&
		    !(rc = get_head(doc, "tree_head2", name, &p->head2)) &&
		    (s1 != p->head1.size || s2 != p->head2.size))
			rc = lt_error_set(LT_EINPUT, "%s: size1/size2 differ from the "
					  "signed tree heads' sizes", name);
	}
out:
	json_decref(doc);
	if (rc) {
		lt_ledger_proof_free(p);
		return rc;
	}
	*out = p;
	return LT_OK;
}


int lt_tree_head_to_json(lt_buf *out, const lt_tree_head *h)
{
	return lt_ledger_json_dump(out, lt_ledger_head_json(h));
}

int lt_tree_head_parse(lt_tree_head *out, const char *text, size_t len,
		       const char *name)
{
	json_error_t err;
	json_t *doc, *wrap;
	int rc;

	memset(out, 0, sizeof(*out));
	if (len > MAX_PROOF_BYTES)
		return lt_error_set(LT_EINPUT, "%s: %zu bytes is too large for a "
				    "tree head", name, len);
	if (!(doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err)))
		return lt_error_set(LT_EINPUT, "%s:%d: not a JSON tree head (%s)",
				    name, err.line, err.text);
	if (!json_is_object(doc)) {
		json_decref(doc);
		return lt_error_set(LT_EINPUT, "%s: a tree head is a JSON object "
				    "(from 'leaktrace log head')", name);
	}
	if (json_object_get(doc, "tree_head")) {
		rc = get_head(doc, "tree_head", name, out);
	} else {
		/* The head alone: wrap it so that get_head reads it. */
		wrap = json_pack("{s:O}", "tree_head", doc);
		rc = wrap ? get_head(wrap, "tree_head", name, out)
			  : lt_error_set(LT_ENOMEM, "out of memory");
		json_decref(wrap);
	}
	json_decref(doc);
	if (rc == LT_OK && out->size == 0)
		rc = lt_error_set(LT_EINPUT, "%s: a tree head of size 0 proves "
				  "nothing", name);
	return rc;
}

int lt_ledger_events_json(lt_buf *out, const lt_event *events, size_t n,
			  const lt_tree_head *head)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, lt_ledger_event_json(&events[i]));
	return lt_ledger_json_dump(out, json_pack("{s:I, s:o, s:o}", "size",
		(json_int_t)(head ? head->size : 0), "tree_head",
		head ? lt_ledger_head_json(head) : json_null(), "events", arr));
}

int lt_ledger_report_json(lt_buf *out, const lt_ledger_report *r)
{
	json_t *arr = json_array();
	char hex[65];

	sodium_bin2hex(hex, sizeof(hex), r->root, LT_HASH_BYTES);
	for (size_t i = 0; i < r->nproblems; i++) {
		const lt_ledger_problem *p = &r->problems[i];

		json_array_append_new(arr, json_pack("{s:s, s:I, s:I, s:s}", "kind",
			lt_ledger_problem_name(p->kind), "seq", (json_int_t)p->seq,
			"size", (json_int_t)p->size, "message", p->message));
	}
	return lt_ledger_json_dump(out, json_pack("{s:b, s:I, s:I, s:I, s:s, s:o, "
		"s:o, s:I}", "verified", r->nproblems == 0, "entries",
		(json_int_t)r->entries, "leaves", (json_int_t)r->leaves,
		"tree_heads", (json_int_t)r->heads, "root", hex, "tree_head",
		r->has_head ? lt_ledger_head_json(&r->head) : json_null(),
		"problems", arr, "problems_not_shown",
		(json_int_t)r->problems_dropped));
}
