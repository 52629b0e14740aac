"""Identifier guard: refuses a youth's direct identifiers in free text.

Filet holds no name, birth date, address, phone number, e-mail address, handle, URL,
RAMQ or social-insurance number, postal code or licence plate (DOMAIN.md §3). Every
free-text field that may describe a youth runs ``validate_no_identifiers``. The guard
leans towards refusing: a false alarm costs a rewording, a miss puts a youth's identity
in a system shared by a dozen organisations.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache, partial
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

__all__ = [
    "ADDRESS", "DATE", "EMAIL", "HANDLE", "KINDS", "KIND_LABELS", "NAME", "PHONE", "PLATE",
    "POSTAL_CODE", "RAMQ", "SIN", "URL", "Finding", "guarded_textfield_validators", "scan",
    "validate_no_identifiers",
]  # fmt: skip

EMAIL = "email"
PHONE = "phone"
RAMQ = "ramq"
SIN = "sin"
POSTAL_CODE = "postal_code"
ADDRESS = "address"
DATE = "date"
HANDLE = "handle"
URL = "url"
PLATE = "plate"
NAME = "name"
KINDS = (EMAIL, PHONE, RAMQ, SIN, POSTAL_CODE, ADDRESS, DATE, HANDLE, URL, PLATE, NAME)

KIND_LABELS = {
    EMAIL: _("e-mail address"),
    PHONE: _("phone number"),
    RAMQ: _("health insurance number (RAMQ)"),
    SIN: _("social insurance number"),
    POSTAL_CODE: _("postal code"),
    ADDRESS: _("street address"),
    DATE: _("full date"),
    HANDLE: _("social-media handle"),
    URL: _("web address"),
    PLATE: _("licence plate"),
    NAME: _("personal name"),
}

# One whole sentence per kind, so that French can agree in gender and number.
_MESSAGES = {
    EMAIL: _("An e-mail address was found at character %(position)s (“%(excerpt)s”). "
             "Remove it: Filet never holds a youth’s identifiers."),
    PHONE: _("A phone number was found at character %(position)s (“%(excerpt)s”). "
             "Remove it: Filet never holds a youth’s identifiers."),
    RAMQ: _("A health insurance (RAMQ) number was found at character %(position)s "
            "(“%(excerpt)s”). Remove it: Filet never holds a youth’s identifiers."),
    SIN: _("A social insurance number was found at character %(position)s (“%(excerpt)s”). "
           "Remove it: Filet never holds a youth’s identifiers."),
    POSTAL_CODE: _("A postal code was found at character %(position)s (“%(excerpt)s”). "
                   "Name the sector instead: Filet never holds a youth’s identifiers."),
    ADDRESS: _("A street address was found at character %(position)s (“%(excerpt)s”). "
               "Name the sector instead: Filet never holds a youth’s identifiers."),
    DATE: _("A full date (day, month and year) was found at character %(position)s "
            "(“%(excerpt)s”). Keep the month and year only: Filet never holds a birth date."),
    HANDLE: _("A social-media handle was found at character %(position)s (“%(excerpt)s”). "
              "Name the platform only: Filet never holds a youth’s identifiers."),
    URL: _("A web address was found at character %(position)s (“%(excerpt)s”). "
           "Name the platform only: Filet never holds a youth’s identifiers."),
    PLATE: _("A licence plate was found at character %(position)s (“%(excerpt)s”). "
             "Remove it: Filet never holds a youth’s identifiers."),
    NAME: _("A personal name was found at character %(position)s (“%(excerpt)s”). "
            "Refer to people by their role: Filet never holds a youth’s identifiers."),
}  # fmt: skip
_MORE = ngettext_lazy(
    "%(count)s more identifier was found.", "%(count)s more identifiers were found.", "count"
)
MAX_MESSAGES = 5
_EXCERPT_MAX = 40


@dataclass(frozen=True)
class Finding:
    """One identifier: its kind (a constant above) and ``text[start:end] == excerpt``."""

    kind: str
    start: int
    end: int
    excerpt: str


Span = tuple[int, int]

# ---------------------------------------------------------------- shared pieces
_SEP = r"[ \u00a0\u202f.\-–]"  # what people type between digit groups, NBSP included
_L = r"[^\W\d_]"  # any letter, accents included
_UP = r"[A-ZÀ-ÖØ-Þ]"
_NOT_AFTER_NUMBER = r"(?![\w])(?![.,]\d)"

_URL_RE = re.compile(
    r"(?:\bhttps?://|\bwww\.)[^\s<>\"«»]+"
    r"|(?<![\w@.\-])(?:[a-z0-9\-]+\.)+(?:com|ca|net|org|me|ee|gg|io|tv|ly|app|co|fr|cc|link)"
    r"/[^\s<>\"«»]*",
    re.IGNORECASE,
)
_EMAIL_RE = re.compile(
    r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}(?![\w])"
    # Obfuscated forms: "jessy22 (at) gmail dot com", "jessy at hotmail.com".
    r"|(?<![\w.+\-])[\w.+\-]+"
    r"(?:\s?@\s?|\s?[(\[{]\s?(?:at|arobase|a)\s?[)\]}]\s?|\s+(?:at|arobase)\s+)"
    r"[\w\-]+(?:\.|\s?[(\[{]\s?(?:dot|point)\s?[)\]}]\s?|\s+(?:dot|point)\s+)"
    r"(?:com|ca|net|org|fr|me|info|io|co|edu|live)(?![\w])",
    re.IGNORECASE,
)
_HANDLE_RE = re.compile(r"(?<![\w@.])@(?!\d{1,2}\s?h)[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}\w)?")
# A handle written after its platform ("snap: jessy_22"); it must hold a digit, an
# underscore or an inner dot, or "Snapchat : échanges fréquents" would be refused.
_HANDLE_CUE_RE = re.compile(
    r"\b(?:snap(?:chat)?|insta(?:gram)?|ig|tik\s?tok|twitter|facebook|fb|messenger|discord"
    r"|telegram|kik|whatsapp|only\s?fans|pseudo|username|user\s?name|nom\s+d['’]utilisateur"
    r"|handle|compte|account)(?:\s*[:=]\s*|\s+(?:c['’]est|est|is|was|était)\s+)@?"
    r"(?P<h>(?=[\w.]*[a-z])(?=[\w.]*(?:[\d_]|\.\w))[a-z0-9_.]{3,30})(?![\w])",
    re.IGNORECASE,
)
_RAMQ_RE = re.compile(r"(?<![\w])[A-Za-z]{4}[ \-]?\d{2}(?P<m>\d{2})[ \-]?(?P<d>\d{2})\d{2}(?![\w])")
_POSTAL_RE = re.compile(
    r"(?<![\w])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ \u00a0\-]?\d[ABCEGHJ-NPRSTV-Z]\d(?![\w])",
    re.IGNORECASE,
)
_SIN_RE = re.compile(
    r"(?<![\w$])(?<!\d[.,])(?:\d{3}(?P<s>[ \u00a0\-])\d{3}(?P=s)\d{3}|(?P<plain>\d{9}))"
    r"(?![\w])(?![.,]\d|\s?\$)"
)
_PHONE_RE = re.compile(
    rf"(?<![\w+])(?<!\d[.,])(?:"
    rf"(?:\+?1{_SEP}?)?(?:\([2-9]\d{{2}}\){_SEP}?|[2-9]\d{{2}}{_SEP}?)[2-9]\d{{2}}{_SEP}?\d{{4}}"
    # Seven local digits only with a dash or a dot, and not "418-2026", a year.
    rf"|[2-9]\d{{2}}[.\-–](?!(?:19|20)\d\d(?!\d))\d{{4}})"
    rf"(?:\s*,?\s*(?:poste|post\.|p\.|ext\.?|extension|x|\#)\s*\d{{1,6}})?{_NOT_AFTER_NUMBER}",
    re.IGNORECASE,
)

# ---------------------------------------------------------------- dates
_MONTH = (
    r"(?:janv(?:ier|\.)?|f[ée]vr?(?:ier|\.)?|mars|avr(?:il|\.)?|mai|juin|juil(?:let|\.)?"
    r"|ao[uû]t|sept(?:embre|\.)?|oct(?:obre|\.)?|nov(?:embre|\.)?|d[ée]c(?:embre|\.)?"
    r"|jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?"
    r"|aug(?:ust|\.)?|sep(?:t(?:ember)?)?\.?|october|november|december)(?![\w])"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:er|st|nd|rd|th)?"
_DATE_RE = re.compile(
    rf"(?=[\dadfjmnos])(?:(?<![\w]){_DAY}\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?(?P<y1>\d{{4}})(?!\d)"
    rf"|(?<![\w]){_MONTH}\s+{_DAY},?\s+(?P<y2>\d{{4}})(?!\d)"
    r"|(?<![\w\-/.])(?P<y3>\d{4})(?P<s3>[\-/.])(?:0?[1-9]|1[0-2])(?P=s3)(?:0?[1-9]|[12]\d|3[01])"
    r"(?![\w])(?![\-/.]\d)"
    r"|(?<![\w\-/.])(?P<a>\d{1,2})(?P<s4>[\-/.])(?P<b>\d{1,2})(?P=s4)(?P<y4>\d{4}|\d{2})"
    r"(?![\w])(?![\-/.]\d))",
    re.IGNORECASE,
)
# A month and year alone is the approved form, unless it is said to be a birth.
_BIRTH_RE = re.compile(
    rf"(?:\bn[ée]e?s?\s+(?:en|le)|\bdate\s+de\s+naissance\s*:?|\bDOB\b\s*:?|\bDDN\b\s*:?"
    rf"|\bborn\s+(?:in|on))\s*(?P<d>{_MONTH}\s+(?P<y>\d{{4}})|(?P<y2>\d{{4}})[\-/]\d{{1,2}}"
    rf"|\d{{1,2}}[\-/](?P<y3>\d{{4}}))(?!\d)",
    re.IGNORECASE,
)

# ---------------------------------------------------------------- addresses
_CONNECT = r"(?:(?:de\s+la|de|des|du|la|le|les|of|the)\s+|(?:de\s+)?[ld]['’])"
_CAPWORD = rf"(?:(?:St|Ste|Mt|Mgr)\.|{_UP}{_L}*(?:[\-'’]{_L}+)*(?![\w]))"
_ORDINAL = r"\d{1,3}(?:e|re|er|st|nd|rd|th)(?![\w])"  # "1re Avenue", "5th Street"
_ANYWORD = rf"(?:{_L}+(?:[\-'’]{_L}+)*(?![\w])|{_ORDINAL})"
_UNIT = r"(?:(?i:app(?:artement)?|apt|unit[ée]?|suite|bureau|local|logement)\.?\s*|\#\s*)"
# "12B rue X", but not the ordinal in "la 3e Avenue", which has no civic number.
_SUFFIX = r"(?:[A-Z]|[a-d](?![\w]))?"
_NUMBER = (
    rf"(?<![\w.,/\-])(?:{_UNIT}\d{{1,5}}{_SUFFIX}\s*[,\-–]\s*)?"
    rf"\d{{1,5}}{_SUFFIX}(?:[\-–]\d{{1,5}}{_SUFFIX})?"
)
_FR_STRONG = r"(?i:rue|boulevard|boul\.?|bd\.?|blvd\.?|avenue|av\.|ave\.?|chemin|ch\.|rang)"
_FR_WEAK = (
    r"(?i:place|côte|cote|montée|montee|route|ruelle|impasse|croissant|terrasse|allée|allee"
    r"|promenade|carré|carre|square|sentier|circuit|voie)"
)
_EN_TYPE = (
    r"(?:[Ss]treet|[Rr]oad|[Aa]venue|[Bb]oulevard|[Dd]rive|[Ll]ane|[Cc]rescent|[Cc]ourt|Way"
    r"|Place|Terrace|Circle|Highway|Parkway|(?:St|Rd|Ave|Av|Blvd|Dr|Ln|Cres|Ct|Pl|Hwy)\.?)"
    r"(?![\w])"
)
_ADDRESS_RE = re.compile(
    rf"{_NUMBER},?\s+(?:"
    rf"{_FR_STRONG}\s+{_CONNECT}?{_ANYWORD}(?:\s+{_CONNECT}?{_CAPWORD}){{0,3}}"
    rf"|{_FR_WEAK}\s+{_CONNECT}?{_CAPWORD}(?:\s+{_CONNECT}?{_CAPWORD}){{0,3}}"
    rf"|(?:{_ORDINAL}\s+|(?:{_CAPWORD}\s+){{1,3}}){_EN_TYPE})"
)

# ---------------------------------------------------------------- licence plates
# Upper-case letters and digits in a Québec plate shape; acronyms ("DPJ 2026") excluded.
_PLATE_RE = re.compile(
    r"(?<![\w\-])(?:(?P<l>[A-Z]{3})[ \-]?(?P<n>\d{3,4})|\d{3}[ \-]?(?P<l2>[A-Z]{3})"
    r"|[A-Z]\d{2}[ \-]?[A-Z]{3})(?![\w\-])"
)
_PLATE_CUE_RE = re.compile(
    r"\b(?:plaques?(?:\s+d['’]immatriculation)?|(?:licen[cs]e\s+)?plates?(?:\s+number)?"
    r"|immatriculation|immatricul[ée]e?s?)(?:\s+(?:QC|du\s+Québec|ON|de\s+l['’]Ontario))?"
    r"\s*(?:[:#]|n°|no\.?|est|is)?\s*"
    r"(?P<p>[a-z0-9]{1,4}[ \-]?[a-z0-9]{2,4})(?![\w])",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def _fold(word: str) -> str:
    """Lower-case and strip accents, so "Léa", "LEA" and "Lea" meet the same entry."""
    decomposed = unicodedata.normalize("NFKD", word.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _data_lines(filename: str) -> list[str]:
    path = Path(__file__).resolve().parent / "data" / filename
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _load_words(filename: str) -> frozenset[str]:
    return frozenset(_fold(line) for line in _data_lines(filename))


def _load_sections(filename: str) -> dict[str, frozenset[str]]:
    """Read "[section]" headers each followed by space-separated words."""
    sections: dict[str, set[str]] = {}
    current: set[str] = set()
    for line in _data_lines(filename):
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), set())
        else:
            current.update(_fold(word) for word in line.split())
    return {name: frozenset(words) for name, words in sections.items()}


_AMBIGUOUS_NAMES = _load_words("common_word_names.txt")
_FIRST_NAMES = _load_words("firstnames.txt") | _AMBIGUOUS_NAMES
_CONTEXT = _load_sections("guard_context.txt")
_ACRONYMS = _CONTEXT["acronyms"]
_PLACE_PREFIXES = _CONTEXT["place_prefixes"]
_PLACE_BEFORE = _CONTEXT["place_before"]
_SKIPPABLE = _CONTEXT["skippable"]
_PLACE_AFTER = _CONTEXT["place_after"]
_NOT_SURNAME = _CONTEXT["not_surname"] | _PLACE_BEFORE | _PLACE_AFTER

# ---------------------------------------------------------------- personal names
_TITLE = (
    r"(?<![\w.])(?:M\.|MM\.|Mmes?|Mlles?|Mrs?\.?|Ms\.?|Mx\.?|Miss|Dre?\.?"
    r"|[Mm]adame|[Mm]onsieur|[Mm]ademoiselle)"
)
_STRONG_CUE = (
    r"\b(?:[sl]['’]appel+(?:lent|les|le|aient|ait)|se\s+(?:fait|faisait|font)\s+appeler"
    r"|pr[ée]nomm[ée]e?s?|nomm[ée]e?s?|surnomm[ée]e?s?|connue?s?\s+sous\s+le\s+nom\s+de"
    r"|named|nicknamed|goes\s+by|went\s+by|known\s+as|alias|aka|call(?:s|ed)?\s+(?:her|him|me)"
    r"|(?:first\s+|last\s+|sur)?name\s+(?:is|was)|(?:pr[ée])?nom\s+(?:est|[ée]tait))\b"
    r"|\b(?:(?:first\s+|last\s+|sur)?name|(?:pr[ée])?nom)\s*:|\ba\.k\.a\."
)
_CUE_RE = re.compile(
    # The look-ahead on first letters only spares the engine; it matches nothing by itself.
    rf"(?=[slpncgwkafdmSLPNCGWKAFDM])(?:(?P<title>{_TITLE})|(?P<strong>(?i:{_STRONG_CUE}))"
    r"|(?P<weak>(?i:\b(?:appel[ée]e?s?|called|dite?s?|surnom)\b)))"
    r"[ \t\u00a0:«\"“']*"
)
_WORD_RE = re.compile(r"[^\W\d_]+(?:[\-‐][^\W\d_]+)*")

Token = tuple[int, int, str]


def _parts(word: str) -> list[str]:
    return word.replace("‐", "-").split("-")


def _is_capitalised(word: str) -> bool:
    # All-capitals words count only when long and not an acronym: "JESSICA", not "DPJ".
    if not word[:1].isupper():
        return False
    if word.isupper():
        return len(word) >= 4 and _fold(word) not in _ACRONYMS
    return True


def _is_first_name(word: str) -> bool:
    """A capitalised known first name, or a compound of them (Marie-Ève, Jean-François)."""
    if not _is_capitalised(word):
        return False
    parts = _parts(word)
    if _fold(parts[0]) in _PLACE_PREFIXES:
        return False
    if len(parts) == 1:
        return _fold(word) in _FIRST_NAMES
    # "Jean-Talon", "René-Lévesque", "Marie-de-l'Incarnation" are streets, not people.
    return all(p[:1].isupper() and _fold(p) in _FIRST_NAMES for p in parts)


def _is_surname_like(word: str, *, initials: bool = False) -> bool:
    capitalised = _is_capitalised(word) or (initials and len(word) == 1 and word.isupper())
    if not capitalised or _fold(word) in _NOT_SURNAME:
        return False
    return _fold(_parts(word)[0]) not in _PLACE_PREFIXES


def _adjacent(text: str, left: Token, right: Token, allowed: str = " \u00a0") -> bool:
    gap = text[left[1] : right[0]]
    return bool(gap) and all(c in allowed for c in gap)


def _in_place_context(text: str, tokens: list[Token], i: int) -> bool:
    """True when the name is part of a place: "rue X", "école secondaire de X", "X College"."""
    j = i - 1
    while j >= 0 and i - j <= 4 and _adjacent(text, tokens[j], tokens[j + 1], " \u00a0.'’"):
        key = _fold(tokens[j][2])
        if key in _PLACE_BEFORE:
            return True
        if key not in _SKIPPABLE:
            break
        j -= 1
    j = i + 1
    while j < len(tokens) and j - i <= 3 and _adjacent(text, tokens[j - 1], tokens[j]):
        word = tokens[j][2]
        if not word[:1].isupper():
            break
        if _fold(word) in _PLACE_AFTER:
            return True
        j += 1
    return False


def _looks_like_name(text: str, tokens: list[Token], i: int, cue: re.Match[str] | None) -> bool:
    word = tokens[i][2]
    if cue is not None and cue.lastgroup in ("title", "strong"):
        # After "Mme" or "s'appelle", any capitalised word is a name, even a surname or an
        # initial ("Mme G.").
        if word[:1].isupper():
            return _is_surname_like(word, initials=True) or _is_first_name(word)
        return cue.lastgroup == "strong" and _fold(word) in _FIRST_NAMES
    if not _is_first_name(word):
        return False
    if _fold(word) not in _AMBIGUOUS_NAMES or cue is not None:
        return True
    # "Rose", "Pierre", "May": a name only before a surname ("Rose Tremblay").
    nxt = i + 1
    return (
        nxt < len(tokens)
        and _adjacent(text, tokens[i], tokens[nxt])
        and _is_surname_like(tokens[nxt][2])
    )


def _name_starts_here(text: str, tokens: list[Token], i: int, cue: re.Match[str] | None) -> bool:
    # Most words are lower-case and uncued: settle them before any costlier check.
    if cue is None and not tokens[i][2][:1].isupper():
        return False
    return _looks_like_name(text, tokens, i, cue) and not _in_place_context(text, tokens, i)


def _last_name_token(text: str, tokens: list[Token], i: int) -> int:
    """Extend a finding over up to two following surname-like words: "Jessica Tremblay"."""
    last = i
    while (
        last + 1 < len(tokens)
        and last - i < 2
        and _adjacent(text, tokens[last], tokens[last + 1])
        and _is_surname_like(tokens[last + 1][2], initials=True)
    ):
        last += 1
    return last


def _find_names(text: str) -> Iterator[Span]:
    tokens: list[Token] = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
    cues = {m.end(): m for m in _CUE_RE.finditer(text)}
    i = 0
    while i < len(tokens):
        cue = cues.get(tokens[i][0])
        if not _name_starts_here(text, tokens, i, cue):
            i += 1
            continue
        last = _last_name_token(text, tokens, i)
        start = cue.start() if cue is not None and cue.lastgroup == "title" else tokens[i][0]
        yield start, tokens[last][1]
        i = last + 1


# ---------------------------------------------------------------- other detectors
def _spans(pattern: re.Pattern[str], text: str, group: str | int = 0) -> Iterator[Span]:
    for match in pattern.finditer(text):
        if match.group(group) is not None:
            yield match.span(group)


def _this_year() -> int:
    return datetime.now(UTC).year


def _plausible_year(year: str) -> bool:
    # Two-digit years cannot be told apart; four-digit ones must be a possible birth year.
    return len(year) == 2 or 1940 <= int(year) <= _this_year()


def _find_urls(text: str) -> Iterator[Span]:
    for start, end in _spans(_URL_RE, text):
        while end > start and text[end - 1] in ".,;:!?)]}'\"’»":
            end -= 1
        yield start, end


def _find_handles(text: str) -> Iterator[Span]:
    yield from _spans(_HANDLE_RE, text)
    yield from _spans(_HANDLE_CUE_RE, text, "h")


def _find_ramq(text: str) -> Iterator[Span]:
    # Digits are YYMMDD + 2: a real month (women get +50) and day rule out "pour 2025-2026".
    for m in _RAMQ_RE.finditer(text):
        month, day = int(m["m"]), int(m["d"])
        if (1 <= month <= 12 or 51 <= month <= 62) and 1 <= day <= 31:
            yield m.span()


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _find_sin(text: str) -> Iterator[Span]:
    # Grouped 3-3-3 reads as a SIN on its own; nine bare digits need the Luhn checksum.
    for m in _SIN_RE.finditer(text):
        if m["plain"] is None or _luhn_ok(m["plain"]):
            yield m.span()


def _valid_day_month(a: int, b: int) -> bool:
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)


def _find_dates(text: str) -> Iterator[Span]:
    for m in _DATE_RE.finditer(text):
        year = m["y1"] or m["y2"] or m["y3"] or m["y4"]
        if not _plausible_year(year):
            continue
        if m["a"] is not None:
            if not _valid_day_month(int(m["a"]), int(m["b"])):
                continue
            if len(year) == 2 and m["s4"] != "/":
                continue
        yield m.span()
    for m in _BIRTH_RE.finditer(text):
        if _plausible_year(m["y"] or m["y2"] or m["y3"]):
            yield m.span("d")


def _find_plates(text: str) -> Iterator[Span]:
    for m in _PLATE_RE.finditer(text):
        letters = m["l"] or m["l2"]
        if letters and _fold(letters) in _ACRONYMS:
            continue
        if m["n"] and len(m["n"]) == 4 and 1900 <= int(m["n"]) <= 2099:
            continue  # "CAQ 2026" is a year after an acronym far more often than a plate
        yield m.span()


def _find_cued_plates(text: str) -> Iterator[Span]:
    for m in _PLATE_CUE_RE.finditer(text):
        plate = m["p"]
        if any(c.isdigit() for c in plate) and any(c.isalpha() for c in plate):
            yield m.span("p")


# Earlier detectors win overlaps: a URL's "@name" is not also a handle, "plaque V4K 7M2"
# is a plate and not a postal code, a street named after a saint is not a person.
_DETECTORS: tuple[tuple[str, Callable[[str], Iterator[Span]]], ...] = (
    (URL, _find_urls),
    (EMAIL, partial(_spans, _EMAIL_RE)),
    (HANDLE, _find_handles),
    (RAMQ, _find_ramq),
    (PLATE, _find_cued_plates),
    (POSTAL_CODE, partial(_spans, _POSTAL_RE)),
    (SIN, _find_sin),
    (PHONE, partial(_spans, _PHONE_RE)),
    (DATE, _find_dates),
    (ADDRESS, partial(_spans, _ADDRESS_RE)),
    (PLATE, _find_plates),
    (NAME, _find_names),
)


def scan(text: str) -> list[Finding]:
    """Return every identifier found in ``text``, sorted by position, never overlapping."""
    starts: list[int] = []
    found: list[Finding] = []  # kept sorted and disjoint, so only one neighbour can overlap
    for kind, find in _DETECTORS:
        for start, end in find(text):
            index = bisect_left(starts, end)
            if index and found[index - 1].end > start:
                continue
            starts.insert(index, start)
            found.insert(index, Finding(kind, start, end, text[start:end]))
    return found


def _shorten(excerpt: str) -> str:
    return excerpt if len(excerpt) <= _EXCERPT_MAX else excerpt[: _EXCERPT_MAX - 1] + "…"


def validate_no_identifiers(value: str) -> None:
    """Django validator: refuse text holding a youth's direct identifier, saying where.

    Positions in the messages count from 1, as people do; the form keeps the user's text.
    """
    if not value:
        return
    findings = scan(value)
    if not findings:
        return
    errors = [
        ValidationError(
            _MESSAGES[f.kind],
            code="identifier",
            params={"position": f.start + 1, "excerpt": _shorten(f.excerpt), "kind": f.kind},
        )
        for f in findings[:MAX_MESSAGES]
    ]
    if len(findings) > MAX_MESSAGES:
        extra = len(findings) - MAX_MESSAGES
        errors.append(ValidationError(_MORE, code="identifier", params={"count": extra}))
    raise ValidationError(errors)


guarded_textfield_validators = [validate_no_identifiers]
