/*
 * issue.c - issuing marked copies: records, codewords, files (issue.h).
 *
 * Flow: load the document and its code -> choose file names no existing
 * file has -> record recipients and copies, store the new recipients'
 * codewords as one block, append events -> write every copy under a
 * temporary name, flushed -> commit -> put each in place (never replacing
 * anything there: a file, another recipient's copy, a planted link).  A
 * failure before the commit removes the temporary files; a kill between
 * committing and placing leaves records without files (issuing to the
 * same recipients again writes them), never a copy file without its
 * record, which trace could not name anyone from.  A killed issue's
 * temporary files are removed by the next issue of the document into the
 * folder.
 *
 * Pages (pdf, png): the document's layout plan (render.h) is made from its
 * slot set; each copy is rendered with the codeword of the document's code
 * extended by the plan's layout slots (the text symbols first, unchanged),
 * and the PDQ hash of every page is recorded with the copy in the same
 * transaction, so that a re-posted picture of a page is found by hash.
 *
 * A PDF original (pdf, the default for one): each copy is the original
 * file with its text lines' layout marks (pdfcopy.h), recorded as
 * "pdf-original"; the code is extended by the original's line slots (and
 * its JPEG figures' image slots, issue/figures.h), and the original's
 * pages' PDQ hashes are recorded for every copy.
 * Figures (a PNG or JPEG original): each copy is the original with the
 * copy's image symbols embedded (render/image_mark.h) - the code extended
 * by the figure's image slots - written as PNG or JPEG.  A Word copy
 * (docx) has its figures marked likewise, the code extended by their image
 * slots after the text's (issue/figures.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <sodium.h>

#include "base/array.h"
#include "base/file.h"
#include "leaktrace/error.h"
#include "leaktrace/document.h"
#include "leaktrace/issue.h"
#include "leaktrace/ledger.h"
#include "leaktrace/pdq.h"
#include "leaktrace/render.h"
#include "leaktrace/slots.h"
#include "identify/doc.h"
#include "render/render_internal.h"
#include "ledger/event.h"
#include "read/page_record.h"
#include "store/copies.h"
#include "store/pages.h"
#include "store/docs.h"
#include "store/vault_internal.h"
#include "render/docx.h"
#include "issue/pdf_original.h"
#include "render/image_mark.h"
#include "issue/figures.h"
#include "issue/image_doc.h"

/* Resolution of PNG pages, and of the page images whose PDQ hashes are
 * recorded. */
#define PNG_DPI 150.0
#define HASH_DPI 100.0

#define MAX_NAME_BYTES 200

int lt_recipient_name_check(const char *name)
{
	size_t n = strlen(name), i;
	lt_buf tmp = {0};
	int rc;

	if (n == 0)
		return lt_error_set(LT_EUSAGE, "empty recipient name");
	if (n > MAX_NAME_BYTES)
		return lt_error_set(LT_EUSAGE, "recipient name longer than %d bytes",
				    MAX_NAME_BYTES);
	for (i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return lt_error_set(LT_EUSAGE, "recipient name '%.40s' has a "
					    "control character", name);
	/* Valid UTF-8 decodes to itself. */
	rc = lt_text_decode(&tmp, name, n, NULL);
	if (rc == LT_OK && (tmp.len != n || memcmp(tmp.data, name, n) != 0))
		rc = LT_EINPUT;
	lt_buf_free(&tmp);
	if (rc)
		return lt_error_set(LT_EUSAGE, "recipient name is not valid UTF-8");
	return LT_OK;
}

void lt_names_free(char **names, size_t n)
{
	size_t i;

	if (!names)
		return;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int lt_recipients_read_file(char ***names, size_t *n, const char *path)
{
	lt_buf text = {0};
	char **list = NULL, *line, *next, *end;
	size_t count = 0, cap = 0, lineno = 0;
	int rc;

	*names = NULL;
	*n = 0;
	if ((rc = lt_text_read_file(&text, path, 64u << 20, NULL)))
		return rc;
	for (line = text.data; line && *line; line = next) {
		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		while (*line == ' ' || *line == '\t')
			line++;
		end = line + strlen(line);
		while (end > line && (end[-1] == ' ' || end[-1] == '\t' ||
				      end[-1] == '\r'))
			*--end = '\0';
		if (!*line || *line == '#')
			continue;
		if ((rc = lt_recipient_name_check(line))) {
			rc = lt_error_set(LT_EINPUT, "%s:%zu: %s", path, lineno,
					  lt_error_message());
			goto fail;
		}
		if ((rc = LT_ARRAY_GROW(list, cap, count + 1)))
			goto fail;
		if (!(list[count] = strdup(line))) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			goto fail;
		}
		count++;
	}
	lt_buf_free(&text);
	if (count == 0) {
		free(list);
		return lt_error_set(LT_EINPUT, "%s: no recipient names", path);
	}
	*names = list;
	*n = count;
	return LT_OK;
fail:
	lt_buf_free(&text);
	lt_names_free(list, count);
	return rc;
}

void lt_issue_result_free(lt_issue_result *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->copies[i].recipient);
		free(r->copies[i].path);
	}
	free(r->copies);
	free(r->document);
	free(r);
}

