"""The demo's observatory: two years of fictional observations by the demo pivots across
Québec City sectors, and a research protocol in force for the demo researcher."""

from datetime import date, timedelta

from django.utils import timezone

from filet.accounts.models import User
from filet.observatory.actions import create_protocol
from filet.observatory.generate import Author, generate
from filet.observatory.stats import add_months
from filet.organisations.models import Membership, Organisation, Role
from filet.taxonomy.models import CATEGORY_VOCABULARIES

MONTHS = 24
PER_MONTH = 70
SEED = 2007  # the year the Table was created


def load(organisations: dict[str, Organisation], *, coordinator: User) -> int:
    pivots = (
        Membership.objects.current().filter(role=Role.PIVOT).select_related("user", "organisation")
    )
    authors = [Author(m.user, m.organisation) for m in pivots]
    last = timezone.localdate().replace(day=1)
    first = add_months(last, 1 - MONTHS)
    written = generate(authors, first=first, months=MONTHS, per_month=PER_MONTH, seed=SEED)
    researcher = User.objects.filter(memberships__role=Role.RESEARCHER).first()
    if researcher is not None:
        create_protocol(
            by=coordinator,
            terms=[],
            title="Recrutement en ligne des mineurs, Capitale-Nationale",
            researcher=researcher,
            organisation=organisations["recherche"],
            approved_by="Comité d'éthique de la recherche — Centre de recherche Enfance et Famille",
            approved_on=timezone.localdate() - timedelta(days=30),
            vocabularies=[v.value for v in CATEGORY_VOCABULARIES[:4]],
            period_start=first,
            period_end=last,
            expires_on=date(last.year + 1, last.month, 1),
        )
    return written
