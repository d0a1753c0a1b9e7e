/* source.c — reading the input and mapping offsets to lines. */
#include "source.h"

#include "diag.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool read_stream(FILE *f, char **out, size_t *out_len)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap + 1);
    if (!buf)
        return false;
    for (;;) {
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
        if (len == cap) {
            char *bigger = realloc(buf, cap * 2 + 1);
            if (!bigger) {
                free(buf);
                return false;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    if (ferror(f)) {
        free(buf);
        return false;
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return true;
}

static bool build_line_map(source *src)
{
    size_t n = 1;
    for (size_t i = 0; i < src->len; i++)
        n += src->text[i] == '\n';
    src->line_starts = malloc(n * sizeof *src->line_starts);
    if (!src->line_starts)
        return false;
    src->nlines = 0;
    src->line_starts[src->nlines++] = 0;
    for (size_t i = 0; i < src->len; i++)
        if (src->text[i] == '\n')
            src->line_starts[src->nlines++] = (uint32_t)(i + 1);
    return true;
}

bool source_load(source *src, const char *path)
{
    memset(src, 0, sizeof *src);
    bool from_stdin = strcmp(path, "-") == 0;
    src->path = strdup(from_stdin ? "<stdin>" : path);
    FILE *f = from_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        diag_tool_error("cannot open '%s': %s", path, strerror(errno));
        return false;
    }
    bool ok = read_stream(f, &src->text, &src->len);
    int saved = errno;
    if (!from_stdin)
        fclose(f);
    if (!ok) {
        diag_tool_error("cannot read '%s': %s", path, strerror(saved));
        return false;
    }
    if (src->len > UINT32_MAX - 1) {
        diag_tool_error("'%s' is larger than 4 GiB", path);
        return false;
    }
    if (!build_line_map(src)) {
        diag_tool_error("out of memory reading '%s'", path);
        return false;
    }
    return true;
}

void source_free(source *src)
{
    free(src->path);
    free(src->text);
    free(src->line_starts);
    memset(src, 0, sizeof *src);
}

void source_position(const source *src, size_t offset, unsigned *line, unsigned *col)
{
    /* Binary search for the last line starting at or before offset. */
    size_t lo = 0, hi = src->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (src->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    *line = (unsigned)lo + 1;
    *col = (unsigned)(offset - src->line_starts[lo]) + 1;
}

const char *source_line(const source *src, unsigned line, size_t *len)
{
    if (line == 0 || line > src->nlines) {
        *len = 0;
        return "";
    }
    size_t start = src->line_starts[line - 1];
    size_t end = line < src->nlines ? src->line_starts[line] - 1 : src->len;
    if (end > start && src->text[end - 1] == '\r')
        end--;
    *len = end - start;
    return src->text + start;
}
