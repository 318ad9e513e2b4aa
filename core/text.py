"""Text helpers that know no domain: folding for accent-free matching, and search excerpts."""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_TERMS = 8


def fold(text: str) -> str:
    """Lower-case without accents, so that "koln" finds "Köln" on every database."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.replace("ß", "ss").replace("ł", "l").replace("Ł", "l").replace("ø", "o").casefold().strip()


def terms_of(text: str) -> list[str]:
    return re.findall(r"\w+", text)[:MAX_TERMS]


_ENTITY = r"&(?:[a-zA-Z]+|#\d+);"


def highlight(text: str, query: str, *, width: int = 220) -> SafeString:
    """An escaped excerpt of `text` around the first match, with the matched words in <mark>."""
    text = " ".join((text or "").split())
    terms = sorted(set(terms_of(query)), key=len, reverse=True)
    start = 0
    if terms:
        found = re.search("|".join(re.escape(term) for term in terms), text, re.IGNORECASE)
        if found and found.start() > width // 3:
            start = found.start() - width // 3
    excerpt = text[start : start + width]
    escaped = escape(("… " if start else "") + excerpt + (" …" if start + width < len(text) else ""))
    if not terms:
        return escaped
    pattern = re.compile(
        f"({_ENTITY})|({'|'.join(re.escape(escape(term)) for term in terms)})", re.IGNORECASE
    )
    marked = pattern.sub(lambda m: m.group(1) or f"<mark>{m.group(2)}</mark>", escaped)
    return mark_safe(marked)  # noqa: S308 - built from escaped text and our own <mark> tags
