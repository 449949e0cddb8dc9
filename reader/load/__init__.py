"""Loading a case, in steps with one job each, run by :func:`reader.load.case_loader.load_case`.

read (:mod:`~reader.load.read`: files, YAML with positions, source texts)
→ build (:mod:`~reader.load.build`: typed objects) → check
(:mod:`~reader.load.check`: problems across records) → anchor
(:mod:`~reader.load.anchoring`: spans and mentions, returned) → the case
built whole with its spans. The format itself is :mod:`~reader.load.format`.
"""
