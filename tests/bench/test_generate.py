import base64
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt

from bench.data import BENCH_PASSWORD
from filet.accounts.models import User
from filet.audit.actions import record, verify_chain
from filet.audit.models import AuditEntry, ChainHead
from filet.organisations.models import Membership, Organisation, OrganisationType, Role

pytestmark = pytest.mark.django_db

# The hidden "tiny" scale: 2 regions × (3 organisations, 3 pivots, 4 workers, 10 entries).
TINY_ROLES = {
    Role.COORDINATOR: 2,
    Role.RESEARCHER: 2,
    Role.REPRESENTATIVE: 6,
    Role.MANAGER: 6,
    Role.PRIVACY_OFFICER: 6,
    Role.PIVOT: 6,
    Role.WORKER: 8,
}


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate", "--scale", "tiny", *args, stdout=out)
    return out.getvalue()


def fingerprint() -> list[tuple]:
    """What must not depend on the database: people, secrets and the audit trail's shape."""
    people = [
        (a.user.email, a.user.full_name, a.user.language, decrypt(a.data["secret"]))
        for a in Authenticator.objects.select_related("user").order_by("user__email")
    ]
    # Primary keys (and so the data that names them) differ from one database to another.
    # The generated log is dated by the seed; the profiles' saves are dated when they happen.
    entries = list(
        AuditEntry.objects.exclude(action="profile.updated")
        .order_by("seq")
        .values_list("seq", "at", "action", "actor__email")
    )
    return [*people, *entries]


def test_tiny_scale_creates_exact_counts():
    output = generate()

    assert output.startswith(
        "generate: scale=tiny seed=2026 6 organisations, 36 people, 36 roles, 20 audit entries in "
    )
    assert Organisation.objects.count() == 6
    assert User.objects.count() == 36
    # 20 generated entries, plus each partner profile's audited save (6 organisations)
    assert AuditEntry.objects.count() == 26
    roles = dict(Membership.objects.values_list("role").annotate(n=Count("pk")))
    assert roles == TINY_ROLES
    assert Membership.objects.values("user").distinct().count() == 36


def test_organisations_are_named_by_region():
    generate()

    assert list(Organisation.objects.order_by("pk").values_list("name_fr", "acronym", "type")) == [
        (
            "Coordination de la Table 03 — Capitale-Nationale",
            "TR-03",
            OrganisationType.COORDINATION,
        ),
        (
            "Centre de recherche Enfance et Famille 03 — Capitale-Nationale",
            "CREF-03",
            OrganisationType.RESEARCH,
        ),
        (
            "Direction de la protection de la jeunesse 03 — Capitale-Nationale",
            "DPJ-03",
            OrganisationType.YOUTH_PROTECTION,
        ),
        ("Coordination de la Table 01 — Bas-Saint-Laurent", "TR-01", OrganisationType.COORDINATION),
        (
            "Centre de recherche Enfance et Famille 01 — Bas-Saint-Laurent",
            "CREF-01",
            OrganisationType.RESEARCH,
        ),
        (
            "Direction de la protection de la jeunesse 01 — Bas-Saint-Laurent",
            "DPJ-01",
            OrganisationType.YOUTH_PROTECTION,
        ),
    ]


def test_coordinator_belongs_to_the_coordination():
    generate()

    coordinators = Membership.objects.filter(role=Role.COORDINATOR)
    assert {m.organisation.type for m in coordinators} == {OrganisationType.COORDINATION}
    assert set(coordinators.values_list("user__email", flat=True)) == {
        "coordinator.03.0001@bench.filet.example",
        "coordinator.01.0001@bench.filet.example",
    }


def test_every_person_has_a_verified_primary_email_and_a_totp_device():
    generate()

    users = User.objects.all()
    for user in users:
        address = EmailAddress.objects.get(user=user)
        assert (address.email, address.verified, address.primary) == (user.email, True, True)
    totp = Authenticator.objects.filter(type=Authenticator.Type.TOTP)
    assert totp.count() == 36
    assert set(totp.values_list("user", flat=True)) == set(users.values_list("pk", flat=True))
    assert Authenticator.objects.exclude(type=Authenticator.Type.TOTP).count() == 0


def test_totp_secret_is_usable_by_allauth():
    generate()

    authenticator = Authenticator.objects.order_by("pk").first()
    secret = decrypt(authenticator.data["secret"])
    assert len(base64.b32decode(secret)) == 20
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    assert TOTP(authenticator).validate_code(code) is True


def test_everyone_shares_one_password_hash_that_checks():
    generate()

    assert User.objects.values("password").distinct().count() == 1
    assert User.objects.order_by("pk").first().check_password(BENCH_PASSWORD) is True


def test_audit_chain_verifies_after_generation():
    generate()

    verdict = verify_chain()
    assert (verdict.ok, verdict.checked, verdict.head_seq) == (True, 26, 26)
    last = AuditEntry.objects.order_by("-seq").first()
    assert ChainHead.objects.get(pk=1).entry_hash == last.entry_hash


def test_audit_chain_continues_after_an_existing_entry():
    first = record(None, "demo.seeded", organisations=0)

    generate()

    verdict = verify_chain()
    assert (verdict.ok, verdict.checked, verdict.head_seq) == (True, 27, 27)
    assert AuditEntry.objects.get(seq=2).prev_hash == first.entry_hash


def test_refuses_a_database_with_organisations():
    Organisation.objects.create(name_fr="Existant", type=OrganisationType.COMMUNITY)

    with pytest.raises(CommandError, match="already has organisations"):
        generate()

    assert (Organisation.objects.count(), User.objects.count(), AuditEntry.objects.count()) == (
        1,
        0,
        0,
    )


class _Rollback(Exception):
    pass


def fingerprint_of(seed: str) -> list[tuple]:
    """Generate, fingerprint, then roll back (the audit log refuses DELETE on PostgreSQL)."""
    try:
        with transaction.atomic():
            generate("--seed", seed)
            result = fingerprint()
            raise _Rollback
    except _Rollback:
        return result


def test_same_seed_gives_the_same_data_and_another_seed_does_not():
    first = fingerprint_of("7")

    assert (len(first), Organisation.objects.count()) == (36 + 20, 0)
    assert fingerprint_of("7") == first
    assert fingerprint_of("8") != first
