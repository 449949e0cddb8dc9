"""Starting a case from real pages: ``reader new`` and ``reader add``.

One module a step: :mod:`~reader.ingest.retrieve` gets the page's bytes (a
saved file, or an address fetched within a time and size limit),
:mod:`~reader.ingest.decode` turns them into text in the page's own
encoding, :mod:`~reader.ingest.extract` finds the article and its metadata
(trafilatura and htmldate, imported only here and only when a page is
added), :mod:`~reader.ingest.cleaning` removes what the page around the
article left in it, and :mod:`~reader.ingest.case_edit` writes the source
into the case: its text, the original page, and the lines of ``case.yaml``
that describe it, keeping everything else in that file as it was.
"""
