/*
 * ingest_internal.h - what the export readers share (ingest.c): a
 * streaming JSON reader over yajl that keeps the path of keys to the
 * current value, a message under construction, and time and path helpers
 * (ingest.c), and the confinement of attachments to their export
 * (ingest_path.c).
 *
 * A format reader (ingest_discord.c, ingest_telegram.c, ingest_x.c) is an
 * event function: it sees every JSON value with the depth of open
 * containers and the key under which each of them sits, copies the fields
 * it wants into an lt_msg_builder, and emits the message when the
 * message's object closes.
 */
#ifndef LT_INGEST_INTERNAL_H
#define LT_INGEST_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <yajl/yajl_parse.h>

#include "leaktrace/buf.h"
#include "leaktrace/ingest.h"

/* Deepest nesting accepted; exports nest six or seven levels. */
#define LT_JR_MAX_DEPTH 64
/* Longest single JSON value accepted (message texts are cut shorter,
 * to LT_INGEST_MAX_TEXT). */
#define LT_JR_MAX_VALUE (64u << 20)
/* Attachments kept per message; more are ignored. */
#define LT_MSG_MAX_ATTACHMENTS 32

enum {
	LT_JV_NULL = 1,
	LT_JV_BOOL,
	LT_JV_NUMBER,
	LT_JV_STRING,
	LT_JV_MAP_START,
	LT_JV_MAP_END,
	LT_JV_ARRAY_START,
	LT_JV_ARRAY_END
};

typedef struct lt_jr lt_jr;

/*
 * Called for each JSON event.  For values and for MAP_START/ARRAY_START,
 * r->depth is the number of containers enclosing the value (0 for the
 * root); for MAP_END/ARRAY_END it is the depth of the closed container
 * (the same number its START saw).  `s`/`len` hold a string's decoded
 * bytes or a number's literal text.  Return LT_OK or an error (set with
 * lt_jr_fail).
 */
typedef int (*lt_jr_event_fn)(lt_jr *r, int kind, const char *s, size_t len);

typedef struct lt_jr_level {
	int is_map;
	size_t keylen;   /* full length of the current key */
	char key[48];    /* its first bytes (keys that matter are short) */
} lt_jr_level;

struct lt_jr {
	yajl_handle h;
	const char *name;      /* file name, for messages */
	lt_jr_event_fn on_event;
	void *state;           /* the format reader's state */
	int depth;
	lt_jr_level lv[LT_JR_MAX_DEPTH];
	int rc;                /* the error a callback stopped with */
	int events;            /* events seen in the current chunk */
	uint64_t quiet;        /* bytes fed since the last event */
	uint64_t offset;       /* bytes fed before the current chunk */
	uint64_t line;         /* newlines before the current chunk */
	const unsigned char *chunk;
	size_t chunk_len;
};

/* Set up a reader; `name` must outlive it.  LT_ENOMEM on failure. */
int lt_jr_init(lt_jr *r, const char *name, lt_jr_event_fn fn, void *state);
void lt_jr_free(lt_jr *r);

/* Is the key of container `level` (0 = root) equal to `key`? */
int lt_jr_key_is(const lt_jr *r, int level, const char *key);