/* File-name-safe form of a recipient name: lower-case ASCII letters and
 * digits, runs of anything else as one '-'. */
static void slug(const char *name, char *out, size_t outlen)
{
	size_t o = 0;
	int dash = 0;

	for (; *name && o + 2 < outlen; name++) {
		unsigned char c = (unsigned char)*name;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			out[o++] = (char)c;
			dash = 0;
		} else if (c >= 'A' && c <= 'Z') {
			out[o++] = (char)(c - 'A' + 'a');
			dash = 0;
		} else if (!dash && o > 0) {
			out[o++] = '-';
			dash = 1;
		}
	}
	while (o > 0 && out[o - 1] == '-')
		o--;
	out[o] = '\0';
}

static int mkdir_p(const char *dir)
{
	char *p = strdup(dir), *s;
	struct stat sb;
	int rc = LT_OK;

	if (!p)
		return lt_error_set(LT_ENOMEM, "out of memory");
	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0755) != 0 && errno != EEXIST) {
				rc = lt_error_set(LT_EUSAGE, "cannot create output "
						  "directory %s: %s", p,
						  strerror(errno));
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	if (rc == LT_OK && (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)))
		rc = lt_error_set(LT_EUSAGE, "output %s is not a directory", dir);
	return rc;
}

typedef struct pending {
	const char *name;
	int64_t recipient;
	int existing;
	char copy[16];
	char *path;
	char *tmp;
	/* Pages written as files of their own (png): */
	size_t nfiles;    /* files of this copy (1 unless png pages) */
	char **files;     /* final names, or NULL when the one file is path */
	char **tmps;      /* temporary names of files[] */
	size_t written;   /* temporary files written so far */
} pending;

typedef struct name_at {
	const char *name;
	size_t index;
} name_at;

/* Order by name, then by position, so the first of equal names leads. */
static int cmp_name_at(const void *a, const void *b)
{
	const name_at *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Record recipients, copies, the codeword block and events. */
static int record(lt_vault *v, lt_doc *d, pending *p, size_t n,
		  const char *format)
{
	const char **names = NULL, **fresh = NULL;
	int64_t *ids = NULL;
	char (*copies)[16] = NULL;
	int *found = NULL;
	lt_store_copy_new *rows = NULL;
	uint8_t *block = NULL;
	size_t nfresh = 0, i;
	int64_t block_id = 0;
	char now[32];
	lt_buf detail = {0};
	int rc;

	lt_time_now(now);
	names = calloc(n + 1, sizeof(*names));
	fresh = calloc(n + 1, sizeof(*fresh));
	ids = calloc(n + 1, sizeof(*ids));
	copies = calloc(n + 1, sizeof(*copies));
	found = calloc(n + 1, sizeof(*found));
	rows = calloc(n + 1, sizeof(*rows));
	if (!names || !fresh || !ids || !copies || !found || !rows) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++)
		names[i] = p[i].name;
	if ((rc = lt_store_copies_recipients(v, names, n, ids)) ||
	    (rc = lt_store_copies_find(v, d->rowid, ids, n, copies, found)))
		goto out;
	for (i = 0; i < n; i++) {
		p[i].recipient = ids[i];
		p[i].existing = found[i];
		if (found[i]) {
			memcpy(p[i].copy, copies[i], sizeof(p[i].copy));
		} else {
			lt_vault_copy_id(v, d->id, p[i].name, p[i].copy);
			fresh[nfresh++] = p[i].name;
		}
	}
	if (nfresh) {
		size_t bytes = nfresh * (d->set->n ? d->set->n : 1);

		if (!(block = malloc(bytes))) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			goto out;
		}
		if ((rc = lt_code_block(d->code, fresh, nfresh, block)) ||
		    (rc = lt_store_copies_add_block(v, d->rowid, nfresh, d->set->n,
						    block, &block_id)))
			goto out;
	}
	for (i = 0, nfresh = 0; i < n; i++) {
		if (p[i].existing)
			continue;
		rows[nfresh] = (lt_store_copy_new){p[i].copy, d->rowid,
			p[i].recipient, block_id, nfresh, format, p[i].path, now};
		nfresh++;
	}
	if ((rc = lt_store_copies_add(v, rows, nfresh)))
		goto out;
	for (i = 0; i < n; i++) {
		lt_buf_clear(&detail);
		lt_buf_printf(&detail, "{\"copy\":\"%s\",\"recipient_id\":%lld,"
			      "\"format\":\"%s\",\"reissue\":%s}", p[i].copy,
			      (long long)p[i].recipient, format,
			      p[i].existing ? "true" : "false");
		if ((rc = lt_ledger_event(v, "issue", d->id, detail.data)))
			goto out;
	}
	rc = LT_OK;
