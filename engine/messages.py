"""The catalogue of the engine's messages: each code's English template, and Message, one message.

A message is a code and named arguments. Its English rendering fills the code's template
({name} placeholders); the interface translates it by code (gui/messages.py), never by its text.
An argument that is itself a Message (a sub-phrase: what an expression may not contain, why a
value is not finite) is translated in turn; any other argument (a field path, a name, a number)
is shown as it is.
"""

from __future__ import annotations

import errno
import re

CATALOGUE: dict[str, str] = {
    # ---------------------------------------------------------- where a problem is
    "at": "{where}: {problem}",
    "where.row": "row {row}",
    "where.row_column": "row {row}, column {column}",
    "where.row_column_number": "row {row}, column {column}",
    "where.column": "column {column}",
    "where.line_column": "line {line}, column {column}",
    "where.step": "step {step}",
    # ---------------------------------------------------------- numbers and shapes
    "expected.finite_number_got": "expected a finite number, got {value}",
    "expected.kind_got": "expected {kind}, got {value}",
    "expected.finite_non_negative": "expected a finite number ≥ 0",
    "expected.whole_number_at_least_one_got": "expected a whole number ≥ 1, got {value}",
    "expected.shape": "expected {rows}×{columns}, got {got_rows}×{got_columns}",
    "expected.numbers": "expected {count} numbers, got {got}",
    "expected.numbers_per_row": "expected {count} numbers per row, got {got}",
    "expected.numbers_like_first_row": "expected {count} numbers like the first row, got {got}",
    "expected.rows_like_inputs": "expected {count} rows like inputs, got {got}",
    "expected.one_to": "expected 1 to {high}, got {value}",
    "expected.whole_number_range": "expected a whole number from {low} to {high}, got {value}",
    "expected.number_range": "expected a number from {low} to {high}, got {value}",
    "expected.number_interval": "expected a number in {interval}, got {value}",
    "expected.whole_number": "expected a whole number",
    "expected.list_of_numbers": "expected a list of numbers",
    "expected.list_of_rows": "expected a list of rows",
    "expected.list_of_layers": "expected a list of layers",
    "expected.non_empty_rows": "expected a non-empty list of rows",
    "expected.inputs_and_targets": "expected an object with inputs and targets",
    "expected.source_and_values": "expected an object with source and values",
    "expected.name_number_object": "expected an object of name: number",
    "expected.object": "expected an object",
    "expected.program_text": "expected the program as text",
    "expected.text_or_languages": "expected text, or an object of language: text",
    "kind.text": "text",
    "kind.column_names": "a list of column names",
    "kind.true_or_false": "true or false",
    "kind.whole_number": "a whole number",
    "kind.finite_number": "a finite number",
    "kind.list": "a list",
    "kind.object": "an object",
    # ---------------------------------------------------------- names from a fixed list
    "unknown.activation_one_of": "unknown activation {name}; expected one of {names}",
    "unknown.activation": "unknown activation {name}",
    "unknown.loss_one_of": "unknown loss {name}; expected one of {names}",
    "unknown.loss": "unknown loss {name}",
    "unknown.notation_one_of": "unknown notation {name}; expected one of {names}",
    "unknown.optimizer_one_of": "unknown optimizer {name}; expected one of {names}",
    "unknown.optimizer": "unknown optimizer {name}",
    "unknown.export_target": "unknown export target {name}; expected {first} or {second}",
    # ---------------------------------------------------------- the network's structure
    "network.softmax_two_outputs": "softmax needs at least two output neurons",
    "network.softmax_output_only": "softmax is for the output layer only",
    "network.loss_needs_output": "{loss} needs a {activation} output layer, not {got}",
    "network.softmax_needs_cross_entropy": "a softmax output layer needs cross_entropy, not {loss}",
    "network.too_few_layers": "needs an input layer and at least one more",
    "network.max_layers_got": "at most {limit} layers, got {got}",
    "network.max_layers": "at most {limit} layers",
    "network.max_neurons": "at most {limit} neurons",
    "network.max_parameters": "more than {limit} parameters",
    "network.layer_needs_neuron": "a layer needs at least one neuron",
    "network.only_hidden_removed": "only hidden layers can be removed",
    "network.hidden_goes_between": "a hidden layer goes between the input and output layers",
    "network.no_neuron": "no neuron {number}",
    "network.biases_without_bias": "a layer with \"bias\": false has no biases",
    "network.no_bias": "this layer has no bias",
    # ---------------------------------------------------------- lesson files (document.py)
    "file.missing_network": "missing: a document needs a network or an expression",
    "json.invalid_at": "not valid JSON (line {line}, column {column}: {reason})",
    "json.constant": "not valid JSON: {name} is not a finite number",
    "file.not_a_document": "not a Backprop Studio document (expected a JSON object)",
    "file.format": "expected {expected}, got {value}",
    "file.newer_version": "this file needs a newer Backprop Studio (version {version})",
    "json.too_deep": "not valid JSON (nested more than {limit} levels deep)",
    "file.too_deep": "nested more than {limit} levels deep",
    "json.number_too_large": "not valid JSON (a number is too large; the limit is about {limit})",
    "file.number_too_large": "a number is too large (the limit is about {limit})",
    "file.no_memory": "not enough memory to read this file",
    "file.text_surrogate": "the text holds a lone surrogate (text that is not valid Unicode)",
    "file.name_surrogate": "a name holds a lone surrogate (text that is not valid Unicode)",
    "file.max_characters": "at most {limit} characters, got {got}",
    "file.max_values": "at most {limit} values, got {got}",
    "file.max_samples": "at most {limit} samples, got {got}",
    "file.not_variable_name": "{name} is not a variable name",
    "file.not_language_code": "{name} is not a language code",
    "file.not_regular": "{name} is {what}, not a file",
    "file.too_large_more_than": "{name} is too large (more than {size} MB; the limit is {limit} MB)",
    "file.too_large": "{name} is too large ({size} MB; the limit is {limit} MB)",
    "file.save_not_finite": "the lesson holds a number that is not finite; it cannot be saved",
    "file.save_too_large": "the lesson is too large to save ({size} MB; the limit is {limit} MB)",
    "file.cannot_read": "cannot read {name}: {reason}",
    "file.not_utf8_named": "{name} is not a UTF-8 text file",
    "file.not_utf8": "not a UTF-8 text file",
    "data.bce_targets": "bce needs targets between 0 and 1",
    "data.cross_entropy_targets": "cross_entropy needs one-hot or probability rows",
    "kind.folder": "a folder",
    "kind.named_pipe": "a named pipe",
    "kind.device": "a device",
    "kind.socket": "a socket",
    "kind.special_file": "a special file",
    # data and training (training.py, gradcheck.py)
    "train.no_samples": "there are no samples to train on",
    "train.max_iterations": "more than {limit} iterations ({epochs} epochs of {batches} batches)",
    "train.loss_became": "the loss became {value}",
    "train.parameter_became": "a parameter became {value}",
    "train.decay_became": "the weight-decay term became {value}",
    "train.diverged_at_start": "Training diverged at the start: {what}. "
                               "The data or the starting weights are too large.",
    "train.diverged_decay": "Training diverged at iteration {iteration}: {what}. "
                            "Try a smaller learning rate or a smaller weight decay λ.",
    "train.diverged": "Training diverged at iteration {iteration}: {what}. Try a smaller learning rate.",
    "train.finished": "Finished {count} iterations.",
    "train.stopped": "Stopped after {done} of {total} iterations.",
    "check.no_samples": "missing: the gradient check needs samples",
    "check.rows": "the gradient check needs the same, non-zero number of input and target rows",
    "check.first_samples": "checked on the first {used} of {total} samples",
    "check.training_not_checked": "the training step was not checked: {reason}",
    "check.graph_first_samples": "the step graph was checked on the first {used} of {total} samples",
    "check.graph_not_checked": "the step graph was not checked: it is compiled for networks of up to "
                               "{limit} parameters (this one has {count})",
    "check.weights_chosen": "checked {picked} of {total} weights in {group}, chosen at random",
    "check.biases_chosen": "checked {picked} of {total} biases in {group}, chosen at random",
    "check.near_zero": "near 0, h = ε·|x| was used for: {names}",
    # sizes one view or export cannot take; the command line (compile.py, derivation.py, export.py, cli)
    "size.operation_steps": "Operation steps are available up to {limit} parameters; this network has {count}. "
                            "Use neuron steps.",
    "size.derivation": "The derivation has {steps} steps; handouts are written up to {limit} steps. "
                       "Use a smaller network.",
    "export.needs_data": "only network lessons with data can be exported as a script",
    "cli.expression_not_network": "this lesson is an expression; train needs a network",
    "cli.no_data": 'this lesson has no data to train on (add a "data" section)',
    "cli.overflow": "the loss or a gradient is not a finite number (the numbers overflow)",
    "cli.line_not_finite": "line {line}: {reason} ({symbol} is not a finite number)",
    "cli.result_not_finite": "the result or a gradient is not a finite number",
    # expression programs (expressions.py, expression_check.py)
    "expr.no_value": "'{name}' has no value: give it a value, or assign it before this line",
    "expr.value_not_finite": "the value of '{name}' must be a finite number, not {value}",
    "expr.not_text": "the program must be text",
    "expr.too_long": "the program is too long ({length} characters; the limit is {limit})",
    "expr.too_many_statements": "the program has too many statements ({count}; the limit is {limit})",
    "expr.too_many_nodes": "the program makes too many nodes (the limit is {limit})",
    "expr.program_too_deep": "the program is nested too deeply (more than {limit} levels); "
                             "split it into several assignments",
    "expr.expression_too_deep": "the expression is nested too deeply (more than {limit} levels); "
                                "split it into several assignments",
    "expr.no_assignment": "the program has no assignment: write one, for example {example}",
    "expr.invalid": "this is not a valid program ({reason})",
    "expr.one_name": "assign one name at a time (a = b = … is not allowed)",
    "expr.value_without_assignment": "this line computes a value but has no assignment: "
                                     "write it as an assignment, for example {example}",
    "expr.plain_name": "only a plain name can be assigned, for example {example}",
    "expr.function_name": "'{name}' is a function name; choose another name for the variable",
    "expr.call_function": "'{name}' is a function; call it with one argument, like {example}",
    "expr.augmented_operator": "the operator {symbol}= is not allowed in an expression lesson; use {allowed}",
    "expr.operator": "the operator {symbol} is not allowed in an expression lesson; use {allowed}",
    "expr.unary_operator": "the operator {symbol} is not allowed in an expression lesson; only unary - and + are",
    "expr.only_functions": "only the functions {names} can be called",
    "expr.unknown_function": "unknown function '{name}': the functions are {names}",
    "expr.one_argument": "{name} takes exactly one argument, like {example}",
    "expr.number_too_large": "this number is too large",
    "expr.invalid_character": "invalid character U+{code} (not valid text)",
    "expr.not_allowed": "{what} is not allowed in an expression lesson",
    # what an expression lesson may not contain (the one table: expression_check._DESCRIPTIONS)
    "construct.attribute": "attribute access (a.b)",
    "construct.comparison": "a comparison (<, >, ==, …)",
    "construct.and_or": "and / or",
    "construct.indexing": "indexing with [ ]",
    "construct.slicing": "slicing with [ : ]",
    "construct.list": "a list",
    "construct.tuple": "a tuple",
    "construct.dictionary": "a dictionary",
    "construct.set": "a set",
    "construct.list_comprehension": "a list comprehension",
    "construct.set_comprehension": "a set comprehension",
    "construct.dictionary_comprehension": "a dictionary comprehension",
    "construct.generator_expression": "a generator expression",
    "construct.conditional": "a conditional expression (a if c else b)",
    "construct.walrus": "the := operator",
    "construct.unpacking": "unpacking with *",
    "construct.string": "text in quotes (a string)",
    "construct.defining_a_function": "defining a function",
    "construct.defining_a_class": "defining a class",
    "construct.annotated": "an annotated assignment (x: float = …)",
    "construct.loop": "a loop",
    "construct.keyword": "{word}",
    "construct.truth_value": "{value} (a truth value)",
    "construct.complex": "a complex number",
    "construct.other": "this construct ({name})",
    "construct.this_operator": "this operator",
    # Python's own words for a program it cannot read (SyntaxError.msg), where the engine has a code
    "python.invalid_syntax": "check for a missing number, name, operator or bracket",
    "python.never_closed": "'{bracket}' was never closed",
    "python.unmatched": "unmatched '{bracket}'",
    "python.mismatch_line": "closing parenthesis '{closing}' does not match opening parenthesis '{opening}' "
                            "on line {line}",
    "python.mismatch": "closing parenthesis '{closing}' does not match opening parenthesis '{opening}'",
    "python.unexpected_indent": "unexpected indent",
    "python.unindent": "unindent does not match any outer indentation level",
    "python.indented_block": "expected an indented block after '{keyword}' statement on line {line}",
    "python.unterminated_string": "unterminated string literal (detected at line {line})",
    "python.unterminated_triple": "unterminated triple-quoted string literal (detected at line {line})",
    "python.decimal": "invalid decimal literal",
    "python.hexadecimal": "invalid hexadecimal literal",
    "python.octal": "invalid octal literal",
    "python.binary": "invalid binary literal",
    "python.imaginary": "invalid imaginary literal",
    "python.leading_zeros": "leading zeros in decimal integer literals are not permitted; "
                            "use an 0o prefix for octal integers",
    "python.character": "invalid character '{character}' (U+{code})",
    "python.non_printable": "invalid non-printable character U+{code}",
    "python.continuation": "unexpected character after line continuation character",
    "python.assign_literal": "cannot assign to literal",
    "python.assign_literal_here": "cannot assign to literal here. Maybe you meant '==' instead of '='?",
    "python.assign_expression": "cannot assign to expression",
    "python.assign_expression_here": "cannot assign to expression here. Maybe you meant '==' instead of '='?",
    "python.assign_call": "cannot assign to function call",
    "python.assign_call_here": "cannot assign to function call here. Maybe you meant '==' instead of '='?",
    "python.expected_colon": "expected ':'",
    "python.expected_else": "expected 'else' after 'if' expression",
    "python.comma": "invalid syntax. Perhaps you forgot a comma?",
    "python.positional": "positional argument follows keyword argument",
    "python.eof": "unexpected EOF while parsing",
    # why a value or a gradient is not a finite number (graph.py, stepper.py)
    "value.not_finite": "{symbol} is not a finite number ({reason})",
    "reason.log": "log needs a positive number",
    "reason.sqrt": "sqrt needs a number ≥ 0",
    "reason.division_by_zero": "division by zero",
    "reason.exp": "exp overflows for numbers above about 709",
    "reason.too_large": "the result is too large for a float64 number",
    "reason.not_finite": "the result is not a finite number",
    "reason.zero_negative_power": "0 to a negative power is a division by zero",
    "reason.negative_base": "this power is not defined for a negative base",
    "reason.derivative": "the derivative of {of} with respect to {wrt} is not finite at {at}",
    "reason.this_value": "this value",
    # CSV files (csv_import.py)
    "csv.all_targets": "every column is a target; at least one input column is needed",
    "csv.empty_label": "the class label is empty",
    "csv.text_too_large": "the text is larger than the limit of {limit} MB",
    "csv.file_too_large": "the file is {size} MB; the limit is {limit} MB",
    "csv.cannot_read": "cannot read the file: {reason}",
    "csv.unknown_encoding": "cannot read the text: it is not UTF-8, GB18030 (GBK) or UTF-16",
    "csv.columns": "expected {count} columns, got {got}",
    "csv.empty_file": "the file is empty; expected a header row and data rows",
    "csv.max_columns": "more than {limit} columns",
    "csv.max_rows": "more than {limit} data rows",
    "csv.invalid": "not valid CSV ({reason})",
    "csv.no_rows": "no data rows after the header",
    "csv.empty_name": "the header has an empty column name",
    "csv.name_twice": "the column name {name} appears twice",
    "csv.choose_target": "choose at least one target column",
    "csv.no_column": "no column {name}; the columns are {names}",
    "csv.chosen_twice": "column {name} is chosen twice",
    "csv.empty_value": "the value is empty",
    "csv.not_a_number": "{quoted} is not a number",
    "csv.not_finite": "{quoted} is not a finite number",
    "csv.two_classes": "needs at least two classes, found only {label}",
    "csv.max_classes": "has {count} classes; at most {limit} (one output neuron per class)",
    # the CSV reader's complaints (csv.Error)
    "csv.reader_nul": "line contains NUL",
    "csv.reader_field_limit": "field larger than field limit ({limit})",
    "csv.reader_newline": "new-line character seen in unquoted field - "
                          "do you need to open the file with newline=''?",
    "csv.reader_end": "unexpected end of data",
    # the JSON reader's complaints (json.JSONDecodeError.msg)
    "json.expecting_value": "Expecting value",
    "json.expecting_name": "Expecting property name enclosed in double quotes",
    "json.expecting_colon": "Expecting ':' delimiter",
    "json.expecting_comma": "Expecting ',' delimiter",
    "json.unterminated_string": "Unterminated string starting at",
    "json.control_character": "Invalid control character at",
    "json.escape": "Invalid \\escape",
    "json.unicode_escape": "Invalid \\uXXXX escape",
    "json.extra_data": "Extra data",
    "json.trailing_comma_object": "Illegal trailing comma before end of object",
    "json.trailing_comma_array": "Illegal trailing comma before end of array",
    # why a file cannot be read (by errno; the system's own words otherwise)
    "os.no_such_file": "No such file or directory",
    "os.permission_denied": "Permission denied",
    "os.is_a_directory": "Is a directory",
    "os.not_a_directory": "Not a directory",
    "os.name_too_long": "File name too long",
    "os.io_error": "Input/output error",
    "os.too_many_files": "Too many open files",
    # typed answers and hand calculations (typed_numbers.py, answers.py, mistakes.py, hand_check.py)
    "typed.not_a_number": "{value} is not a number",
    "typed.zero_denominator": "{value} divides by zero",
    "answer.correct": "Correct.",
    "answer.not_quite": "Not quite: close, but not right to the digits you typed.",
    "answer.too_few_digits": "Not quite: give at least {digits} significant digits.",
    "answer.wrong": "Not right.",
    "answer.true_value": "The true value is {value}.",
    "answer.count": "Expected {count} numbers, got {got}.",
    "mistake.forgot_slope": "You left out {slope}, the activation's slope.",
    "mistake.sign": "The sign is the wrong way round.",
    "mistake.transposed": "Rows and columns are swapped: {symbol} is {rows}×{columns}.",
    "mistake.missing_transpose": "A transpose is missing: multiply by {factor}ᵀ, not {factor}.",
    "mistake.shape": "{symbol} is {rows}×{columns}; your answer is {got}.",
    "mistake.rounded_digits": "You used numbers rounded to {digits} significant digits: "
                              "keep more digits until the end.",
    "mistake.rounded_decimals": "You used numbers rounded to {digits} decimals: keep more digits until the end.",
    "mistake.fan_out": "You used only the path through {consumer}: {symbol} feeds {count} nodes, "
                       "and their contributions add up.",
    "mistake.decay": "You left out λ{weight}, the weight-decay term of {gradient}.",
    "hand.correct": "{symbol} = {value} is correct.",
    "hand.rounding": "{symbol} = {value} is correct within rounding (the true {true} rounds to {rounded}).",
    "hand.one_digit": "{symbol} = {value} is right to one significant digit, but hides the true {true}.",
    "hand.correct_not_following": "{symbol} = {value} agrees with the true {true} at the digits shown, "
                                  "but does not follow from your own values: {working}.",
    "hand.carried": "{symbol} = {value} is carried over: right arithmetic on the wrong {roots}; "
                    "the true value is {true}.",
    "hand.carried_rounding": "{symbol} = {value} follows from your own rounded values; the true value is {true}.",
    "hand.slip": "{symbol} = {value} is a slip: {working}.",
    "hand.slip_own": "{symbol} = {value} is a slip: {working}, and the true value is {true}.",
    "hand.transposed": "{symbol} is transposed: rows and columns are swapped ({symbol} is {rows}×{columns}).",
    "hand.first_slip": "The first slip is {symbol}: every later difference comes from it.",
    "hand.first_slip_and_others": "The first slip is {symbol}; {others} are further independent slips.",
    "hand.unknown_symbol": "{symbol}: this lesson has no step with this symbol.",
    "hand.unreadable": "{symbol}: {problem}.",
    "hand.count": "{symbol}: expected {count} numbers, got {got}.",
    "hand.row_pair": "expected a symbol and a value",
    "hand.granularity": "expected one of {names}, got {value}",
    "hand.no_calculation": "this lesson has no hand calculation; give a table of values",
    # ---------------------------------------------------------- teacher's notes (engine/notes.py)
    "notes.list": "expected a list of notes",
    "notes.max_notes": "at most {limit} notes, got {got}",
    "notes.unknown_key": "unknown field {name}; a note has phase, symbol and text",
    "notes.phase": "expected one of {names}, got {value}",
    "notes.symbol": "expected the step's symbol as text",
    "notes.text": "expected the note's text, or an object of language: text",
    "notes.language": "{name} is not a language of the notes ({names})",
    "notes.duplicate": "a second note for the {phase} step {symbol}",
}

