"""The command line: the Typer app, one module per command group, context and output.

The outer edge: may import every other layer; nothing imports it.
"""
