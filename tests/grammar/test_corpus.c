/* test_corpus.c — the grammar's corpus: every snippet in
 * tests/grammar/corpus/NAME.txt is parsed with tree_sitter_cgoc() and its tree
 * (ts_node_string, whitespace-normalised) must equal the expected
 * S-expression, as `tree-sitter test` would check it (the tree-sitter CLI is
 * not needed).
 *
 * The file name says what kind of code a corpus file holds, and the test
 * enforces it:
 *   c_*.txt       plain C next to the dialect (POSIX select, variables named
 *                 len/make/close, x<-1 ...): no dialect node, no error;
 *   errors*.txt   malformed dialect code: every tree has an ERROR or MISSING;
 *   anything else dialect code: no error.
 * And the corpus as a whole must use every node type the dialect adds.
 *
 * CGOC_UPDATE_CORPUS=1 rewrites the expectations with the trees the parser
 * gives now (review the diff before committing); the comparison still runs.
 */
#define _GNU_SOURCE
#include "cgoc_grammar.h"
#include "corpus.h"
#include "walk.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const dialect_nodes[] = {
    "channel_type",       "make_expression",     "send_statement", "receive_expression",
    "receive_assignment", "for_range_statement", "go_statement",   "defer_statement",
    "select_statement",   "select_case",         "select_default",
};
#define N_DIALECT (sizeof dialect_nodes / sizeof *dialect_nodes)

typedef struct {
    size_t files, cases, failed;
    bool seen[N_DIALECT];
} corpus_run;