out:
	lt_buf_free(&detail);
	free(names);
	free(fresh);
	free(ids);
	free(copies);
	free(found);
	free(rows);
	free(block);
	return rc;
}

/* ---------------------------------------------------------------------
 * The signed manifest: every copy's SHA-256, signed with the vault's
 * Ed25519 key, so that a byte-identical copy can later be recognised and
 * attested with certainty.
 * ------------------------------------------------------------------- */

typedef struct manifest {
	lt_buf body;
	lt_store_copy_file *files; /* recorded with the manifest */
	size_t n, cap;
} manifest;

/* Note the digest of one file of a copy (page 0: the only file; K: page
 * K of PNG pages) and add it to the manifest. */
static int manifest_add(manifest *m, const char *copy, const char *data,
			size_t len, size_t page)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	lt_store_copy_file *f;

	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 16;

		if (!(f = realloc(m->files, cap * sizeof(*f))))
			return lt_error_set(LT_ENOMEM, "out of memory");
		m->files = f;
		m->cap = cap;
	}
	f = &m->files[m->n];
	crypto_hash_sha256(h, (const unsigned char *)data, len);
	sodium_bin2hex(f->digest, sizeof(f->digest), h, sizeof(h));
	f->copy = copy;
	f->page = page;
	if (page)
		return lt_buf_printf(&m->body, "%s{\"copy\":\"%s\",\"page\":%zu,"
				     "\"sha256\":\"%s\"}", m->n++ ? "," : "",
				     copy, page, f->digest);
	return lt_buf_printf(&m->body, "%s{\"copy\":\"%s\",\"sha256\":\"%s\"}",
			     m->n++ ? "," : "", copy, f->digest);
}

/* Record the files' digests, close the manifest, sign it and store it. */
static int manifest_finish(manifest *m, lt_vault *v, const lt_doc *d)
{
	unsigned char sig[LT_SIGNATURE_BYTES], pk[LT_SIGN_PUBLIC_BYTES];
	lt_buf full = {0};
	char now[32];
	int rc;

	if ((rc = lt_store_copies_add_files(v, m->files, m->n)))
		return rc;
	lt_time_now(now);
	if ((rc = lt_buf_printf(&full, "{\"manifest\":\"leaktrace copies v1\","
				"\"document\":\"%s\",\"issued_at\":\"%s\","
				"\"copies\":[", d->id, now)) ||
	    (rc = lt_buf_append(&full, m->body.data ? m->body.data : "",
				m->body.len)) ||
	    (rc = lt_buf_puts(&full, "]}")))
		goto out;
	if ((rc = lt_ledger_sign(sig, pk, v, full.data, full.len)))
		goto out;
	rc = lt_store_copies_add_manifest(v, d->rowid, now, full.data, full.len,
					  sig, sizeof(sig), pk, sizeof(pk));
out:
	lt_buf_free(&full);
	return rc;
}

/* Name of page `k` (1-based) of `path`: "-pK" before the extension. */
static char *page_name(const char *path, size_t k)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	lt_buf b = {0};
	size_t stem;

	if (dot && slash && dot < slash)
		dot = NULL;
	stem = dot ? (size_t)(dot - path) : strlen(path);
	if (lt_buf_append(&b, path, stem) ||
	    lt_buf_printf(&b, "-p%zu%s", k, dot ? dot : "")) {
		lt_buf_free(&b);
		return NULL;
	}
	return lt_buf_detach(&b, NULL);
}

/*
 * Record the PDQ hashes of every page of copy `copy` (inside the open
 * transaction).  PDQ resamples large images to 512 x 512 by nearest
 * neighbour, so one page rendered at two resolutions can hash 30 bits
 * apart: each page is hashed at HASH_DPI and at the resolution PNG copies
 * are written at (`png_dpi`), so that an issued PNG page matches exactly.
 */
static int hash_pages(lt_vault *v, const lt_doc *d, const char *copy,
		      const lt_layout_plan *plan, const uint8_t *cw,
		      const lt_render_options *ro, const char *source,
		      double png_dpi)
{
	const double dpis[2] = { HASH_DPI, png_dpi };
	int64_t copy_row = 0;
	size_t page, k;
	int rc;

	if ((rc = lt_store_copies_row(v, copy, 0, &copy_row)))
		return rc;
	for (page = 0; page < lt_layout_pages(plan); page++) {
		for (k = 0; k < 2; k++) {
			lt_pdq_hash hash;
			float *luma;
			int w, h, q;

			if (k == 1 && dpis[1] == dpis[0])
				break;
			if ((rc = lt_render_page_luma(&luma, &w, &h, plan,
						      d->set, cw, ro, page,
						      dpis[k])))
				return rc;
			rc = lt_pdq_hash_luma(&hash, 1, &q, luma, h, w);
			free(luma);
			if (rc || (rc = lt_page_hash_record(v, d->rowid,
							    copy_row,
							    (int)page + 1,
							    hash.bytes, q,
							    source, NULL)))
				return rc;
		}
	}
	return LT_OK;
}

