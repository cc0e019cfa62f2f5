/*
 * ingest.h - platform exports and folders in, one message at a time out.
 *
 * Investigators receive what the platforms' own tools write: a
 * DiscordChatExporter JSON file, a Telegram Desktop export (`result.json`
 * of one chat, or of a whole account with its chats under `chats.list[]`),
 * an X/Twitter archive (`data/tweets.js`, a JavaScript assignment around a
 * JSON array, and `data/tweets_media/`), or a folder of loose files.  The
 * readers stream: each JSON export is parsed incrementally (yajl) and only
 * the message being read is kept, so a 2 GB export is read in a few
 * megabytes of memory.  Every message is handed to a callback as an
 * lt_message whose fields are normalised across platforms:
 *
 *   platform   "discord", "telegram", "x" or "file"
 *   channel    channel or chat name (X: the account's user name when the
 *              archive says it; files: the folder relative to the root)
 *   author     display name / user name, NULL when unknown
 *   posted_at  ISO 8601 in UTC ("2023-04-05T21:10:40Z"), NULL if unknown
 *   url        a link to the message where one can be made, else NULL
 *   id         the platform's message id (files: the relative path)
 *   text       the message's text, valid UTF-8 without NUL bytes, at
 *              most LT_INGEST_MAX_TEXT bytes
 *   attachments  local paths of attached media that were exported,
 *              confined to the export's folder
 *
 * Readers tolerate fields they do not know and the differences between
 * exporter versions, and reject broken input (truncated or malformed JSON,
 * invalid UTF-8, a value of the wrong type where the structure depends on
 * it) with LT_EINPUT and a message naming the file, the byte offset and
 * the line.
 *
 * Ownership: everything an lt_message points to belongs to the reader and
 * is valid only during the callback; copy what must outlive it.
 */
#ifndef LEAKTRACE_INGEST_H
#define LEAKTRACE_INGEST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum lt_source_kind {
	LT_SOURCE_UNKNOWN = 0,
	LT_SOURCE_DISCORD,  /* a DiscordChatExporter JSON file */
	LT_SOURCE_TELEGRAM, /* a Telegram Desktop result.json or its folder */
	LT_SOURCE_X,        /* an X archive root, its data/ or a tweets*.js */
	LT_SOURCE_FOLDER,   /* any other folder, walked recursively */
	LT_SOURCE_FILE      /* one loose file (text, Markdown, image, PDF) */
} lt_source_kind;

/* A short name for a source kind, e.g. "discord". */
const char *lt_source_kind_name(lt_source_kind kind);

typedef struct lt_message {
	const char *platform;
	const char *channel;   /* may be NULL */
	const char *author;    /* may be NULL */
	const char *posted_at; /* may be NULL */
	const char *url;       /* may be NULL */
	const char *id;        /* never NULL; "" when the export has none */
	const char *text;      /* never NULL */
	size_t text_len;
	const char *const *attachments; /* resolved local paths */
	size_t nattachments;
	const char *source;    /* the file the message was read from */
	uint64_t offset;       /* byte offset of the message's end in it */
} lt_message;

/*
 * Called once per message.  Return LT_OK to go on; any other value stops
 * the reader, which returns that value unchanged (set the error message
 * with lt_error_set() first).
 */
typedef int (*lt_message_fn)(void *ctx, const lt_message *m);

/*
 * Told about each part of a source that was refused or could not be read
 * and was passed over: `what` names the file and what is wrong with it
 * (valid only during the call).
 */
typedef void (*lt_ingest_notice_fn)(void *ctx, const char *what);

typedef struct lt_ingest_stats {
	size_t messages; /* messages and files handed to the callback */
	size_t files;    /* export files and loose files read */
	size_t skipped;  /* service messages, files of no readable kind,
			    unreadable loose files */
	size_t refused;  /* attachments and files not read because they
			    lead outside their export, are or pass through
			    a symbolic link, or are not regular files */
	size_t unreadable; /* parts of a folder passed over: broken
			      exports, folders that cannot be listed or sit
			      too deep */
	size_t truncated;  /* messages whose text was cut to
			      LT_INGEST_MAX_TEXT */
	lt_ingest_notice_fn notice; /* may be NULL: told of each refused,
				       unreadable or truncated part */
	void *notice_ctx;
} lt_ingest_stats;

/*
 * The longest message text handed on: a longer one (a 50 MB paste) is
 * cut to its first 8 MiB, at a character boundary, and counted in
 * `truncated`, so one message never costs more than a bounded amount of
 * memory downstream.
 */
#define LT_INGEST_MAX_TEXT (8u << 20)

/*
 * Tell what `path` is: a directory holding `result.json` is Telegram, one
 * holding `data/tweets.js` (or `tweets.js`, `tweet.js`, `tweets-part1.js`)
 * is an X archive, any other directory a folder; a `*.js` file is X; a
 * `*.json` file is Discord or Telegram by its content (the first 64 KiB);
 * anything else is a loose file.  LT_EINPUT when the path is missing or is
 * JSON of neither shape.
 */
int lt_ingest_detect(lt_source_kind *kind, const char *path);

/*
 * Read everything at `path` (detected as above) and call `fn` for each
 * message.  `stats` (may be NULL) is added to, not reset.  Returns LT_OK,
 * LT_EINPUT for broken input (message names the file and the position),
 * LT_EIO, LT_ENOMEM, or whatever `fn` returned.
 *
 * In a folder, `.txt`, `.md` and `.markdown` files become one message each
 * (text decoded as lt_text_decode does; a file that cannot be decoded is
 * skipped and counted), images (`.png`, `.jpg`, `.jpeg`) and PDFs become
 * a message with no text and the file as its attachment, and other files
 * are skipped and counted.  Symbolic links are not followed inside a
 * folder (counted in `refused`), nor are FIFOs, sockets or devices read.
 * A folder is a dump: a broken export in it, a sub-folder that cannot be
 * listed or one nested deeper than 64 levels is passed over, counted in
 * `unreadable` and named through `notice`, and the walk goes on; only a
 * source given directly that is broken is an error.
 *
 * Attachments named by an export are confined to the export's folder (the
 * folder of the JSON file; for X, the `data` folder holding
 * `tweets_media`): an absolute path, a `..` component, a symbolic link
 * anywhere on the way, or anything but a regular file is refused, counted
 * in `refused` and named through `notice`, never read.  An X tweet id
 * must be digits to name media files.  Attachments that do not exist are
 * passed on as paths (the scanner counts them as not examined).
 */
int lt_ingest_path(const char *path, lt_message_fn fn, void *ctx,
		   lt_ingest_stats *stats);

/*
 * Read an export held in memory: `kind` is LT_SOURCE_DISCORD,
 * LT_SOURCE_TELEGRAM or LT_SOURCE_X; `name` names it in messages and
 * errors; attachments are resolved against `base_dir` (may be NULL: then
 * attachments are reported as given).  For fuzzing and tests.
 */
int lt_ingest_memory(lt_source_kind kind, const char *name,
		     const char *base_dir, const void *data, size_t len,
		     lt_message_fn fn, void *ctx, lt_ingest_stats *stats);

#ifdef __cplusplus
}
#endif
#endif
