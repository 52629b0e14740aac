"""The identifier guard refuses a youth's direct identifiers and lets professional text pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from filet.lib import guard
from filet.lib.guard import Finding, scan, validate_no_identifiers

CORPUS_DIR = Path(__file__).parent / "guard_corpus"
CLEAN_FILES = ("clean_fr.txt", "clean_en.txt")
IDENTIFYING_FILES = ("identifying_fr.txt", "identifying_en.txt")


def read_lines(name: str) -> list[str]:
    text = (CORPUS_DIR / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def read_identifying(name: str) -> list[tuple[str, str]]:
    """Lines are "<expected kind><TAB><text>"."""
    pairs = []
    for line in read_lines(name):
        kind, text = line.split("\t", 1)
        pairs.append((kind, text))
    return pairs


def corpus_report() -> dict[str, tuple[int, int]]:
    """Per corpus file: (lines read, lines that behaved). Used by the team's reports."""
    report = {}
    for name in CLEAN_FILES:
        lines = read_lines(name)
        report[name] = (len(lines), sum(1 for line in lines if scan(line) == []))
    for name in IDENTIFYING_FILES:
        pairs = read_identifying(name)
        caught = sum(1 for kind, text in pairs if kinds_in(text) == {kind})
        report[name] = (len(pairs), caught)
    return report


def kinds(text: str) -> list[str]:
    return [finding.kind for finding in scan(text)]


def kinds_in(text: str) -> set[str]:
    return {finding.kind for finding in scan(text)}


# ---------------------------------------------------------------- corpora


def test_every_corpus_line_behaves() -> None:
    report = corpus_report()
    assert {name: ok for name, (_, ok) in report.items()} == {
        name: read for name, (read, _) in report.items()
    }


def test_corpora_are_big_enough() -> None:
    sizes = {name: read for name, (read, _) in corpus_report().items()}
    assert min(sizes[name] for name in CLEAN_FILES) >= 150
    assert min(sizes[name] for name in IDENTIFYING_FILES) >= 100


@pytest.mark.parametrize("line", [line for f in CLEAN_FILES for line in read_lines(f)])
def test_clean_corpus_line_passes(line: str) -> None:
    assert scan(line) == []


@pytest.mark.parametrize(
    ("kind", "text"), [pair for f in IDENTIFYING_FILES for pair in read_identifying(f)]
)
def test_identifying_corpus_line_is_caught(kind: str, text: str) -> None:
    assert kinds_in(text) == {kind}


def test_corpus_annotations_use_known_kinds() -> None:
    used = {kind for f in IDENTIFYING_FILES for kind, _ in read_identifying(f)}
    assert used == set(guard.KINDS)


# ---------------------------------------------------------------- one test per kind


@pytest.mark.parametrize(
    "text",
    [
        "418-555-1234",
        "(418) 555-1234",
        "418.555.1234",
        "418 555 1234",
        "4185551234",
        "+1 418 555 1234",
        "1-800-555-1234",
        "418 555-1234 poste 123",
        "418-555-1234 ext. 12",
        "(581)555-0199",
        "555-0134",
        "418\u00a0555\u00a01234",
    ],
)
def test_phone_numbers_are_found_whole(text: str) -> None:
    assert scan(f"Appeler au {text} ce soir.") == [Finding(guard.PHONE, 11, 11 + len(text), text)]


@pytest.mark.parametrize(
    "text",
    [
        "jessy.tremblay22@gmail.com",
        "lea_b@hotmail.ca",
        "kevin99 (at) outlook dot com",
        "jessy22 [at] gmail [point] com",
        "bigmoney at gmail.com",
        "jessy @ gmail.com",
        "JESSY22@VIDEOTRON.CA",
    ],
)
def test_email_addresses_are_found_whole(text: str) -> None:
    assert scan(f"Courriel : {text}") == [Finding(guard.EMAIL, 11, 11 + len(text), text)]


@pytest.mark.parametrize(
    "text", ["TREM 0512 1234", "TREM05121234", "GAGL 1062 2512", "trem 0512 1234", "ROYJ-0803-0411"]
)
def test_ramq_numbers_are_found_whole(text: str) -> None:
    assert scan(f"RAMQ : {text}.") == [Finding(guard.RAMQ, 7, 7 + len(text), text)]


@pytest.mark.parametrize(
    "text", ["046 454 286", "046-454-286", "046454286", "130 692 544", "999-999-999"]
)
def test_social_insurance_numbers_are_found_whole(text: str) -> None:
    assert scan(f"NAS : {text}.") == [Finding(guard.SIN, 6, 6 + len(text), text)]


