/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The probe's recipe table (syscalls.h), indexed by native syscall number.
 */
#ifndef SYSHARK_PROBE_TABLE_H
#define SYSHARK_PROBE_TABLE_H

#include <linux/types.h>

#include "diag.h"
#include "syscalls.h"

/*
 * Fills tab[0..n) (n is PROBE_NR_MAX): a recipe for every decoded syscall,
 * the generic syscall event for every other one, the process exit event at
 * PROBE_NR_PROCEXIT. Returns 0, or -EINVAL with d set if a recipe
 * disagrees with the event schema.
 */
int probe_table_fill(struct probe_sc *tab, unsigned int n, struct diag *d);

#endif
