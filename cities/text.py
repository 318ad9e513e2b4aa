import unicodedata


def fold(text: str) -> str:
    """Lower-case without accents, so that "koln" finds "Köln" on every database."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.replace("ß", "ss").replace("ł", "l").replace("Ł", "l").replace("ø", "o").casefold().strip()