def test_bare_nine_digits_need_a_valid_checksum() -> None:
    assert kinds("Dossier 046454287.") == []


@pytest.mark.parametrize("text", ["G1R 4P5", "g1r4p5", "H2S 1A1", "G1J-2K8", "j8y 3z1"])
def test_postal_codes_are_found_whole(text: str) -> None:
    assert scan(f"Code {text}.") == [Finding(guard.POSTAL_CODE, 5, 5 + len(text), text)]


@pytest.mark.parametrize(
    "text",
    [
        "123 rue Saint-Jean",
        "45, boul. Charest Est",
        "1200 avenue Cartier",
        "8 chemin Sainte-Foy",
        "10 Main Street",
        "55 Elm St.",
        "apt 4, 220 rang Saint-Joseph",
        "300 place D'Youville",
        "75 côte de la Fabrique",
        "14 montée Saint-Michel",
        "1050 route de l'Église",
        "12 ruelle des Ursulines",
        "88 impasse des Bouleaux",
        "9 croissant Bellevue",
        "431 terrasse Dufferin",
        "2150, rue Marie-de-l'Incarnation",
        "8 Maple Road",
        "220 Oak Dr",
        "2500 Hamel Blvd",
        "75 Birch Crescent",
        "14 Victoria Court",
        "300 Pine Lane",
        "1200 Cartier Avenue",
        "12B rue du Pont",
        "123, 1re Avenue",
    ],
)
def test_street_addresses_are_found_whole(text: str) -> None:
    assert scan(f"Vue au {text}") == [Finding(guard.ADDRESS, 7, 7 + len(text), text)]


@pytest.mark.parametrize(
    "text",
    [
        "2011-04-23",
        "23/04/2011",
        "04/23/2011",
        "23 avril 2011",
        "1er mai 2012",
        "April 23, 2011",
        "Apr. 23 2011",
        "23 April 2011",
        "May 1st, 2012",
        "4 mars 2010",
        "3 févr. 1985",
        "12.09.2009",
        "23/04/11",
        "15 janvier 2026",
    ],
)
def test_full_dates_are_found_whole(text: str) -> None:
    assert scan(f"Le {text}, elle était là.") == [Finding(guard.DATE, 3, 3 + len(text), text)]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Née en mars 2010.", "mars 2010"),
        ("Date de naissance : 2010-03", "2010-03"),
        ("DOB: March 2010", "March 2010"),
        ("Born in August 2009.", "August 2009"),
    ],
)
def test_a_birth_month_is_a_date(text: str, excerpt: str) -> None:
    assert [(f.kind, f.excerpt) for f in scan(text)] == [(guard.DATE, excerpt)]


@pytest.mark.parametrize("text", ["@jessy_22", "@big.money.qc", "@ti_kev418", "@Lea_B"])
def test_handles_are_found_whole(text: str) -> None:
    assert scan(f"Compte {text} actif.") == [Finding(guard.HANDLE, 7, 7 + len(text), text)]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Snap : jessy_22", "jessy_22"),
        ("son snap c'est lea.b2010", "lea.b2010"),
        ("Pseudo: kev_qc99", "kev_qc99"),
        ("Instagram = jessy.22", "jessy.22"),
    ],
)
def test_handles_after_their_platform_are_found(text: str, excerpt: str) -> None:
    assert [(f.kind, f.excerpt) for f in scan(text)] == [(guard.HANDLE, excerpt)]


