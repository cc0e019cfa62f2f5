/*
 * document.c - registering originals: read (text, Markdown, or the text
 * of a Word document or a PDF, whose file is kept), find slots, choose
 * the code's bias scheme, index for identification, record (a Word
 * original's figures' PDQ hashes too, issue/figures.h); or, for a
 * PNG or JPEG figure, keep it, count its image slots and record its PDQ
 * hash for identification; and looking them up, with what issue uses now
 * (the author's decisions applied).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/code.h"
#include "leaktrace/document.h"
#include "leaktrace/error.h"
#include "leaktrace/extract.h"
#include "leaktrace/file.h"
#include "leaktrace/image.h"
#include "leaktrace/pdq.h"
#include "leaktrace/render.h"
#include "leaktrace/text.h"
#include "identify/doc.h"
#include "identify/match.h"
#include "issue/figures.h"
#include "issue/image_doc.h"
#include "read/page_record.h"
#include "ledger/event.h"
#include "store/vault_internal.h"
#include "store/copies.h"
#include "store/docs.h"
#include "render/docx.h"
#include "issue/pdf_original.h"
#include "render/image_mark.h"

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
	if (lt_image_doc_format(d->format)) {
		/* a figure: its image slots, from the original's size */
		lt_buf raw = {0};
		lt_image *img = NULL;

		if ((rc = lt_store_docs_original_get(v, rowid, &raw)) == LT_OK &&
		    lt_image_decode(&img, raw.data, raw.len, id,
				    &lt_image_doc_decode) == LT_OK) {
			d->image_width = img->width;
			d->image_height = img->height;
			d->image_slots = lt_imark_slots_for(img->width,
							    img->height);
			d->cap_image = (double)d->image_slots;
			d->nslots = d->image_slots;
		}
		lt_image_free(img);
		lt_buf_free(&raw);
		lt_slot_set_free(set);
		if (rc == LT_ENOTFOUND || (rc == LT_OK && !d->image_slots))
			rc = lt_error_set(LT_EVAULT, "vault is damaged: the "
					  "image original of '%s' is missing or "
					  "does not decode", id);
		if (rc) {
			lt_document_info_free(d);
			return rc;
		}
		lt_error_clear();
		*out = d;
		return LT_OK;
	}
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
	if (d->format && (!strcmp(d->format, "docx") ||
			  !strcmp(d->format, "pdf"))) {
		/* its figures' image slots (issue/figures.h) */
		lt_figures *f = NULL;

		if (lt_figures_load_row(&f, v, rowid, id, d->format) == LT_OK) {
			d->figures = f->n;
			d->image_slots = f->slots;
			d->cap_image = (double)f->slots;
		}
		lt_figures_free(f);
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

/* Record the row of a new document (inside the transaction); a taken id
 * says so. */
static int add_row(lt_vault *v, const lt_store_doc_new *row, int64_t *rowid)
{
	int rc = lt_store_docs_add(v, row, rowid);

	if (rc == LT_EEXISTS)
		rc = lt_error_set(LT_EEXISTS, "document '%s' is already "
				  "registered (choose another --id)", row->id);
	return rc;
}

/* Close a registration: its "register" event with `detail`, the commit
 * (rolled back on failure), then the document as lt_document_get() says. */
static int finish_register(lt_document_info **out, lt_vault *v,
			   const char *id, const char *detail)
{
	int rc;

	if ((rc = lt_ledger_event(v, "register", id, detail))) {
		lt_vault_rollback(v);
		return rc;
	}
	if ((rc = lt_vault_commit(v)))
		return rc;
	return lt_document_get(out, v, id);
}

/*
 * Register the PNG or JPEG figure named `path` (that file, or `mem`): the
 * file kept whole, its image slots counted from its size, its PDQ hash
 * recorded as the original's page hash (copy 0, page 1), in one
 * transaction.
 */
static int register_image(lt_document_info **out, lt_vault *v,
			  const char *path, const mem_input *mem,
			  const char *id, const char *title)
{
	lt_buf original = {0}, saved = {0}, detail = {0};
	lt_store_doc_new row = {0};
	lt_slot_set *set = NULL;
	lt_image *img = NULL;
	lt_pdq_hash hash;
	int64_t rowid;
	size_t k;
	char now[32];
	int rc, quality;

	if (mem) {
		if (mem->len > MAX_ORIGINAL_BYTES)
			return lt_error_set(LT_EINPUT, "%s: too large (%zu bytes, "
					    "limit %u)", path, mem->len,
					    MAX_ORIGINAL_BYTES);
		if ((rc = lt_buf_append(&original, mem->data, mem->len)))
			goto out;
	} else if ((rc = lt_file_read(&original, path, MAX_ORIGINAL_BYTES))) {
		goto out;
	}
	/* the decoder names the file and what is wrong with it */
	if ((rc = lt_image_decode(&img, original.data, original.len, path,
				  &lt_image_doc_decode)))
		goto out;
	if (!(k = lt_imark_slots_for(img->width, img->height))) {
		rc = (long)img->width * img->height > LT_IMARK_MAX_PIXELS
		     ? lt_error_set(LT_EINPUT, "%s: a %dx%d figure is too large "
				    "to carry image marks (at most %ld pixels)",
				    path, img->width, img->height,
				    LT_IMARK_MAX_PIXELS)
		     : lt_error_set(LT_EINPUT, "%s: a %dx%d figure is too small "
				    "to carry image marks (%d pixels a side at "
				    "least)", path, img->width, img->height,
				    LT_IMARK_MIN_SIDE);
		goto out;
	}
	if ((rc = lt_pdq_hash_image(&hash, 1, &quality, img)) ||
	    (rc = lt_slots_find(&set, "", 0)) ||
	    (rc = lt_slot_set_save(&saved, set)))
		goto out;
	if ((rc = lt_vault_begin(v)))
		goto out;
	lt_time_now(now);
	row.id = id;
	row.title = title;
	row.source = path;
	row.format = lt_image_format_name(img->format);
	row.registered_at = now;
	row.bias = lt_bias_scheme_name(LT_BIAS_UNIFORM);
	row.slots = saved.data;
	row.slots_len = saved.len;
	if ((rc = add_row(v, &row, &rowid)))
		goto fail;
	if ((rc = lt_store_docs_original_put(v, rowid, original.data,
					     original.len)) ||
	    (rc = lt_page_hash_record(v, rowid, 0, 1, hash.bytes, quality,
				      path, NULL)))
		goto fail;
	lt_buf_printf(&detail, "{\"format\":\"%s\",\"width\":%d,"
		      "\"height\":%d,\"image_slots\":%zu}", row.format,
		      img->width, img->height, k);
	rc = finish_register(out, v, id, detail.data);
	goto out;
fail:
	lt_vault_rollback(v);
out:
	lt_buf_free(&original);
	lt_buf_free(&saved);
	lt_buf_free(&detail);
	lt_slot_set_free(set);
	lt_image_free(img);
	return rc;
}

/* The first bytes of the document named `path` (the file, or `mem`). */
static size_t read_head(unsigned char *head, size_t cap, const char *path,
			const mem_input *mem)
{
	size_t n = 0;

	if (mem) {
		n = mem->len < cap ? mem->len : cap;
		if (n)
			memcpy(head, mem->data, n);
	} else {
		FILE *f = fopen(path, "rb");

		if (f) {
			n = fread(head, 1, cap, f);
			fclose(f);
		}
	}
	return n;
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
	{
		unsigned char head[16];
		size_t nhead = read_head(head, sizeof(head), path, mem);

		if (lt_image_detect(head, nhead) != LT_IMAGE_UNKNOWN)
			return register_image(out, v, path, mem, id, title);
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
	if ((rc = add_row(v, &row, &rowid)))
		goto fail;
	if ((rc = lt_match_index(v, rowid, tok)))
		goto fail;
	if (original.len &&
	    (rc = lt_store_docs_original_put(v, rowid, original.data,
					     original.len)))
		goto fail;
	/* a Word or PDF original's figures: their hashes, for pictures of
	 * them */
	if ((!strcmp(format, "docx") || !strcmp(format, "pdf")) &&
	    (rc = lt_figures_register(v, rowid, id, format, path)))
		goto fail;
	lt_buf_printf(&detail, "{\"words\":%zu,\"slots\":%zu,\"bias\":\"%s\"}",
		      tok->n, set->n, lt_bias_scheme_name(scheme));
	rc = finish_register(out, v, id, detail.data);
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
