// SPDX-License-Identifier: GPL-2.0-only
/*
 * scenario: the system calls the recorded test corpus (tests/corpus/) is
 * made of, one scenario per capture. scripts/record-corpus.sh runs each
 * under `syshark -w`. Every call is made on purpose, with fixed names,
 * ports and payloads, so that tests can name what a capture holds.
 *
 * usage: scenario files|procs|net|udp DIR
 *   DIR is an empty scratch directory the scenario works in.
 *
 * Legacy system calls (open, rename, link, fork, ...) go through syscall(2):
 * glibc would make their *at and clone forms instead, which appear too.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

/* Loopback ports of the net scenario; a port nothing listens on for the refused connect. */
#define PORT_TCP4    47001
#define PORT_TCP6    47002
#define PORT_UDP     47003
#define PORT_REFUSED 47009

static void die(const char *what)
{
	fprintf(stderr, "scenario: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* A call that must fail with err; anything else ends the scenario. */
static void expect_err(long rc, int err, const char *what)
{
	if (rc != -1 || errno != err) {
		fprintf(stderr, "scenario: %s: expected %s, got %ld (%s)\n", what, strerror(err), rc,
			strerror(errno));
		exit(1);
	}
}

static void xwrite(int fd, const char *s)
{
	if (write(fd, s, strlen(s)) != (ssize_t)strlen(s))
		die("write");
}

static int xopen(const char *path, int flags)
{
	int fd = open(path, flags, 0644);

	if (fd < 0)
		die(path);
	return fd;
}

/* --- files ------------------------------------------------------------ */

static void files(void)
{
	char buf[64], a[16], b[16], v1[] = "vector one;", v2[] = "vector two\n";
	struct iovec iov[2];
	struct open_how how = { .flags = O_RDONLY, .resolve = RESOLVE_BENEATH };
	int fd, dfd;

	if (syscall(SYS_mkdir, "docs", 0755) < 0)
		die("mkdir docs");
	expect_err(syscall(SYS_mkdir, "docs", 0755), EEXIST, "mkdir docs again");
	if (mkdirat(AT_FDCWD, "docs/old", 0700) < 0)
		die("mkdirat docs/old");

	/* open, write, close; then the same file truncated on open */
	fd = (int)syscall(SYS_open, "docs/notes.txt", O_CREAT | O_WRONLY | O_TRUNC, 0640);
	if (fd < 0)
		die("open docs/notes.txt");
	xwrite(fd, "first line of notes\n");
	close(fd);
	fd = (int)syscall(SYS_open, "docs/notes.txt", O_WRONLY | O_TRUNC, 0);
	if (fd < 0)
		die("open docs/notes.txt O_TRUNC");
	xwrite(fd, "notes, truncated and written again\n");

	/* pwrite, writev and pwritev on the same fd */
	if (pwrite(fd, "NOTES", 5, 0) != 5)
		die("pwrite");
	iov[0] = (struct iovec){ .iov_base = v1, .iov_len = 11 };
	iov[1] = (struct iovec){ .iov_base = v2, .iov_len = 11 };
	if (writev(fd, iov, 2) != 22)
		die("writev");
	if (pwritev(fd, iov, 2, 100) != 22)
		die("pwritev");
	close(fd);

	/* reads: read, pread, readv, preadv, lseek, through openat */
	dfd = open("docs", O_RDONLY | O_DIRECTORY);
	if (dfd < 0)
		die("open docs");
	fd = openat(dfd, "notes.txt", O_RDONLY);
	if (fd < 0)
		die("openat notes.txt");
	if (read(fd, buf, 20) != 20)
		die("read");
	if (pread(fd, buf, 5, 0) != 5)
		die("pread");
	if (lseek(fd, 0, SEEK_SET) != 0)
		die("lseek");
	iov[0] = (struct iovec){ .iov_base = a, .iov_len = sizeof(a) };
	iov[1] = (struct iovec){ .iov_base = b, .iov_len = sizeof(b) };
	if (readv(fd, iov, 2) < 0)
		die("readv");
	if (preadv(fd, iov, 2, 100) < 0)
		die("preadv");
	expect_err(write(fd, "x", 1), EBADF, "write to a read-only fd");
	close(fd);
	expect_err(read(fd, buf, 1), EBADF, "read a closed fd");

	/* openat2, inside the directory and refused outside it */
	fd = (int)syscall(SYS_openat2, dfd, "notes.txt", &how, sizeof(how));
	if (fd < 0)
		die("openat2 notes.txt");
	close(fd);
	expect_err(syscall(SYS_openat2, dfd, "../docs/notes.txt", &how, sizeof(how)), EXDEV,
		   "openat2 outside the directory");

	/* truncation by truncate(2) and ftruncate(2) */
	if (truncate("docs/notes.txt", 10) < 0)
		die("truncate");
	fd = xopen("docs/notes.txt", O_RDWR);
	if (ftruncate(fd, 4) < 0)
		die("ftruncate");

	/* dup, dup2, dup3, fcntl */
	int d1 = dup(fd);
	if (d1 < 0 || dup2(fd, 20) != 20 || dup3(fd, 21, O_CLOEXEC) != 21)
		die("dup");
	if (fcntl(d1, F_SETFD, FD_CLOEXEC) < 0 || fcntl(d1, F_DUPFD_CLOEXEC, 30) < 0)
		die("fcntl");
	close(d1);
	close(20);
	close(21);
	close(30);
	close(fd);

	/* links: hard and symbolic, legacy and *at */
	if (syscall(SYS_link, "docs/notes.txt", "docs/hard.txt") < 0)
		die("link");
	if (linkat(dfd, "notes.txt", dfd, "hard2.txt", 0) < 0)
		die("linkat");
	if (syscall(SYS_symlink, "notes.txt", "docs/soft.txt") < 0)
		die("symlink");
	if (symlinkat("hard.txt", dfd, "soft2.txt") < 0)
		die("symlinkat");
	if (readlink("docs/soft.txt", buf, sizeof(buf)) < 0)
		die("readlink");
	expect_err(syscall(SYS_link, "docs/missing.txt", "docs/x.txt"), ENOENT, "link a missing file");

	/* renames */
	if (syscall(SYS_rename, "docs/hard.txt", "docs/renamed.txt") < 0)
		die("rename");
	if (renameat(dfd, "hard2.txt", dfd, "old/moved.txt") < 0)
		die("renameat");
	if (renameat2(dfd, "soft2.txt", dfd, "soft3.txt", RENAME_NOREPLACE) < 0)
		die("renameat2");
	expect_err(renameat2(dfd, "soft3.txt", dfd, "notes.txt", RENAME_NOREPLACE), EEXIST,
		   "renameat2 onto a file");

	/* stat family and access */
	struct stat st;
	if (stat("docs/notes.txt", &st) < 0 || lstat("docs/soft.txt", &st) < 0 ||
	    fstatat(dfd, "notes.txt", &st, 0) < 0)
		die("stat");
	expect_err(access("docs/missing.txt", R_OK), ENOENT, "access a missing file");

	/* errors opening */
	expect_err(open("docs/missing.txt", O_RDONLY), ENOENT, "open a missing file");
	expect_err(open("docs", O_WRONLY), EISDIR, "open a directory to write");
	expect_err(syscall(SYS_open, "docs/notes.txt", O_CREAT | O_EXCL | O_WRONLY, 0600), EEXIST,
		   "open O_EXCL an existing file");

	/* chdir and fchdir, then relative names */
	if (chdir("docs") < 0)
		die("chdir");
	fd = xopen("renamed.txt", O_RDONLY);
	close(fd);
	if (chdir("..") < 0 || fchdir(dfd) < 0 || chdir("..") < 0)
		die("fchdir");

	/* removal */
	if (syscall(SYS_unlink, "docs/renamed.txt") < 0)
		die("unlink");
	expect_err(syscall(SYS_unlink, "docs/renamed.txt"), ENOENT, "unlink twice");
	if (unlinkat(dfd, "old/moved.txt", 0) < 0 || unlinkat(dfd, "old", AT_REMOVEDIR) < 0)
		die("unlinkat");
	expect_err(syscall(SYS_rmdir, "docs"), ENOTEMPTY, "rmdir a full directory");
	if (unlinkat(dfd, "soft.txt", 0) < 0 || unlinkat(dfd, "soft3.txt", 0) < 0 ||
	    unlinkat(dfd, "notes.txt", 0) < 0)
		die("unlinkat files");
	close(dfd);
	if (syscall(SYS_rmdir, "docs") < 0)
		die("rmdir");
}

/* --- processes ---------------------------------------------------------- */

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

static void *worker(void *arg)
{
	int fd = *(int *)arg;
	char line[32];

	snprintf(line, sizeof(line), "worker %ld\n", (long)syscall(SYS_gettid));
	xwrite(fd, line);
	/* wait for the main thread's tgkill, caught by on_usr1 */
	while (!got_usr1)
		pause();
	return NULL;
}

static int reap(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	return status;
}

static void procs(void)
{
	char a0[] = "echo", a1[] = "argument one", a2[] = "argument two";
	char e0[] = "SCENARIO=procs", e1[] = "GREETING=hello world";
	char *args[] = { a0, a1, a2, NULL }, *env[] = { e0, e1, NULL };
	char buf[128];
	int p[2], status;
	pid_t pid;
	pthread_t th[2];
	struct sigaction sa = { .sa_handler = on_usr1 };

	if (sigaction(SIGUSR1, &sa, NULL) < 0)
		die("sigaction");

	/* a pipe from a fork(2)ed child that writes and exits with status 3 */
	if (syscall(SYS_pipe, p) < 0)
		die("pipe");
	pid = (pid_t)syscall(SYS_fork);
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		close(p[0]);
		xwrite(p[1], "child says hello through the pipe\n");
		_exit(3);
	}
	close(p[1]);
	if (read(p[0], buf, sizeof(buf)) <= 0)
		die("read the pipe");
	close(p[0]);
	status = reap(pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 3)
		die("child status");

	/* vfork and execve with arguments and environment, its output in a pipe2 */
	if (pipe2(p, O_CLOEXEC) < 0)
		die("pipe2");
	pid = vfork();
	if (pid < 0)
		die("vfork");
	if (pid == 0) {
		dup2(p[1], 1);
		execve("/bin/echo", args, env);
		_exit(127);
	}
	close(p[1]);
	while (read(p[0], buf, sizeof(buf)) > 0)
		;
	close(p[0]);
	reap(pid);

	/* a failed execve, in a child made by glibc's fork (clone) */
	pid = fork();
	if (pid == 0) {
		execve("/nonexistent/program", args, env);
		_exit(errno == ENOENT ? 0 : 1);
	}
	reap(pid);

	/* a child killed by SIGTERM, and one that catches SIGUSR1 */
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGTERM);
	status = reap(pid);
	if (!WIFSIGNALED(status))
		die("SIGTERM");
	expect_err(kill(pid, 0), ESRCH, "kill a reaped child");

	/* threads (clone3) writing to a file, each woken by tgkill, then joined */
	int fd = xopen("threads.txt", O_CREAT | O_WRONLY | O_APPEND);
	for (int i = 0; i < 2; i++)
		if (pthread_create(&th[i], NULL, worker, &fd) != 0)
			die("pthread_create");
	usleep(20000);
	for (int i = 0; i < 2; i++)
		pthread_kill(th[i], SIGUSR1);
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	close(fd);
	unlink("threads.txt");

	/* a signal to itself */
	got_usr1 = 0;
	kill(getpid(), SIGUSR1);
	if (!got_usr1)
		die("SIGUSR1 not caught");

	/* a child that drops to nobody and execs a program as that user */
	pid = fork();
	if (pid == 0) {
		if (setgid(65534) < 0 || setuid(65534) < 0)
			_exit(1);
		execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	reap(pid);
}

/* --- network ------------------------------------------------------------ */

struct server {
	int fd;
	int family;
};

/* Accepts one connection, reads a request and answers it in capitals. */
static void *serve(void *arg)
{
	struct server *s = arg;
	char buf[128];
	ssize_t n;
	int c = accept(s->fd, NULL, NULL);

	if (c < 0)
		die("accept");
	n = recv(c, buf, sizeof(buf), 0);
	if (n <= 0)
		die("recv");
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] >= 'a' && buf[i] <= 'z')
			buf[i] = (char)(buf[i] - 32);
	if (send(c, buf, (size_t)n, 0) != n)
		die("send");
	shutdown(c, SHUT_WR);
	close(c);
	return NULL;
}

