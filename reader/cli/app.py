"""``reader [PATH]``: run the reader app on a case, or on a folder of cases.

Textual and the app are imported only here, when the app is about to run,
so the other commands (``reader check`` above all) start fast.
"""

from __future__ import annotations

import os

from reader.cli.options import EXIT_OK, UsageError, command_parser, path_argument, resolve_case_path


def open_command(args: list[str]) -> int:
    """``reader [PATH]``: run the app until it quits; its exit code is 1 when the case had errors."""
    parser = command_parser("reader", "Read the sources of a human-rights case side by side.\n\n"
                                      "Commands: reader check [PATH], reader status [PATH], reader export [PATH], "
                                      "reader serve [PATH], reader schema, reader new FOLDER, reader add CASE PAGE. "
                                      "Run `reader COMMAND --help` for more.")
    path_argument(parser)
    options = parser.parse_args(args)
    folder = resolve_case_path(options.path)
    if os.environ.get("TERM") == "dumb":
        # A dumb terminal cannot place the cursor or clear the screen, so a full-screen app
        # cannot be shown on it. Textual tried anyway: Rich takes a dumb terminal to be 80×25
        # whatever its size, the terminal said otherwise, and the case screen laid itself out
        # for each size in turn, forever, at full CPU and deaf to q and ctrl+c.
        raise UsageError("this terminal (TERM=dumb) cannot show the reader; use a terminal such as "
                         "xterm-256color, or `reader status` / `reader export` for plain text")
    from reader.ui.app import ReaderApp  # Textual is imported only to open the app.

    # The app opens a folder of cases on its watchlist; a case it loads before it
    # starts, or, when the case is big, while it shows a preview.
    app = ReaderApp(folder)
    app.run()
    return app.return_code or EXIT_OK
