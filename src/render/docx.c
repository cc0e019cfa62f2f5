/*
 * docx.c - Word (DOCX) packages as text and back (docx.h): libzip opens
 * the package, libxml2 parses word/document.xml, a walk in document order
 * makes the text and remembers which w:t element holds which bytes of it;
 * writing puts edited text into those elements, serialises the tree and
 * replaces that part of the package (and the media parts given new
 * bytes: marked figures), restoring the tree after.
 */
#include <pthread.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "leaktrace/error.h"
#include "render/docx.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define MAIN_PART "word/document.xml"

/* Limits: a package of more parts, or a main part larger than this
 * uncompressed, is refused (a ZIP bomb never gets inflated). */
#define MAX_PARTS 20000
#define MAX_MAIN_BYTES (64u << 20)
#define MAX_TEXT_BYTES (16u << 20)

/* One w:t element and the bytes of the text it holds. */
typedef struct run_text {
	xmlNodePtr el;
	uint32_t start, len;
	int had_space; /* the element had xml:space of its own */
} run_text;

struct lt_docx {
	char *name;
	unsigned char *bytes; /* the package, as given */
	size_t nbytes;
	xmlDocPtr doc;
	time_t main_mtime;
	lt_buf text;
	run_text *runs;
	size_t nruns, cap;
	int pending_break; /* a paragraph ended: a blank line before more */
};

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
	xmlInitParser();
}

int lt_docx_sniff(const void *data, size_t len)
{
	return len >= 4 && !memcmp(data, "PK\x03\x04", 4);
}

/* ---- reading the package ------------------------------------------- */

static const char *zip_message(zip_error_t *ze)
{
	const char *m = zip_error_strerror(ze);

	return m ? m : "unreadable ZIP";
}

/* The package opened for reading (LT_EINPUT naming the file when it is no
 * readable ZIP or holds too many parts). */
static int open_archive(const lt_docx *d, zip_t **out)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	int rc;

	*out = NULL;
	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(d->bytes, d->nbytes, 0, &ze))) {
		zip_error_fini(&ze);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	if (!(za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze))) {
		rc = lt_error_set(LT_EINPUT, "%s: not a readable DOCX package "
				  "(%s)", d->name, zip_message(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return rc;
	}
	zip_error_fini(&ze);
	if (zip_get_num_entries(za, 0) > MAX_PARTS) {
		zip_discard(za);
		return lt_error_set(LT_EINPUT, "%s: more than %u parts in the "
				    "package", d->name, MAX_PARTS);
	}
	*out = za;
	return LT_OK;
}

/*
 * The bytes of part `idx` (named `part`) of `za` into `out`, at most `max`
 * uncompressed and never more than its header says; its time into *mtime
 * (may be NULL).
 */
static int read_part(const lt_docx *d, zip_t *za, zip_int64_t idx,
		     const char *part, size_t max, lt_buf *out, time_t *mtime)
{
	zip_stat_t st;
	zip_file_t *f;
	zip_int64_t got;
	char chunk[65536];
	int rc = LT_OK;

	zip_stat_init(&st);
	if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) ||
	    !(st.valid & ZIP_STAT_SIZE) || st.size > max)
		return lt_error_set(LT_EINPUT, "%s: %s is larger than %zu MiB "
				    "uncompressed", d->name, part, max >> 20);
	if (mtime)
		*mtime = (st.valid & ZIP_STAT_MTIME) ? st.mtime : 0;
	if (st.valid & ZIP_STAT_ENCRYPTION_METHOD &&
	    st.encryption_method != ZIP_EM_NONE)
		return lt_error_set(LT_EINPUT, "%s: the document is encrypted",
				    d->name);
	if (!(f = zip_fopen_index(za, (zip_uint64_t)idx, 0)))
		return lt_error_set(LT_EINPUT, "%s: cannot read %s (%s)", d->name,
				    part, zip_strerror(za));
	while ((got = zip_fread(f, chunk, sizeof(chunk))) > 0) {
		/* never more than the header promised, whatever it says */
		if (out->len + (size_t)got > st.size ||
		    out->len + (size_t)got > max) {
			rc = lt_error_set(LT_EINPUT, "%s: %s is larger than its "
					  "header says", d->name, part);
			break;
		}
		if ((rc = lt_buf_append(out, chunk, (size_t)got)))
			break;
	}
	if (rc == LT_OK && got < 0)
		rc = lt_error_set(LT_EINPUT, "%s: %s is damaged (%s)", d->name,
				  part, zip_file_strerror(f));
	zip_fclose(f);
	return rc;
}

