"""reader add on real saved pages: the article's first and last paragraphs, none of the page around it.

The pages and their licences: tests/fixtures/pages/README.md.
"""

from __future__ import annotations

import datetime as dt
import email.generator
import email.mime.multipart
import email.mime.text
import io
import os
from pathlib import Path

import pytest

from reader.ingest.cleaning import clean_article
from reader.ingest.decode import decode_page
from reader.ingest.retrieve import IngestError, Retrieved, read_saved
from reader.ingest.sources import Draft, Given, from_page

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
TODAY = dt.date(2026, 12, 2)


def _add(name: str, **given: str) -> Draft:
    return from_page(read_saved(PAGES / name), Given(**given), today=TODAY)


def _paragraphs(draft: Draft) -> list[str]:
    return draft.source.text.rstrip("\n").split("\n\n")


def test_news_site_netzpolitik() -> None:
    draft = _add("news-netzpolitik.html")
    fields = draft.source.fields
    assert fields["title"] == "Die Cider Connection: Abmahnungen gegen Nutzer von Creative-Commons-Bildern"
    assert (fields["publisher"], fields["author"], fields["date"]) == ("netzpolitik.org", "Markus Reuter",
                                                                       "2016-06-23")
    assert fields["url"] == ("https://netzpolitik.org/2016/die-cider-connection-abmahnungen-gegen-nutzer-von-"
                             "creative-commons-bildern/")
    paragraphs = _paragraphs(draft)
    assert paragraphs[0] == fields["title"]  # the headline first, as the format asks
    assert paragraphs[1].startswith("Zwei Männer Arm in Arm. Sie lachen, haben Weingläser in der Hand.")
    assert paragraphs[-1].startswith("Dieser Artikel baut auf einer gemeinsamen Recherche von Markus Reuter")
    text = draft.source.text
    for furniture in ("Skip to content", "Suche nach:", "Beitrags-Navigation", "Unsere Lesetipps", "Vorheriger Beitrag",
                      "91 Ergänzungen", "blah blubb", "Lizenz: Die von uns verfassten"):
        assert furniture not in text, furniture
    assert draft.missing == []


def test_ngo_statement_wikimedia() -> None:
    draft = _add("ngo-wikimedia.html")
    fields = draft.source.fields
    assert (fields["publisher"], fields["date"], fields["language"]) == ("Wikimedia Foundation", "2020-01-15",
                                                                         "en-US")
    paragraphs = _paragraphs(draft)
    assert paragraphs[0] == "Access to Wikipedia restored in Turkey after more than two and a half years"
    assert paragraphs[1].startswith("Today, on Wikipedia’s 19th birthday, the Wikimedia Foundation has received "
                                    "reports that access to Wikipedia in Turkey is actively being restored.")
    assert paragraphs[-1].startswith("* We have received reports that several internet service providers in Turkey")
    for furniture in ("Cookie statement", "Privacy policy", "Powered by WordPress", "Donate", "Except where otherwise"):
        assert furniture not in draft.source.text, furniture


def test_a_page_with_no_date_makes_an_undated_source_never_one_dated_today() -> None:
    draft = _add("ngo-creativecommons-undated.html")
    fields = draft.source.fields
    assert fields["date"] == "unknown"
    assert "no publication date" in fields["date_note"]
    assert "date" in draft.missing
    assert TODAY.isoformat() not in {fields["date"]}
    assert fields["retrieved"]  # when it was saved is recorded apart from when it was published
    paragraphs = _paragraphs(draft)
    assert paragraphs[0] == "What we do - Creative Commons"
    assert paragraphs[1] == "What is Creative Commons?"
    assert paragraphs[-1].startswith("We work with the following organizations that are leaders in the content")


def test_labour_page_loses_its_breadcrumb_and_printed_date() -> None:
    draft = _add("labour-sauvons-universite.html")
    fields = draft.source.fields
    assert (fields["title"], fields["date"]) == ("Décisions de l’AG Éducation IDF du mardi 10 septembre",
                                                 "2019-09-11")
    paragraphs = _paragraphs(draft)
    assert paragraphs[0] == fields["title"]
    assert paragraphs[1].startswith("L’AG Éducation Île-de-France inter-degrés a réuni le mardi 10 septembre en "
                                    "tout 80 collègues")
    assert paragraphs[-1].startswith("Elle créera également un compte Twitter et un « hashtag »")
    assert "Accueil >" not in draft.source.text  # the breadcrumb trail
    assert "mercredi 11 septembre 2019" not in draft.source.text  # the printed date, now `date`
    assert "\u00a0" not in draft.source.text
    changes = "\n".join(draft.source.changes)
    assert "breadcrumb" in changes and "printed date" in changes and "non-breaking spaces (U+00A0)" in changes