static bool tree_has_dialect_node(TSNode node, corpus_run *run)
{
    bool found = false;
    const char *type = ts_node_type(node);
    for (size_t i = 0; i < N_DIALECT; i++)
        if (strcmp(type, dialect_nodes[i]) == 0) {
            run->seen[i] = true;
            found = true;
        }
    uint32_t n = ts_node_child_count(node);
    for (uint32_t i = 0; i < n; i++)
        found |= tree_has_dialect_node(ts_node_child(node, i), run);
    return found;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void check_file(const char *path, void *ctx)
{
    corpus_run *run = ctx;
    corpus_file f;
    cr_assert(corpus_read(path, &f), "cannot read corpus file %s", path);
    run->files++;
    const char *name = base_name(path);
    bool plain_c = strncmp(name, "c_", 2) == 0;
    bool errors = strncmp(name, "errors", 6) == 0;

    TSParser *parser = ts_parser_new();
    cr_assert(ts_parser_set_language(parser, tree_sitter_cgoc()),
              "libtree-sitter refuses the cgoc language (ABI %u)",
              ts_language_version(tree_sitter_cgoc()));
    char **actual = calloc(f.n, sizeof *actual);
    cr_assert(actual);
    for (size_t i = 0; i < f.n; i++) {
        const corpus_case *c = &f.cases[i];
        TSTree *tree = ts_parser_parse_string(parser, NULL, c->code, (uint32_t)strlen(c->code));
        cr_assert(tree);
        TSNode root = ts_tree_root_node(tree);
        actual[i] = ts_node_string(root);
        run->cases++;

        char *want = sexp_normalize(c->expected);
        char *got = sexp_normalize(actual[i]);
        bool ok = strcmp(want, got) == 0;
        if (!ok) {
            char *pretty = sexp_pretty(actual[i]);
            cr_log_error("%s:%d: %s\n--- code\n%s--- expected\n%s--- got\n%s\n", name, c->line,
                         c->name, c->code, c->expected, pretty);
            free(pretty);
        }
        bool has_error = ts_node_has_error(root);
        bool has_dialect = tree_has_dialect_node(root, run);
        if (errors && !has_error) {
            cr_log_error("%s:%d: %s: malformed code parsed without ERROR/MISSING", name, c->line,
                         c->name);
            ok = false;
        }
        if (!errors && has_error) {
            cr_log_error("%s:%d: %s: the tree has an ERROR/MISSING node", name, c->line, c->name);
            ok = false;
        }
        if (plain_c && has_dialect) {
            cr_log_error("%s:%d: %s: plain C parsed as a dialect construct", name, c->line,
                         c->name);
            ok = false;
        }
        if (!ok)
            run->failed++;
        free(want);
        free(got);
        ts_tree_delete(tree);
    }
    const char *update = getenv("CGOC_UPDATE_CORPUS");
    if (update && *update && strcmp(update, "0") != 0) {
        cr_assert(corpus_write(&f, actual), "cannot rewrite %s", path);
        printf("corpus: rewrote %s (%zu cases)\n", name, f.n);
    }
    for (size_t i = 0; i < f.n; i++)
        free(actual[i]);
    free(actual);
    ts_parser_delete(parser);
    corpus_free(&f);
}

Test(grammar_corpus, every_snippet_gives_the_expected_tree)
{
    static const char *const txt[] = {".txt", NULL};
    corpus_run run = {0};
    walk_files(CGOC_CORPUS_DIR, txt, check_file, &run);
    printf("grammar corpus: %zu files, %zu cases, %zu failed\n", run.files, run.cases, run.failed);
    fflush(stdout);
    cr_assert_gt(run.files, 0, "no corpus files in %s", CGOC_CORPUS_DIR);
    cr_expect_eq(run.failed, 0, "%zu of %zu corpus cases failed (see above)", run.failed,
                 run.cases);
    for (size_t i = 0; i < N_DIALECT; i++)
        cr_expect(run.seen[i], "no corpus case produces a %s node", dialect_nodes[i]);
}

Test(grammar_corpus, language_loads_in_the_system_libtree_sitter)
{
    const TSLanguage *lang = tree_sitter_cgoc();
    uint32_t v = ts_language_version(lang);
    cr_assert(v >= TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION && v <= TREE_SITTER_LANGUAGE_VERSION,
              "language ABI %u, libtree-sitter loads %d..%d", v,
              TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION, TREE_SITTER_LANGUAGE_VERSION);
    for (size_t i = 0; i < N_DIALECT; i++)
        cr_expect_neq(ts_language_symbol_for_name(lang, dialect_nodes[i],
                                                  (uint32_t)strlen(dialect_nodes[i]), true),
                      0, "the grammar has no %s node", dialect_nodes[i]);
    static const char *const fields[] = {"element", "type",    "capacity", "channel", "value",
                                         "ok",      "receive", "call",     "body",    "declarator"};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        cr_expect_neq(ts_language_field_id_for_name(lang, fields[i], (uint32_t)strlen(fields[i])), 0,
                      "the grammar has no field %s", fields[i]);
}

/* grammar/queries/highlights.scm compiles against the grammar (every node
 * and token it names exists) and highlights the dialect's words. */
Test(grammar_queries, highlights_compile_and_mark_the_dialect)
{
    const char *path = CGOC_GRAMMAR_DIR "/queries/highlights.scm";
    FILE *fp = fopen(path, "r");
    cr_assert(fp, "cannot open %s", path);
    char *text = NULL;
    size_t cap = 0;
    ssize_t len = getdelim(&text, &cap, '\0', fp);
    fclose(fp);
    cr_assert_gt(len, 0);

    uint32_t err_offset = 0;
    TSQueryError err = TSQueryErrorNone;
    TSQuery *q = ts_query_new(tree_sitter_cgoc(), text, (uint32_t)len, &err_offset, &err);
    cr_assert(q, "highlights.scm: query error %d at offset %u: %.40s", (int)err, err_offset,
              text + err_offset);

    static const char code[] = "void f(<-chan int in, chan<- int out) {\n"
                               "  go g();\n"
                               "  defer { close(out); }\n"
                               "  out <- <-in;\n"
                               "  select { case <-in: break; }\n"
                               "  chan int c = make(chan int, len(out));\n"
                               "}\n";
    static const struct {
        const char *text, *capture;
    } want[] = {
        {"go", "keyword"},         {"defer", "keyword"},          {"select", "keyword"},
        {"chan", "keyword"},       {"<-", "operator"},            {"make", "function.builtin"},
        {"close", "function.builtin"}, {"len", "function.builtin"},
    };
    bool found[sizeof want / sizeof *want] = {0};

    TSParser *parser = ts_parser_new();
    ts_parser_set_language(parser, tree_sitter_cgoc());
    TSTree *tree = ts_parser_parse_string(parser, NULL, code, (uint32_t)strlen(code));
    TSQueryCursor *cur = ts_query_cursor_new();
    ts_query_cursor_exec(cur, q, ts_tree_root_node(tree));
    TSQueryMatch m;
    uint32_t ci;
    while (ts_query_cursor_next_capture(cur, &m, &ci)) {
        TSQueryCapture c = m.captures[ci];
        uint32_t nlen;
        const char *name = ts_query_capture_name_for_id(q, c.index, &nlen);
        uint32_t start = ts_node_start_byte(c.node), end = ts_node_end_byte(c.node);
        for (size_t i = 0; i < sizeof want / sizeof *want; i++)
            if (strlen(want[i].text) == end - start &&
                memcmp(code + start, want[i].text, end - start) == 0 &&
                strlen(want[i].capture) == nlen && memcmp(name, want[i].capture, nlen) == 0)
                found[i] = true;
    }
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        cr_expect(found[i], "'%s' is not captured as @%s", want[i].text, want[i].capture);
    ts_query_cursor_delete(cur);
    ts_tree_delete(tree);
    ts_parser_delete(parser);
    ts_query_delete(q);
    free(text);
}

/* Channel direction is in anonymous tokens, which S-expressions do not show:
 * render each channel type back, with [] around a nested element, to check
 * that `<-` binds to the leftmost chan, as in Go. */
static void render_type(const char *code, TSNode node, char *out, size_t cap)
{
    size_t len = strlen(out);
    if (strcmp(ts_node_type(node), "channel_type") != 0) {
        uint32_t s = ts_node_start_byte(node), e = ts_node_end_byte(node);
        snprintf(out + len, cap - len, "%.*s", (int)(e - s), code + s);
        return;
    }
    TSNode first = ts_node_child(node, 0), second = ts_node_child(node, 1);
    const char *prefix = strcmp(ts_node_type(first), "<-") == 0    ? "<-chan "
                         : strcmp(ts_node_type(second), "<-") == 0 ? "chan<- "
                                                                   : "chan ";
    snprintf(out + len, cap - len, "%s", prefix);
    TSNode elem = ts_node_child_by_field_name(node, "element", 7);
    cr_assert(!ts_node_is_null(elem));
    bool nested = strcmp(ts_node_type(elem), "channel_type") == 0;
    bool paren = strcmp(ts_node_type(elem), "type_descriptor") == 0;
    len = strlen(out);
    snprintf(out + len, cap - len, "%s", nested ? "[" : paren ? "(" : "");
    render_type(code, elem, out, cap);
    len = strlen(out);
    snprintf(out + len, cap - len, "%s", nested ? "]" : paren ? ")" : "");
}

Test(grammar_corpus, channel_direction_binds_to_the_leftmost_chan)
{
    static const struct {
        const char *type, *want;
    } cases[] = {
        {"chan int", "chan int"},
        {"chan<- int", "chan<- int"},
        {"<-chan int", "<-chan int"},
        {"chan chan int", "chan [chan int]"},
        {"chan<- chan int", "chan<- [chan int]"},
        {"chan <-chan int", "chan<- [chan int]"},
        {"chan chan<- int", "chan [chan<- int]"},
        {"chan<- <-chan int", "chan<- [<-chan int]"},
        {"<-chan <-chan int", "<-chan [<-chan int]"},
        {"<-chan chan<- int", "<-chan [chan<- int]"},
        {"<-chan chan int", "<-chan [chan int]"},
        {"chan (<-chan int)", "chan (<-chan int)"},
        {"chan<- (int *)", "chan<- (int *)"},
        {"<-chan (char *)", "<-chan (char *)"},
        {"chan chan chan<- int", "chan [chan [chan<- int]]"},
    };
    TSParser *parser = ts_parser_new();
    ts_parser_set_language(parser, tree_sitter_cgoc());
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char code[128], got[256] = "";
        snprintf(code, sizeof code, "%s x;\n", cases[i].type);
        TSTree *tree = ts_parser_parse_string(parser, NULL, code, (uint32_t)strlen(code));
        TSNode root = ts_tree_root_node(tree);
        cr_expect(!ts_node_has_error(root), "'%s' does not parse", code);
        TSNode decl = ts_node_named_child(root, 0);
        TSNode type = ts_node_child_by_field_name(decl, "type", 4);
        if (!ts_node_is_null(type) && strcmp(ts_node_type(type), "channel_type") == 0)
            render_type(code, type, got, sizeof got);
        cr_expect_str_eq(got, cases[i].want, "'%s' parses as '%s', expected '%s'", cases[i].type,
                         got, cases[i].want);
        ts_tree_delete(tree);
    }
    ts_parser_delete(parser);
}
