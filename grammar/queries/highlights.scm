; Syntax highlighting for cgoc (.gc / .gh): C with Go's concurrency.
; The dialect's words first, then the C highlights. Captures use the common
; names (@keyword, @operator, @type, @function ...) that tree-sitter highlight,
; Neovim and Helix all theme.

; ---- Dialect ---------------------------------------------------------------

[
  "go"
  "defer"
  "select"
] @keyword

"chan" @keyword

(channel_type "<-" @operator)
(receive_expression "<-" @operator)
(send_statement "<-" @operator)
(select_case "<-" @operator)

(make_expression "make" @function.builtin)

; The channel builtins are plain calls; the translator decides by the
; argument's type, the highlighter by the name.
((call_expression
  function: (identifier) @function.builtin)
 (#match? @function.builtin "^(close|len|cap|free)$"))

(select_case "case" @keyword)
(select_default "default" @keyword)

; ---- C ---------------------------------------------------------------------

[
  "break"
  "case"
  "const"
  "continue"
  "default"
  "do"
  "else"
  "enum"
  "extern"
  "for"
  "goto"
  "if"
  "inline"
  "register"
  "restrict"
  "return"
  "sizeof"
  "static"
  "struct"
  "switch"
  "typedef"
  "union"
  "volatile"
  "while"
  "_Atomic"
  "_Noreturn"
  "thread_local"
  "auto"
  "offsetof"
  "_Generic"
  "_Alignof"
] @keyword

[
  "#define"
  "#elif"
  "#else"
  "#endif"
  "#if"
  "#ifdef"
  "#ifndef"
  "#include"
  (preproc_directive)
] @keyword

[
  "--"
  "-"
  "-="
  "->"
  "="
  "!="
  "!"
  "*"
  "*="
  "/"
  "/="
  "%"
  "%="
  "&"
  "&="
  "&&"
  "|"
  "|="
  "||"
  "^"
  "^="
  "~"
  "+"
  "++"
  "+="
  "<"
  "<="
  "<<"
  "<<="
  "=="
  ">"
  ">="
  ">>"
  ">>="
  "?"
] @operator

[
  "."
  ";"
  ","
  ":"
] @delimiter

[
  "("
  ")"
  "["
  "]"
  "{"
  "}"
] @punctuation.bracket

(string_literal) @string
(system_lib_string) @string
(escape_sequence) @string.escape

(null) @constant
(true) @constant.builtin
(false) @constant.builtin
(number_literal) @number
(char_literal) @number

(call_expression
  function: (identifier) @function)
(call_expression
  function: (field_expression
    field: (field_identifier) @function))
(function_declarator
  declarator: (identifier) @function)
(preproc_function_def
  name: (identifier) @function.special)

(field_identifier) @property
(statement_identifier) @label
(type_identifier) @type
(primitive_type) @type
(sized_type_specifier) @type

((identifier) @constant
 (#match? @constant "^[A-Z][A-Z\\d_]*$"))

(identifier) @variable

(comment) @comment
