"""The engine's messages in the interface language.

The engine is Qt-free and words its messages in English ("network.layers[1].weights:
expected 2×2, got 2×3"). Here each known shape of message is matched and rebuilt from a
translated template; field paths, names and numbers are kept exactly as they are. English
sub-phrases inside a message (what an expression may not contain, Python's syntax message,
the JSON reader's complaint, the system's reason a file cannot be read) are translated from a
second table. A message of an unknown shape, or one whose template has no translation (the
English interface), is shown exactly as the engine wrote it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from engine.errors import StudioError
from engine.messages import _PLACEHOLDER, CATALOGUE, Message, fill

from ._engine_catalogue_strings import SOURCES

# Each entry is (pattern, template) or (pattern, template, groups). The template's %1, %2 … are
# the pattern's groups in order; the groups listed in ``groups`` are sub-phrases, translated
# in turn through _PHRASES. A pattern matches the whole text and the first match wins, so
# specific shapes come before general ones.
_Entry = tuple

# ---------------------------------------------------------------- where: the prefix before ": "
_WHERE: list[_Entry] = [
    (r"row (\d+), column (\d+)", QT_TRANSLATE_NOOP("EngineMessage", "row %1, column number %2")),
    (r"row (\d+), column (.+)", QT_TRANSLATE_NOOP("EngineMessage", "row %1, column %2")),
    (r"row (\d+)", QT_TRANSLATE_NOOP("EngineMessage", "row %1")),
    (r"column (.+)", QT_TRANSLATE_NOOP("EngineMessage", "column %1")),
    (r"line (\d+), column (\d+)", QT_TRANSLATE_NOOP("EngineMessage", "line %1, column %2")),
    (r"step (\d+)", QT_TRANSLATE_NOOP("EngineMessage", "step %1")),
]

# ---------------------------------------------------------------- problems: whole messages
_PROBLEMS: list[_Entry] = [
    # numbers and shapes (network.py, document.py, config.py)
    (r"expected a finite number, got (.+)", QT_TRANSLATE_NOOP("EngineMessage", "expected a finite number, got %1"),
     (1,)),
    (r"expected (text|a list of column names|true or false|a whole number), got (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "expected %1, got %2"), (1, 2)),
    (r"expected a finite number ≥ 0", QT_TRANSLATE_NOOP("EngineMessage", "expected a finite number ≥ 0")),
    (r"expected a whole number ≥ 1, got (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "expected a whole number ≥ 1, got %1")),
    (r"expected (\d+)×(\d+), got (\d+)×(\d+)", QT_TRANSLATE_NOOP("EngineMessage", "expected %1×%2, got %3×%4")),
    (r"expected (\d+) numbers, got (\d+)", QT_TRANSLATE_NOOP("EngineMessage", "expected %1 numbers, got %2")),
    (r"expected (\d+) numbers per row, got (\d+)", QT_TRANSLATE_NOOP("EngineMessage",
                                                                      "expected %1 numbers per row, got %2")),
    (r"expected (\d+) numbers like the first row, got (\d+)",
     QT_TRANSLATE_NOOP("EngineMessage", "expected %1 numbers like the first row, got %2")),
    (r"expected (\d+) rows like inputs, got (\d+)", QT_TRANSLATE_NOOP("EngineMessage",
                                                                      "expected %1 rows like the inputs, got %2")),
    (r"expected 1 to (\d+), got (.+)", QT_TRANSLATE_NOOP("EngineMessage", "expected 1 to %1, got %2")),
    (r"expected a whole number from (\S+) to (\S+), got (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "expected a whole number from %1 to %2, got %3")),
    (r"expected a number from (\S+) to (\S+), got (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "expected a number from %1 to %2, got %3")),
    (r"expected a number in ([\[(]\S+, \S+[\])]), got (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "expected a number in %1, got %2")),
    (r"expected a whole number", QT_TRANSLATE_NOOP("EngineMessage", "expected a whole number")),
    (r"expected a list of numbers", QT_TRANSLATE_NOOP("EngineMessage", "expected a list of numbers")),
    (r"expected a list of rows", QT_TRANSLATE_NOOP("EngineMessage", "expected a list of rows")),
    (r"expected a list of layers", QT_TRANSLATE_NOOP("EngineMessage", "expected a list of layers")),
    (r"expected a non-empty list of rows", QT_TRANSLATE_NOOP("EngineMessage", "expected a non-empty list of rows")),
    (r"expected an object with inputs and targets",
     QT_TRANSLATE_NOOP("EngineMessage", "expected an object with inputs and targets")),
    (r"expected an object with source and values",
     QT_TRANSLATE_NOOP("EngineMessage", "expected an object with source and values")),
    (r"expected an object of name: number", QT_TRANSLATE_NOOP("EngineMessage", "expected an object of name: number")),
    (r"expected an object", QT_TRANSLATE_NOOP("EngineMessage", "expected an object")),
    (r"expected the program as text", QT_TRANSLATE_NOOP("EngineMessage", "expected the program as text")),
    (r"expected text, or an object of language: text",
     QT_TRANSLATE_NOOP("EngineMessage", "expected text, or an object of language: text")),
    # names from a fixed list (network.py, config.py, edits.py, training.py, export.py)
    (r"unknown activation (.+?); expected one of (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "unknown activation function %1; expected one of %2")),
    (r"unknown activation (.+)", QT_TRANSLATE_NOOP("EngineMessage", "unknown activation function %1")),
    (r"unknown loss (.+?); expected one of (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "unknown loss function %1; expected one of %2")),
    (r"unknown loss (.+)", QT_TRANSLATE_NOOP("EngineMessage", "unknown loss function %1")),
    (r"unknown optimizer (.+?); expected one of (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "unknown optimizer %1; expected one of %2")),
    (r"unknown optimizer (.+)", QT_TRANSLATE_NOOP("EngineMessage", "unknown optimizer %1")),
    (r"unknown export target (.+?); expected (\w+) or (\w+)",
     QT_TRANSLATE_NOOP("EngineMessage", "unknown export target %1; expected %2 or %3")),
    # the network's structure (network.py, edits.py)
    (r"softmax needs at least two output neurons",
     QT_TRANSLATE_NOOP("EngineMessage", "softmax needs at least two output neurons")),
    (r"softmax is for the output layer only",
     QT_TRANSLATE_NOOP("EngineMessage", "softmax is for the output layer only")),
    (r"(\w+) needs a (\w+) output layer, not (\w+)",
     QT_TRANSLATE_NOOP("EngineMessage", "%1 needs a %2 output layer, not %3")),
    (r"a softmax output layer needs cross_entropy, not (\w+)",
     QT_TRANSLATE_NOOP("EngineMessage", "a softmax output layer needs cross_entropy, not %1")),
    (r"needs an input layer and at least one more",
     QT_TRANSLATE_NOOP("EngineMessage", "needs an input layer and at least one more")),
    (r"at most (\d+) layers, got (\d+)", QT_TRANSLATE_NOOP("EngineMessage", "at most %1 layers, got %2")),
    (r"at most (\d+) layers", QT_TRANSLATE_NOOP("EngineMessage", "at most %1 layers")),
    (r"at most (\d+) neurons", QT_TRANSLATE_NOOP("EngineMessage", "at most %1 neurons")),
    (r"more than (\d+) parameters", QT_TRANSLATE_NOOP("EngineMessage", "more than %1 parameters")),
    # sizes that one view or export cannot take (compile.py, derivation.py)
    (r"Operation steps are available up to (\d+) parameters; this network has (\d+)\. Use neuron steps\.",
     QT_TRANSLATE_NOOP("EngineMessage",
                       "Operation steps are available up to %1 parameters; this network has %2. Use neuron steps.")),
    (r"The derivation has (\d+) steps; handouts are written up to (\d+) steps\. Use a smaller network\.",
     QT_TRANSLATE_NOOP("EngineMessage",
                       "The derivation has %1 steps; handouts are written up to %2 steps. Use a smaller network.")),
    (r"a layer needs at least one neuron", QT_TRANSLATE_NOOP("EngineMessage", "a layer needs at least one neuron")),
    (r"only hidden layers can be removed", QT_TRANSLATE_NOOP("EngineMessage", "only hidden layers can be removed")),
    (r"a hidden layer goes between the input and output layers",
     QT_TRANSLATE_NOOP("EngineMessage", "a hidden layer goes between the input and output layers")),
    (r"no neuron (\d+)", QT_TRANSLATE_NOOP("EngineMessage", "no neuron %1")),
    # data and targets (document.py, training.py, gradcheck.py)
    (r"at most (\d+) samples, got (\d+)", QT_TRANSLATE_NOOP("EngineMessage", "at most %1 samples, got %2")),
    (r"bce needs targets between 0 and 1", QT_TRANSLATE_NOOP("EngineMessage", "bce needs targets between 0 and 1")),
    (r"cross_entropy needs one-hot or probability rows",
     QT_TRANSLATE_NOOP("EngineMessage", "cross_entropy needs one-hot or probability rows")),
    (r"there are no samples to train on", QT_TRANSLATE_NOOP("EngineMessage", "there are no samples to train on")),
    (r"missing: the gradient check needs samples",
     QT_TRANSLATE_NOOP("EngineMessage", "missing: the gradient check needs samples")),
    (r"the gradient check needs the same, non-zero number of input and target rows",
     QT_TRANSLATE_NOOP("EngineMessage",
                       "the gradient check needs the same, non-zero number of input and target rows")),
    (r"checked on the first (\d+) of (\d+) samples",
     QT_TRANSLATE_NOOP("EngineMessage", "checked on the first %1 of %2 samples")),
    (r"checked ([\d,]+) of ([\d,]+) weights in (\S+), chosen at random",
     QT_TRANSLATE_NOOP("EngineMessage", "checked %1 of %2 weights in %3, chosen at random")),
    (r"checked ([\d,]+) of ([\d,]+) biases in (\S+), chosen at random",
     QT_TRANSLATE_NOOP("EngineMessage", "checked %1 of %2 biases in %3, chosen at random")),
    (r"the step graph was checked on the first (\d+) of (\d+) samples",
     QT_TRANSLATE_NOOP("EngineMessage", "the step graph was checked on the first %1 of %2 samples")),
    (r"the step graph was not checked: it is compiled for networks of up to ([\d,]+) parameters "
     r"\(this one has ([\d,]+)\)",
     QT_TRANSLATE_NOOP("EngineMessage", "the step graph was not checked: it is compiled for networks of up to %1 "
                                        "parameters (this one has %2)")),
    (r"the training step was not checked: (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "the training step was not checked: %1")),
    (r"near 0, h = ε·\|x\| was used for: (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "near 0, h = ε·|x| was used for: %1")),
    # training (training.py)
    (r"Training diverged at iteration (\d+): (.+)\. Try a smaller learning rate\.",
     QT_TRANSLATE_NOOP("EngineMessage", "Training diverged at iteration %1: %2. Try a smaller learning rate."),
     (2,)),
    (r"Training diverged at iteration (\d+): (.+)\. Try a smaller learning rate or a smaller weight decay λ\.",
     QT_TRANSLATE_NOOP("EngineMessage",
                       "Training diverged at iteration %1: %2. Try a smaller learning rate or a smaller weight "
                       "decay λ."), (2,)),
    (r"Training diverged at the start: (.+)\. The data or the starting weights are too large\.",
     QT_TRANSLATE_NOOP("EngineMessage",
                       "Training diverged at the start: %1. The data or the starting weights are too large."), (1,)),
    (r"Finished (\d+) iterations\.", QT_TRANSLATE_NOOP("EngineMessage", "Finished %1 iterations.")),
    (r"Stopped after (\d+) of (\d+) iterations\.",
     QT_TRANSLATE_NOOP("EngineMessage", "Stopped after %1 of %2 iterations.")),
    # lesson files (document.py, cli_train.py, export.py)
    (r"missing: a document needs a network or an expression",
     QT_TRANSLATE_NOOP("EngineMessage", "missing: a lesson needs a network or an expression")),
    (r"not valid JSON \(line (\d+), column (\d+): (.+)\)",
     QT_TRANSLATE_NOOP("EngineMessage", "not valid JSON (line %1, column %2: %3)"), (3,)),
    (r"not valid JSON \(nested too deeply\)", QT_TRANSLATE_NOOP("EngineMessage", "not valid JSON (nested too deeply)")),
    (r"not valid JSON: (\S+) is not a finite number",
     QT_TRANSLATE_NOOP("EngineMessage", "not valid JSON: %1 is not a finite number")),
    (r"not a Backprop Studio document \(expected a JSON object\)",
     QT_TRANSLATE_NOOP("EngineMessage", "not a Backprop Studio lesson (expected a JSON object)")),
    (r"expected 'backprop-studio', got (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "not a Backprop Studio lesson (the format is %1)")),
    (r"this file needs a newer Backprop Studio \(version (\S+)\)",
     QT_TRANSLATE_NOOP("EngineMessage", "this file needs a newer Backprop Studio (version %1)")),
    (r"not valid JSON \(nested more than (\d+) levels deep\)",
     QT_TRANSLATE_NOOP("EngineMessage", "not valid JSON (nested more than %1 levels deep)")),
    (r"nested more than (\d+) levels deep", QT_TRANSLATE_NOOP("EngineMessage", "nested more than %1 levels deep")),
    (r"not valid JSON \(a number is too large; the limit is about (\S+)\)",
     QT_TRANSLATE_NOOP("EngineMessage", "not valid JSON (a number is too large; the limit is about %1)")),
    (r"a number is too large \(the limit is about (\S+)\)",
     QT_TRANSLATE_NOOP("EngineMessage", "a number is too large (the limit is about %1)")),
    (r"not enough memory to read this file", QT_TRANSLATE_NOOP("EngineMessage", "not enough memory to read this file")),
    (r"the text holds a lone surrogate \(text that is not valid Unicode\)",
     QT_TRANSLATE_NOOP("EngineMessage", "the text holds a lone surrogate (text that is not valid Unicode)")),
    (r"a name holds a lone surrogate \(text that is not valid Unicode\)",
     QT_TRANSLATE_NOOP("EngineMessage", "a name holds a lone surrogate (text that is not valid Unicode)")),
    (r"at most (\d+) characters, got (\d+)", QT_TRANSLATE_NOOP("EngineMessage", "at most %1 characters, got %2")),
    (r"at most (\d+) values, got (\d+)", QT_TRANSLATE_NOOP("EngineMessage", "at most %1 values, got %2")),
    (r"(.+) is not a variable name", QT_TRANSLATE_NOOP("EngineMessage", "%1 is not a variable name")),
    (r"(.+) is not a language code", QT_TRANSLATE_NOOP("EngineMessage", "%1 is not a language code")),
    (r"(.+) is (a folder|a named pipe|a device|a socket|a special file), not a file",
     QT_TRANSLATE_NOOP("EngineMessage", "%1 is %2, not a file"), (2,)),
    (r"(.+) is too large \(more than (\d+) MB; the limit is (\d+) MB\)",
     QT_TRANSLATE_NOOP("EngineMessage", "%1 is too large (more than %2 MB; the limit is %3 MB)")),
    (r"the lesson holds a number that is not finite; it cannot be saved",
     QT_TRANSLATE_NOOP("EngineMessage", "the lesson holds a number that is not finite; it cannot be saved")),
    (r"the lesson is too large to save \((\d+) MB; the limit is (\d+) MB\)",
     QT_TRANSLATE_NOOP("EngineMessage", "the lesson is too large to save (%1 MB; the limit is %2 MB)")),
    (r"the loss or a gradient is not a finite number \(the numbers overflow\)",
     QT_TRANSLATE_NOOP("EngineMessage", "the loss or a gradient is not a finite number (the numbers overflow)")),
    (r"line (\d+): (.+) \((.+) is not a finite number\)",
     QT_TRANSLATE_NOOP("EngineMessage", "line %1: %2 (%3 is not a finite number)"), (2,)),
    (r"the result or a gradient is not a finite number",
     QT_TRANSLATE_NOOP("EngineMessage", "the result or a gradient is not a finite number")),
    (r"(.+) is too large \((\d+) MB; the limit is (\d+) MB\)",
     QT_TRANSLATE_NOOP("EngineMessage", "%1 is too large (%2 MB; the limit is %3 MB)")),
    (r"this lesson is an expression; train needs a network",
     QT_TRANSLATE_NOOP("EngineMessage", "this lesson is an expression; training needs a network")),
    (r'this lesson has no data to train on \(add a "data" section\)',
     QT_TRANSLATE_NOOP("EngineMessage", "this lesson has no data to train on (add a “data” section)")),
    (r"only network lessons with data can be exported as a script",
     QT_TRANSLATE_NOOP("EngineMessage", "only network lessons with data can be exported as a script")),
    # reading files (document.py, csv_import.py)
    (r"cannot read the file: (.+)", QT_TRANSLATE_NOOP("EngineMessage", "cannot read the file: %1"), (1,)),
    (r"cannot read (.+): (.+)", QT_TRANSLATE_NOOP("EngineMessage", "cannot read %1: %2"), (2,)),
    (r"not a UTF-8 text file", QT_TRANSLATE_NOOP("EngineMessage", "not a UTF-8 text file")),
    (r"(.+) is not a UTF-8 text file", QT_TRANSLATE_NOOP("EngineMessage", "%1 is not a UTF-8 text file")),
    # CSV files (csv_import.py)
    (r"'(.*)' is not a number", QT_TRANSLATE_NOOP("EngineMessage", "“%1” is not a number")),
    (r"\"(.*)\" is not a number", QT_TRANSLATE_NOOP("EngineMessage", "“%1” is not a number")),
    (r"'(.*)' is not a finite number", QT_TRANSLATE_NOOP("EngineMessage", "“%1” is not a finite number")),
    (r"\"(.*)\" is not a finite number", QT_TRANSLATE_NOOP("EngineMessage", "“%1” is not a finite number")),
    (r"the value is empty", QT_TRANSLATE_NOOP("EngineMessage", "the value is empty")),
    (r"the class label is empty", QT_TRANSLATE_NOOP("EngineMessage", "the class label is empty")),
    (r"the file is empty; expected a header row and data rows",
     QT_TRANSLATE_NOOP("EngineMessage", "the file is empty; expected a header row and data rows")),
    (r"the file is empty", QT_TRANSLATE_NOOP("EngineMessage", "the file is empty")),
    (r"the file is (\S+) MB; the limit is (\d+) MB",
     QT_TRANSLATE_NOOP("EngineMessage", "the file is %1 MB; the limit is %2 MB")),
    (r"the text is larger than the limit of (\d+) MB",
     QT_TRANSLATE_NOOP("EngineMessage", "the text is larger than the limit of %1 MB")),
    (r"expected (\d+) columns?, got (\d+)", QT_TRANSLATE_NOOP("EngineMessage", "expected %1 columns, got %2")),
    (r"more than (\d+) data rows", QT_TRANSLATE_NOOP("EngineMessage", "more than %1 data rows")),
    (r"more than (\d+) columns", QT_TRANSLATE_NOOP("EngineMessage", "more than %1 columns")),
    (r"not valid CSV \((.+)\)", QT_TRANSLATE_NOOP("EngineMessage", "not valid CSV (%1)"), (1,)),
    (r"no data rows after the header", QT_TRANSLATE_NOOP("EngineMessage", "no data rows after the header")),
    (r"the header has an empty column name",
     QT_TRANSLATE_NOOP("EngineMessage", "the header has an empty column name")),
    (r"the column name (.+) appears twice", QT_TRANSLATE_NOOP("EngineMessage", "the column name %1 appears twice")),
    (r"every column is a target; at least one input column is needed",
     QT_TRANSLATE_NOOP("EngineMessage", "every column is a target; at least one input column is needed")),
    (r"choose at least one target column", QT_TRANSLATE_NOOP("EngineMessage", "choose at least one target column")),
    (r"no column (.+?); the columns are (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "no column %1; the columns are %2")),
    (r"column (.+) is chosen twice", QT_TRANSLATE_NOOP("EngineMessage", "column %1 is chosen twice")),
    (r"needs at least two classes, found only (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "needs at least two classes, found only %1")),
    (r"has (\d+) classes; at most (\d+) \(one output neuron per class\)",
     QT_TRANSLATE_NOOP("EngineMessage", "has %1 classes; at most %2 (one output neuron per class)")),
    # expression programs (expressions.py)
    (r"'(\w+)' has no value: give it a value, or assign it before this line",
     QT_TRANSLATE_NOOP("EngineMessage", "“%1” has no value: give it a value, or assign it before this line")),
    (r"the value of '(.+)' must be a finite number, not (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "the value of “%1” must be a finite number, not %2")),
    (r"the program must be text", QT_TRANSLATE_NOOP("EngineMessage", "the program must be text")),
    (r"the program is too long \((\d+) characters; the limit is (\d+)\)",
     QT_TRANSLATE_NOOP("EngineMessage", "the program is too long (%1 characters; the limit is %2)")),
    (r"the program has too many statements \((\d+); the limit is (\d+)\)",
     QT_TRANSLATE_NOOP("EngineMessage", "the program has too many statements (%1; the limit is %2)")),
    (r"the program makes too many nodes \(the limit is (\d+)\)",
     QT_TRANSLATE_NOOP("EngineMessage", "the program makes too many nodes (the limit is %1)")),
    (r"the program is nested too deeply \(more than (\d+) levels\); split it into several assignments",
     QT_TRANSLATE_NOOP("EngineMessage", "the program is nested too deeply (more than %1 levels); split it into several assignments")),  # noqa: E501
    (r"the expression is nested too deeply \(more than (\d+) levels\); split it into several assignments",
     QT_TRANSLATE_NOOP("EngineMessage", "the expression is nested too deeply (more than %1 levels); split it into several assignments")),  # noqa: E501
    (r"the program has no assignment: write one, for example (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "the program has no assignment: write one, for example %1")),
    (r"this is not a valid program \((.+)\)", QT_TRANSLATE_NOOP("EngineMessage", "this is not a valid program (%1)"),
     (1,)),
    (r"assign one name at a time \(a = b = … is not allowed\)",
     QT_TRANSLATE_NOOP("EngineMessage", "assign one name at a time (a = b = … is not allowed)")),
    (r"this line computes a value but has no assignment: write it as an assignment, for example (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "this line computes a value but has no assignment: write it as an assignment, for example %1")),  # noqa: E501
    (r"only a plain name can be assigned, for example (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "only a plain name can be assigned, for example %1")),
    (r"'(\w+)' is a function name; choose another name for the variable",
     QT_TRANSLATE_NOOP("EngineMessage", "“%1” is a function name; choose another name for the variable")),
    (r"'(\w+)' is a function; call it with one argument, like (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "“%1” is a function; call it with one argument, like %2")),
    (r"the operator (.+)= is not allowed in an expression lesson; use (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "the operator %1= is not allowed in an expression lesson; use %2"), (1,)),
    (r"the operator (.+) is not allowed in an expression lesson; use (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "the operator %1 is not allowed in an expression lesson; use %2"), (1,)),
    (r"the operator (.+) is not allowed in an expression lesson; only unary - and \+ are",
     QT_TRANSLATE_NOOP("EngineMessage",
                       "the operator %1 is not allowed in an expression lesson; only unary - and + are"), (1,)),
    (r"only the functions (.+) can be called",
     QT_TRANSLATE_NOOP("EngineMessage", "only the functions %1 can be called")),
    (r"unknown function '(.+)': the functions are (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "unknown function “%1”: the functions are %2")),
    (r"(\w+) takes exactly one argument, like (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "%1 takes exactly one argument, like %2")),
    (r"this number is too large", QT_TRANSLATE_NOOP("EngineMessage", "this number is too large")),
    (r"(.+) is not a finite number \((.+)\)",
     QT_TRANSLATE_NOOP("EngineMessage", "%1 is not a finite number (%2)"), (2,)),
    (r"invalid character U\+([0-9A-F]+) \(not valid text\)",
     QT_TRANSLATE_NOOP("EngineMessage", "invalid character U+%1 (not valid text)")),
    (r"(.+) is not allowed in an expression lesson",
     QT_TRANSLATE_NOOP("EngineMessage", "%1 is not allowed in an expression lesson"), (1,)),
]

# ---------------------------------------------------------------- sub-phrases inside a message
_PHRASES: list[_Entry] = [
    # what an expression lesson may not contain (expressions.py: _DESCRIPTIONS and _number)
    (r"attribute access \(a\.b\)", QT_TRANSLATE_NOOP("EngineMessage", "attribute access (a.b)")),
    (r"a comparison \(<, >, ==, …\)", QT_TRANSLATE_NOOP("EngineMessage", "a comparison (<, >, ==, …)")),
    (r"and / or", QT_TRANSLATE_NOOP("EngineMessage", "and / or")),
    (r"indexing with \[ \]", QT_TRANSLATE_NOOP("EngineMessage", "indexing with [ ]")),
    (r"slicing with \[ : \]", QT_TRANSLATE_NOOP("EngineMessage", "slicing with [ : ]")),
    (r"a list", QT_TRANSLATE_NOOP("EngineMessage", "a list")),
    (r"an object", QT_TRANSLATE_NOOP("EngineMessage", "an object")),
    (r"text", QT_TRANSLATE_NOOP("EngineMessage", "text")),
    (r"a list of column names", QT_TRANSLATE_NOOP("EngineMessage", "a list of column names")),
    (r"true or false", QT_TRANSLATE_NOOP("EngineMessage", "true or false")),
    (r"a whole number", QT_TRANSLATE_NOOP("EngineMessage", "a whole number")),
    (r"a folder", QT_TRANSLATE_NOOP("EngineMessage", "a folder")),
    (r"a named pipe", QT_TRANSLATE_NOOP("EngineMessage", "a named pipe")),
    (r"a device", QT_TRANSLATE_NOOP("EngineMessage", "a device")),
    (r"a socket", QT_TRANSLATE_NOOP("EngineMessage", "a socket")),
    (r"a special file", QT_TRANSLATE_NOOP("EngineMessage", "a special file")),
    (r"a tuple", QT_TRANSLATE_NOOP("EngineMessage", "a tuple")),
    (r"a dictionary", QT_TRANSLATE_NOOP("EngineMessage", "a dictionary")),
    (r"a set", QT_TRANSLATE_NOOP("EngineMessage", "a set")),
    (r"a list comprehension", QT_TRANSLATE_NOOP("EngineMessage", "a list comprehension")),
    (r"a set comprehension", QT_TRANSLATE_NOOP("EngineMessage", "a set comprehension")),
    (r"a dictionary comprehension", QT_TRANSLATE_NOOP("EngineMessage", "a dictionary comprehension")),
    (r"a generator expression", QT_TRANSLATE_NOOP("EngineMessage", "a generator expression")),
    (r"a conditional expression \(a if c else b\)",
     QT_TRANSLATE_NOOP("EngineMessage", "a conditional expression (a if c else b)")),
    (r"the := operator", QT_TRANSLATE_NOOP("EngineMessage", "the := operator")),
    (r"unpacking with \*", QT_TRANSLATE_NOOP("EngineMessage", "unpacking with *")),
    (r"text in quotes \(a string\)", QT_TRANSLATE_NOOP("EngineMessage", "text in quotes (a string)")),
    (r"defining a function", QT_TRANSLATE_NOOP("EngineMessage", "defining a function")),
    (r"defining a class", QT_TRANSLATE_NOOP("EngineMessage", "defining a class")),
    (r"an annotated assignment \(x: float = …\)",
     QT_TRANSLATE_NOOP("EngineMessage", "an annotated assignment (x: float = …)")),
    (r"a loop", QT_TRANSLATE_NOOP("EngineMessage", "a loop")),
    (r"a complex number", QT_TRANSLATE_NOOP("EngineMessage", "a complex number")),
    (r"(True|False) \(a truth value\)", QT_TRANSLATE_NOOP("EngineMessage", "%1 (a truth value)")),
    (r"this construct \((\w+)\)", QT_TRANSLATE_NOOP("EngineMessage", "this construct (%1)")),
    (r"this operator", QT_TRANSLATE_NOOP("EngineMessage", "this operator")),
    (r"(import|lambda|await|yield|return|del|if|with|raise|try|assert|global|nonlocal|pass|break|continue|not|None|Ellipsis)",
     QT_TRANSLATE_NOOP("EngineMessage", "the keyword %1")),
    # how training went wrong (training.py)
    (r"the loss became (\S+)", QT_TRANSLATE_NOOP("EngineMessage", "the loss became %1")),
    (r"a parameter became (\S+)", QT_TRANSLATE_NOOP("EngineMessage", "a parameter became %1")),
    (r"log needs a positive number", QT_TRANSLATE_NOOP("EngineMessage", "log needs a positive number")),
    (r"sqrt needs a number ≥ 0", QT_TRANSLATE_NOOP("EngineMessage", "sqrt needs a number ≥ 0")),
    (r"division by zero", QT_TRANSLATE_NOOP("EngineMessage", "division by zero")),
    (r"this power is not defined for a negative base",
     QT_TRANSLATE_NOOP("EngineMessage", "this power is not defined for a negative base")),
    (r"exp overflows for numbers above about 709",
     QT_TRANSLATE_NOOP("EngineMessage", "exp overflows for numbers above about 709")),
    (r"the result is not a finite number", QT_TRANSLATE_NOOP("EngineMessage", "the result is not a finite number")),
    (r"0 to a negative power is a division by zero",
     QT_TRANSLATE_NOOP("EngineMessage", "0 to a negative power is a division by zero")),
    (r"the result is too large for a float64 number",
     QT_TRANSLATE_NOOP("EngineMessage", "the result is too large for a float64 number")),
    (r"the derivative of (.+) with respect to (.+) is not finite at (.+)",
     QT_TRANSLATE_NOOP("EngineMessage", "the derivative of %1 with respect to %2 is not finite at %3")),
    (r"more than (\d+) iterations \((\d+) epochs of (\d+) batches\)",
     QT_TRANSLATE_NOOP("EngineMessage", "more than %1 iterations (%2 epochs of %3 batches)")),
    (r"the weight-decay term became (\S+)", QT_TRANSLATE_NOOP("EngineMessage", "the weight-decay term became %1")),
    # Python's syntax messages for a program that cannot be read (expressions.py)
    (r"check for a missing number, name, operator or bracket",
     QT_TRANSLATE_NOOP("EngineMessage", "check for a missing number, name, operator or bracket")),
    (r"'(.)' was never closed", QT_TRANSLATE_NOOP("EngineMessage", "“%1” was never closed")),
    (r"unmatched '(.)'", QT_TRANSLATE_NOOP("EngineMessage", "unmatched “%1”")),
    (r"closing parenthesis '(.)' does not match opening parenthesis '(.)' on line (\d+)",
     QT_TRANSLATE_NOOP("EngineMessage", "closing bracket “%1” does not match opening bracket “%2” on line %3")),
    (r"closing parenthesis '(.)' does not match opening parenthesis '(.)'",
     QT_TRANSLATE_NOOP("EngineMessage", "closing bracket “%1” does not match opening bracket “%2”")),
    (r"unexpected indent", QT_TRANSLATE_NOOP("EngineMessage", "unexpected indent")),
    (r"unindent does not match any outer indentation level",
     QT_TRANSLATE_NOOP("EngineMessage", "unindent does not match any outer indentation level")),
    (r"expected an indented block after '(\w+)' statement on line (\d+)",
     QT_TRANSLATE_NOOP("EngineMessage", "expected an indented block after the “%1” statement on line %2")),
    (r"unterminated string literal \(detected at line (\d+)\)",
     QT_TRANSLATE_NOOP("EngineMessage", "unterminated string (detected at line %1)")),
    (r"unterminated triple-quoted string literal \(detected at line (\d+)\)",
     QT_TRANSLATE_NOOP("EngineMessage", "unterminated triple-quoted string (detected at line %1)")),
    (r"invalid decimal literal", QT_TRANSLATE_NOOP("EngineMessage", "invalid decimal number")),
    (r"invalid hexadecimal literal", QT_TRANSLATE_NOOP("EngineMessage", "invalid hexadecimal number")),
    (r"invalid octal literal", QT_TRANSLATE_NOOP("EngineMessage", "invalid octal number")),
    (r"invalid binary literal", QT_TRANSLATE_NOOP("EngineMessage", "invalid binary number")),
    (r"invalid imaginary literal", QT_TRANSLATE_NOOP("EngineMessage", "invalid imaginary number")),
    (r"leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
     QT_TRANSLATE_NOOP("EngineMessage", "a whole number cannot start with 0")),
    (r"invalid character '(.)' \(U\+([0-9A-Fa-f]+)\)",
     QT_TRANSLATE_NOOP("EngineMessage", "invalid character “%1” (U+%2)")),
    (r"invalid non-printable character U\+([0-9A-Fa-f]+)",
     QT_TRANSLATE_NOOP("EngineMessage", "invalid invisible character U+%1")),
    (r"unexpected character after line continuation character",
     QT_TRANSLATE_NOOP("EngineMessage", "unexpected character after the line continuation backslash")),
    (r"cannot assign to (literal|expression|function call)(?: here\. Maybe you meant '==' instead of '='\?)?",
     QT_TRANSLATE_NOOP("EngineMessage", "cannot assign to %1"), (1,)),
    (r"literal", QT_TRANSLATE_NOOP("EngineMessage", "a number or text")),
    (r"expression", QT_TRANSLATE_NOOP("EngineMessage", "an expression")),
    (r"function call", QT_TRANSLATE_NOOP("EngineMessage", "a function call")),
    (r"expected ':'", QT_TRANSLATE_NOOP("EngineMessage", "expected “:”")),
    (r"expected 'else' after 'if' expression",
     QT_TRANSLATE_NOOP("EngineMessage", "expected “else” after an “if” expression")),
    (r"invalid syntax\. Perhaps you forgot a comma\?",
     QT_TRANSLATE_NOOP("EngineMessage", "invalid syntax. Perhaps a comma is missing?")),
    (r"positional argument follows keyword argument",
     QT_TRANSLATE_NOOP("EngineMessage", "positional argument follows keyword argument")),
    (r"unexpected EOF while parsing", QT_TRANSLATE_NOOP("EngineMessage", "the program ends too early")),
    (r"invalid syntax", QT_TRANSLATE_NOOP("EngineMessage", "invalid syntax")),
    # the JSON reader's complaints (document.py; json.decoder)
    (r"Expecting value", QT_TRANSLATE_NOOP("EngineMessage", "expecting a value")),
    (r"Expecting property name enclosed in double quotes",
     QT_TRANSLATE_NOOP("EngineMessage", "expecting a property name in double quotes")),
    (r"Expecting ':' delimiter", QT_TRANSLATE_NOOP("EngineMessage", "expecting the delimiter “:”")),
    (r"Expecting ',' delimiter", QT_TRANSLATE_NOOP("EngineMessage", "expecting the delimiter “,”")),
    (r"Unterminated string starting at", QT_TRANSLATE_NOOP("EngineMessage", "a string starting here never ends")),
    (r"Invalid control character at", QT_TRANSLATE_NOOP("EngineMessage", "invalid control character")),
    (r"Invalid \\escape", QT_TRANSLATE_NOOP("EngineMessage", "invalid escape with a backslash")),
    (r"Invalid \\uX{4} escape", QT_TRANSLATE_NOOP("EngineMessage", "invalid Unicode escape with a backslash")),
    (r"Extra data", QT_TRANSLATE_NOOP("EngineMessage", "extra data after the end")),
    (r"Illegal trailing comma before end of (?:object|array)",
     QT_TRANSLATE_NOOP("EngineMessage", "a comma before the closing bracket")),
    # the CSV reader's complaints (csv_import.py; _csv)
    (r"line contains NUL", QT_TRANSLATE_NOOP("EngineMessage", "the line contains a NUL character")),
    (r"field larger than field limit \((\d+)\)",
     QT_TRANSLATE_NOOP("EngineMessage", "a field is larger than the limit of %1 characters")),
    (r"new-line character seen in unquoted field.*",
     QT_TRANSLATE_NOOP("EngineMessage", "a line break inside an unquoted field")),
    (r"unexpected end of data", QT_TRANSLATE_NOOP("EngineMessage", "unexpected end of data")),
    # why a file cannot be read (the system's strerror)
    (r"No such file or directory", QT_TRANSLATE_NOOP("EngineMessage", "No such file or directory")),
    (r"Permission denied", QT_TRANSLATE_NOOP("EngineMessage", "Permission denied")),
    (r"Is a directory", QT_TRANSLATE_NOOP("EngineMessage", "Is a directory")),
    (r"Not a directory", QT_TRANSLATE_NOOP("EngineMessage", "Not a directory")),
    (r"File name too long", QT_TRANSLATE_NOOP("EngineMessage", "File name too long")),
    (r"Input/output error", QT_TRANSLATE_NOOP("EngineMessage", "Input/output error")),
    (r"Too many open files", QT_TRANSLATE_NOOP("EngineMessage", "Too many open files")),
]

_NUMBER = re.compile(r"%(\d)")
_WORDS = re.compile(r"[^\W\d_]")
MAX_MESSAGE_CHARS = 600


def _rebuild(text: str, table: list[_Entry]) -> str | None:
    """``text`` rebuilt from the first matching template, or None (no match, or no translation)."""
    for pattern, template, *rest in table:
        match = re.fullmatch(pattern, text, re.DOTALL)
        if match is None:
            continue
        translated = QCoreApplication.translate("EngineMessage", template)
        if translated == template:
            return None  # the English interface, or a translation still missing: keep the engine's words
        phrases = rest[0] if rest else ()
        groups = [(_phrase(group) if k in phrases else group) if group is not None else ""
                  for k, group in enumerate(match.groups(), start=1)]
        return _fill(translated, groups)
    return None


def _fill(template: str, groups: list[str]) -> str:
    """%1, %2 … replaced in one pass, so that a group holding "%2" is never replaced again."""
    return _NUMBER.sub(lambda m: groups[int(m[1]) - 1] if 0 < int(m[1]) <= len(groups) else m[0], template)


def _phrase(text: str) -> str:
    return _rebuild(text, _PHRASES) or text


def _where(text: str) -> str:
    return _rebuild(text, _WHERE) or text


def _translated(message: Message) -> str | None:
    """``message`` in the interface language by its code, or None when its template is not translated."""
    source = SOURCES.get(message.code) or CATALOGUE[message.code]
    text = QCoreApplication.translate("EngineMessage", source, message.code)
    if text == source and _WORDS.search(_PLACEHOLDER.sub("", source)):
        return None  # the English interface, or a translation still missing
    return fill(text, {name: _shown(value) for name, value in message.args.items()})


def _shown(value: object) -> str:
    """An argument: a sub-phrase (a Message) translated in turn; a path, name or number as it is."""
    if isinstance(value, Message):
        return _translated(value) or str(value)
    return str(value)


def _bounded(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE_CHARS else text[:MAX_MESSAGE_CHARS - 1] + "…"


def engine_message(text: object) -> str:
    """An engine message (a StudioError, or a Message) in the interface language, translated by code.

    Field paths, names and numbers are kept as they are. A message whose template has no
    translation (the English interface) is shown exactly as the engine wrote it.
    """
    message = text.whole if isinstance(text, StudioError) else text
    if isinstance(message, Message):
        return _bounded(_translated(message) or str(message))
    return _bounded(_by_text(str(message)))


def engine_phrase(text: object) -> str:
    """A phrase the engine puts inside its messages (why a value is not finite, …) in the interface language."""
    return engine_message(text) if isinstance(text, Message) else _phrase(str(text))


def _by_text(text: str) -> str:
    """A message not yet catalogued, matched by its English text (being replaced by codes).

    A message is "where: problem" (a field path, a file name, a CSV row and column, an
    expression's line and column) or just a problem. The first split at ": " whose problem has
    a known shape wins; otherwise the whole text is tried as one problem.
    """
    if len(text) > MAX_MESSAGE_CHARS:  # the engine keeps messages short; this bounds the matching time
        return text[:MAX_MESSAGE_CHARS - 1] + "…"
    start = 0
    while (colon := text.find(": ", start)) > 0:
        where = text[:colon]
        if _balanced(where):  # not the ": " inside "slicing with [ : ]" or "(x: float = …)"
            problem = _rebuild(text[colon + 2:], _PROBLEMS)
            if problem is not None:
                return f"{_where(where)}: {problem}"
        start = colon + 1
    return _rebuild(text, _PROBLEMS) or text


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")
