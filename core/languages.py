"""Which language a request is answered in, and the address of a page in each language.

The portal answers at the same stable paths in every language: Django's LocaleMiddleware takes the language
from the cookie, else from the browser's Accept-Language. `?lang=<code>` comes before both: the page is
answered in that language and the language is remembered (the cookie). It is the address of a page's version
in one language, which the page names in its hreflang alternates; the address without it, which answers in
the reader's own language, is the x-default. The page cache keys pages by full path (so `?lang=fr` is a page
of its own) and by the active language, and the cookie is added after it (a cached page carries none).
"""

from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import to_locale

QUERY_PARAMETER = "lang"

# The Plural-Forms a catalogue of the language may declare: GNU gettext's first (the one new catalogues get),
# then the CLDR-based one of Django's and allauth's catalogues where it differs. tests/core/test_translations.py
# holds every catalogue of the portal to one of them.
_ONE = "nplurals=2; plural=(n != 1);"
_MILLIONS = "nplurals=3; plural=n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"
PLURAL_FORMS = {
    "bg": [_ONE],
    "cs": [
        "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
        "nplurals=4; plural=(n == 1 && n % 1 == 0) ? 0 : (n >= 2 && n <= 4 && n % 1 == 0) ? 1: (n % 1 != 0 ) ? 2 : 3;",
    ],
    "da": [_ONE],
    "de": [_ONE],
    "el": [_ONE],
    "en": [_ONE],
    "es": [_ONE, _MILLIONS],
    "et": [_ONE],
    "fi": [_ONE],
    "fr": ["nplurals=2; plural=(n > 1);", "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n % 1000000 == 0 ? 1 : 2;"],
    "ga": [
        "nplurals=5; plural=n==1 ? 0 : n==2 ? 1 : (n>2 && n<7) ? 2 :(n>6 && n<11) ? 3 : 4;",
        "nplurals=5; plural=(n==1 ? 0 : n==2 ? 1 : n<7 ? 2 : n<11 ? 3 : 4);",
    ],
    "hr": ["nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"],
    "hu": [_ONE],
    "it": [_ONE, _MILLIONS],
    "lt": [
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);",
        "nplurals=4; plural=(n % 10 == 1 && (n % 100 > 19 || n % 100 < 11) ? 0 : (n % 10 >= 2 && n % 10 <=9)"
        " && (n % 100 > 19 || n % 100 < 11) ? 1 : n % 1 != 0 ? 2: 3);",
    ],
    "lv": ["nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"],
    "mt": [
        "nplurals=4; plural=(n==1 ? 0 : n==0 || ( n%100>1 && n%100<11) ? 1 : (n%100>10 && n%100<20 ) ? 2 : 3);",
        "nplurals=5; plural=(n==1 ? 0 : n==2 ? 1 : n==0 || (n%100>=3 && n%100<=10) ? 2 : (n%100>=11 && n%100<=19)"
        " ? 3 : 4);",
    ],
    "nl": [_ONE],
    "pl": [
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
        "nplurals=4; plural=(n==1 ? 0 : (n%10>=2 && n%10<=4) && (n%100<12 || n%100>14) ? 1 : n!=1 && (n%10>=0"
        " && n%10<=1) || (n%10>=5 && n%10<=9) || (n%100>=12 && n%100<=14) ? 2 : 3);",
    ],
    "pt-pt": [_ONE, _MILLIONS],
    "ro": [
        "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
        "nplurals=3; plural=(n==1?0:(((n%100>19)||((n%100==0)&&(n!=0)))?2:1));",
    ],
    "sk": [
        "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
        "nplurals=4; plural=(n % 1 == 0 && n == 1 ? 0 : n % 1 == 0 && n >= 2 && n <= 4 ? 1 : n % 1 != 0 ? 2: 3);",
    ],
    "sl": ["nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);"],
    "sv": [_ONE],
}


def catalogue_folder(root: Path, code: str) -> str:
    """The folder under ROOT of a language's catalogue: its locale (pt_PT), or the language alone where only
    that exists (gettext looks for pt_PT, then for pt)."""
    name = to_locale(code)
    generic = name.split("_")[0]
    return generic if not (root / name).is_dir() and (root / generic).is_dir() else name


def requested_language(value: str | None) -> str | None:
    """The code of a language the portal speaks, or None."""
    code = (value or "").strip().lower()
    return code if code in dict(settings.LANGUAGES) else None


def remember_language(response, code: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def without_language(url: str) -> str:
    """URL without its ?lang=, so that the remembered language applies there."""
    parts = urlsplit(url)
    query = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if name != QUERY_PARAMETER]
    return urlunsplit(parts._replace(query=urlencode(query)))


def alternates(request) -> list[tuple[str, str]]:
    """(hreflang, absolute address) of this page in each language the portal speaks, then ("x-default", its
    address without ?lang=)."""
    query = request.GET.copy()
    links = []
    for code, _name in settings.LANGUAGES:
        query[QUERY_PARAMETER] = code
        links.append((code, request.build_absolute_uri(f"{request.path}?{query.urlencode()}")))
    query.pop(QUERY_PARAMETER)
    default = f"{request.path}?{query.urlencode()}" if query else request.path
    links.append(("x-default", request.build_absolute_uri(default)))
    return links


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware (the cookie, then Accept-Language), with ?lang= before both."""

    def process_request(self, request):
        code = requested_language(request.GET.get(QUERY_PARAMETER))
        if code is None:
            return super().process_request(request)
        translation.activate(code)
        request.LANGUAGE_CODE = code
        request.language_from_address = code

    def process_response(self, request, response):
        response = super().process_response(request, response)
        code = getattr(request, "language_from_address", None)
        if code and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != code:
            remember_language(response, code)
        return response
