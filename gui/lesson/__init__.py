"""Reading a lesson: the inspector, the step log, the plain-language explanations and the expression editor."""
