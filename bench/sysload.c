// SPDX-License-Identifier: GPL-2.0-only
/*
 * sysload: a heavy system call load for benchmarks of live capture.
 *
 * usage: sysload RATE SECONDS PROCS
 *
 * PROCS processes call getppid() (about the cheapest system call there is)
 * for SECONDS seconds, RATE calls a second between them, or as fast as
 * they can when RATE is 0 or more than the machine does. Each one makes
 * its calls in batches of 1000 and sleeps after a batch that is ahead of
 * its share of the rate. At the end each prints the calls it made.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BATCH 1000

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One process's share: rate calls a second (0: no limit) for seconds. */
static void load(double rate, double seconds)
{
	double start = now_s(), ahead;
	unsigned long long calls = 0;
	int i;

	while (now_s() - start < seconds) {
		for (i = 0; i < BATCH; i++)
			syscall(SYS_getppid);
		calls += BATCH;
		ahead = rate > 0 ? start + (double)calls / rate - now_s() : 0;
		if (ahead > 0) {
			struct timespec ts = { (time_t)ahead,
					       (long)((ahead - (double)(time_t)ahead) * 1e9) };

			nanosleep(&ts, NULL);
		}
	}
	printf("%llu\n", calls);
}

int main(int argc, char **argv)
{
	double rate, seconds;
	int procs, i;

	if (argc != 4) {
		fprintf(stderr, "usage: sysload RATE SECONDS PROCS\n");
		return 2;
	}
	rate = atof(argv[1]);
	seconds = atof(argv[2]);
	procs = atoi(argv[3]);
	if (procs < 1 || seconds <= 0 || rate < 0) {
		fprintf(stderr, "sysload: bad RATE, SECONDS or PROCS\n");
		return 2;
	}
	fflush(stdout);
	for (i = 0; i < procs; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("sysload: fork");
			return 1;
		}
		if (pid == 0) {
			load(rate / procs, seconds);
			return 0;
		}
	}
	while (wait(NULL) > 0)
		;
	return 0;
}