/* Hand one file of a copy to the caller's sink (issue.h), under its name
 * without the "./" it was made with. */
static int hand_over(const lt_issue_options *opt, const char *file,
		     const lt_buf *data, const char *format)
{
	const char *name = !strncmp(file, "./", 2) ? file + 2 : file;
	int r = opt->sink(opt->sink_ctx, name, data->data ? data->data : "",
			  data->len, format);

	if (r == 0)
		return LT_OK;
	if (r < 0 && lt_error_code() == r)
		return r;
	return lt_error_set(r < 0 ? r : LT_EIO, "%s: the copy was not taken "
			    "(the sink returned %d)", name, r);
}

/* Write one file of a copy under its temporary name (or hand it to the
 * sink) and add it to the manifest (`page` 0 for a copy of one file). */
static int write_one(pending *q, manifest *man, size_t k, const lt_buf *data,
		     size_t page, const lt_issue_options *opt,
		     const char *format)
{
	int rc;

	if (opt && opt->sink)
		rc = hand_over(opt, q->files[k], data, format);
	else if ((rc = lt_file_write_temp(&q->tmps[k], q->files[k], data->data,
					  data->len, 0644, 0)) == LT_OK)
		q->written = k + 1;
	if (rc)
		return rc;
	return manifest_add(man, q->copy, data->data ? data->data : "",
			    data->len, page);
}

/* Remove the temporary files written so far. */
static void unlink_written(pending *p, size_t m)
{
	size_t i, k;

	for (i = 0; i < m; i++) {
		for (k = 0; k < p[i].written; k++)
			unlink(p[i].tmps[k]);
		p[i].written = 0;
	}
}

/*
 * Give the temporary file `tmp` the name `path` unless something -
 * anything, a symbolic link included - already has it: a hard link, then
 * the temporary name removed (where the file system has no hard links,
 * renameat2 with RENAME_NOREPLACE).  LT_EEXISTS when the name is taken.
 */
static int place_file(const char *tmp, const char *path)
{
	int err;

	if (link(tmp, path) == 0) {
		unlink(tmp);
		return LT_OK;
	}
	err = errno;
#ifdef SYS_renameat2
	if (err == EPERM || err == EOPNOTSUPP || err == ENOSYS || err == EMLINK) {
		if (syscall(SYS_renameat2, AT_FDCWD, tmp, AT_FDCWD, path,
			    1 /* RENAME_NOREPLACE */) == 0)
			return LT_OK;
		err = errno;
	}
#endif
	if (err == EEXIST)
		return lt_error_set(LT_EEXISTS, "%s: a file appeared under this "
				    "name while the copy was being made; nothing "
				    "was replaced", path);
	return lt_error_set(LT_EIO, "%s: cannot write: %s", path, strerror(err));
}

/*
 * Give every written copy its name (the records are committed).  A name
 * that cannot be given leaves that copy under its temporary name, which
 * the error names; the others are still placed.
 */
static int place_all(pending *p, size_t m)
{
	size_t i, k;
	int rc = LT_OK, r;

	for (i = 0; i < m; i++) {
		for (k = 0; k < p[i].nfiles; k++) {
			r = place_file(p[i].tmps[k], p[i].files[k]);
			if (r && rc == LT_OK) {
				char why[512];

				snprintf(why, sizeof(why), "%s", lt_error_message());
				rc = lt_error_set(r, "%s; the copy is recorded and "
						  "kept as %s", why, p[i].tmps[k]);
			}
		}
		p[i].written = 0;
	}
	return rc;
}

/* 1 when something (a file, a link, a directory) has the name `path`. */
static int name_taken(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0 || errno != ENOENT;
}

/*
 * 1 when process `pid` has exited but was not reaped (a zombie: killed,
 * its parent gone too, under an init that does not reap), as Linux's
 * /proc tells; 0 when alive or when /proc cannot say.
 */
static int zombie(long pid)
{
	char path[64], buf[256], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* "pid (comm) S ...": the state follows the last ')'. */
	if (!(p = strrchr(buf, ')')) || p[1] != ' ')
		return 0;
	return p[2] == 'Z' || p[2] == 'X';
}

/*
 * `name` is a temporary file leaktrace made for a copy of `doc_id` -
 * "<doc_id>-<...>.<txt|md|pdf|png>.tmp-<pid>-<n>" - and the process
 * that made it is gone: its pid, else 0.
 */
