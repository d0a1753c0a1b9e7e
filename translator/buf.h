/* buf.h — a growable byte buffer. Allocation failure exits with a message:
 * the translator has no useful way to go on without memory. */
#ifndef CGOC_BUF_H
#define CGOC_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
    char *data;   /* always NUL-terminated when len > 0 or after buf_cstr */
    size_t len, cap;
} buf;

void buf_append(buf *b, const void *data, size_t len);
void buf_puts(buf *b, const char *s);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *buf_cstr(buf *b);
void buf_free(buf *b);

/* Checked allocation. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrndup(const char *s, size_t n);

#endif