/* Record an LT_EINPUT error at the current position; returns LT_EINPUT. */
int lt_jr_fail(lt_jr *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Byte offset just past the current token. */
uint64_t lt_jr_offset(const lt_jr *r);

/*
 * Parse a whole input: from file descriptor `fd` when `data` is NULL, else
 * from memory.  With `js_prefix`, a leading JavaScript assignment
 * ("window.YTD.tweets.part0 = ") is skipped first.
 */
int lt_jr_run(lt_jr *r, int fd, const void *data, size_t len, int js_prefix);

/* A message under construction. */
typedef struct lt_msg_builder {
	lt_buf channel, author, posted_at, url, id, text;
	char *att[LT_MSG_MAX_ATTACHMENTS];
	size_t natt;
	int has_author, has_url;
	uint64_t text_full; /* bytes of text the export held, when cut */
} lt_msg_builder;

/* Forget the message's fields (keeping storage). */
void lt_msg_reset(lt_msg_builder *b);
void lt_msg_free(lt_msg_builder *b);

/* Set a text field to `len` bytes (replacing what it held). */
int lt_msg_set(lt_buf *field, const char *s, size_t len);

/*
 * Set the message's text to `len` bytes, or append them (Telegram's text
 * arrays); text beyond LT_INGEST_MAX_TEXT is dropped (cut at a character
 * boundary) and the message counted as truncated when emitted.
 */
int lt_msg_set_text(lt_msg_builder *b, const char *s, size_t len);
int lt_msg_append_text(lt_msg_builder *b, const char *s, size_t len);

/*
 * Add an attachment named `rel` (`len` bytes) by the export `source`:
 * URLs and empty names are ignored; the name is confined to the folder
 * `root` with lt_ingest_confine() (NULL root: checked by name only and
 * kept as given).  A refused name is counted in stats->refused and
 * reported through its notice.  LT_OK or LT_ENOMEM.
 */
int lt_msg_attach(lt_msg_builder *b, const char *root, const char *rel,
		  size_t len, const char *source, lt_ingest_stats *stats);

/* What lt_ingest_confine found. */
enum {
	LT_CONFINE_FILE = 0, /* a regular file inside the root: *out */
	LT_CONFINE_MISSING,  /* does not exist (*out is the joined path) */
	LT_CONFINE_REFUSED   /* must not be read (*why says why) */
};

/*
 * Resolve the relative name `rel` (`len` bytes) under the folder `root`
 * without leaving it: an absolute name, a `..` component, a NUL byte, a
 * symbolic link at any component (each is opened from the root with
 * O_NOFOLLOW), or a last component that is not a regular file (a FIFO is
 * opened without blocking) is refused.  On FILE and MISSING, *out is
 * "root/rel" (caller frees).  NULL root: only the name is checked, and
 * *out is `rel` as given.  Returns one of the values above, or
 * -LT_ENOMEM (error set) when out of memory.
 */
int lt_ingest_confine(char **out, const char **why, const char *root,
		      const char *rel, size_t len);

/*
 * Tell stats->notice (if any) about a part passed over: the text is
 * formatted like printf.  Counts nothing.
 */
void lt_ingest_notice(lt_ingest_stats *stats, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Hand the message to the callback: fills an lt_message from the builder
 * (text made valid UTF-8 without NUL bytes), counts it in `stats` (and
 * in stats->truncated, with a notice, when its text was cut).
 */
int lt_msg_emit(lt_msg_builder *b, const char *platform, const char *source,
		uint64_t offset, lt_message_fn fn, void *ctx,
		lt_ingest_stats *stats);

/*
 * Times, into out[32] as "YYYY-MM-DDTHH:MM:SSZ"; each returns 0 on
 * success and -1 when the text is not in the expected form.
 *   lt_ingest_time_iso: ISO 8601 as lt_time_parse() (base/time.h) reads it
 *   lt_ingest_time_unix: decimal seconds since 1970
 *   lt_ingest_time_twitter: "Sun Apr 09 12:38:14 +0000 2023"
 */
int lt_ingest_time_iso(char out[32], const char *s, size_t len);
int lt_ingest_time_unix(char out[32], const char *s, size_t len);
int lt_ingest_time_twitter(char out[32], const char *s, size_t len);

/* The directory part of `path` ("." when none); caller frees. */
char *lt_path_dirname(const char *path);

/* Per-format readers (fd >= 0: read the file; else `data`/`len`). */
int lt_ingest_discord(const char *name, const char *base_dir, int fd,
		      const void *data, size_t len, lt_message_fn fn,
		      void *ctx, lt_ingest_stats *stats);
int lt_ingest_telegram(const char *name, const char *base_dir, int fd,
		       const void *data, size_t len, lt_message_fn fn,
		       void *ctx, lt_ingest_stats *stats);
/* `data_dir` is the archive's folder holding tweets_media (may be NULL:
 * no media); `account` is the archive owner's user name (may be NULL). */
int lt_ingest_x(const char *name, const char *data_dir, const char *account,
		int fd, const void *data, size_t len, lt_message_fn fn,
		void *ctx, lt_ingest_stats *stats);
/* How a reader that finds an export inside what it reads has it read
 * (lt_ingest_path, handed in so that no reader calls the dispatcher). */
typedef int (*lt_ingest_dispatch_fn)(const char *path, lt_message_fn fn,
				     void *ctx, lt_ingest_stats *stats);
int lt_ingest_folder(const char *root, lt_message_fn fn, void *ctx,
		     lt_ingest_stats *stats, lt_ingest_dispatch_fn dispatch);
/* Detection's helpers (ingest_detect.c): a regular file not reached
 * through a link at its last component; dir/name (caller frees); the
 * tweets file of an X archive folder or NULL (caller frees). */
int lt_ingest_is_file(const char *path);
char *lt_ingest_join(const char *dir, const char *name);
char *lt_ingest_x_tweets_file(const char *dir);

/* One loose file as a message (text or attachment). */
int lt_ingest_file(const char *path, const char *root, lt_message_fn fn,
		   void *ctx, lt_ingest_stats *stats);

#endif
