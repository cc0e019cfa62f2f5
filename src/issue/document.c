/*
 * document.c - registering originals: read (text, Markdown, or the text
 * of a Word document or a PDF, whose file is kept), find slots, choose
 * the code's bias scheme, index for identification, record; and looking
 * them up, with what issue uses now (the author's decisions applied).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/code.h"
#include "leaktrace/document.h"
#include "leaktrace/error.h"
#include "leaktrace/extract.h"
#include "leaktrace/file.h"
#include "leaktrace/render.h"
#include "leaktrace/text.h"
#include "identify/doc.h"
#include "identify/match.h"
#include "ledger/event.h"
#include "store/vault_internal.h"
#include "store/copies.h"
#include "store/docs.h"
#include "render/docx.h"
#include "issue/pdf_original.h"

#define MAX_DOCUMENT_BYTES (16u << 20)

int lt_document_id_valid(const char *id)
{
	size_t i, n = strlen(id);

	if (n == 0 || n > 64 || id[0] == '.' || id[0] == '-')
		return 0;
	for (i = 0; i < n; i++) {
		char c = id[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

/* A document id from a file name: its base name without extension,
 * with other characters turned into '-'. */
static void id_from_path(const char *path, char id[65])
{
	const char *base = strrchr(path, '/');
	const char *dot;
	size_t n, i;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	if (n > 64)
		n = 64;
	for (i = 0; i < n; i++) {
		char c = base[i];

		id[i] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			 (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.')
				? c : '-';
	}
	id[n] = '\0';
	if (n == 0 || id[0] == '.' || id[0] == '-')
		snprintf(id, 65, "doc");
}

static const char *format_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot && (!strcmp(dot, ".md") || !strcmp(dot, ".markdown")))
		return "md";
	return "txt";
}

void lt_document_info_free(lt_document_info *info)
{
	if (!info)
		return;
	free(info->id);
	free(info->title);
	free(info->format);
	free(info->registered_at);
	free(info);
}

/* Count and weigh the marks of one channel in `scope`: a group counts
 * once, with the bits a single leaker's copy carries under `scheme`. */
static void scope_capacity(const lt_slot_set *set, lt_bias_scheme scheme,
			   lt_channel channel, lt_slot_scope scope,
			   size_t *count, double *bits)
{
	size_t i;

	*count = 0;
	*bits = 0;
	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];
		int in;

		if (s->channel != channel || s->group != i)
			continue;
		if (scope == LT_SCOPE_DEFAULT)
			in = s->use == LT_SLOT_DEFAULT;
		else if (scope == LT_SCOPE_ALL)
			/* every suggestion approved but those rejected */
			in = s->use == LT_SLOT_DEFAULT ||
			     s->decision != LT_DECISION_REJECTED;
		else
			in = lt_slot_active(s);
		if (!in)
			continue;
		(*count)++;
		*bits += lt_code_capacity_bits(&s->nvariants, 1, scheme);
	}
}

/* Fill the capacities and suggestion counts of `d` from `set` (with the
 * author's decisions applied). */
static void fill_capacity(lt_document_info *d, const lt_slot_set *set,
			  lt_bias_scheme scheme)
{
	size_t i;

	scope_capacity(set, scheme, LT_CHANNEL_LEXICAL, LT_SCOPE_ACTIVE,
		       &d->lexical_slots, &d->cap_lexical);
	scope_capacity(set, scheme, LT_CHANNEL_TYPOGRAPHIC, LT_SCOPE_ACTIVE,
		       &d->typographic_slots, &d->cap_typographic);
	scope_capacity(set, scheme, LT_CHANNEL_LEXICAL, LT_SCOPE_DEFAULT,
		       &d->default_lexical_slots, &d->default_cap_lexical);
	scope_capacity(set, scheme, LT_CHANNEL_TYPOGRAPHIC, LT_SCOPE_DEFAULT,
		       &d->default_typographic_slots,
		       &d->default_cap_typographic);
	scope_capacity(set, scheme, LT_CHANNEL_LEXICAL, LT_SCOPE_ALL,
		       &d->all_lexical_slots, &d->all_cap_lexical);
	scope_capacity(set, scheme, LT_CHANNEL_TYPOGRAPHIC, LT_SCOPE_ALL,
		       &d->all_typographic_slots, &d->all_cap_typographic);
	d->suggestions = d->approved = d->rejected = 0;
	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];

		if (s->group != i || s->use != LT_SLOT_SUGGESTED)
			continue;
		d->suggestions++;
		d->approved += s->decision == LT_DECISION_APPROVED;
		d->rejected += s->decision == LT_DECISION_REJECTED;
	}
}

