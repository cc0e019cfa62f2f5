/*
 * verify_cmds.h - `leaktrace verify` and `leaktrace attest`.
 */
#ifndef LT_CLI_VERIFY_CMDS_H
#define LT_CLI_VERIFY_CMDS_H

#include "cli.h"

/* verify FILE | verify --statement STATEMENT [FILE] [--pubkey KEY] */
int cli_verify(const cli *c);

/* attest COPY_ID [--with-recipient] [--out FILE] */
int cli_attest(const cli *c);

#endif