@pytest.mark.parametrize(
    "text",
    [
        "https://www.instagram.com/jessy_22/",
        "www.leolist.cc/annonce/12345",
        "instagram.com/jessy.22",
        "tiktok.com/@lea_b",
        "linktr.ee/jessyqc",
        "http://onlyfans.com/lea_b",
        "https://x.com/jessy",
        "snapchat.com/add/jessy22",
        "https://facebook.com/profile.php?id=1000123",
        "https://exemple.org",
    ],
)
def test_urls_are_found_without_trailing_punctuation(text: str) -> None:
    assert scan(f"Lien ({text}).") == [Finding(guard.URL, 6, 6 + len(text), text)]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("La voiture ABC 123 revient.", "ABC 123"),
        ("La voiture 123 ABC revient.", "123 ABC"),
        ("La voiture G12 BCD revient.", "G12 BCD"),
        ("Le pick-up ABC-1234 revient.", "ABC-1234"),
        ("Plaque : abc123", "abc123"),
        ("Plaque d'immatriculation : fxb 2k5", "fxb 2k5"),
        ("Immatriculation : v4k7m2", "v4k7m2"),
        ("licence plate number 7KL 44X", "7KL 44X"),
    ],
)
def test_licence_plates_are_found(text: str, excerpt: str) -> None:
    assert [(f.kind, f.excerpt) for f in scan(text)] == [(guard.PLATE, excerpt)]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Jessica Tremblay a fugué.", "Jessica Tremblay"),
        ("une jeune nommée Léa", "Léa"),
        ("Kevin l'a recrutée.", "Kevin"),
        ("Elle s'appelle rosalie.", "rosalie"),
        ("La mère, Mme Tremblay, a appelé.", "Mme Tremblay"),
        ("M. Gagnon est venu.", "M. Gagnon"),
        ("Mr. Smith called.", "Mr. Smith"),
        ("Elle parle de Marie-Ève.", "Marie-Ève"),
        ("Jean-François conduit.", "Jean-François"),
        ("Rose Tremblay est venue.", "Rose Tremblay"),
        ("Une amie prénommée Rose.", "Rose"),
        ("A girl called Grace.", "Grace"),
        ("Grace Lee picks her up.", "Grace Lee"),
        ("Le client se fait appeler Big Mike.", "Big Mike"),
        ("JESSICA a quitté le foyer.", "JESSICA"),
        ("Lea est partie.", "Lea"),
        ("Thomas Côté-Lavoie conduit.", "Thomas Côté-Lavoie"),
        ("à l'école d'Emma", "Emma"),
        ("Dr Lemieux l'a vue.", "Dr Lemieux"),
    ],
)
def test_personal_names_are_found(text: str, excerpt: str) -> None:
    assert [(f.kind, f.excerpt) for f in scan(text)] == [(guard.NAME, excerpt)]


# ---------------------------------------------------------------- what must pass


@pytest.mark.parametrize(
    "text",
    [
        "En 2026, 13-17 ans, vers 14 h 30 ou 22h30, 1 500 $ et 123 456 789 $.",
        "Plan d'action pour 2025-2026, référence 418-2026.",
        "Dossier 2026-000123, version 1.2.10, les 3/4 des jeunes.",
        "mars 2026, 2026-03, avril 2026, March 2026, le 12 du mois",
        "G1R, H2S, CIUSSS, DPJ 2026, CAQ 2026, RTC 800, CLSC 123",
        "2 jeunes de la rue, 3 rues plus loin, 2 places libres, la 3e Avenue.",
        "Grâce à la DPJ. Claire et précise. Pierre angulaire. Rose des vents.",
        "Will the school confirm? May 2026. Mark the date. Hope to see you.",
        "Saint-Jean, Sainte-Foy, Charlesbourg, Beauport, Lévis, Laval, Vanier.",
        "rue Marie-de-l'Incarnation, boulevard Pierre-Bertrand, parc Victoria.",
        "Collège François-de-Laval, école Joseph-François-Perrault, pont Pierre-Laporte.",
        "John Abbott College, Jeffery Hale Hospital, Jean Coutu, Tim Hortons.",
        "Contact via Snapchat : échanges fréquents. Compte Instagram : privé.",
        "Rendez-vous @14h. Elle a été nommée pivot en 2025.",
        "La jeune a appelé la DPJ. We called the DPJ intake line.",
        "art. 39 LPJ, loi 25, article 72.6",
        "",
    ],
)
def test_professional_text_passes(text: str) -> None:
    assert scan(text) == []


def test_findings_are_sorted_and_never_overlap() -> None:
    text = (
        "Jessica Tremblay (jessy22@gmail.com, @jessy_22, 418 555-0199) vit au "
        "123 rue Saint-Jean, G1R 4P5, née le 23 avril 2011, NAS 046 454 286."
    )
    assert kinds(text) == [
        guard.NAME,
        guard.EMAIL,
        guard.HANDLE,
        guard.PHONE,
        guard.ADDRESS,
        guard.POSTAL_CODE,
        guard.DATE,
        guard.SIN,
    ]
    findings = scan(text)
    assert all(a.end <= b.start for a, b in zip(findings, findings[1:], strict=False))
    assert all(text[f.start : f.end] == f.excerpt for f in findings)


def test_an_email_is_not_also_a_handle_or_url() -> None:
    assert kinds("jessy22@instagram.com") == [guard.EMAIL]


# ---------------------------------------------------------------- properties

