/* corpus.c — see corpus.h. */
#define _GNU_SOURCE
#include "corpus.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growable string. */
typedef struct {
    char *s;
    size_t len, cap;
} str;

static void str_putn(str *b, const char *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (b->len + n + 1 > cap)
            cap *= 2;
        char *s = realloc(b->s, cap);
        if (!s) {
            perror("realloc");
            abort();
        }
        b->s = s;
        b->cap = cap;
    }
    memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void str_puts(str *b, const char *p) { str_putn(b, p, strlen(p)); }

static char *str_take(str *b)
{
    if (!b->s)
        str_putn(b, "", 0);
    return b->s;
}

/* A line made only of at least three copies of c (and trailing blanks). */
static bool is_rule(const char *line, size_t len, char c)
{
    size_t i = 0;
    while (i < len && line[i] == c)
        i++;
    if (i < 3)
        return false;
    while (i < len && isspace((unsigned char)line[i]))
        i++;
    return i == len;
}

typedef struct {
    const char *p;
    size_t len;
} line_ref;

static char *join_lines(const line_ref *lines, size_t from, size_t to)
{
    /* Leading and trailing blank lines are not part of the section. */
    while (from < to && strspn(lines[from].p, " \t\r") == lines[from].len)
        from++;
    while (to > from && strspn(lines[to - 1].p, " \t\r") == lines[to - 1].len)
        to--;
    str b = {0};
    for (size_t i = from; i < to; i++) {
        str_putn(&b, lines[i].p, lines[i].len);
        str_puts(&b, "\n");
    }
    return str_take(&b);
}

bool corpus_read(const char *path, corpus_file *out)
{
    memset(out, 0, sizeof *out);
    FILE *fp = fopen(path, "r");
    if (!fp) {
        perror(path);
        return false;
    }
    str text = {0};
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
        str_putn(&text, chunk, got);
    fclose(fp);
    str_take(&text);

    size_t nlines = 0, cap = 0;
    line_ref *lines = NULL;
    for (char *p = text.s; *p;) {
        char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (nlines == cap) {
            cap = cap ? cap * 2 : 256;
            lines = realloc(lines, cap * sizeof *lines);
            if (!lines)
                abort();
        }
        lines[nlines++] = (line_ref){p, len};
        p += len + (nl ? 1 : 0);
    }

    bool ok = true;
    out->path = strdup(path);
    size_t i = 0;
    while (i < nlines && strspn(lines[i].p, " \t\r") == lines[i].len)
        i++;
    while (i < nlines) {
        if (!(i + 2 < nlines && is_rule(lines[i].p, lines[i].len, '=') &&
              is_rule(lines[i + 2].p, lines[i + 2].len, '='))) {
            fprintf(stderr, "%s:%zu: expected a '===' header\n", path, i + 1);
            ok = false;
            break;
        }
        corpus_case c = {0};
        c.line = (int)i + 1;
        c.name = strndup(lines[i + 1].p, lines[i + 1].len);
        size_t code_from = i + 3, j = code_from;
        while (j < nlines && !is_rule(lines[j].p, lines[j].len, '-'))
            j++;
        if (j == nlines) {
            fprintf(stderr, "%s:%d: case '%s' has no '---' line\n", path, c.line, c.name);
            free(c.name);
            ok = false;
            break;
        }
        c.code = join_lines(lines, code_from, j);
        size_t exp_from = j + 1, k = exp_from;
        while (k < nlines && !(k + 2 < nlines && is_rule(lines[k].p, lines[k].len, '=') &&
                               is_rule(lines[k + 2].p, lines[k + 2].len, '=')))
            k++;
        c.expected = join_lines(lines, exp_from, k);
        out->cases = realloc(out->cases, (out->n + 1) * sizeof *out->cases);
        if (!out->cases)
            abort();
        out->cases[out->n++] = c;
        i = k;
    }
    free(lines);
    free(text.s);
    if (!ok)
        corpus_free(out);
    return ok;
}

void corpus_free(corpus_file *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->cases[i].name);
        free(f->cases[i].code);
        free(f->cases[i].expected);
    }
    free(f->cases);
    free(f->path);
    memset(f, 0, sizeof *f);
}

bool corpus_write(const corpus_file *f, char *const *actual)
{
    static const char rule_eq[] = "================================================================================\n";
    static const char rule_dash[] = "--------------------------------------------------------------------------------\n";
    str b = {0};
    for (size_t i = 0; i < f->n; i++) {
        if (i)
            str_puts(&b, "\n");
        str_puts(&b, rule_eq);
        str_puts(&b, f->cases[i].name);
        str_puts(&b, "\n");
        str_puts(&b, rule_eq);
        str_puts(&b, "\n");
        str_puts(&b, f->cases[i].code);
        str_puts(&b, "\n");
        str_puts(&b, rule_dash);
        str_puts(&b, "\n");
        char *pretty = sexp_pretty(actual[i]);
        str_puts(&b, pretty);
        free(pretty);
        str_puts(&b, "\n");
    }
    FILE *fp = fopen(f->path, "w");
    if (!fp) {
        perror(f->path);
        free(b.s);
        return false;
    }
    bool ok = fwrite(b.s, 1, b.len, fp) == b.len;
    ok = fclose(fp) == 0 && ok;
    free(b.s);
    return ok;
}

char *sexp_normalize(const char *s)
{
    str b = {0};
    bool space = false;
    for (const char *p = s; *p; p++) {
        if (isspace((unsigned char)*p)) {
            space = true;
            continue;
        }
        if (space && b.len && b.s[b.len - 1] != '(' && *p != ')')
            str_putn(&b, " ", 1);
        space = false;
        str_putn(&b, p, 1);
    }
    return str_take(&b);
}

/* The next token of an S-expression: "(name", ")", "field:", a quoted
 * string, or a bare word. */
static const char *sexp_token(const char *p, size_t *len)
{
    while (isspace((unsigned char)*p))
        p++;
    if (!*p) {
        *len = 0;
        return p;
    }
    const char *q = p;
    if (*q == ')') {
        q++;
    } else if (*q == '"' || *q == '\'') {
        char quote = *q++;
        while (*q && *q != quote) {
            if (*q == '\\' && q[1])
                q++;
            q++;
        }
        if (*q)
            q++;
    } else {
        if (*q == '(')
            q++;
        while (*q && !isspace((unsigned char)*q) && *q != ')' && *q != '(')
            q++;
    }
    *len = (size_t)(q - p);
    return p;
}

char *sexp_pretty(const char *s)
{
    str b = {0};
    int depth = 0;
    bool after_field = false;
    size_t len;
    for (const char *p = sexp_token(s, &len); len; p = sexp_token(p + len, &len)) {
        if (*p == '(') {
            if (after_field)
                str_puts(&b, " ");
            else if (depth > 0) {
                str_puts(&b, "\n");
                for (int i = 0; i < depth; i++)
                    str_puts(&b, "  ");
            }
            str_putn(&b, p, len);
            depth++;
            after_field = false;
        } else if (*p == ')') {
            str_puts(&b, ")");
            depth--;
            after_field = false;
        } else if (p[len - 1] == ':' && *p != '"' && *p != '\'') {
            if (depth > 0) {
                str_puts(&b, "\n");
                for (int i = 0; i < depth; i++)
                    str_puts(&b, "  ");
            }
            str_putn(&b, p, len);
            after_field = true;
        } else {
            str_puts(&b, " ");
            str_putn(&b, p, len);
            after_field = false;
        }
    }
    return str_take(&b);
}