/* The main part's bytes, within the limits. */
static int read_main(lt_docx *d, lt_buf *xml)
{
	zip_t *za;
	zip_int64_t idx;
	int rc;

	if ((rc = open_archive(d, &za)))
		return rc;
	if ((idx = zip_name_locate(za, MAIN_PART, 0)) < 0)
		rc = lt_error_set(LT_EINPUT, "%s: not a Word document (the "
				  "package has no %s)", d->name, MAIN_PART);
	else
		rc = read_part(d, za, idx, MAIN_PART, MAX_MAIN_BYTES, xml,
			       &d->main_mtime);
	zip_discard(za);
	return rc;
}

/* Whether part name `s` is a raster figure: word/media/NAME.png, .jpeg
 * or .jpg (any case). */
static int is_media(const char *s)
{
	const char *dot;

	if (strncmp(s, "word/media/", 11) || strchr(s + 11, '/') ||
	    !(dot = strrchr(s + 11, '.')) || dot == s + 11)
		return 0;
	return !strcasecmp(dot, ".png") || !strcasecmp(dot, ".jpeg") ||
	       !strcasecmp(dot, ".jpg");
}

void lt_docx_names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
}

int lt_docx_media(const lt_docx *d, char ***names, size_t *n)
{
	zip_t *za;
	zip_int64_t count, i;
	int rc;

	*names = NULL;
	*n = 0;
	if ((rc = open_archive(d, &za)))
		return rc;
	count = zip_get_num_entries(za, 0);
	if (!(*names = calloc((size_t)count + 1, sizeof(**names)))) {
		zip_discard(za);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (i = 0; i < count; i++) {
		const char *s = zip_get_name(za, (zip_uint64_t)i, 0);

		if (!s || !is_media(s))
			continue;
		if (!((*names)[*n] = strdup(s))) {
			lt_docx_names_free(*names, *n);
			*names = NULL;
			*n = 0;
			zip_discard(za);
			return lt_error_set(LT_ENOMEM, "out of memory");
		}
		(*n)++;
	}
	zip_discard(za);
	return LT_OK;
}

int lt_docx_part_read(const lt_docx *d, const char *part, size_t max,
		      lt_buf *out)
{
	zip_t *za;
	zip_int64_t idx;
	int rc;

	lt_buf_clear(out);
	if ((rc = open_archive(d, &za)))
		return rc;
	if ((idx = zip_name_locate(za, part, 0)) < 0)
		rc = lt_error_set(LT_ENOTFOUND, "%s: the package has no %s",
				  d->name, part);
	else
		rc = read_part(d, za, idx, part, max, out, NULL);
	zip_discard(za);
	return rc;
}

/* ---- the text ------------------------------------------------------ */

static int is_w(xmlNodePtr n, const char *local)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       !strcmp((const char *)n->ns->href, W_NS) &&
	       !strcmp((const char *)n->name, local);
}

static int is_mc(xmlNodePtr n, const char *local)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       !strcmp((const char *)n->ns->href, MC_NS) &&
	       !strcmp((const char *)n->name, local);
}

/* Text is about to be added: first the blank line a paragraph owes. */
static int before_text(lt_docx *d)
{
	int rc = LT_OK;

	if (d->pending_break && d->text.len)
		rc = lt_buf_puts(&d->text, "\n\n");
	d->pending_break = 0;
	return rc;
}

