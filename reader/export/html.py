"""The export as one self-contained HTML file: inline CSS, no network, readable without JavaScript.

Every string from the case goes through :func:`esc`: control and bidi
characters become visible placeholders (:func:`reader.model.text_safety.clean`)
and ``& < > " '`` become entities, so a source holding ``<script>`` shows
those characters and runs nothing. A Content-Security-Policy allows no
network at all and only the one inline script, named by its hash; the
script only outlines every part of a followed citation that overlapping
highlights split in pieces (without it, the first piece is outlined by
``:target``).

Light and dark colours follow ``prefers-color-scheme``; the sources stand
side by side where there is room and one under the other on a phone.
"""

from __future__ import annotations

import base64
import hashlib
import html
from functools import lru_cache

from reader.export.nesting import Chars, Close, Open, Piece, nest
from reader.export.nodes import (
    Block,
    Chip,
    Cite,
    Document,
    Fields,
    Heading,
    Inline,
    Items,
    Line,
    Link,
    Mark,
    Para,
    Section,
    SourceText,
    Text,
)
from reader.model.text_safety import clean


def esc(text: str) -> str:
    """``text`` safe as HTML text or attribute value: controls made visible, markup characters escaped."""
    return html.escape(clean(text), quote=True)


_CSS = """
:root {
  color-scheme: light dark;
  --bg: #fdfdfb; --fg: #1d1f21; --muted: #5d6166; --rule: #d5d8dc; --panel: #f3f4f1;
  --link: #1f5fa8; --warn: #8a5a00; --computed: #7a2f8f;
  --cite-line: #8c96a3; --target-bg: #fff3b0; --target-line: #c28a00;
  --person-fg: #173f7a; --person-bg: #dce8fb;
  --organisation-fg: #5a2a78; --organisation-bg: #eee0f7;
  --place-fg: #1d5a2c; --place-bg: #daf0de;
  --law-fg: #6b4a00; --law-bg: #f8ebc8;
  --charge-fg: #8a1c1c; --charge-bg: #f8dada;
  --amount-fg: #0d5c63; --amount-bg: #e4e6e8;
  --date-fg: #0d5c63; --date-bg: transparent;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15171a; --fg: #e4e6e8; --muted: #a0a6ad; --rule: #3a3f45; --panel: #1e2125;
    --link: #8ab8f0; --warn: #f0c060; --computed: #e3a3f5;
    --cite-line: #7d8794; --target-bg: #4a3c00; --target-line: #f0c040;
    --person-fg: #cfe0ff; --person-bg: #22406e;
    --organisation-fg: #f0dcff; --organisation-bg: #4b2c63;
    --place-fg: #d4f5dc; --place-bg: #1f4a2b;
    --law-fg: #fbe7b5; --law-bg: #5a4310;
    --charge-fg: #ffd9d9; --charge-bg: #6a2323;
    --amount-fg: #c9f1f4; --amount-bg: #33393f;
    --date-fg: #9fe3ea; --date-bg: transparent;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 76rem; margin: 0 auto; padding: 1rem 1.25rem 4rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: .5rem 0; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 .75rem; padding-top: .5rem; border-top: 2px solid var(--rule); }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
h4 { font-size: 1rem; margin: 0 0 .25rem; }
a { color: var(--link); }
nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; margin: .5rem 0; }
.dim { color: var(--muted); }
.warn { color: var(--warn); font-weight: 600; }
.computed { display: inline-block; margin-left: .4rem; padding: 0 .45rem; border: 1px solid var(--computed);
  border-radius: .6rem; color: var(--computed); font-size: .8em; font-weight: 600; text-transform: uppercase; }
.redacted { padding: .5rem .75rem; border-left: 4px solid var(--warn); background: var(--panel); }
dl.fields { display: grid; grid-template-columns: minmax(7rem, max-content) 1fr; gap: .3rem 1rem; margin: .5rem 0; }
dl.fields dt { font-weight: 600; color: var(--muted); }
dl.fields dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
dl.fields dd > div + div { margin-top: .2rem; }
ul.items { margin: .25rem 0 .5rem; padding-left: 1.25rem; }
section.person { margin: 1rem 0 2rem; }
section.person h4 { margin: 1.1rem 0 .25rem; color: var(--muted); }
section.event, section.entity, section.quote, section.difference, section.derived, section.measure {
  padding: .5rem .75rem; margin: .5rem 0; border-left: 3px solid var(--rule); }
section.event p, section.quote p, section.difference p, section.measure > p { margin: .15rem 0; }
.cite { text-decoration: none; }
.cite q { font-style: italic; quotes: "\\201C" "\\201D"; }
.cite .where { color: var(--muted); font-size: .85em; white-space: nowrap; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 24rem), 1fr)); gap: 1.5rem; }
section.source { min-width: 0; background: var(--panel); padding: .75rem 1rem; border-radius: .4rem; }
section.source h3 { margin-top: 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1.02rem; line-height: 1.65; }
.q { box-shadow: inset 0 -1px 0 var(--cite-line); }
.q:target, .q.hit { background: var(--target-bg); outline: 2px solid var(--target-line); outline-offset: 1px; }
:target { scroll-margin-top: 4rem; }
section:target { outline: 2px solid var(--target-line); outline-offset: 2px; }
a.m { color: var(--m-fg); background: var(--m-bg); text-decoration: none; border-radius: .2rem; padding: 0 .05rem; }
a.m:hover, a.m:focus { outline: 1px solid currentColor; }
.chip { display: inline-block; padding: 0 .4rem; border-radius: .25rem; color: var(--m-fg); background: var(--m-bg); }
.m-person { --m-fg: var(--person-fg); --m-bg: var(--person-bg); font-weight: 600; }
.m-organisation { --m-fg: var(--organisation-fg); --m-bg: var(--organisation-bg); }
.m-place { --m-fg: var(--place-fg); --m-bg: var(--place-bg); }
.m-law { --m-fg: var(--law-fg); --m-bg: var(--law-bg); font-style: italic; }
.m-charge { --m-fg: var(--charge-fg); --m-bg: var(--charge-bg); }
.m-amount { --m-fg: var(--amount-fg); --m-bg: var(--amount-bg); font-weight: 600; }
.m-date { --m-fg: var(--date-fg); --m-bg: var(--date-bg); text-decoration: underline; }
@media (max-width: 40rem) {
  main { padding: .75rem .75rem 3rem; }
  h1 { font-size: 1.35rem; }
  dl.fields { grid-template-columns: 1fr; gap: 0; }
  dl.fields dd { margin-bottom: .4rem; }
}
@media print { .q:target { outline: none; } a { color: inherit; } }
""".strip()

