/*
 * headers.h — the .gh headers a .gc file includes, rendered for libclang.
 *
 * A `.gc` file may `#include "x.gh"`, a header written in the dialect. The
 * C compiler will see the translated `x.h`, but libclang, typing the .gc
 * file, must see the header's declarations with typed stand-ins for its
 * channel types (types.h): each included .gh (and the .gh files those
 * include) is parsed and rendered, and handed to libclang as an unsaved file
 * under the path the #include resolves to.
 */
#ifndef CGOC_HEADERS_H
#define CGOC_HEADERS_H

#include <clang-c/Index.h>
#include <stddef.h>
#include <tree_sitter/api.h>

struct source;
struct translate_options;

typedef struct gh_headers {
    struct CXUnsavedFile *files; /* Filename and Contents owned here */
    size_t count;
} gh_headers;

/* Finds the `#include "*.gh"` directives of src (parsed as root), resolves
 * each like the compiler does (the including file's directory, then the -I
 * directories) and renders it. An include that resolves nowhere is
 * reported as an error; returns false then. */
bool gh_render_includes(const struct translate_options *opt, const struct source *src, TSNode root,
                        gh_headers *out);
void gh_headers_free(gh_headers *h);

#endif