static int add_plain(lt_docx *d, const char *s)
{
	int rc = before_text(d);

	return rc ? rc : lt_buf_puts(&d->text, s);
}

/* The characters of a w:t: its text children.  Control characters other
 * than tab and newline have no place in a document's text: a space. */
static int add_run_text(lt_docx *d, xmlNodePtr el)
{
	xmlNodePtr c;
	size_t start;
	int rc;

	if ((rc = before_text(d)))
		return rc;
	start = d->text.len;
	for (c = el->children; c; c = c->next) {
		const unsigned char *p;

		if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
			continue;
		for (p = c->content; p && *p; p++)
			if ((rc = lt_buf_putc(&d->text, *p < 0x20 ? ' ' : (char)*p)))
				return rc;
	}
	if (d->text.len > MAX_TEXT_BYTES)
		return lt_error_set(LT_EINPUT, "%s: more than %u MiB of text",
				    d->name, MAX_TEXT_BYTES >> 20);
	if (d->text.len == start)
		return LT_OK;
	if (d->nruns == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 256;
		run_text *r = realloc(d->runs, cap * sizeof(*r));

		if (!r)
			return lt_error_set(LT_ENOMEM, "out of memory");
		d->runs = r;
		d->cap = cap;
	}
	d->runs[d->nruns++] = (run_text){
		el, (uint32_t)start, (uint32_t)(d->text.len - start),
		xmlHasNsProp(el, (const xmlChar *)"space", XML_XML_NAMESPACE) != NULL
	};
	return LT_OK;
}

/* Depth-first, in document order. */
static int walk(lt_docx *d, xmlNodePtr n, unsigned depth)
{
	xmlNodePtr c;
	int rc;

	if (depth > 256)
		return lt_error_set(LT_EINPUT, "%s: %s is nested too deeply",
				    d->name, MAIN_PART);
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(n, "t")) {
			if ((rc = add_run_text(d, n)))
				return rc;
			continue;
		}
		if (is_w(n, "tab")) {
			if ((rc = add_plain(d, "\t")))
				return rc;
			continue;
		}
		if (is_w(n, "br") || is_w(n, "cr")) {
			if ((rc = add_plain(d, "\n")))
				return rc;
			continue;
		}
		if (is_w(n, "noBreakHyphen")) {
			if ((rc = add_plain(d, "\xe2\x80\x91")))
				return rc;
			continue;
		}
		/* no text: properties, deleted text, field codes; of a
		 * markup-compatibility choice only the fallback (the same
		 * content again, for older readers) */
		if (is_w(n, "rPr") || is_w(n, "pPr") || is_w(n, "sectPr") ||
		    is_w(n, "del") || is_w(n, "delText") ||
		    is_w(n, "instrText") || is_w(n, "moveFrom") ||
		    is_mc(n, "Choice"))
			continue;
		c = n->children;
		if (is_w(n, "p"))
			d->pending_break = 1;
		if (c && (rc = walk(d, c, depth + 1)))
			return rc;
		if (is_w(n, "p"))
			d->pending_break = 1;
	}
	return LT_OK;
}

static int parse(lt_docx *d, const lt_buf *xml)
{
	xmlNodePtr root, body;

	if (xml->len > (size_t)INT32_MAX)
		return lt_error_set(LT_EINPUT, "%s: %s too large", d->name,
				    MAIN_PART);
	d->doc = xmlReadMemory(xml->data ? xml->data : "", (int)xml->len,
			       MAIN_PART, NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR |
			       XML_PARSE_NOWARNING);
	if (!d->doc)
		return lt_error_set(LT_EINPUT, "%s: %s is not well-formed XML",
				    d->name, MAIN_PART);
	root = xmlDocGetRootElement(d->doc);
	if (!root || !is_w(root, "document"))
		return lt_error_set(LT_EINPUT, "%s: %s has no w:document",
				    d->name, MAIN_PART);
	for (body = root->children; body && !is_w(body, "body");
	     body = body->next)
		;
	if (!body)
		return lt_error_set(LT_EINPUT, "%s: %s has no w:body", d->name,
				    MAIN_PART);
	return walk(d, body->children, 0);
}

