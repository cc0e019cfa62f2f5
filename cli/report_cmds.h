/*
 * report_cmds.h - `leaktrace report`: the spread of the documents as one
 * self-contained HTML page, called from main.c's command table.
 */
#ifndef LT_CLI_REPORT_CMDS_H
#define LT_CLI_REPORT_CMDS_H

#include "cli.h"

/* report [ID] [--out FILE.html] */
int cli_report(const cli *c);

#endif
