/*
 * parse.c — parsing, and the syntax check of dialect code.
 *
 * tree-sitter recovers from every error and marks it with ERROR or MISSING
 * nodes. Those are reported only when they concern the dialect: a MISSING
 * token inside a dialect construct, or an ERROR region that lies inside a
 * dialect construct or contains one (a dialect node, or a dialect keyword
 * token such as `go` or `<-`). Every other error region is plain C that the
 * C compiler will judge; it is copied through untouched.
 */
#include "parse.h"

#include "cgoc_grammar.h"
#include "diag.h"
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The node types the dialect adds to C, with the words diagnostics use. */
static const struct {
    const char *type;
    const char *human;
} dialect_nodes[] = {
    {"channel_type", "channel type"},
    {"make_expression", "make expression"},
    {"send_statement", "send statement"},
    {"receive_expression", "receive expression"},
    {"receive_assignment", "receive statement"},
    {"for_range_statement", "for-range loop"},
    {"go_statement", "'go' statement"},
    {"defer_statement", "'defer' statement"},
    {"select_statement", "select statement"},
    {"select_case", "select case"},
    {"select_default", "select default"},
};

/* Anonymous tokens that only the dialect produces. */
static const char *const dialect_tokens[] = {"go", "defer", "select", "chan", "<-", "chan<-"};

static const char *dialect_human(const char *type)
{
    for (size_t i = 0; i < sizeof dialect_nodes / sizeof *dialect_nodes; i++)
        if (strcmp(dialect_nodes[i].type, type) == 0)
            return dialect_nodes[i].human;
    return NULL;
}

bool parse_is_dialect_node(TSNode node)
{
    return ts_node_is_named(node) && dialect_human(ts_node_type(node)) != NULL;
}

static bool is_dialect_token(TSNode node)
{
    if (ts_node_is_named(node))
        return false;
    const char *type = ts_node_type(node);
    for (size_t i = 0; i < sizeof dialect_tokens / sizeof *dialect_tokens; i++)
        if (strcmp(dialect_tokens[i], type) == 0)
            return true;
    return false;
}

bool parse_source(const source *src, parsed *out)
{
    out->parser = ts_parser_new();
    out->tree = NULL;
    if (!out->parser || !ts_parser_set_language(out->parser, tree_sitter_cgoc())) {
        diag_tool_error("the cgoc grammar does not load into this tree-sitter library "
                        "(language version %u)",
                        ts_language_version(tree_sitter_cgoc()));
        parse_free(out);
        return false;
    }
    out->tree = ts_parser_parse_string(out->parser, NULL, src->text, (uint32_t)src->len);
    if (!out->tree) {
        diag_tool_error("cannot parse '%s'", src->path);
        parse_free(out);
        return false;
    }
    return true;
}

void parse_free(parsed *p)
{
    if (p->tree)
        ts_tree_delete(p->tree);
    if (p->parser)
        ts_parser_delete(p->parser);
    p->tree = NULL;
    p->parser = NULL;
}

/* The nearest dialect construct enclosing node (or node itself), or a null
 * node. */
static TSNode dialect_ancestor(TSNode node)
{
    for (; !ts_node_is_null(node); node = ts_node_parent(node))
        if (parse_is_dialect_node(node))
            return node;
    return node;
}

void parse_walk(TSNode root, walk_step (*visit)(TSNode node, void *ctx), void *ctx)
{
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    for (;;) {
        walk_step step = visit(ts_tree_cursor_current_node(&cursor), ctx);
        if (step == WALK_STOP)
            break;
        if (step == WALK_INTO && ts_tree_cursor_goto_first_child(&cursor))
            continue;
        bool done = false;
        while (!ts_tree_cursor_goto_next_sibling(&cursor))
            if (!ts_tree_cursor_goto_parent(&cursor)) {
                done = true;
                break;
            }
        if (done)
            break;
    }
    ts_tree_cursor_delete(&cursor);
}

static walk_step find_dialect_visit(TSNode node, void *ctx)
{
    if (parse_is_dialect_node(node) || is_dialect_token(node)) {
        *(TSNode *)ctx = node;
        return WALK_STOP;
    }
    return WALK_INTO;
}

/* The first dialect node or dialect token inside node, or a null node. */
static TSNode find_dialect_inside(TSNode node)
{
    TSNode found = {0};
    parse_walk(node, find_dialect_visit, &found);
    return found;
}

/* Where a line comment starts on the line that ends at `end`, or `end`
 * when there is none (quotes are respected, escapes roughly). */
