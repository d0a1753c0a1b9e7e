/* emit.c — the edit engine: source copies, generated text, #line markers,
 * node dispatch, and the node -> rendered range table (see lower.h). */
#include "lower.h"

#include "diag.h"
#include "source.h"
#include "translate.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { VLINE_UNKNOWN = -1, VLINE_OFF = -2 };

static void count_lines(stream *s, const char *text, size_t len)
{
    if (s->vline < 0)
        return;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            s->vline++;
}

static bool at_line_start(const stream *s)
{
    return s->text.len == 0 || s->text.data[s->text.len - 1] == '\n';
}

/* Makes the compiler's idea of the current line match the .gc line of
 * offset: a #line directive (on a line of its own) followed by the
 * indentation that keeps the column. */
void stream_sync(lower *L, stream *s, size_t offset)
{
    if (L->render || !L->opt->line_markers || s->vline == VLINE_OFF)
        return;
    unsigned line, col;
    source_position(L->src, offset, &line, &col);
    if (s->vline == (long)line)
        return;
    if (!at_line_start(s))
        buf_puts(&s->text, "\n");
    buf_printf(&s->text, "#line %u %s\n", line, buf_cstr(&L->path_literal));
    for (unsigned i = 1; i < col; i++)
        buf_puts(&s->text, " ");
    s->vline = line;
}

static void record_range(lower *L, TSNode node, size_t start, size_t end);

void emit_src(lower *L, size_t from, size_t to)
{
    if (to <= from)
        return;
    stream_sync(L, L->out, from);
    buf_append(&L->out->text, L->src->text + from, to - from);
    count_lines(L->out, L->src->text + from, to - from);
}

static void vgen(stream *s, const char *fmt, va_list ap)
{
    size_t before = s->text.len;
    va_list copy;
    va_copy(copy, ap);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, copy);
    va_end(copy);
    if (n < (int)sizeof small) {
        buf_append(&s->text, small, (size_t)n);
    } else {
        char *big = xmalloc((size_t)n + 1);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        buf_append(&s->text, big, (size_t)n);
        free(big);
    }
    count_lines(s, s->text.data + before, s->text.len - before);
}

void emit_gen(lower *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vgen(L->out, fmt, ap);
    va_end(ap);
}

void file_scope_gen(lower *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vgen(&L->file_scope, fmt, ap);
    va_end(ap);
}

void emit_site(lower *L, size_t offset)
{
    unsigned line, col;
    source_position(L->src, offset, &line, &col);
    emit_gen(L, "&(const cgo_site){%s, %u}", buf_cstr(&L->path_literal), line);
}

TSNode field(TSNode node, const char *name)
{
    return ts_node_child_by_field_name(node, name, (uint32_t)strlen(name));
}

bool node_is(TSNode node, const char *type)
{
    return !ts_node_is_null(node) && strcmp(ts_node_type(node), type) == 0;
}

unsigned fresh_id(lower *L) { return ++L->next_id; }

void text_of(const lower *L, TSNode node, buf *out)
{
    buf_append(out, L->src->text + ts_node_start_byte(node), ts_node_end_byte(node) - ts_node_start_byte(node));
}

void emit_span(lower *L, TSNode node, size_t from, size_t to)
{
    TSTreeCursor cur = ts_tree_cursor_new(node);
    size_t pos = from;
    if (ts_tree_cursor_goto_first_child(&cur)) {
        do {
            TSNode child = ts_tree_cursor_current_node(&cur);
            size_t s = ts_node_start_byte(child), e = ts_node_end_byte(child);
            if (s < from || s >= to)
                continue;
            emit_src(L, pos, s);
            emit_node(L, child);
            pos = e;
        } while (ts_tree_cursor_goto_next_sibling(&cur));
    }
    ts_tree_cursor_delete(&cur);
    if (pos < to)
        emit_src(L, pos, to);
}

void emit_children(lower *L, TSNode node)
{
    emit_span(L, node, ts_node_start_byte(node), ts_node_end_byte(node));
}

void emit_node(lower *L, TSNode node)
{
    size_t start = L->out->text.len;
    bool handled = false;
    if (!ts_node_is_null(L->rename) && ts_node_eq(node, L->rename)) {
        stream_sync(L, L->out, ts_node_start_byte(node));
        emit_gen(L, "%s", L->rename_to);
        handled = true;
    } else if (!L->render && goblock_emit_identifier(L, node)) {
        handled = true;
    } else if (ts_node_child_count(node) == 0) {
        emit_src(L, ts_node_start_byte(node), ts_node_end_byte(node));
        handled = true;
    }
    if (!handled)
        handled = chan_emit(L, node) || go_emit(L, node) || select_emit(L, node) ||
                  defer_emit(L, node) || main_emit(L, node);
    if (!handled)
        emit_children(L, node);
    if (L->render && ts_node_is_named(node))
        record_range(L, node, start, L->out->text.len);
}

