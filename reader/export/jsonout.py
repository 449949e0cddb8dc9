"""JSON text for the data exports: exact data, yet safe to print in a terminal.

The values keep the case's text exactly (a TextQuoteSelector must match the
source), so control and bidi characters are not replaced by placeholders:
they are written as ``\\uXXXX`` escapes, which JSON readers turn back into
the same characters and which ``cat`` shows as harmless letters.
"""

from __future__ import annotations

import json
import re
from typing import Any

from reader.model.text_safety import BIDI_CONTROLS

# JSON itself escapes U+0000–U+001F; DEL, the C1 controls, bidi controls and the
# line and paragraph separators (which some JavaScript parsers treat as line ends) it does not.
_UNSAFE = re.compile("[\u007f-\u009f\u2028\u2029" + "".join(sorted(BIDI_CONTROLS)) + "]")


def dumps(data: Any) -> str:
    """``data`` as indented JSON, UTF-8 letters as they are, unsafe characters as ``\\u`` escapes."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
