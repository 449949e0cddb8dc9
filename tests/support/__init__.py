"""Helpers shared by the tests; the conftest files hold only fixtures.

Import them one way, ``from tests.support.<module> import <name>``:

- :mod:`tests.support.case_files`: the minimal valid case on disk, and variations of it;
- :mod:`tests.support.cases`: small cases built in memory, opened in the reader;
- :mod:`tests.support.own_words`: the bundled case with the annotator's words marked, and
  checks that no output sets them as a quotation;
- :mod:`tests.support.pilot`: driving the reader with Pilot: waiting on state, reading the
  screen, the command palette, selecting and annotating.

A helper two test modules need lives here, never in one of them: no test
module imports another.
"""
