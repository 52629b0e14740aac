"""The pages issue 8 made bounded at province scale: the pivots board's Table-wide summary
is paged by the database, and who-to-call ranks before it cuts."""

from io import StringIO

import pytest
from django.core.management import call_command

from filet.organisations.models import Organisation, OrganisationType, Role
from filet.pivots import actions, board, search
from tests.conftest import make_person
from tests.pivots.builders import data, territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny(db) -> None:
    call_command("generate", "--scale", "tiny", stdout=StringIO())


def _shown_by_python() -> list[int]:
    """What the summary showed before it was paged: every active partner's board, then
    those with a designation in force, a lapsed one, or a gap."""
    everyone = board._organisations(None).order_by("name_fr", "pk")
    boards = board._build(list(everyone), detailed=False).organisations
    return [b.organisation.pk for b in boards if b.designations or b.lapsed or b.gaps]


def test_the_paged_summary_shows_what_the_whole_one_showed(tiny, monkeypatch):
    Organisation.objects.create(name_fr="Sans rien", type=OrganisationType.COMMUNITY)
    monkeypatch.setattr(board, "SUMMARY_PER_PAGE", 2)
    shown, number = [], 1
    while True:
        page, summary = board.summary(str(number))
        shown += [b.organisation.pk for b in summary.organisations]
        if not page.has_next():
            break
        number += 1
    expected = _shown_by_python()
    assert shown == expected
    assert len(expected) > 2  # several pages were read
    assert Organisation.objects.get(name_fr="Sans rien").pk not in shown


def test_each_summary_line_counts_what_the_whole_summary_counted(tiny):
    everyone = board._organisations(None).order_by("name_fr", "pk")
    whole = {
        b.organisation.pk: b for b in board._build(list(everyone), detailed=False).organisations
    }
    for line in board.summary("1")[1].organisations:
        before = whole[line.organisation.pk]
        assert (len(line.designations), line.missing_pivot, line.missing_backup) == (
            len(before.designations),
            before.missing_pivot,
            before.missing_backup,
        )


def test_who_to_call_keeps_the_readers_own_pivots_among_hundreds(personas):
    """Before, the first 60 designations by organisation name were ranked; organisation A's
    65 pivots pushed organisation B's own pivot out of B's answer."""
    p = personas
    place = territory("vanier")
    for n in range(search.MAX_RESULTS * 2 + 5):
        person = make_person(f"a{n}@test.example", p.org_a, Role.PIVOT, mfa=False)
        actions.designate(
            p.org_a, by=p.representative, pivot=person, data=data(territories=[place])
        )
    own = make_person("own-b@test.example", p.org_b, Role.PIVOT, mfa=False)
    actions.designate(p.org_b, by=p.outsider, pivot=own, data=data(territories=[place]))
    answer = search.find(
        search.Question(territory=place, language="fr"), organisation_ids={p.org_b.pk}
    )
    names = [hit.designation.pivot.email for hit in answer.hits]
    assert len(names) == search.MAX_RESULTS
    assert "own-b@test.example" in names