def test_page_with_menus_and_a_cookie_banner() -> None:
    page = (PAGES / "cookie-banner-telemedicus.html").read_text(encoding="utf-8")
    assert "Diese Webseite benutzt Cookies" in page  # the banner is there, in the page
    draft = _add("cookie-banner-telemedicus.html")
    paragraphs = _paragraphs(draft)
    assert paragraphs[1].startswith("Das Internet, ein rechtsfreier Raum? Diese Mär wird mit Erscheinen des neuen")
    assert paragraphs[-1] == "84,80 Euro"  # the review's last line: the book's price
    text = draft.source.text
    assert "Cookie" not in text and "cookie" not in text
    for menu in ("Impressum", "Newsletter", "Suche", "Startseite"):
        assert menu not in text, menu
    assert draft.source.fields["author"] == "Dr Sebastian Brüggemann"


def test_a_latin1_page_reads_as_latin1_and_says_what_it_could_not_find() -> None:
    with pytest.raises(IngestError, match="does not say its publisher") as raised:
        _add("latin1-hundeverein.html")
    assert raised.value.hint == "give --publisher on the command line"
    draft = _add("latin1-hundeverein.html", publisher="Hunde-Verein Kreis Unna 1990 e. V.")
    assert draft.encoding == "cp1252"  # iso-8859-1 is read as its superset, as browsers do
    text = draft.source.text
    assert "Beate und Norbert Olschewski entschlossen sich im Jahr 1990 den Hunde-Verein Kreis Unna 1990 zu " \
           "gründen" in text
    assert "auf dem Gelände der Kirche" in text and "Onkel Tom´s Hütte" in text
    assert text.rstrip().endswith("denn er ist ein Familienmitglied und unser Freund.")
    assert "|" not in text and "\ufffd" not in text
    assert draft.source.fields["date"] == "unknown"
    assert set(draft.missing) == {"date", "address"}


def _recoded(name: str, encoding: str) -> bytes:
    html = (PAGES / name).read_text(encoding="utf-8")
    html = html.replace('charset=utf-8', f'charset={encoding}').replace('charset="utf-8"', f'charset="{encoding}"')
    # The page has characters windows-1252 lacks (U+2028): written as character references, as a browser would.
    return html.encode(encoding, errors="xmlcharrefreplace")


def test_a_page_in_windows_1252_reads_the_same_as_in_utf8() -> None:
    # The Sauvons l'Université page re-encoded (by this test) to windows-1252, its meta charset changed to say so.
    raw = _recoded("labour-sauvons-universite.html", "windows-1252")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    page = Retrieved(raw, raw, None, None, TODAY, ".html")
    draft = from_page(page, Given(), today=TODAY)
    assert draft.encoding == "cp1252"
    assert draft.source.text == _add("labour-sauvons-universite.html").source.text


def test_a_cyrillic_page_in_windows_1251_is_read_by_its_meta_charset() -> None:
    words = "Суд приговорил профсоюзного лидера к семи годам"
    raw = f"<html><head><meta charset=windows-1251><title>{words}</title></head><body><p>{words}.</p>" \
          f"</body></html>".encode("cp1251")
    decoded = decode_page(raw)
    assert (decoded.encoding, decoded.found_by, decoded.replaced) == ("cp1251", "the page's meta charset", 0)
    assert words in decoded.text
    # Said by the server, the charset wins over the page's guess.
    assert decode_page(words.encode("koi8-r"), "KOI8-R").text == words


