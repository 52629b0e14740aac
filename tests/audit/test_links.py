"""Links carry their entry's number, whoever writes them: the privacy officer's page orders
an organisation's entries by it."""

import importlib

from django.apps import apps

from filet.audit.actions import record
from filet.audit.models import AuditLink


def test_record_links_the_actor_and_the_subject_with_the_entry_number(personas):
    entry = record(personas.pivot, "role.granted", personas.org_b, organisation=personas.org_b)
    links = AuditLink.objects.filter(entry=entry).order_by("organisation_id")
    assert [(link.organisation_id, link.seq) for link in links] == [
        (personas.org_a.pk, entry.seq),
        (personas.org_b.pk, entry.seq),
    ]


def test_links_added_later_carry_the_number_too(personas):
    """As the safety net links an entry to every organisation taking part."""
    record(personas.pivot, "auth.login")
    entry = record(personas.outsider, "auth.login")
    AuditLink.objects.bulk_create(
        [
            AuditLink(entry=entry, organisation_id=pk)
            for pk in (personas.org_b.pk, personas.research.pk)
        ],
        ignore_conflicts=True,
    )
    numbers = set(AuditLink.objects.filter(entry=entry).values_list("organisation_id", "seq"))
    assert numbers == {(personas.org_b.pk, entry.seq), (personas.research.pk, entry.seq)}


def test_the_migration_copies_each_entry_number_into_its_links(personas):
    migration = importlib.import_module("filet.audit.migrations.0004_auditlink_seq")
    entries = [record(personas.pivot, "auth.login") for _ in range(3)]
    AuditLink.objects.update(seq=0)
    migration.copy_seq(apps, None)
    numbers = sorted(AuditLink.objects.values_list("entry__seq", "seq"))
    assert numbers == [(e.seq, e.seq) for e in entries]