static long stale_temp_pid(const char *name, const char *doc_id)
{
	static const char *const exts[] = { ".txt", ".md", ".pdf", ".png" };
	size_t idlen = strlen(doc_id), i;
	const char *t = NULL, *q;
	char *end;
	long pid;

	if (strncmp(name, doc_id, idlen) || name[idlen] != '-')
		return 0;
	for (q = strstr(name, ".tmp-"); q; q = strstr(q + 1, ".tmp-"))
		t = q;
	if (!t)
		return 0;
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		size_t e = strlen(exts[i]);

		if ((size_t)(t - name) > idlen + e &&
		    !strncmp(t - e, exts[i], e))
			break;
	}
	if (i == sizeof(exts) / sizeof(exts[0]))
		return 0;
	q = t + 5;
	if (*q < '0' || *q > '9')
		return 0;
	pid = strtol(q, &end, 10);
	if (pid <= 0 || *end != '-' || end[1] < '0' || end[1] > '9')
		return 0;
	for (q = end + 1; *q >= '0' && *q <= '9'; q++)
		;
	if (*q)
		return 0;
	/* Alive (or someone else's, EPERM): leave it. */
	if ((kill((pid_t)pid, 0) == 0 || errno != ESRCH) && !zombie(pid))
		return 0;
	return pid;
}

/* Remove the temporary copies of `doc_id` that a killed issue left in
 * `dir` (regular files only, named as lt_file_write_temp() names them). */
static void remove_stale_temps(const char *dir, const char *doc_id)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat sb;

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (!stale_temp_pid(e->d_name, doc_id))
			continue;
		if (fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(sb.st_mode))
			unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

/*
 * The files of copy `q` (pages > 1: one per page) under the name `base`,
 * into q->files; 1 when `check` and one of them is taken already, else 0;
 * -1 when out of memory.
 */
static int name_files(pending *q, const char *base, size_t pages, int check)
{
	size_t k;
	int taken = 0;

	for (k = 0; k < pages; k++) {
		free(q->files[k]);
		q->files[k] = pages > 1 ? page_name(base, k + 1) : strdup(base);
		if (!q->files[k])
			return -1;
		if (check && name_taken(q->files[k]))
			taken = 1;
	}
	return taken;
}

int lt_issue(lt_issue_result **out, lt_vault *v, const char *doc_id,
	     const char *const *recipients, size_t n, const char *out_dir,
	     const char *format)
{
	lt_issue_options o = {0};

	o.format = format;
	return lt_issue_ex(out, v, doc_id, recipients, n, out_dir, &o);
}

/*
 * A Word copy: the original package with the copy's variants written into
 * the runs that hold the slots' bytes.  A slot whose bytes are not all in
 * runs (one running over a tab) keeps the original's text: the copy then
 * shows variant 0 there, which only lowers its own recipient's score.
 */