/* The slot set of document `id` with its decisions applied, and the
 * row's bias scheme. */
static int load_slots(lt_slot_set **out, lt_bias_scheme *scheme,
		      lt_vault *v, const char *id)
{
	lt_store_doc d = {0};
	int rc, sc = 0;

	*out = NULL;
	if ((rc = lt_store_docs_load(v, id, 0, &d)) == LT_OK)
		rc = lt_doc_slots_load(out, v, &d);
	if (rc == LT_OK && (sc = lt_bias_scheme_parse(d.bias)) < 0) {
		rc = lt_error_set(LT_EVAULT, "vault is damaged: document '%s' "
				  "has an unknown bias scheme", id);
		lt_slot_set_free(*out);
		*out = NULL;
	}
	if (scheme)
		*scheme = (lt_bias_scheme)(sc < 0 ? 0 : sc);
	lt_store_doc_clear(&d);
	return rc;
}

static int document_get(lt_document_info **out, lt_vault *v, const char *id)
{
	lt_document_info *d;
	lt_slot_set *set = NULL;
	lt_bias_scheme scheme;
	int64_t rowid = 0;
	int rc;

	*out = NULL;
	if (!(d = calloc(1, sizeof(*d))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	if ((rc = lt_store_docs_info(v, id, d, &rowid)) ||
	    (rc = lt_store_copies_count(v, rowid, &d->copies)) ||
	    (rc = load_slots(&set, &scheme, v, id))) {
		lt_document_info_free(d);
		return rc;
	}
	/* What the row recorded at register is what issue used then; the
	 * author's decisions since change it. */
	fill_capacity(d, set, scheme);
	{
		lt_layout_plan *plan = NULL;

		/* a text that cannot be laid out has no printed capacity */
		if (lt_layout_plan_new(&plan, set, NULL) == LT_OK) {
			d->pages = lt_layout_pages(plan);
			d->cap_layout = (double)lt_layout_slots(plan);
		}
		lt_layout_plan_free(plan);
		lt_error_clear();
	}
	if (d->format && !strcmp(d->format, "pdf")) {
		/* copies in the original's own look: its lines' slots */
		lt_pdf_plan *own = NULL;

		if (lt_pdf_original_plan(&own, NULL, v, rowid, id) == LT_OK &&
		    own) {
			d->pages = lt_pdf_plan_pages(own);
			d->cap_layout = (double)lt_pdf_plan_slots(own);
		}
		lt_pdf_plan_free(own);
		lt_error_clear();
	}
	lt_slot_set_free(set);
	*out = d;
	return LT_OK;
}

int lt_document_get(lt_document_info **out, lt_vault *v, const char *id)
{
	return lt_vault_keep_error(v, document_get(out, v, id));
}

int lt_document_slots(lt_slot_set **out, lt_vault *v, const char *id)
{
	return lt_vault_keep_error(v, load_slots(out, NULL, v, id));
}

/* A document's bytes in memory, decoded as a file's would be; messages
 * name `name`. */
static int decode_document(lt_buf *text, const void *data, size_t len,
			   const char *name)
{
	char msg[1024];
	int rc;

	if (len > MAX_DOCUMENT_BYTES)
		return lt_error_set(LT_EINPUT, "%s: too large (%zu bytes, limit "
				    "%u)", name, len, MAX_DOCUMENT_BYTES);
	if ((rc = lt_text_decode(text, data ? data : "", len, NULL))) {
		snprintf(msg, sizeof(msg), "%s", lt_error_message());
		rc = lt_error_set(rc, "%s: %s", name, msg);
	}
	return rc;
}

/* The bytes of a document registered from memory. */
typedef struct mem_input {
	const void *data;
	size_t len;
} mem_input;

/* Originals kept whole: a Word document (copies are made from it in its
 * own format) and a PDF (its text layer, or OCR, gives the text). */
#define MAX_ORIGINAL_BYTES (64u << 20)

/*
 * The text of the document named `path` (the file, or `mem`), and its
 * format: "docx" and "pdf" by their first bytes, with the file's bytes in
 * `original` (kept in the vault); else "md" or "txt" by the name.
 */
static int read_document(lt_buf *text, lt_buf *original, const char **format,
			 const char *path, const mem_input *mem)
{
	unsigned char head[8] = {0};
	size_t nhead = 0;
	lt_extract *e;
	int rc;

	if (mem) {
		nhead = mem->len < sizeof(head) ? mem->len : sizeof(head);
		if (nhead)
			memcpy(head, mem->data, nhead);
	} else {
		FILE *f = fopen(path, "rb");

		if (f) {
			nhead = fread(head, 1, sizeof(head), f);
			fclose(f);
		}
	}
	*format = format_of(path);
	if (!lt_docx_sniff(head, nhead) && !(nhead >= 5 && !memcmp(head, "%PDF-", 5)))
		return mem ? decode_document(text, mem->data, mem->len, path)
			   : lt_text_read_file(text, path, MAX_DOCUMENT_BYTES,
					       NULL);
	if (mem) {
		if (mem->len > MAX_ORIGINAL_BYTES)
			return lt_error_set(LT_EINPUT, "%s: too large (%zu bytes, "
					    "limit %u)", path, mem->len,
					    MAX_ORIGINAL_BYTES);
		if ((rc = lt_buf_append(original, mem->data, mem->len)))
			return rc;
	} else if ((rc = lt_file_read(original, path, MAX_ORIGINAL_BYTES))) {
		return rc;
	}
	/* the extractor reads both (render/docx.h, Poppler, OCR) */
	if ((rc = lt_extract_buffer(&e, original->data ? original->data : "",
				    original->len, path, NULL)))
		return rc;
	*format = e->kind == LT_EXTRACT_DOCX ? "docx" : "pdf";
	rc = lt_buf_append(text, e->text.data ? e->text.data : "", e->text.len);
	lt_extract_free(e);
	/* a PDF original's copies are the file itself, marked: it must be
	 * whole (pdf_original.h) */
	if (rc == LT_OK && !strcmp(*format, "pdf"))
		rc = lt_pdf_original_check(original->data, original->len, path);
	return rc;
}

/* Register the document named `path`: that file, or the bytes `mem`. */
static int register_document(lt_document_info **out, lt_vault *v,
			     const char *path, const mem_input *mem,
			     const char *id, const char *title)
{
	lt_buf text = {0}, saved = {0}, detail = {0}, original = {0};
	const char *format = "txt";
	lt_slot_set *set = NULL;
	lt_tokens *tok = NULL;
	lt_store_doc_new row = {0};
	uint8_t *q = NULL;
	char idbuf[65], now[32];
	size_t nlex, ntypo;
	double clex, ctypo;
	lt_bias_scheme scheme;
	int64_t rowid;
	int rc;

	*out = NULL;
	if (id && !lt_document_id_valid(id))
		return lt_error_set(LT_EUSAGE, "bad document id '%s': use 1-64 "
				    "characters of A-Z a-z 0-9 . _ -", id);
	if (!id) {
		id_from_path(path, idbuf);
		id = idbuf;
	}
	if ((rc = read_document(&text, &original, &format, path, mem)))
		goto out;
	if ((rc = lt_slots_find(&set, text.data, text.len))) {
		rc = lt_error_set(rc, "%s: %s", path, lt_error_message());
		goto out;
	}
	/* a Word copy is the original with edits at the slots' bytes: those
	 * must be the text's own ("{{a|b}}" author markup is for text) */
	if (!strcmp(format, "docx") &&
	    (set->plain_len != text.len ||
	     memcmp(set->plain, text.data, text.len))) {
		rc = lt_error_set(LT_EINPUT, "%s: the text holds \"{{\" author "
				  "markup, which only text and Markdown "
				  "documents take", path);
		goto out;
	}
	if ((rc = lt_tokenize(&tok, set->plain, set->plain_len)))
		goto out;
	if (tok->n < 20) {
		rc = lt_error_set(LT_EINPUT, "%s: too short to register (%zu words; "
				  "at least 20 needed)", path, tok->n);
		goto out;
	}
	if (!(q = malloc(set->n + 1))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < set->n; i++)
		q[i] = set->slots[i].nvariants;
	scheme = lt_code_choose_bias(q, set->n);
	/* Recorded: what issue uses before any decision, the default marks. */
	scope_capacity(set, scheme, LT_CHANNEL_LEXICAL, LT_SCOPE_DEFAULT,
		       &nlex, &clex);
	scope_capacity(set, scheme, LT_CHANNEL_TYPOGRAPHIC, LT_SCOPE_DEFAULT,
		       &ntypo, &ctypo);
	if ((rc = lt_slot_set_save(&saved, set)))
		goto out;

	if ((rc = lt_vault_begin(v)))
		goto out;
	lt_time_now(now);
	row.id = id;
	row.title = title;
	row.source = path;
	row.format = format;
	row.registered_at = now;
	row.words = tok->n;
	row.nslots = set->n;
	row.lexical_slots = nlex;
	row.typographic_slots = ntypo;
	row.bias = lt_bias_scheme_name(scheme);
	row.cap_lexical = clex;
	row.cap_typographic = ctypo;
	row.slots = saved.data;
	row.slots_len = saved.len;
	if ((rc = lt_store_docs_add(v, &row, &rowid))) {
		if (rc == LT_EEXISTS)
			rc = lt_error_set(LT_EEXISTS, "document '%s' is already "
					  "registered (choose another --id)", id);
		goto fail;
	}
	if ((rc = lt_match_index(v, rowid, tok)))
		goto fail;
	if (original.len &&
	    (rc = lt_store_docs_original_put(v, rowid, original.data,
					     original.len)))
		goto fail;
	lt_buf_printf(&detail, "{\"words\":%zu,\"slots\":%zu,\"bias\":\"%s\"}",
		      tok->n, set->n, lt_bias_scheme_name(scheme));
	if ((rc = lt_ledger_event(v, "register", id, detail.data)))
		goto fail;
	if ((rc = lt_vault_commit(v)))
		goto out;
	rc = lt_document_get(out, v, id);
	goto out;
fail:
	lt_vault_rollback(v);
out:
	lt_buf_free(&text);
	lt_buf_free(&saved);
	lt_buf_free(&detail);
	lt_buf_free(&original);
	lt_slot_set_free(set);
	lt_tokens_free(tok);
	free(q);
	return rc;
}

int lt_document_register(lt_document_info **out, lt_vault *v,
			 const char *path, const char *id, const char *title)
{
	return lt_vault_keep_error(v, register_document(out, v, path, NULL, id,
							title));
}

int lt_document_register_buffer(lt_document_info **out, lt_vault *v,
				const void *data, size_t len, const char *name,
				const char *id, const char *title)
{
	mem_input mem = {data, len};

	*out = NULL;
	if (!name && !id)
		return lt_vault_keep_error(v, lt_error_set(LT_EUSAGE,
			"a document from memory needs an id or a name"));
	return lt_vault_keep_error(v, register_document(out, v,
							name ? name : id,
							&mem, id, title));
}