void lower_to(lower *L, TSNode node, buf *out)
{
    stream tmp = {.text = {0}, .vline = VLINE_OFF};
    stream *saved = L->out;
    L->out = &tmp;
    emit_node(L, node);
    L->out = saved;
    buf_append(out, tmp.text.data ? tmp.text.data : "", tmp.text.len);
    buf_free(&tmp.text);
}

/* ------------------------------------------------------------------------ */

static size_t hash_id(uintptr_t id)
{
    uint64_t k = (uint64_t)id;
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return (size_t)k;
}

static void record_range(lower *L, TSNode node, size_t start, size_t end)
{
    if ((L->ranges_count + 1) * 2 > L->ranges_cap) {
        size_t old_cap = L->ranges_cap;
        node_range *old = L->ranges;
        L->ranges_cap = old_cap ? old_cap * 2 : 4096;
        L->ranges = calloc(L->ranges_cap, sizeof *L->ranges);
        if (!L->ranges)
            abort();
        L->ranges_count = 0;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].id) {
                size_t j = hash_id(old[i].id) & (L->ranges_cap - 1);
                while (L->ranges[j].id)
                    j = (j + 1) & (L->ranges_cap - 1);
                L->ranges[j] = old[i];
                L->ranges_count++;
            }
        free(old);
    }
    uintptr_t id = (uintptr_t)node.id;
    size_t j = hash_id(id) & (L->ranges_cap - 1);
    while (L->ranges[j].id && L->ranges[j].id != id)
        j = (j + 1) & (L->ranges_cap - 1);
    if (!L->ranges[j].id)
        L->ranges_count++;
    L->ranges[j] = (node_range){id, (uint32_t)start, (uint32_t)end, ts_node_start_byte(node)};
}

bool source_offset_of_rendering(const lower *L, size_t start, size_t end, size_t *offset)
{
    size_t best_width = SIZE_MAX;
    for (size_t j = 0; j < L->ranges_cap; j++) {
        const node_range *r = &L->ranges[j];
        if (!r->id || r->start > start || r->end < end)
            continue;
        size_t width = r->end - r->start;
        if (width < best_width) {
            best_width = width;
            *offset = r->src_start;
        }
    }
    return best_width != SIZE_MAX;
}

bool node_render_range(const lower *L, TSNode node, size_t *start, size_t *end);

bool node_render_range(const lower *L, TSNode node, size_t *start, size_t *end)
{
    if (!L->ranges_cap)
        return false;
    uintptr_t id = (uintptr_t)node.id;
    size_t j = hash_id(id) & (L->ranges_cap - 1);
    while (L->ranges[j].id) {
        if (L->ranges[j].id == id) {
            *start = L->ranges[j].start;
            *end = L->ranges[j].end;
            return true;
        }
        j = (j + 1) & (L->ranges_cap - 1);
    }
    return false;
}

bool node_cursor(const lower *L, TSNode node, CXCursor *out)
{
    size_t start, end;
    return L->types && node_render_range(L, node, &start, &end) &&
           types_cursor_at(L->types, start, end, out);
}

bool node_type(const lower *L, TSNode node, CXType *out)
{
    size_t start, end;
    return L->types && node_render_range(L, node, &start, &end) && types_at(L->types, start, end, out);
}

bool need_type(lower *L, TSNode node, CXType *out)
{
    if (node_type(L, node, out))
        return true;
    diag_at(L->src, ts_node_start_byte(node), DIAG_ERROR, NULL,
            "cgoc cannot determine the type of this expression");
    return false;
}

bool type_decl_or_error(lower *L, TSNode at, CXType t, const char *name, buf *out)
{
    if (type_decl(L->types, t, name, out))
        return true;
    buf shown = {0};
    type_display(t, &shown);
    diag_at(L->src, ts_node_start_byte(at), DIAG_ERROR, NULL,
            "type '%s' has no name at file scope; give it a typedef at file scope", buf_cstr(&shown));
    buf_free(&shown);
    return false;
}

const char *helper_lookup(lower *L, const char *key)
{
    for (size_t i = 0; i < L->nhelpers; i++)
        if (strcmp(L->helpers[i].key, key) == 0)
            return L->helpers[i].name;
    return NULL;
}

void helper_add(lower *L, const char *key, const char *name)
{
    L->helpers = xrealloc(L->helpers, (L->nhelpers + 1) * sizeof *L->helpers);
    L->helpers[L->nhelpers].key = xstrndup(key, strlen(key));
    L->helpers[L->nhelpers].name = xstrndup(name, strlen(name));
    L->nhelpers++;
}
