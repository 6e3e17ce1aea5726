/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Mapped captures against SIGBUS. A capture file that shrinks while it is
 * mapped (another program truncates or rewrites it) turns reads past its
 * new end into SIGBUS, which would kill the process. A guarded mapping
 * that faults gets zeros (an anonymous mapping) from the faulting page to
 * its end, and is marked: the walk meets the zeros as damage, and the
 * reader says that the file shrank. A SIGBUS anywhere else gets the
 * default action, as before.
 */
#ifndef SYSHARK_SF_GUARD_H
#define SYSHARK_SF_GUARD_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Guards the len bytes mapped at p (installing the handler the first
 * time). Returns a slot for sf_guard_remove(), or -1 if every slot is
 * taken (the mapping is then unguarded). Any thread.
 */
int sf_guard_add(const void *p, size_t len);
/* Whether p lies in a guarded mapping that faulted (and reads zeros past the fault). */
bool sf_guard_hit(const void *p);
/* Forgets slot (-1: nothing), before the mapping is unmapped. */
void sf_guard_remove(int slot);

#endif
