"""``reader schema``: the JSON Schema of case files, for editors with YAML language support."""

from __future__ import annotations

from reader.cli.options import EXIT_OK, command_parser
from reader.cli.output import write_to_standard_output
from reader.export.jsonout import dumps as json_text
from reader.load.format import json_schema


def schema_command(args: list[str]) -> int:
    """``reader schema``: print the schema as JSON."""
    parser = command_parser("reader schema", "Print the JSON Schema of case files, for editors with YAML "
                                             "language support (see docs/format.md).")
    parser.parse_args(args)
    write_to_standard_output(json_text(json_schema()))
    return EXIT_OK