_OS_REASONS = {errno.ENOENT: "os.no_such_file", errno.EACCES: "os.permission_denied",
               errno.EISDIR: "os.is_a_directory", errno.ENOTDIR: "os.not_a_directory",
               errno.ENAMETOOLONG: "os.name_too_long", errno.EIO: "os.io_error", errno.EMFILE: "os.too_many_files"}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, args: dict[str, str]) -> str:
    """{name} placeholders replaced in one pass (an argument holding "{x}" is never replaced again)."""
    return _PLACEHOLDER.sub(lambda m: args.get(m[1], m[0]), template)


def placeholders(template: str) -> list[str]:
    """The names of a template's placeholders, in order of appearance."""
    return _PLACEHOLDER.findall(template)


class Message(str):
    """One engine message: a code of CATALOGUE and its named arguments.

    It is the English rendering as a str (printed, compared and joined like any text) and keeps
    ``code`` and ``args`` so that the interface can translate it by code.
    """

    code: str
    args: dict[str, object]

    def __new__(cls, code: str, /, **args: object) -> Message:
        template = CATALOGUE[code]  # a KeyError here is a programming error: every code is catalogued
        self = super().__new__(cls, fill(template, {name: str(value) for name, value in args.items()}))
        self.code = code
        self.args = args
        return self

    def __reduce__(self):  # copies and pickles keep the code (the training worker hands messages over)
        return _rebuild, (self.code, self.args)