SAFE_TEXT = (
    "jeune adolescente fugue école secondaire signalement DPJ SPVQ CIUSSS CLSC suivi "
    "rencontre pivot intervenante consultation secteur Limoilou Vanier Saint-Roch Sainte-Foy "
    "Charlesbourg Beauport Québec Lévis cadeaux absentéisme depuis avec pour la le les des "
    "de du et ou une un jours semaines mois ans 2 3 13-17 14-15 22 45 2025 2026 h 30 "
    "youth school report worker meeting follow-up police sector gifts weeks months the a of "
    "and with for since group home Snapchat Instagram TikTok plan d'action Table partenaires "
    "formation risque indices observation milieu parc, école. jeunes, adulte plus âgé"
)
# No street word, month, cue or three-digit number: no mix of these words is an identifier.
SAFE_WORDS = SAFE_TEXT.split()
sentences = st.lists(st.sampled_from(SAFE_WORDS), max_size=15).map(" ".join)
digit = st.integers(0, 9).map(str)


def digits(n: int) -> st.SearchStrategy[str]:
    return st.lists(digit, min_size=n, max_size=n).map("".join)


def embedded(identifier: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[str, int, str]]:
    """(text, position, identifier) with the identifier between two ordinary sentences."""

    def build(parts: tuple[str, str, str]) -> tuple[str, int, str]:
        before, value, after = parts
        prefix = f"{before} " if before else ""
        return f"{prefix}{value} {after}".rstrip(), len(prefix), value

    return st.tuples(sentences, identifier, sentences).map(build)


@st.composite
def phone_numbers(draw: st.DrawFn) -> str:
    area = draw(st.integers(2, 9).map(str)) + draw(digits(2))
    exchange = draw(st.integers(2, 9).map(str)) + draw(digits(2))
    line = draw(digits(4))
    style = draw(
        st.sampled_from(
            [
                "{a}-{e}-{n}",
                "({a}) {e}-{n}",
                "{a}.{e}.{n}",
                "{a} {e} {n}",
                "{a}{e}{n}",
                "+1 {a} {e} {n}",
                "1-{a}-{e}-{n}",
                "{a} {e}-{n}",
                "({a}){e}-{n}",
            ]
        )
    )
    extension = draw(st.sampled_from(["", " poste 123", " ext. 12", " p. 4"]))
    return style.format(a=area, e=exchange, n=line) + extension


@st.composite
def ramq_numbers(draw: st.DrawFn) -> str:
    letters = draw(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=4, max_size=4))
    month = draw(st.sampled_from([*range(1, 13), *range(51, 63)]))
    body = f"{draw(digits(2))}{month:02d}{draw(st.integers(1, 31)):02d}{draw(digits(2))}"
    sep = draw(st.sampled_from(["", " "]))
    return f"{letters}{sep}{body[:4]}{sep}{body[4:]}"