static int listener(int family, const struct sockaddr *sa, socklen_t len)
{
	int one = 1, fd = socket(family, SOCK_STREAM, 0);

	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, sa, len) < 0)
		die("bind");
	if (listen(fd, 4) < 0)
		die("listen");
	return fd;
}

/* One request and its reply over a stream server at sa. */
static void exchange(int family, const struct sockaddr *sa, socklen_t len, const char *req)
{
	struct server s = { .family = family };
	pthread_t th;
	char buf[128];
	int c;

	s.fd = listener(family, sa, len);
	if (pthread_create(&th, NULL, serve, &s) != 0)
		die("pthread_create");
	c = socket(family, SOCK_STREAM, 0);
	if (c < 0 || connect(c, sa, len) < 0)
		die("connect");
	xwrite(c, req);
	while (read(c, buf, sizeof(buf)) > 0)
		;
	close(c);
	pthread_join(th, NULL);
	close(s.fd);
}

/* UDP: a child's bound socket answers the parent's unbound one. */
static void udp(void)
{
	struct sockaddr_in srv = { .sin_family = AF_INET, .sin_port = htons(PORT_UDP) }, from;
	socklen_t fromlen = sizeof(from);
	char buf[128], reply[] = "datagram reply";
	struct iovec iov = { .iov_base = reply, .iov_len = 14 };
	struct msghdr msg = { .msg_name = &from, .msg_iov = &iov, .msg_iovlen = 1 };
	pid_t pid;
	int fd, u;

	inet_pton(AF_INET, "127.0.0.1", &srv.sin_addr);
	u = socket(AF_INET, SOCK_DGRAM, 0);
	if (u < 0 || bind(u, (struct sockaddr *)&srv, sizeof(srv)) < 0)
		die("bind the UDP socket");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		/* recvfrom, then the reply with sendmsg */
		if (recvfrom(u, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fromlen) != 12)
			die("recvfrom");
		msg.msg_namelen = fromlen;
		if (sendmsg(u, &msg, 0) != 14)
			die("sendmsg");
		_exit(0);
	}
	close(u);
	/* sendto, then recvmsg */
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || sendto(fd, "datagram one", 12, 0, (struct sockaddr *)&srv, sizeof(srv)) != 12)
		die("sendto");
	iov = (struct iovec){ .iov_base = buf, .iov_len = sizeof(buf) };
	msg = (struct msghdr){ .msg_iov = &iov, .msg_iovlen = 1 };
	if (recvmsg(fd, &msg, 0) != 14)
		die("recvmsg");
	close(fd);
	reap(pid);
}

