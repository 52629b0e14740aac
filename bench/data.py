"""Deterministic bench data: partners, people in every role with their second factor, and a
hash-chained audit log, written with bulk inserts so that a province loads in seconds."""

import base64
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt

from bench.catalogue import FIRST_NAMES, LAST_NAMES, PARTNERS, REGIONS
from filet.accounts.models import Language, User
from filet.audit.models import AuditEntry, AuditLink, ChainHead, Outcome
from filet.consultations.bench import generate_consultations
from filet.directory.bench import generate_directory
from filet.matrix.bench import generate_matrix
from filet.organisations.models import Membership, Organisation, Role
from filet.pivots.bench import generate_pivots
from filet.plans.bench import generate_plan
from filet.privacy.bench import generate_privacy
from filet.resources.bench import generate_resources
from filet.situations.bench import generate_situations
from filet.training.bench import generate_training
from filet.watch.bench import generate_watch

BENCH_PASSWORD = "Bench-password-2026"
DOMAIN = "bench.filet.example"
BATCH = 1000
AUDIT_CHUNK = 20_000
# Fixed instants, not now(): the same seed gives the same rows, whatever the day.
EPOCH = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
AUDIT_SPAN = timedelta(days=90)
STAFF_ROLES = (Role.REPRESENTATIVE, Role.MANAGER, Role.PRIVACY_OFFICER)
AUDIT_ACTIONS = {
    "auth.login": 40,
    "auth.logout": 25,
    "auth.login_failed": 8,
    "role.granted": 10,
    "access.denied": 5,
    "audit.viewed": 7,
    "user.language_changed": 5,
}


@dataclass(frozen=True)
class Scale:
    """Sizes of one region (one Table); a province is `regions` such Tables side by side."""

    regions: int
    organisations: int
    pivots: int
    workers: int
    audit_entries: int

    def __post_init__(self) -> None:
        if not 1 <= self.regions <= len(REGIONS):
            raise ValueError(f"regions must be between 1 and {len(REGIONS)}")
        # The coordination and the research centre come first in PARTNERS: keep both.
        if not 2 <= self.organisations <= len(PARTNERS):
            raise ValueError(f"organisations must be between 2 and {len(PARTNERS)}")

    @property
    def people_per_region(self) -> int:
        # A coordinator and a researcher, three staff per organisation, pivots and workers.
        return 2 + len(STAFF_ROLES) * self.organisations + self.pivots + self.workers


SCALES = {
    "region": Scale(regions=1, organisations=30, pivots=150, workers=600, audit_entries=3000),
    "province": Scale(regions=17, organisations=30, pivots=150, workers=600, audit_entries=60_000),
    # For tests: two regions so that the per-region names are exercised too.
    "tiny": Scale(regions=2, organisations=3, pivots=3, workers=4, audit_entries=10),
    # For tests: a bigger one, to show that a page's queries do not grow with the data.
    "small": Scale(regions=3, organisations=8, pivots=14, workers=20, audit_entries=60),
}


@dataclass(frozen=True)
class Counts:
    organisations: int
    people: int
    roles: int
    audit_entries: int

    def __str__(self) -> str:
        return (
            f"{self.organisations} organisations, {self.people} people, {self.roles} roles, "
            f"{self.audit_entries} audit entries"
        )


@dataclass
class Person:
    user: User
    organisation: Organisation
    role: str
    secret: str
    membership: Membership | None = None


@transaction.atomic
def generate(scale: Scale, *, seed: int) -> Counts:
    """Load one data set; the caller checks that the database holds no organisation yet."""
    rng = random.Random(seed)
    # One argon2 hash for everyone: hashing each of 14 000 people would take minutes.
    password = make_password(BENCH_PASSWORD)
    regions = _create_organisations(scale)
    people = [
        person
        for index, organisations in enumerate(regions)
        for person in _plan_region(scale, REGIONS[index][0], organisations, rng, password)
    ]
    User.objects.bulk_create([p.user for p in people], batch_size=BATCH)
    _create_accounts(people)
    audit_entries = _write_audit(scale, people, rng)
    _feature_data(regions, rng)
    return Counts(
        organisations=sum(len(o) for o in regions),
        people=len(people),
        roles=len(people),
        audit_entries=audit_entries,
    )


def _feature_data(regions: list[list[Organisation]], rng: random.Random) -> None:
    """Each feature's own bench data. Pivots come before the directory: the bench's
    who-to-call page searches the first sector the pivots' generator creates."""
    generate_plan(regions[0], rng)
    generate_training(rng)
    generate_watch(rng)
    generate_resources(rng)
    generate_pivots(rng)
    generate_situations(regions, rng)
    generate_consultations(rng)
    generate_privacy(rng)
    generate_directory(regions, rng)
    generate_matrix(regions, rng)
    # Later features (situations and consultations over ten years, some 40 000 at province
    # scale) add their own generator calls here, after the people and the partners exist.


def _create_organisations(scale: Scale) -> list[list[Organisation]]:
    """One list of organisations per region, named "CIUSSS 07 — Outaouais"."""
    regions = []
    for code, region_fr, region_en in REGIONS[: scale.regions]:
        regions.append(
            [
                Organisation(
                    name_fr=f"{fr} {code} — {region_fr}",
                    name_en=f"{en} {code} — {region_en}",
                    acronym=f"{acronym}-{code}",
                    type=kind,
                    created_at=EPOCH,
                )
                for fr, en, acronym, kind in PARTNERS[: scale.organisations]
            ]
        )
    Organisation.objects.bulk_create([o for region in regions for o in region], batch_size=BATCH)
    return regions