# Outline every piece of a followed citation, not only the first (which carries the id).
_SCRIPT = """
function hit(){document.querySelectorAll('.hit').forEach(function(e){e.classList.remove('hit')});
var id=decodeURIComponent(location.hash.slice(1));if(!id)return;
document.querySelectorAll('[data-q]').forEach(function(e){if(e.dataset.q===id)e.classList.add('hit')})}
addEventListener('hashchange',hit);addEventListener('DOMContentLoaded',hit);
""".strip()


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def render(document: Document) -> str:
    """The document as one HTML file."""
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(document.language or "en")}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(_csp())}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{esc(document.title)}</title>",
        f"<style>\n{_CSS}\n</style>",
        f"<script>{_SCRIPT}</script>",
        "</head>",
        "<body>",
        "<main>",
    ]
    blocks = list(document.blocks)
    # The table of contents goes after the header (the blocks before the first section).
    first_section = next((i for i, b in enumerate(blocks) if isinstance(b, Section)), len(blocks))
    for block in blocks[:first_section]:
        out.append(_block(block))
    if document.contents:
        links = "".join(f'<li><a href="#{esc(anchor)}">{esc(title)}</a></li>' for anchor, title in document.contents)
        out.append(f'<nav aria-label="Contents"><ul>{links}</ul></nav>')
    for block in blocks[first_section:]:
        out.append(_block(block))
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        anchor = f' id="{esc(block.anchor)}"' if block.anchor else ""
        return f"<h{block.level}{anchor}>{esc(block.text)}</h{block.level}>"
    if isinstance(block, Para):
        role = f' class="{esc(block.role)}"' if block.role else ""
        return f"<p{role}>{_line(block.inlines)}</p>"
    if isinstance(block, Fields):
        rows = "".join(f"<dt>{esc(label)}</dt><dd>" + "".join(f"<div>{_line(line)}</div>" for line in lines)
                       + "</dd>" for label, lines in block.rows)
        return f'<dl class="fields">{rows}</dl>'
    if isinstance(block, Items):
        if not block.items:
            return ""
        return '<ul class="items">' + "".join(f"<li>{_line(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, SourceText):
        return _source_text(block)
    tag = "div" if block.role == "columns" else "section"
    anchor = f' id="{esc(block.anchor)}"' if block.anchor else ""
    inner = "\n".join(_block(child) for child in block.blocks)
    return f'<{tag} class="{esc(block.role)}"{anchor}>\n{inner}\n</{tag}>'


def _line(line: Line) -> str:
    return "".join(_inline(inline) for inline in line)


def _inline(inline: Inline) -> str:
    if isinstance(inline, Text):
        if not inline.style:
            return esc(inline.text)
        tag = {"strong": "strong", "em": "em"}.get(inline.style, "span")
        cls = "" if tag != "span" else f' class="{esc(inline.style)}"'
        return f"<{tag}{cls}>{esc(inline.text)}</{tag}>"
    if isinstance(inline, Link):
        return f'<a href="#{esc(inline.anchor)}">{esc(inline.text)}</a>'
    if isinstance(inline, Cite):
        return (f'<a class="cite" href="#{esc(inline.anchor)}"><q>{esc(inline.quote)}</q> '
                f'<span class="where">({esc(inline.where)})</span></a>')
    assert isinstance(inline, Chip)
    return f'<span class="chip m-{esc(inline.entity_type)}">{esc(inline.entity_type)}</span>'


@lru_cache(maxsize=4096)
def _mark_attributes(entity_type: str, entity_id: str, name: str) -> str:
    # The same few thousand entities are marked over and over: a big case has 100,000 mentions.
    return (f'class="m m-{esc(entity_type)}" data-entity="{esc(entity_id)}" '
            f'title="{esc(name)} ({esc(entity_type)})"')


def _source_text(block: SourceText) -> str:
    # Cited passages (an anchor, str) enclose mentions (Mark) that share their bounds.
    pieces: list[Piece[str | Mark]] = [Piece(span.start, span.end, anchor, rank=0) for span, anchor in block.targets]
    pieces += [Piece(mark.span.start, mark.span.end, mark, rank=1) for mark in block.marks]
    out: list[str] = []
    links = 0  # open mention links: a mention inside another (overlapping explicit mentions) is no link
    for step in nest(len(block.text), pieces):
        if isinstance(step, Chars):
            out.append(esc(block.text[step.start:step.end]))
            continue
        value = step.piece.value
        if isinstance(step, Open) and isinstance(value, str):
            ident = f' id="{esc(value)}"' if step.first else ""
            out.append(f'<span class="q"{ident} data-q="{esc(value)}">')
        elif isinstance(step, Open) and isinstance(value, Mark):
            attributes = _mark_attributes(value.entity_type, value.entity_id, value.name)
            out.append(f'<a {attributes} href="#ent-{esc(value.entity_id)}">' if not links else
                       f"<span {attributes}>")
            links += 1
        elif isinstance(step, Close) and isinstance(value, Mark):
            links -= 1
            out.append("</a>" if not links else "</span>")
        else:
            out.append("</span>")
    lang = f' lang="{esc(block.language)}"' if block.language else ""
    return f'<div class="text"{lang}>' + "".join(out) + "</div>"
