/* test_stock.c — plain C is untouched by the dialect: wherever the stock
 * tree-sitter-c parser (the npm package's own src/parser.c, the version
 * grammar/package.json pins, compiled into this test) parses a file without
 * error, the cgoc grammar parses it without error too and gives the same
 * tree (ts_node_string). Swept: every header under /usr/include and the
 * project's own C sources. */
#define _GNU_SOURCE
#include "cgoc_grammar.h"
#include "walk.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const TSLanguage *tree_sitter_c(void);

#define MAX_EXAMPLES 8

typedef struct {
    TSParser *stock, *ours;
    size_t files, bytes;
    size_t stock_errors;  /* files stock parses with an error (not compared) */
    size_t ours_errors;   /* files ours parses with an error */
    size_t ours_only;     /* ... of them, files stock parses cleanly */
    size_t mismatches;    /* clean for stock, a different tree from ours */
    char *examples[MAX_EXAMPLES];
    size_t n_examples;
} sweep;

static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *text = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (cap - n < 65536) {
            cap = cap ? cap * 2 : 65536;
            char *t = realloc(text, cap + 1);
            if (!t) {
                free(text);
                fclose(fp);
                return NULL;
            }
            text = t;
        }
        got = fread(text + n, 1, cap - n, fp);
        n += got;
    } while (got > 0);
    fclose(fp);
    text[n] = '\0';
    *len = n;
    return text;
}

static void note(sweep *s, const char *what, const char *path)
{
    if (s->n_examples < MAX_EXAMPLES &&
        asprintf(&s->examples[s->n_examples], "%s: %s", what, path) >= 0)
        s->n_examples++;
}

static void check_file(const char *path, void *ctx)
{
    sweep *s = ctx;
    size_t len;
    char *text = read_file(path, &len);
    if (!text)
        return;
    s->files++;
    s->bytes += len;
    TSTree *st = ts_parser_parse_string(s->stock, NULL, text, (uint32_t)len);
    TSTree *ot = ts_parser_parse_string(s->ours, NULL, text, (uint32_t)len);
    cr_assert(st && ot, "parse of %s failed", path);
    TSNode sr = ts_tree_root_node(st), orr = ts_tree_root_node(ot);
    bool stock_clean = !ts_node_has_error(sr), ours_clean = !ts_node_has_error(orr);
    if (!stock_clean)
        s->stock_errors++;
    if (!ours_clean) {
        s->ours_errors++;
        if (stock_clean) {
            s->ours_only++;
            note(s, "error only in ours", path);
        }
    }
    if (stock_clean && ours_clean) {
        char *a = ts_node_string(sr), *b = ts_node_string(orr);
        if (strcmp(a, b) != 0) {
            s->mismatches++;
            note(s, "different tree", path);
        }
        free(a);
        free(b);
    }
    ts_tree_delete(st);
    ts_tree_delete(ot);
    free(text);
}

static void run(const char *what, const char *const *dirs, size_t ndirs,
                const char *const *suffixes, size_t min_files)
{
    sweep s = {0};
    s.stock = ts_parser_new();
    s.ours = ts_parser_new();
    cr_assert(ts_parser_set_language(s.stock, tree_sitter_c()));
    cr_assert(ts_parser_set_language(s.ours, tree_sitter_cgoc()));
    for (size_t i = 0; i < ndirs; i++)
        walk_files(dirs[i], suffixes, check_file, &s);
    printf("stock comparison %s: %zu files, %zu bytes; stock errors %zu, ours errors %zu "
           "(%zu where stock is clean); different trees %zu\n",
           what, s.files, s.bytes, s.stock_errors, s.ours_errors, s.ours_only, s.mismatches);
    for (size_t i = 0; i < s.n_examples; i++)
        printf("  %s\n", s.examples[i]);
    fflush(stdout);
    cr_expect_geq(s.files, min_files, "expected at least %zu files, found %zu", min_files,
                  s.files);
    cr_expect_eq(s.ours_only, 0, "%zu files parse cleanly with stock tree-sitter-c but not with ours",
                 s.ours_only);
    cr_expect_eq(s.mismatches, 0, "%zu files give a different tree than stock tree-sitter-c",
                 s.mismatches);
    for (size_t i = 0; i < s.n_examples; i++)
        free(s.examples[i]);
    ts_parser_delete(s.stock);
    ts_parser_delete(s.ours);
}

Test(grammar_stock, usr_include_headers_parse_as_stock_c)
{
    static const char *const headers[] = {".h", NULL};
    static const char *const dirs[] = {"/usr/include"};
    run("/usr/include", dirs, 1, headers, 1000);
}

Test(grammar_stock, project_sources_parse_as_stock_c)
{
    static const char *const c_files[] = {".c", ".h", NULL};
    static const char *const sub[] = {"translator", "runtime", "tests", "bench", "grammar/include"};
    char *dirs[sizeof sub / sizeof *sub];
    for (size_t i = 0; i < sizeof sub / sizeof *sub; i++)
        cr_assert(asprintf(&dirs[i], "%s/%s", CGOC_SOURCE_DIR, sub[i]) >= 0);
    run("project", (const char *const *)dirs, sizeof sub / sizeof *sub, c_files, 10);
    for (size_t i = 0; i < sizeof sub / sizeof *sub; i++)
        free(dirs[i]);
}