static size_t line_comment_start(const source *src, size_t end)
{
    size_t line = end;
    while (line > 0 && src->text[line - 1] != '\n')
        line--;
    char quote = 0;
    for (size_t i = line; i + 1 < end; i++) {
        char c = src->text[i];
        if (quote) {
            if (c == '\\')
                i++;
            else if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '/' && src->text[i + 1] == '/') {
            return i;
        } else if (c == '/' && src->text[i + 1] == '*') {
            const char *close = strstr(src->text + i + 2, "*/");
            if (!close || (size_t)(close - src->text) >= end)
                return end;
            i = (size_t)(close - src->text) + 1;
        }
    }
    return end;
}

/* End of the last token before the MISSING node, skipping white space and
 * comments, which is where clang puts "expected ';'". (The tree cannot tell:
 * libtree-sitter 0.20's sibling and parent links are unreliable for
 * zero-width nodes, so this reads the text backwards.) */
static size_t end_of_previous_token(const source *src, TSNode node)
{
    size_t offset = ts_node_start_byte(node);
    for (;;) {
        while (offset > 0 && strchr(" \t\r\n\f\v", src->text[offset - 1]))
            offset--;
        if (offset >= 2 && src->text[offset - 1] == '/' && src->text[offset - 2] == '*') {
            size_t i = offset - 2;
            while (i >= 2 && !(src->text[i - 2] == '/' && src->text[i - 1] == '*'))
                i--;
            if (i < 2)
                return offset;
            offset = i - 2;
            continue;
        }
        size_t comment = line_comment_start(src, offset);
        if (comment == offset)
            return offset;
        offset = comment;
    }
}

/* A short, printable excerpt of the source at node, for "unexpected 'x'". */
static void excerpt(const source *src, TSNode node, char *out, size_t size)
{
    size_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    size_t n = 0;
    for (size_t i = start; i < end && n + 4 < size; i++) {
        char c = src->text[i];
        if (c == '\n')
            break;
        out[n++] = c;
    }
    if (n + 4 >= size || (start + n < end && src->text[start + n] != '\n'))
        out[n++] = '.', out[n++] = '.', out[n++] = '.';
    out[n] = '\0';
}

static void report_missing(TSNode node, const source *src)
{
    TSNode construct = dialect_ancestor(ts_node_parent(node));
    const char *type = ts_node_type(node);
    size_t at = end_of_previous_token(src, node);
    const char *human = ts_node_is_null(construct) ? NULL : dialect_human(ts_node_type(construct));
    bool is_token = !ts_node_is_named(node);
    if (human)
        diag_at(src, at, DIAG_ERROR, is_token ? type : NULL, "expected %s%s%s after %s",
                is_token ? "'" : "", type, is_token ? "'" : "", human);
    else
        diag_at(src, at, DIAG_ERROR, is_token ? type : NULL, "expected %s%s%s", is_token ? "'" : "",
                type, is_token ? "'" : "");
}

/* An ERROR region that concerns the dialect. Says what was expected where
 * the construct makes that clear. */
static void report_error_region(TSNode error, TSNode dialect, const source *src)
{
    char text[64];
    TSNode first = ts_node_child_count(error) ? ts_node_child(error, 0) : error;
    const char *first_type = ts_node_type(first);
    const char *lead = ts_node_is_named(dialect) ? NULL : ts_node_type(dialect);

    if (strcmp(first_type, "go") == 0 || strcmp(first_type, "defer") == 0) {
        diag_at(src, ts_node_end_byte(first), DIAG_ERROR, NULL,
                "expected a function call or a '{' block after '%s'", first_type);
    } else if ((strcmp(first_type, "case") == 0 && lead && strcmp(lead, "<-") == 0) ||
               (strcmp(first_type, "<-") == 0 &&
                strcmp(ts_node_type(ts_node_parent(error)), "case_statement") == 0)) {
        TSNode at = strcmp(first_type, "case") == 0 ? first : ts_node_parent(error);
        diag_at(src, ts_node_start_byte(at), DIAG_ERROR, NULL,
                "'case' with a channel operation outside of a select statement; "
                "a switch case needs a constant expression");
    } else if (strcmp(first_type, "case") == 0 && strcmp(ts_node_type(dialect), "select_statement") == 0) {
        /* A broken select case: most often the ':' is missing. */
        uint32_t n = ts_node_child_count(error);
        bool has_colon = false;
        for (uint32_t i = 0; i < n; i++)
            has_colon |= strcmp(ts_node_type(ts_node_child(error, i)), ":") == 0;
        if (!has_colon && n >= 2)
            diag_at(src, ts_node_end_byte(ts_node_child(error, 1)), DIAG_ERROR, ":",
                    "expected ':' after the select case's channel operation");
        else
            diag_at(src, ts_node_start_byte(error), DIAG_ERROR, NULL,
                    "malformed select case; expected 'case <-ch:', 'case v = <-ch:', "
                    "'case T v = <-ch:', 'case v, ok = <-ch:' or 'case ch <- v:'");
    } else {
        TSNode construct = dialect_ancestor(ts_node_parent(error));
        const char *human = ts_node_is_null(construct) ? NULL : dialect_human(ts_node_type(construct));
        TSNode culprit = ts_node_child_count(error) ? ts_node_child(error, 0) : error;
        excerpt(src, culprit, text, sizeof text);
        if (human)
            diag_at(src, ts_node_start_byte(error), DIAG_ERROR, NULL, "unexpected '%s' in %s", text, human);
        else
            diag_at(src, ts_node_start_byte(error), DIAG_ERROR, NULL,
                    "cannot parse this code around '%s'", lead ? lead : dialect_human(ts_node_type(dialect)));
    }
}

