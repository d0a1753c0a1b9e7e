/**
 * @file cgoc: C with Go's concurrency (go, chan, <-, select, defer).
 * @license MIT
 *
 * This grammar extends the npm package tree-sitter-c (pinned in package.json)
 * and overrides only the rules the dialect changes; every stock C node keeps
 * its name and fields. The node contract the translator relies on is in
 * docs/grammar.md.
 *
 * Contextual keywords. tree-sitter lexes a word as a keyword only in a parse
 * state where that keyword has an action; everywhere else it stays an
 * identifier. So:
 *   - `go`, `defer` are keywords only at the start of a statement;
 *   - `select` is a keyword at the start of a statement, and is also accepted
 *     as an identifier in expressions (so `select(nfds, &r, &w, &e, &tv)` at
 *     statement start is the POSIX call: `select` followed by `{` is the
 *     select statement, followed by anything else it is an identifier);
 *   - `chan` is a keyword where a type specifier can start, and an
 *     identifier in expressions;
 *   - `make` is a keyword where an expression can start; `make(chan ...)` is
 *     a make_expression, any other `make(...)` a plain call (GLR decides);
 *   - `len`, `cap`, `close`, `free` are not keywords at all: they are plain
 *     calls, and the translator decides by the argument's type.
 *
 * `<-` is one token only where it is valid: as the receive/direction prefix
 * where an expression or a type can start, after the channel of a send
 * statement (statement start) or a select send case. After an operand inside
 * an expression it is not valid, so `x<-1` there lexes as `x < -1`.
 */

/* eslint-disable arrow-parens */
/* eslint-disable camelcase */

const C = require('tree-sitter-c/grammar');

const PREC = Object.assign({}, C.PREC, {
  // `<-c` binds like the other prefix operators: `<-c.x` is `<-(c.x)`,
  // `<-c + 1` is `(<-c) + 1`.
  RECEIVE: C.PREC.UNARY,
});

