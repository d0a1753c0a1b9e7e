/* headers.c — rendering the .gh headers a file includes (see headers.h). */
#include "headers.h"

#include "buf.h"
#include "diag.h"
#include "lower.h"
#include "parse.h"
#include "source.h"
#include "translate.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_DEPTH = 32 };

typedef struct include_site {
    size_t offset;  /* of the directive, for diagnostics */
    char *name;     /* between the quotes */
} include_site;

typedef struct include_list {
    const source *src;
    include_site *items;
    size_t count;
} include_list;

static walk_step find_gh_include(TSNode node, void *ctx)
{
    include_list *list = ctx;
    if (!node_is(node, "preproc_include"))
        return WALK_INTO;
    TSNode path = field(node, "path");
    if (!node_is(path, "string_literal"))
        return WALK_OVER;
    size_t s = ts_node_start_byte(path) + 1, e = ts_node_end_byte(path) - 1;
    if (e < s + 3 || strncmp(list->src->text + e - 3, ".gh", 3) != 0)
        return WALK_OVER;
    list->items = xrealloc(list->items, (list->count + 1) * sizeof *list->items);
    list->items[list->count].offset = ts_node_start_byte(node);
    list->items[list->count].name = strndup(list->src->text + s, e - s);
    if (!list->items[list->count].name)
        abort();
    list->count++;
    return WALK_OVER;
}

/* The path clang opens for `#include "name"` in the file `from`: the
 * including file's directory first, then each -I directory. */
static char *resolve(const translate_options *opt, const char *from, const char *name)
{
    buf path = {0};
    if (name[0] == '/') {
        buf_puts(&path, name);
        if (access(path.data, R_OK) == 0)
            return path.data;
        buf_free(&path);
        return NULL;
    }
    const char *slash = strrchr(from, '/');
    if (slash)
        buf_append(&path, from, (size_t)(slash - from) + 1);
    buf_puts(&path, name);
    if (access(path.data, R_OK) == 0)
        return path.data;
    for (size_t i = 0; i < opt->ncompiler_args; i++) {
        const char *arg = opt->compiler_args[i];
        if (strncmp(arg, "-I", 2) != 0)
            continue;
        path.len = 0;
        buf_printf(&path, "%s/%s", arg + 2, name);
        if (access(path.data, R_OK) == 0)
            return path.data;
    }
    buf_free(&path);
    return NULL;
}

static bool already(const gh_headers *h, const char *path)
{
    for (size_t i = 0; i < h->count; i++)
        if (strcmp(h->files[i].Filename, path) == 0)
            return true;
    return false;
}

static bool render_file(const translate_options *opt, const source *src, TSNode root, gh_headers *out,
                        int depth);

/* Loads, parses and renders one header, then the headers it includes. */
static bool render_header(const translate_options *opt, const char *path, gh_headers *out, int depth)
{
    source hsrc;
    if (!source_load(&hsrc, path))
        return false;
    parsed p;
    if (!parse_source(&hsrc, &p)) {
        source_free(&hsrc);
        return false;
    }
    /* Its syntax errors are reported when the header itself is translated;
     * here only its declarations matter. */
    lower H = {.src = &hsrc, .opt = opt, .render = true};
    stream rendered = {.text = {0}, .vline = -1};
    H.out = &rendered;
    emit_node(&H, ts_tree_root_node(p.tree));
    free(H.ranges);
    buf_free(&H.file_scope.text);

    out->files = xrealloc(out->files, (out->count + 1) * sizeof *out->files);
    char *name = strdup(path);
    if (!name)
        abort();
    out->files[out->count++] = (struct CXUnsavedFile){
        name, rendered.text.data ? rendered.text.data : strdup(""), (unsigned long)rendered.text.len};
    bool ok = render_file(opt, &hsrc, ts_tree_root_node(p.tree), out, depth + 1);
    parse_free(&p);
    source_free(&hsrc);
    return ok;
}

static bool render_file(const translate_options *opt, const source *src, TSNode root, gh_headers *out,
                        int depth)
{
    if (depth > MAX_DEPTH)
        return true; /* include cycles end here; the guards of the headers decide */
    include_list list = {.src = src};
    parse_walk(root, find_gh_include, &list);
    bool ok = true;
    for (size_t i = 0; i < list.count; i++) {
        char *path = resolve(opt, src->path, list.items[i].name);
        if (!path) {
            diag_at(src, list.items[i].offset, DIAG_ERROR, NULL,
                    "cannot find '%s' (looked next to this file and in the -I directories)",
                    list.items[i].name);
            ok = false;
        } else if (!already(out, path)) {
            ok = render_header(opt, path, out, depth) && ok;
        }
        free(path);
        free(list.items[i].name);
    }
    free(list.items);
    return ok;
}

bool gh_render_includes(const translate_options *opt, const source *src, TSNode root, gh_headers *out)
{
    *out = (gh_headers){0};
    return render_file(opt, src, root, out, 0);
}

void gh_headers_free(gh_headers *h)
{
    for (size_t i = 0; i < h->count; i++) {
        free((char *)h->files[i].Filename);
        free((char *)h->files[i].Contents);
    }
    free(h->files);
    *h = (gh_headers){0};
}
