// SPDX-License-Identifier: GPL-2.0-only
/* The files of syshark's config directory: key bindings and list columns. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui.h"
#include "xdg.h"

/* The path of config file name into path; false if there is no config directory. */
static bool config_path(const char *name, bool create, char *path, size_t n)
{
	char dir[4096];

	return xdg_dir("XDG_CONFIG_HOME", ".config", create, dir, sizeof(dir)) &&
	       (size_t)snprintf(path, n, "%s/%s", dir, name) < n;
}

int ui_config_read(const char *name, struct sbuf *text, char *path, size_t n)
{
	char buf[4096];
	struct stat sb;
	ssize_t got;
	int fd, rc = 0;

	if (!config_path(name, false, path, n))
		return -ENOENT;
	/* not blocking on a FIFO; a device or a FIFO is refused before reading */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &sb) < 0)
		rc = -errno;
	else if (!S_ISREG(sb.st_mode))
		rc = -EINVAL;
	while (!rc && (got = read(fd, buf, sizeof(buf))) != 0) {
		if (got < 0)
			rc = -errno;
		else if (text->len + (size_t)got > UI_CONFIG_MAX)
			rc = -EFBIG;
		else
			sbuf_put(text, buf, (size_t)got);
	}
	close(fd);
	return rc;
}

const char *ui_config_strerror(int rc)
{
	if (rc == -EINVAL)
		return "not a regular file";
	if (rc == -EFBIG)
		return "larger than a config file may be (1 MiB)";
	return strerror(-rc);
}

int ui_config_write(const char *name, const char *text, char *path, size_t n)
{
	char tmp[4200];
	size_t len = strlen(text);
	int fd, rc = 0;

	if (!config_path(name, true, path, n))
		return -ENOENT;
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != (ssize_t)len || fsync(fd) < 0)
		rc = errno ? -errno : -EIO;
	if (close(fd) < 0 && !rc)
		rc = -errno;
	if (!rc && rename(tmp, path) < 0)
		rc = -errno;
	if (rc)
		unlink(tmp);
	return rc;
}

int ui_config_remove(const char *name, char *path, size_t n)
{
	if (!config_path(name, false, path, n))
		return -ENOENT;
	return unlink(path) < 0 ? -errno : 0;
}