int lt_docx_open(lt_docx **out, const void *data, size_t len,
		 const char *name)
{
	lt_docx *d;
	lt_buf xml = {0};
	int rc;

	*out = NULL;
	pthread_once(&xml_once, xml_init);
	if (!name)
		name = "document.docx";
	if (!lt_docx_sniff(data, len))
		return lt_error_set(LT_EINPUT, "%s: not a DOCX file (no ZIP "
				    "header)", name);
	if (!(d = calloc(1, sizeof(*d))) || !(d->name = strdup(name)) ||
	    !(d->bytes = malloc(len))) {
		lt_docx_free(d);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	memcpy(d->bytes, data, len);
	d->nbytes = len;
	if ((rc = read_main(d, &xml)) == LT_OK && (rc = parse(d, &xml)) == LT_OK &&
	    !d->text.data)
		rc = lt_buf_reserve(&d->text, 1);
	lt_buf_free(&xml);
	if (rc) {
		lt_docx_free(d);
		return rc;
	}
	*out = d;
	return LT_OK;
}

void lt_docx_free(lt_docx *d)
{
	if (!d)
		return;
	if (d->doc)
		xmlFreeDoc(d->doc);
	lt_buf_free(&d->text);
	free(d->runs);
	free(d->bytes);
	free(d->name);
	free(d);
}

const char *lt_docx_text(const lt_docx *d, size_t *len)
{
	*len = d->text.len;
	return d->text.data;
}

/* ---- edits --------------------------------------------------------- */

/* The first run whose bytes end after `pos`, or d->nruns. */
static size_t run_after(const lt_docx *d, uint32_t pos)
{
	size_t a = 0, b = d->nruns;

	while (a < b) {
		size_t m = (a + b) / 2;

		if (d->runs[m].start + d->runs[m].len <= pos)
			a = m + 1;
		else
			b = m;
	}
	return a;
}

/* The run an edit at [start, end) goes into, or d->nruns when the bytes
 * are not all in runs joined end to end. */
static size_t owner(const lt_docx *d, uint32_t start, uint32_t end)
{
	size_t r = run_after(d, start), k;
	uint32_t at;

	if (start == end) {
		/* an insertion: inside a run, or at the end of one */
		if (r < d->nruns && d->runs[r].start <= start)
			return r;
		if (r > 0 && d->runs[r - 1].start + d->runs[r - 1].len == start)
			return r - 1;
		return d->nruns;
	}
	if (r >= d->nruns || d->runs[r].start > start)
		return d->nruns;
	for (k = r, at = start; k < d->nruns; k++) {
		if (d->runs[k].start > at)
			return d->nruns;
		at = d->runs[k].start + d->runs[k].len;
		if (at >= end)
			return r;
	}
	return d->nruns;
}

int lt_docx_editable(const lt_docx *d, uint32_t start, uint32_t end)
{
	return start <= end && end <= d->text.len &&
	       owner(d, start, end) < d->nruns;
}

/* Put `s` (n bytes) as the only text of w:t `el`; with `space`,
 * xml:space "preserve" so that its spaces stay, else without an xml:space
 * of its own. */
static int set_run(xmlNodePtr el, const char *s, size_t n, int space)
{
	xmlNodePtr c, next, t;

	for (c = el->children; c; c = next) {
		next = c->next;
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	if (n > (size_t)INT32_MAX || !(t = xmlNewTextLen((const xmlChar *)s,
							  (int)n)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	if (!xmlAddChild(el, t)) {
		xmlFreeNode(t);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	if (!space) {
		xmlNsPtr xns = xmlSearchNsByHref(el->doc, el, XML_XML_NAMESPACE);

		if (xns)
			xmlUnsetNsProp(el, xns, (const xmlChar *)"space");
		return LT_OK;
	}
	if (!xmlHasNsProp(el, (const xmlChar *)"space", XML_XML_NAMESPACE) &&
	    !xmlSetProp(el, (const xmlChar *)"xml:space",
			(const xmlChar *)"preserve"))
		return lt_error_set(LT_ENOMEM, "out of memory");
	return LT_OK;
}

/* The new text of run k: its bytes with every edit applied, an edit's
 * replacement written in the run that owns it. */
static int run_text_after(const lt_docx *d, size_t k, const lt_text_edit *e,
			  const size_t *own, size_t n, lt_buf *b)
{
	const run_text *r = &d->runs[k];
	uint32_t pos = r->start, end = r->start + r->len;
	size_t i;
	int rc;

	lt_buf_clear(b);
	for (i = 0; i < n; i++) {
		uint32_t a = e[i].start, z = e[i].end;

		if (z < pos || a > end || (own[i] != k && (z <= pos || a >= end)))
			continue;
		if (a > pos &&
		    (rc = lt_buf_append(b, d->text.data + pos, a - pos)))
			return rc;
		if (own[i] == k && (rc = lt_buf_append(b, e[i].text, e[i].len)))
			return rc;
		if (a > pos)
			pos = a;
		if (z > pos)
			pos = z < end ? z : end;
	}
	if (pos < end)
		return lt_buf_append(b, d->text.data + pos, end - pos);
	return b->len ? LT_OK : lt_buf_reserve(b, 1);
}

/* Give part `name` of `za` the bytes data[0..len) (not copied: they must
 * live until the archive is closed), keeping its time. */
static int replace_part(lt_docx *d, zip_t *za, const char *name,
			const void *data, size_t len)
{
	zip_source_t *part;
	zip_int64_t idx;
	zip_stat_t st;
	time_t mtime = 0;

	if ((idx = zip_name_locate(za, name, 0)) < 0)
		return lt_error_set(LT_EUSAGE, "%s: the package has no %s",
				    d->name, name);
	zip_stat_init(&st);
	if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) == 0 &&
	    (st.valid & ZIP_STAT_MTIME))
		mtime = st.mtime;
	if (!(part = zip_source_buffer(za, data, (zip_uint64_t)len, 0)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	if (zip_file_replace(za, (zip_uint64_t)idx, part, 0) < 0) {
		zip_source_free(part);
		return lt_error_set(LT_ENOMEM, "%s: %s", d->name,
				    zip_strerror(za));
	}
	/* the same bytes, the same package: the part keeps its time */
	zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0);
	return LT_OK;
}

/* Serialise the tree and put it in place of the main part, and the
 * `nparts` parts' new bytes in place of theirs. */
static int package(lt_docx *d, lt_buf *out, const lt_docx_part *parts,
		   size_t nparts)
{
	xmlChar *xml = NULL;
	int xlen = 0, rc = LT_OK;
	zip_error_t ze;
	zip_source_t *src = NULL, *part;
	zip_t *za = NULL;
	zip_int64_t idx, size;
	unsigned char *copy;
	size_t i;

	xmlDocDumpMemoryEnc(d->doc, &xml, &xlen, "UTF-8");
	if (!xml || xlen <= 0)
		return lt_error_set(LT_ENOMEM, "out of memory (DOCX)");
	zip_error_init(&ze);
	/* the writer works on a copy: the source's buffer is replaced */
	if (!(copy = malloc(d->nbytes)) ||
	    !(src = zip_source_buffer_create(copy, d->nbytes, 1, &ze))) {
		free(copy);
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	memcpy(copy, d->bytes, d->nbytes);
	zip_source_keep(src);
	if (!(za = zip_open_from_source(src, 0, &ze))) {
		rc = lt_error_set(LT_EINPUT, "%s: cannot rewrite the package "
				  "(%s)", d->name, zip_message(&ze));
		goto out;
	}
	if ((idx = zip_name_locate(za, MAIN_PART, 0)) < 0 ||
	    !(part = zip_source_buffer(za, xml, (zip_uint64_t)xlen, 0))) {
		rc = lt_error_set(LT_EINTERNAL, "%s: main part lost", d->name);
		goto out;
	}
	if (zip_file_replace(za, (zip_uint64_t)idx, part, 0) < 0) {
		zip_source_free(part);
		rc = lt_error_set(LT_ENOMEM, "%s: %s", d->name, zip_strerror(za));
		goto out;
	}
	/* the same edits, the same bytes: the part keeps its time */
	zip_file_set_mtime(za, (zip_uint64_t)idx, d->main_mtime, 0);
	for (i = 0; i < nparts; i++)
		if (strcmp(parts[i].name, MAIN_PART) &&
		    (rc = replace_part(d, za, parts[i].name, parts[i].data,
				       parts[i].len)))
			goto out;
	if (zip_close(za) < 0) {
		rc = lt_error_set(LT_ENOMEM, "%s: writing the package: %s",
				  d->name, zip_strerror(za));
		zip_discard(za);
		za = NULL;
		goto out;
	}
	za = NULL;
	if (zip_source_open(src) < 0 ||
	    zip_source_seek(src, 0, SEEK_END) < 0 ||
	    (size = zip_source_tell(src)) < 0 ||
	    zip_source_seek(src, 0, SEEK_SET) < 0) {
		rc = lt_error_set(LT_EINTERNAL, "%s: written package unreadable",
				  d->name);
		goto out_open;
	}
	lt_buf_clear(out);
	if ((rc = lt_buf_reserve(out, (size_t)size)))
		goto out_open;
	if (zip_source_read(src, out->data, (zip_uint64_t)size) != size)
		rc = lt_error_set(LT_EINTERNAL, "%s: written package short",
				  d->name);
	else
		out->len = (size_t)size;
out_open:
	zip_source_close(src);
out:
	if (za)
		zip_discard(za);
	zip_source_free(src);
	zip_error_fini(&ze);
	xmlFree(xml);
	return rc;
}

int lt_docx_write(lt_buf *out, lt_docx *d, const lt_text_edit *edits,
		  size_t n)
{
	return lt_docx_write_parts(out, d, edits, n, NULL, 0);
}

int lt_docx_write_parts(lt_buf *out, lt_docx *d, const lt_text_edit *edits,
			size_t n, const lt_docx_part *parts, size_t nparts)
{
	size_t *own = NULL, i, k;
	unsigned char *touched = NULL;
	lt_buf b = {0};
	int rc = LT_OK, rrc;

	if (n && (!(own = malloc(n * sizeof(*own))) ||
		  !(touched = calloc(d->nruns + 1, 1)))) {
		free(own);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (i = 0; i < n; i++) {
		if (edits[i].start > edits[i].end ||
		    edits[i].end > d->text.len ||
		    (i && edits[i].start < edits[i - 1].end) ||
		    (own[i] = owner(d, edits[i].start, edits[i].end)) >= d->nruns) {
			rc = lt_error_set(LT_EUSAGE, "%s: edit %zu at bytes %u-%u "
					  "is not in the document's runs",
					  d->name, i, edits[i].start,
					  edits[i].end);
			goto out;
		}
	}
	/* every run an edit reaches */
	for (i = 0; i < n; i++) {
		k = own[i];
		touched[k] = 1;
		while (k + 1 < d->nruns && d->runs[k + 1].start < edits[i].end)
			touched[++k] = 1;
	}
	for (k = 0; k < d->nruns && rc == LT_OK; k++)
		if (touched && touched[k] &&
		    !(rc = run_text_after(d, k, edits, own, n, &b)))
			rc = set_run(d->runs[k].el, b.data, b.len, 1);
	if (rc == LT_OK)
		rc = package(d, out, parts, nparts);
	/* the tree as it was, whatever happened */
	for (k = 0; k < d->nruns; k++)
		if (touched && touched[k] &&
		    (rrc = set_run(d->runs[k].el,
				   d->text.data + d->runs[k].start,
				   d->runs[k].len, d->runs[k].had_space)) &&
		    rc == LT_OK)
			rc = rrc;
out:
	lt_buf_free(&b);
	free(own);
	free(touched);
	return rc;
}
