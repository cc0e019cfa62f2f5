/*
 * cli.h - what every leaktrace command shares: the parsed global options,
 * exit statuses, error reporting, JSON output and option parsing.  Each
 * group of commands lives in its own file (main.c, ledger_cmds.c,
 * verify_cmds.c, ...) and uses only these helpers and liblt's public API.
 */
#ifndef LT_CLI_H
#define LT_CLI_H

#include <getopt.h>

#include <jansson.h>

#include "leaktrace/buf.h"
#include "leaktrace/extract.h"
#include "leaktrace/vault.h"

#define EXIT_USAGE 2
#define EXIT_VAULT 3

/*
 * Global options, and the command's own arguments: argv[0..argc) are
 * those after its name; words[0] is the name and words[1..argc] the same
 * arguments, the vector cli_getopt() permutes.
 */
typedef struct cli {
	const char *vault;
	int json;
	int argc;
	char **argv;
	char **words;
} cli;

/*
 * Exit status for a liblt error code: 2 usage, unusable input, or a file
 * that cannot be read or written (LT_EIO); 3 vault; 1 only for what is
 * nobody's input (out of memory, an internal error).
 */
int cli_exit_code(int rc);

/* Print liblt's last error on stderr; return the exit status for `rc`. */
int cli_fail(int rc);

/* Print a usage error (printf-style with one string argument); return 2. */
int cli_usage(const char *fmt, const char *arg);

/* Print one JSON document on stdout and free it; 1 if `doc` is NULL. */
int cli_emit(json_t *doc);

/*
 * Print the JSON document liblt wrote into `out` (by an lt_*_json
 * function that returned `rc`) on stdout, and free `out`; 0, or the exit
 * status for `rc` after reporting it.
 */
int cli_emit_buf(int rc, lt_buf *out);

/*
 * The command's next option, by getopt_long over c->words with the long
 * options `opts` (an option's `val`, 256 or more, is what is returned;
 * "--name VALUE"
 * and "--name=VALUE" both work; "--" ends the options).  Returns -1 when
 * none is left: the operands are then cli_operands(c, &n).  Returns '?'
 * for an unknown option and ':' for one without its value, with the
 * argument as written in *bad.  Start a command with cli_getopt_reset().
 */
void cli_getopt_reset(void);
int cli_getopt(const cli *c, const struct option *opts, const char **bad);

/* After cli_getopt() returned -1: the operands, *n of them. */
char **cli_operands(const cli *c, int *n);

/*
 * If argv[*i] is option `name` ("--name VALUE" or "--name=VALUE"), store
 * its value, advance *i and return 1; 0 if it is another argument; -1 if
 * the value is missing.
 */
int cli_take_opt(int argc, char **argv, int *i, const char *name,
		 const char **val);

/*
 * Open the vault with the options the environment gives: the lock timeout
 * (LEAKTRACE_LOCK_TIMEOUT_MS) and the OCR data (TESSDATA_PREFIX).  LT_OK or
 * an LT_E* code (not reported).
 */
int cli_vault_open(lt_vault **v, const char *dir);

/* The OCR budget of each file read through the vaults opened after this
 * (--ocr-pages, --ocr-seconds; 0 leaves the library's default). */
void cli_set_ocr_budget(int pages, double seconds);
/* The per-file OCR budget those options set (0: the defaults). */
void cli_ocr_budget(lt_ocr_budget *out);

/*
 * Append the names of `file` (one a line, as lt_recipients_read_file
 * reads them) to the list names[0..*n): *from_file keeps them (free with
 * lt_names_free(*from_file, *nfile) once `names` is no longer used).  0,
 * or a message on stderr and the exit status.
 */
int cli_names_add_file(const char ***names, size_t *n, char ***from_file,
		       size_t *nfile, const char *file);

/*
 * Refuse to write output at `path` when it lands inside the vault
 * directory `vault` (its key, its database): symbolic links in the path
 * are followed, and ".." in a part not created yet is worked out.
 * `is_dir`: the path is a directory files are written into.  0, or a
 * message on stderr and EXIT_USAGE.
 */
int cli_check_output(const char *vault, const char *path, int is_dir);

/* Open the vault or report why not; 0 or the exit status. */
int cli_open_vault(const char *dir, lt_vault **v);

/*
 * For commands that only read (log, sightings, slots, report, suspects,
 * export-hashes): the same, opened read-only (lt_vault_options.read_only),
 * so that nothing in the vault changes.
 */
int cli_vault_open_read_only(lt_vault **v, const char *dir);
int cli_open_vault_read_only(const char *dir, lt_vault **v);

/* --read-only given: every command opens the vault read-only. */
void cli_set_read_only(int on);
int cli_read_only(void);

/* When `v` is open read-only, say on stderr that this `what` ("trace")
 * was not recorded in the ledger. */
void cli_note_not_recorded(const lt_vault *v, const char *what);
/* Print `msg` (a handle's error message) on stderr; return the exit
 * status for `rc`. */
int cli_fail_message(const char *msg, int rc);
/* Print the message `v` recorded for its last call (the thread's last
 * error when `v` holds another outcome); return the exit status for rc. */
int cli_fail_vault(const lt_vault *v, int rc);
/* Close the vault, having first printed its message when `rc` (the outcome
 * of the last call on it) is an error; 0 or the exit status for rc. */
int cli_close_vault(lt_vault *v, int rc);

/* Standard output is a terminal (colour allowed). */
int cli_colour(void);

/*
 * Terminal-safe output (term.c).  cli_output_init() replaces stderr, and
 * stdout unless `json`, by streams that show control characters, C1
 * controls and bidirectional overrides as visible escapes ("\x1b",
 * "\u202E") instead of passing them to the terminal; cli_output_finish()
 * flushes and puts the streams back (-1 if stdout could not be written).
 */
void cli_output_init(int json);
int cli_output_finish(void);

/*
 * The command prints a machine format on stdout (CSV, a signed statement):
 * keep its bytes exact, unless stdout is a terminal.  Call before printing.
 */
void cli_stdout_exact(void);

/* Send a colour code (SGR sequence) to stdout around the filter. */
void cli_paint(const char *sgr);

/*
 * `s` as one line of text: every control character, newline and tab
 * included, written as a visible escape.  The string is owned by the CLI
 * and valid until 16 more calls; NULL for NULL.
 */
const char *cli_flat(const char *s);

/*
 * A name or title given on the command line or in a file: refuse (a
 * message naming `what` on stderr, EXIT_USAGE) control characters, C1
 * controls, bidi overrides, bytes that are not UTF-8, and more than
 * `max_chars` characters; 0 when it is fine.
 */
#define CLI_NAME_MAX 200
int cli_check_text(const char *what, const char *s, size_t max_chars);

#endif