static int render_docx(lt_buf *out, lt_docx *dx, const lt_slot_set *set,
		       const uint8_t *cw, const lt_figures *figs)
{
	uint8_t *eff = malloc(set->n + 1);
	lt_text_edit *ed = malloc((set->n + 1) * sizeof(*ed));
	size_t i, n = 0;
	int rc;

	if (!eff || !ed) {
		free(eff);
		free(ed);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	lt_slots_effective(eff, set, cw);
	for (i = 0; i < set->n; i++) {
		const lt_slot *sl = &set->slots[i];

		if (!eff[i] || eff[i] >= sl->nvariants ||
		    !lt_docx_editable(dx, sl->start, sl->end))
			continue;
		ed[n++] = (lt_text_edit){sl->start, sl->end, sl->variants[eff[i]],
					 strlen(sl->variants[eff[i]])};
	}
	lt_buf_clear(out);
	/* its figures marked with the symbols past the text's */
	rc = lt_figures_write_docx(out, dx, ed, n, figs, cw + set->n, NULL);
	free(eff);
	free(ed);
	return rc;
}

/* The Word original of document `d`, opened for writing copies. */
static int open_original(lt_docx **out, lt_vault *v, const lt_doc *d)
{
	lt_buf raw = {0};
	const char *t;
	size_t n;
	int rc;

	*out = NULL;
	if ((rc = lt_store_docs_original_get(v, d->rowid, &raw))) {
		if (rc == LT_ENOTFOUND)
			rc = lt_error_set(LT_EUSAGE, "document '%s' was not "
					  "registered from a Word file: "
					  "--format docx needs one", d->id);
		lt_buf_free(&raw);
		return rc;
	}
	rc = lt_docx_open(out, raw.data, raw.len, d->id);
	lt_buf_free(&raw);
	if (rc)
		return rc;
	t = lt_docx_text(*out, &n);
	if (n != d->set->plain_len || memcmp(t, d->set->plain, n)) {
		lt_docx_free(*out);
		*out = NULL;
		return lt_error_set(LT_EVAULT, "vault is damaged: the Word "
				    "original of '%s' does not hold its text",
				    d->id);
	}
	return LT_OK;
}

/* A copy of an image original: its pixels with the copy's image symbols
 * `sym` embedded, as PNG or as JPEG ("jpg"; image_doc.h). */
static int render_image(lt_buf *out, const lt_image_doc *fig,
			const uint8_t *sym, const char *format)
{
	return lt_image_doc_mark(out, fig->orig, fig->grid, sym,
				 !strcmp(format, "jpg") ? LT_IMAGE_JPEG
							: LT_IMAGE_PNG, NULL);
}

static int issue(lt_issue_result **out, lt_vault *v, const char *doc_id,
		 const char *const *recipients, size_t n, const char *out_dir,
		 const lt_issue_options *opt)
{
	lt_issue_result *res = NULL;
	lt_doc *d = NULL;
	pending *p = NULL;
	name_at *order = NULL;
	char *dup = NULL;
	uint8_t *cw = NULL;
	lt_buf text = {0}, path = {0}, footer = {0};
	manifest man = {0};
	lt_layout_plan *plan = NULL;
	lt_docx *dx = NULL;
	lt_pdf_plan *own = NULL; /* a PDF original: copies in its own look */
	lt_buf own_raw = {0};     /* its bytes */
	lt_pdf_page_hash *own_pages = NULL; /* its pages' PDQ hashes */
	size_t nown = 0;
	lt_image_doc *fig = NULL;
	lt_figures *figs = NULL; /* a Word original's figures */
	lt_code *ext = NULL;
	const lt_code *code;
	lt_render_options ro = {0};
	const char *format = opt ? opt->format : NULL;
	char record_format[32];
	size_t i, k, m = 0, pages = 1;
	char s[96];
	int rc, paged, image = 0, sink = opt && opt->sink;

	*out = NULL;
	if (n == 0)
		return lt_error_set(LT_EUSAGE, "no recipients given (use --to NAME or "
				    "--recipients FILE)");
	if (format && !strcmp(format, "jpeg"))
		format = "jpg";
	if (format && strcmp(format, "txt") && strcmp(format, "md") &&
	    strcmp(format, "pdf") && strcmp(format, "png") &&
	    strcmp(format, "docx") && strcmp(format, "jpg"))
		return lt_error_set(LT_EUSAGE, "unknown format '%s' (txt, md, pdf, "
				    "png, jpg or docx)", format);
	if (opt && opt->paper != LT_PAPER_A4 && opt->paper != LT_PAPER_LETTER)
		return lt_error_set(LT_EUSAGE, "unknown paper size");
	for (i = 0; i < n; i++)
		if ((rc = lt_recipient_name_check(recipients[i])))
			return rc;
	if (opt && opt->sink)
		out_dir = "."; /* names only: made as "./NAME", handed as NAME */
	else if (!out_dir)
		return lt_error_set(LT_EUSAGE, "no output directory given");
	if ((rc = lt_doc_load(&d, v, doc_id, 0)))
		return rc;
	{
		/* the row alone: d holds the slots already */
		lt_document_info *info = calloc(1, sizeof(*info));
		const char *as_original;
		int64_t row;

		if (!info) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			goto out;
		}
		rc = lt_store_docs_info(v, doc_id, info, &row);
		image = rc == LT_OK && lt_image_doc_format(info->format);
		/* a copy in the original's format; a PDF original's copies
		 * are the original file with layout marks (pdfcopy.h) */
		as_original = rc || !info->format ? "txt"
		    : !strcmp(info->format, "md") ? "md"
		    : !strcmp(info->format, "docx") ? "docx"
		    : !strcmp(info->format, "pdf") ? "pdf"
		    : !strcmp(info->format, "png") ? "png"
		    : !strcmp(info->format, "jpeg") ? "jpg" : "txt";
		lt_document_info_free(info);
		if (rc)
			goto out;
		if (!format)
			format = as_original;
	}
	if (image != (!strcmp(format, "jpg") ||
		      (image && !strcmp(format, "png")))) {
		rc = lt_error_set(LT_EUSAGE, image
				  ? "'%s' is an image: its copies are png or jpg, "
				    "not %s"
				  : "'%s' is no image: its copies cannot be %s",
				  d->id, format);
		goto out;
	}
	if (!strcmp(format, "docx") && (rc = open_original(&dx, v, d)))
		goto out;
	if (!strcmp(format, "pdf") &&
	    (rc = lt_pdf_original_plan(&own, &own_raw, v, d->rowid, d->id)))
		goto out;
	if (image && ((rc = lt_image_doc_load(&fig, v, d)) ||
		      (rc = lt_code_extend(&ext, d->code, fig->grid->nslots))))
		goto out;
	paged = !image && (!strcmp(format, "pdf") || !strcmp(format, "png"));
	ro.paper = opt ? opt->paper : LT_PAPER_A4;
	ro.banner = opt && opt->banner && *opt->banner ? opt->banner : NULL;
	ro.justify = paged && opt && opt->justify;
	snprintf(record_format, sizeof(record_format), "%s%s%s", format,
		 !paged ? "" : ro.paper == LT_PAPER_LETTER ? "-letter" : "-a4",
		 ro.justify ? "-justified" : "");
	code = image ? ext : d->code;
	/* a Word copy: its figures' image slots extend the code */
	if (dx && ((rc = lt_figures_load_row(&figs, v, d->rowid, d->id,
					     "docx")) ||
		   (figs->slots &&
		    (rc = lt_code_extend(&ext, d->code, figs->slots)))))
		goto out;
	if (ext && dx)
		code = ext;
	if (own) {
		/* the original's pages, its lines' marks only (pdfcopy.h) */
		snprintf(record_format, sizeof(record_format), "%s",
			 LT_PDF_ORIGINAL_FORMAT);
		/* its JPEG figures' image slots after the line slots
		 * (issue/figures.h) */
		if ((rc = lt_figures_pdf_doc(&figs, v, d->id, own)) ||
		    (rc = lt_code_extend(&ext, d->code, lt_pdf_plan_slots(own) +
					 figs->slots)) ||
		    (rc = lt_pdf_page_hashes(&own_pages, &nown, own_raw.data,
					     own_raw.len, d->id, HASH_DPI)))
			goto out;
		code = ext;
	} else if (paged) {
		if ((rc = lt_layout_plan_new(&plan, d->set, &ro)) ||
		    (rc = lt_code_extend(&ext, d->code, lt_layout_slots(plan))))
			goto out;
		code = ext;
		if (!strcmp(format, "png"))
			pages = lt_layout_pages(plan);
	}
	if (!sink) {
		if ((rc = mkdir_p(out_dir)))
			goto out;
		remove_stale_temps(out_dir, d->id);
	}

	/* Distinct names, in the order given. */
	order = malloc(n * sizeof(*order));
	dup = calloc(n, 1);
	p = calloc(n, sizeof(*p));
	cw = malloc(lt_code_slots(code) + 1);
	if (!order || !dup || !p || !cw) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++)
		order[i] = (name_at){recipients[i], i};
	qsort(order, n, sizeof(*order), cmp_name_at);
	for (i = 1; i < n; i++)
		if (!strcmp(order[i].name, order[i - 1].name))
			dup[order[i].index] = 1;
	for (i = 0; i < n; i++)
		if (!dup[i])
			p[m++].name = recipients[i];

	/*
	 * File names: "DOC-NAME.FORMAT".  A copy is never written over
	 * anything: when that name is taken - by a file already there (an
	 * earlier issue's copy for "J. Smith" when this one is for "J
	 * Smith"), a planted link, or another recipient of this issue - the
	 * copy id is added ("DOC-NAME-COPYID.FORMAT"), then a number.
	 */
	for (i = 0; i < m; i++) {
		lt_buf_clear(&path);
		slug(p[i].name, s, sizeof(s));
		lt_buf_printf(&path, "%s/%s-%s.%s", out_dir, d->id,
			      s[0] ? s : "copy", format);
		p[i].nfiles = pages;
		if (!(p[i].path = strdup(path.data)) ||
		    !(p[i].files = calloc(pages, sizeof(char *))) ||
		    !(p[i].tmps = calloc(pages, sizeof(char *)))) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			goto out;
		}
	}
	for (i = 0; i < m; i++)
		order[i] = (name_at){p[i].path, i};
	qsort(order, m, sizeof(*order), cmp_name_at);
	memset(dup, 0, n);
	for (i = 1; i < m; i++)
		if (!strcmp(order[i].name, order[i - 1].name))
			dup[order[i].index] = 1;
	for (i = 0; i < m; i++) {
		pending *q = &p[i];
		int taken = name_files(q, q->path, pages, !sink);
		unsigned tries;

		if (dup[i] && taken == 0)
			taken = 1;
		lt_vault_copy_id(v, d->id, q->name, q->copy);
		slug(q->name, s, sizeof(s));
		for (tries = 0; taken > 0 && tries < 1000; tries++) {
			lt_buf_clear(&path);
			if (tries == 0)
				rc = lt_buf_printf(&path, "%s/%s-%s-%s.%s", out_dir,
						   d->id, s[0] ? s : "copy",
						   q->copy, format);
			else
				rc = lt_buf_printf(&path, "%s/%s-%s-%s-%u.%s",
						   out_dir, d->id,
						   s[0] ? s : "copy", q->copy,
						   tries + 1, format);
			if (rc)
				goto out;
			taken = name_files(q, path.data, pages, !sink);
			if (taken == 0) {
				free(q->path);
				q->path = strdup(path.data);
				if (!q->path)
					taken = -1;
			}
		}
		if (taken < 0) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			goto out;
		}
		if (taken > 0) {
			rc = lt_error_set(LT_EEXISTS, "%s: no free file name for the "
					  "copy of '%s'", out_dir, q->name);
			goto out;
		}
	}
	if ((rc = lt_vault_begin(v)))
		goto out;
	/* The copies carry the suggestions approved when `d` was loaded: the
	 * vault must still say so as they are recorded (review.c refuses
	 * decisions once copies exist, inside its own transaction). */
	if ((rc = lt_doc_decisions_current(v, d)) ||
	    (rc = record(v, d, p, m, record_format)))
		goto fail;
	for (i = 0; i < m; i++) {
		lt_code_codeword(code, p[i].name, strlen(p[i].name), cw);
		lt_buf_clear(&text);
		ro.footer = NULL;
		if (paged && opt && opt->footer) {
			lt_buf_clear(&footer);
			if ((rc = lt_buf_printf(&footer, "Copy %s \xe2\x80\x94 issued to %s",
						p[i].copy, p[i].name)))
				goto fail;
			ro.footer = footer.data;
		}
		if (image) {
			if ((rc = render_image(&text, fig, cw + d->set->n,
					       format)) ||
			    (rc = write_one(&p[i], &man, 0, &text, 0, opt,
					    format)))
				goto fail;
		} else if (!strcmp(format, "png")) {
			for (k = 0; k < pages; k++) {
				lt_buf_clear(&text);
				if ((rc = lt_render_png(&text, plan, d->set, cw, &ro, k,
							opt && opt->dpi > 0 ? opt->dpi
									    : PNG_DPI)) ||
				    (rc = write_one(&p[i], &man, k, &text,
						    pages > 1 ? k + 1 : 0, opt,
						    format)))
					goto fail;
			}
		} else {
			if (own) {
				/* its figures marked, then its lines */
				if (!(rc = lt_figures_set_pdf(own, figs,
							      cw + d->set->n)))
					rc = lt_pdf_copy_write(&text, own,
							       cw + d->set->n);
			} else if (!strcmp(format, "pdf"))
				rc = lt_render_pdf(&text, plan, d->set, cw, &ro);
			else if (dx)
				rc = render_docx(&text, dx, d->set, cw, figs);
			else
				rc = lt_slots_render(&text, d->set, cw);
			if (rc || (rc = write_one(&p[i], &man, 0, &text, 0,
						  opt, format)))
				goto fail;
		}
		if (paged && !own && (rc = hash_pages(v, d, p[i].copy, plan, cw, &ro,
					      p[i].files[0] +
					      (opt && opt->sink ? 2 : 0),
					      opt && opt->dpi > 0 ? opt->dpi
								 : PNG_DPI)))
			goto fail;
		if (own && (rc = lt_pdf_original_record_pages(v, d->rowid,
				p[i].copy, own_pages, nown,
				p[i].files[0] + (opt && opt->sink ? 2 : 0))))
			goto fail;
	}
	if ((rc = manifest_finish(&man, v, d)))
		goto fail;
	/* Every copy on disk under its temporary name (one flush for them
	 * all rather than one per file) before its record commits; names are
	 * given after, so a kill leaves records without files (issuing again
	 * writes them) and never a copy nobody can be traced from. */
	if (!sink && m > 0 && (rc = lt_file_sync_dir(out_dir)))
		goto fail;
	if ((rc = lt_vault_commit(v)))
		goto fail;
	if (!sink && (rc = place_all(p, m)))
		goto out;
	if (!sink && m > 0)
		(void)lt_file_sync_dir(out_dir);
	for (i = 0; i < m; i++) {
		free(p[i].path);
		p[i].path = p[i].files[0];
		p[i].files[0] = NULL;
		if (sink && !strncmp(p[i].path, "./", 2))
			memmove(p[i].path, p[i].path + 2, strlen(p[i].path) - 1);
	}

	if (!(res = calloc(1, sizeof(*res))) ||
	    !(res->copies = calloc(m, sizeof(*res->copies))) ||
	    !(res->document = strdup(d->id))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < m; i++) {
		res->copies[i].recipient = strdup(p[i].name);
		res->copies[i].path = p[i].path;
		p[i].path = NULL;
		res->copies[i].reissued = p[i].existing;
		memcpy(res->copies[i].copy, p[i].copy, sizeof(p[i].copy));
		res->n++;
		if (!res->copies[i].recipient) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			goto out;
		}
	}
	*out = res;
	res = NULL;
	rc = LT_OK;
	goto out;
