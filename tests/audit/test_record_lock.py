"""record() holds the chain head's lock for the entry's number, time, hash and writes only:
anything else it needs is ready before, because every writer of the site waits on it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from filet.accounts.models import User
from filet.audit.actions import record
from filet.audit.models import AuditEntry, AuditLink, ChainHead


def test_actor_memberships_are_read_before_the_head_is_locked(personas):
    actor = User.objects.get(pk=personas.pivot.pk)  # memberships not loaded yet
    with CaptureQueriesContext(connection) as queries:
        entry = record(actor, "role.granted", personas.org_b, organisation=personas.org_b)
    statements = [query["sql"] for query in queries.captured_queries]
    memberships = next(i for i, sql in enumerate(statements) if "organisations_membership" in sql)
    head = next(i for i, sql in enumerate(statements) if "audit_chainhead" in sql)
    assert memberships < head
    links = AuditLink.objects.filter(entry=entry).order_by("organisation_id")
    assert [link.organisation_id for link in links] == [personas.org_a.pk, personas.org_b.pk]


def test_entry_time_number_and_hash_follow_the_head(personas):
    first = record(personas.pivot, "auth.login")
    second = record(personas.pivot, "auth.logout")
    head = ChainHead.objects.get(pk=1)
    assert (second.seq, second.prev_hash) == (first.seq + 1, first.entry_hash)
    assert first.at <= second.at
    assert (head.seq, head.entry_hash) == (second.seq, second.entry_hash)
    stored = AuditEntry.objects.get(seq=second.seq)
    assert stored.entry_hash == stored.compute_hash() == second.entry_hash
