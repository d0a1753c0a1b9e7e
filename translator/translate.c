/* translate.c — one run of cgoc. */
#include "translate.h"

#include "buf.h"
#include "lower.h"
#include "diag.h"
#include "headers.h"
#include "output.h"
#include "parse.h"
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void translate_add_compiler_arg(translate_options *opt, char kind, const char *value)
{
    buf arg = {0};
    if (kind == 's')
        buf_printf(&arg, "-std=%s", value);
    else
        buf_printf(&arg, "-%c%s", kind, value);
    opt->compiler_args = xrealloc(opt->compiler_args, (opt->ncompiler_args + 1) * sizeof(char *));
    opt->compiler_args[opt->ncompiler_args++] = arg.data;
}

void translate_options_free(translate_options *opt)
{
    for (size_t i = 0; i < opt->ncompiler_args; i++)
        free(opt->compiler_args[i]);
    free(opt->compiler_args);
    opt->compiler_args = NULL;
    opt->ncompiler_args = 0;
}

/* The .gc path as a C string literal, for #line and sites. */
static void path_literal(const char *path, buf *out)
{
    buf_puts(out, "\"");
    for (const char *p = path; *p; p++) {
        if (*p == '"' || *p == '\\')
            buf_puts(out, "\\");
        buf_append(out, p, 1);
    }
    buf_puts(out, "\"");
}

static bool ends_line(const buf *b) { return b->len == 0 || b->data[b->len - 1] == '\n'; }

/* The helpers a function needs go before it; they may call the function
 * itself (`go fib(n - 1, c);` inside fib), so a prototype of it goes first:
 * its definition's text up to the body, lowered, and a ';'. Not for main
 * (renamed and never the target of a helper), K&R definitions, or a return
 * type that defines a struct, union or enum (a prototype would define it
 * twice). */
static void emit_prototype(lower *L, TSNode fn, stream *out)
{
    if (!node_is(fn, "function_definition"))
        return;
    TSNode body = field(fn, "body"), type = field(fn, "type"), decl = field(fn, "declarator");
    if (ts_node_is_null(body) || !node_is(decl, "function_declarator"))
        return;
    if (!ts_node_is_null(type) && ts_node_child_by_field_name(type, "body", 4).id != NULL)
        return;
    TSNode name = field(decl, "declarator");
    if (node_is(name, "identifier") && ts_node_end_byte(name) - ts_node_start_byte(name) == 4 &&
        strncmp(L->src->text + ts_node_start_byte(name), "main", 4) == 0)
        return;
    for (uint32_t i = 0; i < ts_node_named_child_count(fn); i++)
        if (node_is(ts_node_named_child(fn, i), "declaration"))
            return; /* K&R parameter declarations */
    stream proto = {.text = {0}, .vline = -1};
    stream *saved = L->out;
    L->out = &proto;
    emit_span(L, fn, ts_node_start_byte(fn), ts_node_start_byte(body));
    L->out = saved;
    while (proto.text.len && strchr(" \t\r\n", proto.text.data[proto.text.len - 1]))
        proto.text.len--;
    buf_append(&out->text, proto.text.data ? proto.text.data : "", proto.text.len);
    buf_puts(&out->text, ";\n");
    buf_free(&proto.text);
}

/* Lower mode over the translation unit: each top-level declaration is
 * emitted into its own stream so that the file-scope helpers it needs can
 * be placed before it. */