def _plan_region(
    scale: Scale, code: str, organisations: list[Organisation], rng: random.Random, password: str
) -> list[Person]:
    partners = organisations[1:]  # pivots and workers belong to partners, not to the Table
    slots = [(organisations[0], Role.COORDINATOR), (organisations[1], Role.RESEARCHER)]
    slots += [(o, role) for o in organisations for role in STAFF_ROLES]
    slots += [(partners[i % len(partners)], Role.PIVOT) for i in range(scale.pivots)]
    slots += [(partners[i % len(partners)], Role.WORKER) for i in range(scale.workers)]
    return [
        _plan_person(rng, f"{role.value.replace('_', '-')}.{code}.{n:04d}", o, role, password)
        for n, (o, role) in enumerate(slots, start=1)
    ]


def _plan_person(
    rng: random.Random, local: str, organisation: Organisation, role: str, password: str
) -> Person:
    user = User(
        email=f"{local}@{DOMAIN}",
        full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        language=Language.ENGLISH if rng.random() < 0.15 else Language.FRENCH,
        password=password,
        security_stamp=f"{rng.getrandbits(128):032x}",
        date_joined=EPOCH,
    )
    secret = base64.b32encode(rng.randbytes(20)).decode()
    return Person(user=user, organisation=organisation, role=role, secret=secret)


def _create_accounts(people: list[Person]) -> None:
    """What an accepted invitation leaves: a role, a verified e-mail and a TOTP device."""
    memberships = Membership.objects.bulk_create(
        [
            Membership(user=p.user, organisation=p.organisation, role=p.role, started_at=EPOCH)
            for p in people
        ],
        batch_size=BATCH,
    )
    for person, membership in zip(people, memberships, strict=True):
        person.membership = membership
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=p.user, email=p.user.email, verified=True, primary=True)
            for p in people
        ],
        batch_size=BATCH,
    )
    Authenticator.objects.bulk_create(
        [
            Authenticator(
                user=p.user,
                type=Authenticator.Type.TOTP,
                data={"secret": encrypt(p.secret)},
                created_at=EPOCH,
            )
            for p in people
        ],
        batch_size=BATCH,
    )


def _write_audit(scale: Scale, people: list[Person], rng: random.Random) -> int:
    """The audit log, planned, hashed and written a chunk at a time: a province's million
    entries never sit in memory together."""
    total = scale.regions * scale.audit_entries
    step = AUDIT_SPAN / max(total, 1)
    officers = [p for p in people if p.role == Role.PRIVACY_OFFICER]
    actions, weights = list(AUDIT_ACTIONS), list(AUDIT_ACTIONS.values())
    head = ChainHead.objects.select_for_update().get_or_create(pk=1)[0]
    for first in range(0, total, AUDIT_CHUNK):
        entries = []
        for i in range(first, min(first + AUDIT_CHUNK, total)):
            action = rng.choices(actions, weights)[0]
            person = rng.choice(officers if action == "audit.viewed" else people)
            at = EPOCH + timedelta(days=1) + step * i
            entries.append(_audit_entry(rng, action, person, at))
        _append_to_chain(head, entries)
    return total


def _audit_entry(rng: random.Random, action: str, person: Person, at: datetime) -> AuditEntry:
    """An entry shaped like the one Filet's own code writes for this action."""
    entry = AuditEntry(
        at=at, actor_id=person.user.pk, action=action, ip=f"10.0.{rng.randrange(256)}.7"
    )
    # record() links an entry to its actor's organisations: the privacy officers' index.
    entry.link_ids = {person.organisation.pk}  # type: ignore[attr-defined]
    if action == "auth.login_failed":
        entry.actor_id, entry.outcome = None, Outcome.FAILURE
        entry.link_ids = set()  # type: ignore[attr-defined]
        entry.data = {"login": person.user.email}
    elif action == "role.granted":
        membership_pk = person.membership.pk if person.membership else ""
        entry.organisation_id = person.organisation.pk
        entry.target_type, entry.target_id = "organisations.membership", str(membership_pk)
        entry.data = {"role": person.role, "user": person.user.pk}
    elif action == "access.denied":
        entry.outcome = Outcome.DENIED
        pk = str(rng.randrange(1, 10_000))
        entry.data = {"path": f"/partenaires/{pk}/personnes/", "kind": "organisation", "id": pk}
    elif action == "audit.viewed":
        entry.data = {"filters": {}}
    elif action == "user.language_changed":
        entry.data = {"language": person.user.language}
    return entry


def _append_to_chain(head: ChainHead, entries: list[AuditEntry]) -> None:
    """Link the entries after the current head, exactly as record() would one by one."""
    previous = head.entry_hash
    for seq, entry in enumerate(entries, start=head.seq + 1):
        entry.seq, entry.prev_hash = seq, previous
        entry.entry_hash = previous = entry.compute_hash()
    AuditEntry.objects.bulk_create(entries, batch_size=BATCH)
    links = [
        AuditLink(entry=entry, organisation_id=pk)
        for entry in entries
        for pk in entry.link_ids | ({entry.organisation_id} if entry.organisation_id else set())  # type: ignore[attr-defined]
    ]
    AuditLink.objects.bulk_create(links, batch_size=BATCH)
    if entries:
        head.seq, head.entry_hash = entries[-1].seq, entries[-1].entry_hash
        head.save(update_fields=["seq", "entry_hash"])