module.exports = grammar(C, {
  name: 'cgoc',

  conflicts: ($, original) => original.concat([
    // `chan int signed`: as stock C's [_type_specifier, sized_type_specifier].
    [$._channel_element, $.sized_type_specifier],
    // `make(` : make_expression, or a call of a function named make.
    [$.make_expression, $._keyword_identifier],
    // `chan(` : chan(TYPE), or a call of a function named chan.
    [$.channel_type, $._keyword_identifier],
    // `x, ok = <-c;` : comma-ok receive, or C's comma expression.
    [$.receive_assignment, $._expression_not_binary],
  ]),

  // The tree-sitter CLI 0.20.8 that generates this parser reads the regex
  // class \s as [ \t\r\n] only; the CLI that generated the stock
  // tree-sitter-c parser also counts \v and \f (form feeds are common in old
  // headers). Spell the class out so that plain C lexes exactly as stock.
  extras: $ => [
    /[ \t\n\v\f\r]|\\\r?\n/,
    $.comment,
  ],

  rules: {
    // Same rule as stock, with \S spelled out (see extras).
    preproc_arg: _ => token(prec(-1, /[^ \t\n\v\f\r]([^/\n]|\/[^*]|\\\r?\n)*/)),

    // ---- Channel types (dialect.md §2) -----------------------------------

    _type_specifier: ($, original) => choice(
      original,
      $.channel_type,
    ),

    // The element of `chan T`: one type specifier (no declarator); anything
    // else is written chan(TYPE-NAME). The `<-` of a send-only `chan<- T`
    // binds to the leftmost chan, as in Go: `chan<- chan int` is a send-only
    // channel of `chan int`.
    // `chan(x);` and `sizeof(chan(x))` read as a call of a function named
    // chan when x could be a typedef name or a variable (negative dynamic
    // precedence on the parenthesised forms); `chan(T) v;` and
    // `chan(T *)` can only be types.
    channel_type: $ => choice(
      prec.right(2, seq('chan', field('element', $._channel_element))),
      prec.dynamic(-1, seq('chan', '(', field('element', $.type_descriptor), prec(2, ')'))),
      prec.right(2, seq('chan', '<-', field('element', $._channel_element))),
      seq('chan', '<-', '(', field('element', $.type_descriptor), prec(2, ')')),
      prec.right(1, seq('<-', 'chan', field('element', $._channel_element))),
      seq('<-', 'chan', '(', field('element', $.type_descriptor), prec(1, ')')),
    ),

    _channel_element: $ => choice(
      $.primitive_type,
      $.sized_type_specifier,
      $._type_identifier,
      $.struct_specifier,
      $.union_specifier,
      $.enum_specifier,
      $.channel_type,
    ),

    // ---- Expressions (§3, §4) --------------------------------------------

    _expression_not_binary: ($, original) => choice(
      original,
      $.receive_expression,
      $.make_expression,
      $._keyword_identifier,
    ),

    _assignment_left_expression: ($, original) => choice(
      original,
      $._keyword_identifier,
    ),

    // At statement start the dialect's words are keywords, so a label spelled
    // like one needs its own rule: `select: ...`, `goto select;` stay C.
    labeled_statement: ($, original) => choice(
      original,
      seq(
        field('label', alias($._keyword_label, $.statement_identifier)),
        ':',
        $._statement,
      ),
    ),

    _keyword_label: _ => choice('go', 'defer', 'select', 'chan', 'make'),

    // Words that are keywords where their construct can start and plain
    // identifiers in every expression.
    _keyword_identifier: $ => alias(choice('select', 'chan', 'make'), $.identifier),

    receive_expression: $ => prec.left(PREC.RECEIVE, seq(
      '<-',
      field('channel', $._expression),
    )),

    make_expression: $ => seq(
      'make',
      '(',
      field('type', $.channel_type),
      optional(seq(',', field('capacity', $._expression))),
      ')',
    ),

    // ---- Statements (§4–7) -----------------------------------------------

    _non_case_statement: ($, original) => choice(
      original,
      $.send_statement,
      $.receive_assignment,
      $.for_range_statement,
      $.go_statement,
      $.defer_statement,
      $.select_statement,
    ),

    // The channel of a send: an expression that can denote a channel value
    // (no binary, conditional, assignment or comma expression), so that
    // `x = a<-1;` keeps its C meaning.
    _send_channel: $ => choice(
      $.identifier,
      $.call_expression,
      $.field_expression,
      $.subscript_expression,
      $.parenthesized_expression,
      $.pointer_expression,
      $.cast_expression,
      $.receive_expression,
    ),

    send_statement: $ => seq(
      field('channel', $._send_channel),
      '<-',
      field('value', $._expression),
      ';',
    ),

    receive_assignment: $ => prec.dynamic(10, seq(
      field('value', $._assignment_left_expression),
      ',',
      field('ok', $._assignment_left_expression),
      '=',
      field('receive', $.receive_expression),
      ';',
    )),

    for_range_statement: $ => seq(
      'for',
      '(',
      $._declaration_specifiers,
      field('declarator', $._declarator),
      ':',
      field('channel', $._expression),
      ')',
      field('body', $._statement),
    ),

    go_statement: $ => seq(
      'go',
      choice(
        seq(field('call', $._expression), ';'),
        field('body', $.compound_statement),
      ),
    ),

    defer_statement: $ => seq(
      'defer',
      choice(
        seq(field('call', $._expression), ';'),
        field('body', $.compound_statement),
      ),
    ),

    select_statement: $ => seq(
      'select',
      '{',
      repeat(choice($.select_case, $.select_default)),
      '}',
    ),

    select_case: $ => prec.right(seq(
      'case',
      choice(
        // send case: case out <- v:
        seq(field('channel', $._send_channel), '<-', field('value', $._expression)),
        // case <-c:
        field('receive', $.receive_expression),
        // case T v = <-c:
        seq(
          $._declaration_specifiers,
          field('declarator', $._declarator),
          '=',
          field('receive', $.receive_expression),
        ),
        // case x = <-c:
        seq(
          field('value', $._assignment_left_expression),
          '=',
          field('receive', $.receive_expression),
        ),
        // case x, ok = <-c:
        seq(
          field('value', $._assignment_left_expression),
          ',',
          field('ok', $._assignment_left_expression),
          '=',
          field('receive', $.receive_expression),
        ),
      ),
      ':',
      repeat($._select_case_item),
    )),

    select_default: $ => prec.right(seq(
      'default',
      ':',
      repeat($._select_case_item),
    )),

    // What may follow a case label: as in the stock case_statement, anything
    // but another case label, which starts the next case.
    _select_case_item: $ => choice(
      $._non_case_statement,
      $.declaration,
      $.type_definition,
    ),

    // A switch case label is never a receive: `case <-c:` outside a select
    // is an error. `<-` right after `case` in a switch lexes as a token of
    // its own (same text, higher lexical precedence, valid only there) that
    // leads nowhere, so the parser reports an ERROR instead of quietly
    // reading a receive expression as the case value.
    case_statement: $ => prec.right(seq(
      choice(
        seq('case', choice(
          field('value', $._expression),
          seq(
            alias($._switch_case_receive, '<-'),
            '__cgoc_receive_is_not_a_switch_case_value__',
          ),
        )),
        'default',
      ),
      ':',
      repeat(choice(
        $._non_case_statement,
        $.declaration,
        $.type_definition,
      )),
    )),

    _switch_case_receive: _ => token(prec(1, '<-')),
  },
});