/* C++ headers are full of `for (auto x : range)` and `for (T x : range)`,
 * which parse as for-range loops, broken or not, and `Op<-1>() = x;` parses
 * as a broken send. So in a file that is not named .gc/.gh (a .c or .h file
 * given to cgoc; standard input excepted) a for-range loop, or a dialect
 * construct with a syntax error inside, is evidence of the dialect only when
 * the file uses some other, well-formed dialect construct; until then its
 * errors wait here. */
enum { MAX_PENDING = 64 };

typedef struct check_ctx {
    const source *src;
    bool uses_dialect;
    bool weak_for_range; /* not a .gc/.gh file: see above */
    size_t n_pending;
    struct pending {
        TSNode node, dialect;
        bool missing;
    } pending[MAX_PENDING];
} check_ctx;

/* Whether node is only weak evidence of the dialect (above). */
static bool is_weak_evidence(const check_ctx *ctx, TSNode node)
{
    return ctx->weak_for_range && !ts_node_is_null(node) &&
           (strcmp(ts_node_type(node), "for_range_statement") == 0 || ts_node_has_error(node));
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void report_or_hold(check_ctx *ctx, TSNode node, TSNode dialect, bool missing)
{
    if (!ctx->uses_dialect && is_weak_evidence(ctx, dialect)) {
        if (ctx->n_pending < MAX_PENDING)
            ctx->pending[ctx->n_pending++] = (struct pending){node, dialect, missing};
        return;
    }
    ctx->uses_dialect = true;
    if (missing)
        report_missing(node, ctx->src);
    else
        report_error_region(node, dialect, ctx->src);
}

/* The dialect in a #define body. cgoc does not translate macro bodies (it
 * would have to know where the macro is used), so in a .gc/.gh file dialect
 * syntax there is an error. The body is plain tokens to tree-sitter; these
 * token patterns are unambiguous in C: `chan` before a type name or `<-`;
 * `go`/`defer` before a call or a block; `select {`; `make(chan`; `<-`
 * starting an operand (after `=`, `(`, `,`, `return` or at the start); a
 * send `x <- y` written with spaces around the arrow. */
typedef struct macro_token {
    const char *text;
    size_t len;
    bool space_before, space_after;
} macro_token;

static bool tok_is(const macro_token *t, const char *s)
{
    return t->len == strlen(s) && strncmp(t->text, s, t->len) == 0;
}

static bool tok_is_word(const macro_token *t)
{
    return t->len && (t->text[0] == '_' || ((t->text[0] | 32) >= 'a' && (t->text[0] | 32) <= 'z'));
}

/* Splits a macro body into tokens (identifiers, numbers, `<-`, other
 * punctuation one character at a time), skipping literals and comments. */
static size_t macro_tokens(const char *s, size_t n, macro_token *out, size_t max)
{
    size_t count = 0, i = 0;
    bool space = true;
    while (i < n && count < max) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\\' || c == '\n' || c == '\r') {
            space = true;
            if (count)
                out[count - 1].space_after = true;
            i++;
            continue;
        }
        size_t start = i;
        if (c == '"' || c == '\'') {
            for (i++; i < n && s[i] != c; i++)
                if (s[i] == '\\')
                    i++;
            i++;
        } else if (c == '/' && i + 1 < n && (s[i + 1] == '*' || s[i + 1] == '/')) {
            const char *end = s[i + 1] == '*' ? strstr(s + i + 2, "*/") : NULL;
            i = end && (size_t)(end - s) < n ? (size_t)(end - s) + 2 : n;
            space = true;
            continue;
        } else if (c == '_' || ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9')) {
            while (i < n && (s[i] == '_' || ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') ||
                             (s[i] >= '0' && s[i] <= '9')))
                i++;
        } else if (c == '<' && i + 1 < n && s[i + 1] == '-') {
            i += 2;
        } else {
            i++;
        }
        out[count++] = (macro_token){s + start, i - start, space, false};
        space = false;
    }
    return count;
}