def test_a_byte_order_mark_wins_and_an_mhtml_file_is_unpacked(tmp_path: Path) -> None:
    utf8 = (PAGES / "ngo-wikimedia.html").read_bytes()
    assert decode_page(b"\xef\xbb\xbf" + utf8).found_by == "byte order mark"
    utf16 = utf8.decode("utf-8").encode("utf-16")
    decoded = decode_page(utf16)
    assert (decoded.encoding, decoded.text) == ("utf-16", utf8.decode("utf-8"))
    # "Webpage, Single File" in Chrome: one MHTML file, the page one of its parts.
    message = email.mime.multipart.MIMEMultipart("related")
    message["Snapshot-Content-Location"] = "https://wikimediafoundation.org/news/2020/01/15/turkey/"
    part = email.mime.text.MIMEText(utf8.decode("utf-8"), "html", "utf-8")
    message.attach(part)
    out = io.BytesIO()
    email.generator.BytesGenerator(out).flatten(message)
    saved = tmp_path / "page.mhtml"
    saved.write_bytes(out.getvalue())
    page = read_saved(saved)
    assert page.suffix == ".mhtml" and page.raw == out.getvalue()
    draft = from_page(page, Given(), today=TODAY)
    assert draft.source.text == _add("ngo-wikimedia.html").source.text


def test_cleaning_follows_the_bundled_cases_rules() -> None:
    # The residue content/baltabay/CLEANING.md lists, as trafilatura can leave it.
    text = ("Jump to main content\nIndustriALL logotype\n1 November, 2019IndustriALL Global Union and the ITUC "
            "call\u00a0for his release.\nKemal said so.\nKemal said so.\nShare\nHome > News > Kazakhstan\n"
            "We use cookies to improve your experience. Accept cookies\nBy Jonathan Boyd\n"
            "The Organization for World Peace")
    cleaned = clean_article(text, title="Kazakh union leader imprisoned again", author="Jonathan Boyd",
                            publisher="The Organization for World Peace", date="2019-11-01")
    assert cleaned.text == ("Kazakh union leader imprisoned again\n\nIndustriALL Global Union and the ITUC call for "
                            "his release.\n\nKemal said so.\n")
    changes = "\n".join(cleaned.changes)
    for what in ("a link or button", "`IndustriALL logotype`", "`1 November, 2019` glued", "repeated",
                 "breadcrumb", "cookie notice", "byline", "publisher's name", "non-breaking space (U+00A0)",
                 "added the headline"):
        assert what in changes, what


def test_escape_sequences_in_a_page_never_reach_the_text_or_the_metadata() -> None:
    html = ("<html><head><title>Verdict\x1b]52;c;cm0gLXJmIH4=\x07 today\x1b[2J</title>"
            "<meta property='og:site_name' content='Evil\x1b]0;pwned\x07 News'></head><body>"
            "<script>document.write('x')</script><article><h1>Verdict today</h1>"
            + "".join(f"<p>Paragraph {n} of the article, \x1b[31mred\x1b[0m and long enough to be kept as the "
                      f"article's text by the extractor.</p>" for n in range(1, 8))
            + "</article></body></html>")
    raw = html.encode("utf-8")
    draft = from_page(Retrieved(raw, raw, None, None, TODAY, ".html"), Given(), today=TODAY)
    values = [draft.source.text, *(str(v) for v in draft.source.fields.values())]
    assert not any("\x1b" in value or "\x07" in value for value in values)
    assert draft.source.fields["title"] == "Verdict today"
    publisher = draft.source.fields["publisher"]
    assert publisher.startswith("Evil") and publisher.endswith("News")
    assert "document.write" not in draft.source.text
    assert "Paragraph 1 of the article, red and long enough" in draft.source.text
    assert any("terminal escape sequence" in change for change in draft.source.changes)


def test_a_page_with_no_article_says_so() -> None:
    raw = b"<html><head><title>Log in</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(IngestError, match=r"no article text found in the page|article text is empty"):
        from_page(Retrieved(raw, raw, None, None, TODAY, ".html"), Given(publisher="A site"), today=TODAY)


def test_a_saved_page_over_the_size_limit_or_not_a_file_is_refused(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.ingest import retrieve

    monkeypatch.setattr(retrieve, "MAX_SAVED_BYTES", 100_000)
    with pytest.raises(IngestError, match=r"page `news-netzpolitik.html` is 0.2 MB, over the"):
        read_saved(PAGES / "news-netzpolitik.html")
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    with pytest.raises(IngestError, match="named pipe"):  # never opened: it would wait for a writer for ever
        read_saved(fifo)