def _rebuild(code: str, args: dict[str, object]) -> Message:
    return Message(code, **args)


def _by_english(text: str, prefix: str) -> Message | str:
    """A library's own words as the catalogue's Message when it holds them, else as they are."""
    code = next((code for code, template in CATALOGUE.items() if code.startswith(prefix) and template == text), None)
    return Message(code) if code else text


def json_reason(msg: str) -> Message | str:
    """The JSON reader's complaint (JSONDecodeError.msg) as a Message, or as it is when unknown."""
    return _by_english(msg, "json.")


def csv_reason(text: str) -> Message | str:
    """The CSV reader's complaint (str of csv.Error) as a Message, or as it is when unknown."""
    limit = re.fullmatch(r"field larger than field limit \((\d+)\)", text)
    if limit:
        return Message("csv.reader_field_limit", limit=limit[1])
    if text.startswith("new-line character seen in unquoted field"):
        return Message("csv.reader_newline")
    return _by_english(text, "csv.reader_")


# Python's syntax messages the catalogue holds, with their arguments (python.* codes); others are shown as they are
_PYTHON_SAYS = [(re.compile(pattern), code) for pattern, code in (
    (r"'(?P<bracket>.)' was never closed", "python.never_closed"),
    (r"unmatched '(?P<bracket>.)'", "python.unmatched"),
    (r"closing parenthesis '(?P<closing>.)' does not match opening parenthesis '(?P<opening>.)' on line (?P<line>\d+)",
     "python.mismatch_line"),
    (r"closing parenthesis '(?P<closing>.)' does not match opening parenthesis '(?P<opening>.)'", "python.mismatch"),
    (r"expected an indented block after '(?P<keyword>\w+)' statement on line (?P<line>\d+)", "python.indented_block"),
    (r"unterminated string literal \(detected at line (?P<line>\d+)\)", "python.unterminated_string"),
    (r"unterminated triple-quoted string literal \(detected at line (?P<line>\d+)\)", "python.unterminated_triple"),
    (r"invalid character '(?P<character>.)' \(U\+(?P<code>[0-9A-Fa-f]+)\)", "python.character"),
    (r"invalid non-printable character U\+(?P<code>[0-9A-Fa-f]+)", "python.non_printable"),
)]


def python_reason(message: str) -> Message | str:
    """Python's reason a program cannot be read (SyntaxError.msg) as a Message, or as it is when unknown."""
    if message == "invalid syntax":
        return Message("python.invalid_syntax")
    for pattern, code in _PYTHON_SAYS:
        match = pattern.fullmatch(message)
        if match:
            return Message(code, **match.groupdict())
    return _by_english(message, "python.")


def os_reason(exc: BaseException) -> Message | str:
    """Why the system refused a file: a Message by errno, or its own words (strerror) when unknown."""
    code = _OS_REASONS.get(getattr(exc, "errno", None))
    if code:
        return Message(code)
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
