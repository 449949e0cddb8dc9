"""``reader [PATH]``: run the reader app on a case, or on a folder of cases.

Textual and the app are imported only here, when the app is about to run,
so the other commands (``reader check`` above all) start fast.
"""

from __future__ import annotations

from reader.cli.options import EXIT_OK, command_parser, path_argument, resolve_case_path


def open_command(args: list[str]) -> int:
    """``reader [PATH]``: run the app until it quits; its exit code is 1 when the case had errors."""
    parser = command_parser("reader", "Read the sources of a human-rights case side by side.\n\n"
                                      "Commands: reader check [PATH], reader status [PATH], reader export [PATH], "
                                      "reader serve [PATH], reader schema. "
                                      "Run `reader COMMAND --help` for more.")
    path_argument(parser)
    options = parser.parse_args(args)
    folder = resolve_case_path(options.path)
    from reader.ui.app import ReaderApp  # Textual is imported only to open the app.

    # The app opens a folder of cases on the list of them; a case it loads before it
    # starts, or, when the case is big, while it shows a preview.
    app = ReaderApp(folder)
    app.run()
    return app.return_code or EXIT_OK
