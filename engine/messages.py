"""The catalogue of the engine's messages: each code's English template, and Message, one message.

A message is a code and named arguments. Its English rendering fills the code's template
({name} placeholders); the interface translates it by code (gui/messages.py), never by its text.
An argument that is itself a Message (a sub-phrase: what an expression may not contain, why a
value is not finite) is translated in turn; any other argument (a field path, a name, a number)
is shown as it is.
"""

from __future__ import annotations

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
    # ---------------------------------------------------------- names from a fixed list
    "unknown.activation_one_of": "unknown activation {name}; expected one of {names}",
    "unknown.activation": "unknown activation {name}",
    "unknown.loss_one_of": "unknown loss {name}; expected one of {names}",
    "unknown.loss": "unknown loss {name}",
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
}

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

    def __new__(cls, code: str, **args: object) -> Message:
        template = CATALOGUE[code]  # a KeyError here is a programming error: every code is catalogued
        self = super().__new__(cls, fill(template, {name: str(value) for name, value in args.items()}))
        self.code = code
        self.args = args
        return self

    def __reduce__(self):  # copies and pickles keep the code (the training worker hands messages over)
        return _rebuild, (self.code, self.args)


def _rebuild(code: str, args: dict[str, object]) -> Message:
    return Message(code, **args)