def luhn_complete(partial: str) -> str:
    for check in "0123456789":
        candidate = partial + check
        total = 0
        for index, char in enumerate(reversed(candidate)):
            value = int(char) * (2 if index % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


@st.composite
def social_insurance_numbers(draw: st.DrawFn) -> str:
    number = luhn_complete(draw(st.sampled_from("1234567")) + draw(digits(7)))
    sep = draw(st.sampled_from(["", " ", "-"]))
    return sep.join([number[:3], number[3:6], number[6:]])


@st.composite
def postal_codes(draw: st.DrawFn) -> str:
    first = draw(st.sampled_from("ABCEGHJKLMNPRSTVXY"))
    letter = st.sampled_from("ABCEGHJKLMNPRSTVWXYZ")
    code = f"{first}{draw(digit)}{draw(letter)}{draw(st.sampled_from(['', ' ']))}"
    code += f"{draw(digit)}{draw(letter)}{draw(digit)}"
    return draw(st.sampled_from([code, code.lower()]))


def assert_single_finding(kind: str, case: tuple[str, int, str]) -> None:
    text, position, value = case
    assert scan(text) == [Finding(kind, position, position + len(value), value)]


@settings(max_examples=200)
@given(embedded(phone_numbers()))
def test_any_phone_number_in_any_sentence_is_caught(case: tuple[str, int, str]) -> None:
    assert_single_finding(guard.PHONE, case)


@given(embedded(ramq_numbers()))
def test_any_ramq_number_in_any_sentence_is_caught(case: tuple[str, int, str]) -> None:
    assert_single_finding(guard.RAMQ, case)


@given(embedded(social_insurance_numbers()))
def test_any_valid_sin_in_any_sentence_is_caught(case: tuple[str, int, str]) -> None:
    assert_single_finding(guard.SIN, case)


@given(embedded(postal_codes()))
def test_any_postal_code_in_any_sentence_is_caught(case: tuple[str, int, str]) -> None:
    assert_single_finding(guard.POSTAL_CODE, case)


@settings(max_examples=300)
@given(sentences)
def test_ordinary_professional_text_never_raises_a_finding(text: str) -> None:
    assert scan(text) == []


@given(st.text(max_size=300))
def test_findings_always_point_at_their_excerpt(text: str) -> None:
    findings = scan(text)
    assert all(text[f.start : f.end] == f.excerpt for f in findings)
    assert all(a.end <= b.start for a, b in zip(findings, findings[1:], strict=False))


# ---------------------------------------------------------------- validator


@pytest.fixture(autouse=True)
def _english_by_default():
    # Messages are lazy: they are rendered when read, in the language active then.
    with translation.override("en"):
        yield


def test_validator_accepts_text_without_identifier() -> None:
    validate_no_identifiers("Fugue de 3 jours, secteur Limoilou, mars 2026.")
    validate_no_identifiers("")


def test_validator_says_what_and_where_in_english() -> None:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        validate_no_identifiers("Appeler au 418 555-0199 ce soir.")
    assert caught.value.messages == [
        "A phone number was found at character 12 (“418 555-0199”). "
        "Remove it: Filet never holds a youth’s identifiers."
    ]
    error = caught.value.error_list[0]
    assert (error.code, error.params) == (
        "identifier",
        {"position": 12, "excerpt": "418 555-0199", "kind": guard.PHONE},
    )


def test_validator_keeps_excerpt_and_position_in_french() -> None:
    # The French wording comes from the catalogue; the placeholders must survive it.
    with translation.override("fr"), pytest.raises(ValidationError) as caught:
        validate_no_identifiers("Appeler au 418 555-0199 ce soir.")
    with translation.override("fr"):
        message = caught.value.messages[0]
    assert message.startswith("Un numéro de téléphone")
    assert "418 555-0199" in message
    assert " 12 " in message


def test_validator_lists_each_finding_in_order() -> None:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        validate_no_identifiers("Jessica Tremblay, née le 23 avril 2011.")
    assert [(e.params or {})["kind"] for e in caught.value.error_list] == [guard.NAME, guard.DATE]
    assert caught.value.messages[1] == (
        "A full date (day, month and year) was found at character 26 (“23 avril 2011”). "
        "Keep the month and year only: Filet never holds a birth date."
    )


def test_validator_caps_messages_and_counts_the_rest() -> None:
    text = " ".join(f"418 555-010{n}" for n in range(8))
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        validate_no_identifiers(text)
    assert len(caught.value.messages) == guard.MAX_MESSAGES + 1
    assert caught.value.messages[-1] == "3 more identifiers were found."
    assert {e.code for e in caught.value.error_list} == {"identifier"}


def test_validator_shortens_long_excerpts() -> None:
    url = "https://www.instagram.com/" + "a" * 80
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        validate_no_identifiers(url)
    excerpt = (caught.value.error_list[0].params or {})["excerpt"]
    assert (len(excerpt), excerpt[-1]) == (40, "…")


def test_every_kind_has_a_label() -> None:
    with translation.override("en"):
        labels = {kind: str(label) for kind, label in guard.KIND_LABELS.items()}
    assert set(labels) == set(guard.KINDS)
    assert labels[guard.PHONE] == "phone number"


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("jessy@gmail.com", "An e-mail address was found at character 1 (“jessy@gmail.com”)."),
        ("418 555-0199", "A phone number was found at character 1 (“418 555-0199”)."),
        ("TREM 0512 1234", "A health insurance (RAMQ) number was found at character 1"),
        ("046 454 286", "A social insurance number was found at character 1 (“046 454 286”)."),
        ("G1R 4P5", "A postal code was found at character 1 (“G1R 4P5”). Name the sector"),
        ("12 rue Cartier", "A street address was found at character 1 (“12 rue Cartier”)."),
        ("2011-04-23", "A full date (day, month and year) was found at character 1"),
        ("@jessy_22", "A social-media handle was found at character 1 (“@jessy_22”)."),
        ("www.x.com/jessy", "A web address was found at character 1 (“www.x.com/jessy”)."),
        ("Plaque ABC 123", "A licence plate was found at character 8 (“ABC 123”)."),
        ("Kevin", "A personal name was found at character 1 (“Kevin”). Refer to people"),
    ],
)
def test_each_kind_has_its_own_english_message(text: str, opening: str) -> None:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        validate_no_identifiers(text)
    assert len(caught.value.messages) == 1
    assert caught.value.messages[0].startswith(opening)


def test_validators_list_is_ready_for_model_fields() -> None:
    assert guard.guarded_textfield_validators == [validate_no_identifiers]