static void check_macro_body(TSNode def, const source *src)
{
    TSNode value = ts_node_child_by_field_name(def, "value", 5);
    if (ts_node_is_null(value))
        return;
    size_t start = ts_node_start_byte(value);
    macro_token t[512];
    size_t n = macro_tokens(src->text + start, ts_node_end_byte(value) - start, t, 512);
    for (size_t i = 0; i < n; i++) {
        const macro_token *next = i + 1 < n ? &t[i + 1] : NULL, *prev = i ? &t[i - 1] : NULL;
        const char *what = NULL;
        if (tok_is(&t[i], "chan") && next && (tok_is_word(next) || tok_is(next, "<-")))
            what = "a channel type";
        else if ((tok_is(&t[i], "go") || tok_is(&t[i], "defer")) && next &&
                 (tok_is(next, "{") || (tok_is_word(next) && i + 2 < n && tok_is(&t[i + 2], "("))))
            what = tok_is(&t[i], "go") ? "a 'go' statement" : "a 'defer' statement";
        else if (tok_is(&t[i], "select") && next && tok_is(next, "{"))
            what = "a select statement";
        else if (tok_is(&t[i], "make") && next && tok_is(next, "(") && i + 2 < n && tok_is(&t[i + 2], "chan"))
            what = "make(chan ...)";
        else if (tok_is(&t[i], "<-") && next && !next->space_before &&
                 (!prev || tok_is(prev, "=") || tok_is(prev, "(") || tok_is(prev, ",") || tok_is(prev, "return")))
            what = "a receive '<-'";
        else if (tok_is(&t[i], "<-") && t[i].space_before && t[i].space_after && prev && next)
            what = "a send '<-'";
        if (what) {
            bool type = strcmp(what, "a channel type") == 0;
            diag_at(src, start + (size_t)(t[i].text - (src->text + start)), DIAG_ERROR, NULL,
                    "%s in a #define body is not translated; %s", what,
                    type ? "use a typedef instead of the macro"
                         : "write a function (or a static inline function) instead of the macro");
            return; /* one report per macro */
        }
    }
}

static walk_step check_visit(TSNode node, void *arg)
{
    check_ctx *ctx = arg;
    if (diag_too_many())
        return WALK_STOP;
    if (!ctx->weak_for_range &&
        (strcmp(ts_node_type(node), "preproc_def") == 0 || strcmp(ts_node_type(node), "preproc_function_def") == 0)) {
        check_macro_body(node, ctx->src);
        return WALK_OVER;
    }
    if (parse_is_dialect_node(node) && !is_weak_evidence(ctx, node))
        ctx->uses_dialect = true;
    if (ts_node_is_missing(node)) {
        TSNode dialect = dialect_ancestor(ts_node_parent(node));
        if (!ts_node_is_null(dialect))
            report_or_hold(ctx, node, dialect, true);
        return WALK_OVER;
    }
    if (strcmp(ts_node_type(node), "ERROR") == 0) {
        TSNode dialect = dialect_ancestor(ts_node_parent(node));
        if (ts_node_is_null(dialect))
            dialect = find_dialect_inside(node);
        if (!ts_node_is_null(dialect))
            report_or_hold(ctx, node, dialect, false);
        return WALK_OVER; /* one report per region: its inside is not parsed C */
    }
    return WALK_INTO;
}

void parse_check_syntax(const parsed *p, const source *src, bool *uses_dialect)
{
    check_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx) {
        diag_tool_error("out of memory");
        *uses_dialect = false;
        return;
    }
    ctx->src = src;
    ctx->weak_for_range = strcmp(src->path, "-") != 0 && strcmp(src->path, "<stdin>") != 0 &&
                          !has_suffix(src->path, ".gc") && !has_suffix(src->path, ".gh");
    parse_walk(ts_tree_root_node(p->tree), check_visit, ctx);
    if (ctx->uses_dialect)
        for (size_t i = 0; i < ctx->n_pending; i++) {
            struct pending *e = &ctx->pending[i];
            if (e->missing)
                report_missing(e->node, src);
            else
                report_error_region(e->node, e->dialect, src);
        }
    *uses_dialect = ctx->uses_dialect;
    free(ctx);
}
