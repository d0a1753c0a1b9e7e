/*
 * types.h — the typing stage: libclang types a C rendering of the .gc file.
 *
 * The renderer (render.c) replaces each dialect construct with a typed
 * stand-in of the same shape; a channel type becomes a pointer to a
 * function whose result is the element type and whose one parameter points
 * at `struct cgoc_dir_bi|send|recv` (the direction). clang parses that text
 * with the user's -I/-D/-U/-std=, and expression types are read back by the
 * rendered byte range of the expression.
 */
#ifndef CGOC_TYPES_H
#define CGOC_TYPES_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

struct buf;
struct source;
struct translate_options;

typedef enum chan_dir { CHAN_BI, CHAN_SEND, CHAN_RECV } chan_dir;

typedef struct types types;

/* The declarations every rendering starts with (before the user's text). */
const char *types_prelude(void);

/* Parses text (prelude + rendering) as the file src->path, with the
 * rendered .gc headers it includes (headers.h) as unsaved files. Returns NULL
 * after reporting a tool error when libclang cannot run at all. */
types *types_check(const struct translate_options *opt, const struct source *src, const char *text,
                   size_t len, const struct CXUnsavedFile *headers, size_t nheaders);
void types_free(types *t);

/* The type of the expression clang saw at rendered bytes [start, end). */
bool types_at(const types *t, size_t start, size_t end, CXType *out);
bool types_cursor_at(const types *t, size_t start, size_t end, CXCursor *out);

/* An implicit conversion from one channel type to another that clang saw,
 * at the rendered range of the converted expression. */
typedef struct chan_conversion {
    size_t start, end;
    CXType from, to;
} chan_conversion;
const chan_conversion *types_chan_conversions(const types *t, size_t *count);

/* Channel types: element type and direction. */
bool type_is_chan(CXType t, CXType *elem, chan_dir *dir);

/* Appends a C declaration of `name` (may be "") with type t, in output
 * terms: channels are cgoc_chan. Returns false when t has no spelling at
 * file scope (an anonymous struct without a typedef, a local type). */
bool type_decl(const types *ts, CXType t, const char *name, struct buf *out);

/* How diagnostics name a type: `chan int`, `<-chan double *`... */
void type_display(CXType t, struct buf *out);

/* Function type behind a callee expression (function or pointer to one). */
bool type_function(CXType callee, CXType *fn, bool *is_pointer);

#endif
