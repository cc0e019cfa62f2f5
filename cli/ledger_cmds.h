/*
 * ledger_cmds.h - the ledger's commands of the leaktrace tool (log,
 * access, suspects), called from main.c's command table.
 *
 * Each takes the vault directory, whether --json was given, and the
 * command's own arguments (after the command name; global options already
 * removed), prints its result, and returns the process exit status.
 */
#ifndef LT_CLI_LEDGER_CMDS_H
#define LT_CLI_LEDGER_CMDS_H

/* log [verify | pubkey | check-proof FILE --pubkey KEY]
 *     [--proof N] [--consistency A B] [--from SEQ] [--limit N] */
int lt_cli_log(const char *vault, int json, int argc, char **argv);

/* access ID --by NAME --action view|print|download [--at ISO8601]
 * access --import FILE */
int lt_cli_access(const char *vault, int json, int argc, char **argv);

/* suspects ID... */
int lt_cli_suspects(const char *vault, int json, int argc, char **argv);

#endif
