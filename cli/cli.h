/*
 * cli.h - what every leaktrace command shares: the parsed global options,
 * exit statuses, error reporting, JSON output and option parsing.  Each
 * group of commands lives in its own file (main.c, ledger_cmds.c,
 * verify_cmds.c, ...) and uses only these helpers and liblt's public API.
 */
#ifndef LT_CLI_H
#define LT_CLI_H

#include <jansson.h>

#include "leaktrace/vault.h"

#define EXIT_USAGE 2
#define EXIT_VAULT 3

/* Global options, and the command's own arguments (after its name). */
typedef struct cli {
	const char *vault;
	int json;
	int argc;
	char **argv;
} cli;

/* Exit status for a liblt error code: 2 usage/input, 3 vault, 1 other. */
int cli_exit_code(int rc);

/* Print liblt's last error on stderr; return the exit status for `rc`. */
int cli_fail(int rc);

/* Print a usage error (printf-style with one string argument); return 2. */
int cli_usage(const char *fmt, const char *arg);

/* Print one JSON document on stdout and free it; 1 if `doc` is NULL. */
int cli_emit(json_t *doc);

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
/* Open the vault or report why not; 0 or the exit status. */
int cli_open_vault(const char *dir, lt_vault **v);
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

#endif