static void net(void)
{
	struct sockaddr_in v4 = { .sin_family = AF_INET, .sin_port = htons(PORT_TCP4) };
	struct sockaddr_in6 v6 = { .sin6_family = AF_INET6, .sin6_port = htons(PORT_TCP6) };
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	int fd;

	inet_pton(AF_INET, "127.0.0.1", &v4.sin_addr);
	inet_pton(AF_INET6, "::1", &v6.sin6_addr);
	snprintf(un.sun_path, sizeof(un.sun_path), "%s", "stream.sock");

	exchange(AF_INET, (struct sockaddr *)&v4, sizeof(v4), "tcp over ipv4\n");
	exchange(AF_INET6, (struct sockaddr *)&v6, sizeof(v6), "tcp over ipv6\n");
	exchange(AF_UNIX, (struct sockaddr *)&un, sizeof(un), "stream over unix\n");
	unlink(un.sun_path);

	/* a refused connect, and a poll that times out on a socket with nothing to read */
	v4.sin_port = htons(PORT_REFUSED);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	expect_err(connect(fd, (struct sockaddr *)&v4, sizeof(v4)), ECONNREFUSED,
		   "connect to a closed port");
	close(fd);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	if (poll(&pfd, 1, 10) != 0)
		die("poll");
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = { .events = EPOLLIN };
	struct epoll_event out;
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0 || epoll_wait(ep, &out, 1, 10) != 0)
		die("epoll");
	close(ep);
	close(fd);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: scenario files|procs|net|udp DIR\n");
		return 2;
	}
	if (chdir(argv[2]) < 0)
		die(argv[2]);
	if (strcmp(argv[1], "files") == 0)
		files();
	else if (strcmp(argv[1], "procs") == 0)
		procs();
	else if (strcmp(argv[1], "net") == 0)
		net();
	else if (strcmp(argv[1], "udp") == 0)
		udp();
	else {
		fprintf(stderr, "scenario: unknown scenario '%s'\n", argv[1]);
		return 2;
	}
	return 0;
}