fail:
	lt_vault_rollback(v);
out:
	if (p) {
		unlink_written(p, m);
		for (i = 0; i < m; i++) {
			for (k = 0; k < p[i].nfiles; k++) {
				if (p[i].files)
					free(p[i].files[k]);
				if (p[i].tmps)
					free(p[i].tmps[k]);
			}
			free(p[i].files);
			free(p[i].tmps);
			free(p[i].path);
			free(p[i].tmp);
		}
	}
	free(p);
	free(order);
	free(dup);
	free(cw);
	lt_buf_free(&text);
	lt_buf_free(&path);
	lt_buf_free(&footer);
	lt_buf_free(&man.body);
	free(man.files);
	lt_issue_result_free(res);
	lt_layout_plan_free(plan);
	lt_docx_free(dx);
	lt_pdf_plan_free(own);
	lt_buf_free(&own_raw);
	free(own_pages);
	lt_image_doc_free(fig);
	lt_figures_free(figs);
	lt_code_free(ext);
	lt_doc_free(d);
	return rc;
}

int lt_issue_ex(lt_issue_result **out, lt_vault *v, const char *doc_id,
		const char *const *recipients, size_t n, const char *out_dir,
		const lt_issue_options *opt)
{
	return lt_vault_keep_error(v, issue(out, v, doc_id, recipients, n,
					    out_dir, opt));
}
