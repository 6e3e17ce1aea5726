// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guarded mappings are a fixed table of slots, read by the SIGBUS
 * handler without locks: a slot is taken with a compare-and-swap, its
 * length set, and only then its address, which the handler matches.
 * Mapping zeros over a range from a signal handler is one mmap(2) system
 * call, as other programs that map files they do not own do.
 */
#include "sf_guard.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#define SF_GUARD_SLOTS 64

static struct {
	atomic_bool used;
	_Atomic uintptr_t base;
	_Atomic size_t len;
	atomic_bool hit;
} slots[SF_GUARD_SLOTS];

static uintptr_t page_mask;
static pthread_once_t installed = PTHREAD_ONCE_INIT;

static void on_sigbus(int sig, siginfo_t *si, void *uctx)
{
	uintptr_t a = (uintptr_t)si->si_addr, base, from;
	size_t len;
	int i;

	(void)uctx;
	for (i = 0; i < SF_GUARD_SLOTS; i++) {
		base = atomic_load(&slots[i].base);
		len = atomic_load(&slots[i].len);
		if (!base || a < base || a - base >= len)
			continue;
		from = a & page_mask;
		if (mmap((void *)from, base + len - from, PROT_READ,
			 MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0) == MAP_FAILED)
			break;
		atomic_store(&slots[i].hit, true);
		return;
	}
	/* not ours: the fault comes again, with the default action */
	signal(sig, SIG_DFL);
}

static void install(void)
{
	struct sigaction sa = { .sa_sigaction = on_sigbus, .sa_flags = SA_SIGINFO };

	page_mask = ~((uintptr_t)sysconf(_SC_PAGESIZE) - 1);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
}

int sf_guard_add(const void *p, size_t len)
{
	int i;

	pthread_once(&installed, install);
	for (i = 0; i < SF_GUARD_SLOTS; i++) {
		bool free_slot = false;

		if (!atomic_compare_exchange_strong(&slots[i].used, &free_slot, true))
			continue;
		atomic_store(&slots[i].hit, false);
		atomic_store(&slots[i].len, len);
		atomic_store(&slots[i].base, (uintptr_t)p);
		return i;
	}
	return -1;
}

bool sf_guard_hit(const void *p)
{
	uintptr_t a = (uintptr_t)p, base;
	int i;

	for (i = 0; i < SF_GUARD_SLOTS; i++) {
		base = atomic_load(&slots[i].base);
		if (base && a >= base && a - base < atomic_load(&slots[i].len))
			return atomic_load(&slots[i].hit);
	}
	return false;
}

void sf_guard_remove(int slot)
{
	if (slot < 0)
		return;
	atomic_store(&slots[slot].base, 0);
	atomic_store(&slots[slot].len, 0);
	atomic_store(&slots[slot].used, false);
}