static void lower_unit(lower *L, TSNode root, stream *main_out)
{
    L->render = false;
    L->out = main_out;
    size_t pos = 0;
    TSTreeCursor cur = ts_tree_cursor_new(root);
    if (ts_tree_cursor_goto_first_child(&cur)) {
        do {
            TSNode child = ts_tree_cursor_current_node(&cur);
            L->out = main_out;
            emit_src(L, pos, ts_node_start_byte(child));
            stream decl = {.text = {0}, .vline = main_out->vline};
            L->file_scope.vline = -1;
            L->out = &decl;
            emit_node(L, child);
            L->out = main_out;
            if (L->file_scope.text.len) {
                if (!ends_line(&main_out->text))
                    buf_puts(&main_out->text, "\n");
                emit_prototype(L, child, main_out);
                buf_append(&main_out->text, L->file_scope.text.data, L->file_scope.text.len);
                L->file_scope.text.len = 0;
                if (L->opt->line_markers) {
                    unsigned line, col;
                    source_position(L->src, ts_node_start_byte(child), &line, &col);
                    buf_printf(&main_out->text, "#line %u %s\n", line, buf_cstr(&L->path_literal));
                    for (unsigned i = 1; i < col; i++)
                        buf_puts(&main_out->text, " ");
                }
            }
            buf_append(&main_out->text, decl.text.data ? decl.text.data : "", decl.text.len);
            main_out->vline = decl.vline;
            buf_free(&decl.text);
            pos = ts_node_end_byte(child);
        } while (ts_tree_cursor_goto_next_sibling(&cur));
    }
    ts_tree_cursor_delete(&cur);
    emit_src(L, pos, L->src->len);
}

static void lower_free(lower *L)
{
    free(L->ranges);
    for (size_t i = 0; i < L->nhelpers; i++) {
        free(L->helpers[i].key);
        free(L->helpers[i].name);
    }
    free(L->helpers);
    buf_free(&L->file_scope.text);
    buf_free(&L->path_literal);
    types_free(L->types);
}

static bool translate_dialect(const translate_options *opt, const source *src, const parsed *p, buf *out)
{
    unsigned errors_before = diag_error_count();
    lower L = {.src = src, .opt = opt};
    path_literal(src->path, &L.path_literal);
    TSNode root = ts_tree_root_node(p->tree);

    /* Render pass: the C text clang types. */
    stream rendered = {.text = {0}, .vline = -1};
    L.render = true;
    L.out = &rendered;
    emit_gen(&L, "%s", types_prelude());
    emit_node(&L, root);
    /* For cgoc's own developers: CGOC_DUMP_RENDERING=file writes the text
     * libclang types (docs/internals.md). */
    const char *dump = getenv("CGOC_DUMP_RENDERING");
    if (dump && *dump) {
        FILE *f = fopen(dump, "wb");
        if (f) {
            fwrite(rendered.text.data, 1, rendered.text.len, f);
            fclose(f);
        }
    }
    gh_headers headers;
    bool headers_ok = gh_render_includes(opt, src, root, &headers);
    L.types = headers_ok ? types_check(opt, src, rendered.text.data, rendered.text.len, headers.files,
                                       headers.count)
                         : NULL;
    gh_headers_free(&headers);
    buf_free(&rendered.text);
    if (!L.types) {
        lower_free(&L);
        return false;
    }

    chan_check_conversions(&L);

    /* Lower pass: the output. */
    stream main_out = {.text = {0}, .vline = -1};
    buf_puts(&main_out.text, "#include <cgo.h>\ntypedef cgo_chan *cgoc_chan;\n");
    lower_unit(&L, root, &main_out);
    L.out = &main_out;
    main_finish(&L);
    bool ok = diag_error_count() == errors_before;
    if (ok && L.needs_stdlib)
        buf_puts(out, "#include <stdlib.h>\n");
    if (ok)
        buf_append(out, main_out.text.data, main_out.text.len);
    buf_free(&main_out.text);
    lower_free(&L);
    return ok;
}

bool translate_source(const translate_options *opt, const source *src, buf *out)
{
    unsigned errors_before = diag_error_count();
    parsed p;
    if (!parse_source(src, &p))
        return false;

    bool uses_dialect = false;
    parse_check_syntax(&p, src, &uses_dialect);
    bool ok = diag_error_count() == errors_before;
    if (ok && uses_dialect) {
        ok = translate_dialect(opt, src, &p, out);
    } else if (ok) {
        /* No dialect construct: the output is the input, byte for byte. */
        buf_append(out, src->text, src->len);
    }
    parse_free(&p);
    return ok;
}

int translate_file(const translate_options *opt)
{
    source src;
    if (!source_load(&src, opt->input))
        return 1;
    buf out = {0};
    bool ok = translate_source(opt, &src, &out) && output_write(opt->output, out.data ? out.data : "", out.len);
    buf_free(&out);
    source_free(&src);
    return ok ? 0 : 1;
}
