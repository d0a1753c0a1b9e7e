/* output.c — atomic replacement of the output file. */
#include "output.h"

#include "buf.h"
#include "diag.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        len -= (size_t)n;
    }
    return true;
}

bool output_write(const char *path, const char *data, size_t len)
{
    if (strcmp(path, "-") == 0) {
        if (!write_all(STDOUT_FILENO, data, len)) {
            diag_tool_error("cannot write to standard output: %s", strerror(errno));
            return false;
        }
        return true;
    }

    buf tmp = {0};
    buf_printf(&tmp, "%s.cgoc-XXXXXX", path);
    int fd = mkstemp(tmp.data);
    if (fd < 0) {
        diag_tool_error("cannot create '%s': %s", tmp.data, strerror(errno));
        buf_free(&tmp);
        return false;
    }
    /* mkstemp makes the file 0600; give it the mode a plain open() would. */
    mode_t mask = umask(0);
    umask(mask);
    bool ok = fchmod(fd, 0666 & ~mask) == 0 && write_all(fd, data, len);
    int saved = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (ok && rename(tmp.data, path) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        unlink(tmp.data);
        diag_tool_error("cannot write '%s': %s", path, strerror(saved));
    }
    buf_free(&tmp);
    return ok;
}
