"""The content: YAML checking, the value types of the model, loading and validation.

Imports nothing of the tool but `errors` and `i18n`: no core, views or command line.
"""
