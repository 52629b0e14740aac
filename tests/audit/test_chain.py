"""The audit log is append-only and hash-chained: any change, removal or reordering shows."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from filet.audit.actions import record, verify_chain
from filet.audit.models import GENESIS, AuditEntry, ChainHead


@pytest.fixture
def chain(db, personas):
    """Five entries after the personas' own setup (which writes none)."""
    for n in range(5):
        record(
            personas.representative,
            "role.granted",
            personas.org_a,
            organisation=personas.org_a,
            n=n,
        )
    return list(AuditEntry.objects.order_by("seq"))


def _tamper(sql: str, params: list) -> None:
    """Change the log behind the application's back, as an intruder with SQL access would:
    the append-only triggers are dropped first."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # user triggers off
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_no_update")
        if sql.startswith("DELETE"):  # the intruder removes the entry's index rows too
            cursor.execute(
                "DELETE FROM audit_auditlink WHERE entry_id IN "
                "(SELECT id FROM audit_auditentry WHERE seq = %s)",
                params,
            )
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")


def test_untouched_chain_verifies(chain):
    verdict = verify_chain()
    assert (verdict.ok, verdict.checked, verdict.head_seq) == (True, 5, 5)
    assert verdict.head_hash == chain[-1].entry_hash


def test_each_entry_links_to_the_previous_one(chain):
    assert chain[0].prev_hash == GENESIS
    assert [e.prev_hash for e in chain[1:]] == [e.entry_hash for e in chain[:-1]]
    assert [e.seq for e in chain] == [1, 2, 3, 4, 5]


def test_changed_content_is_named_by_verify(chain):
    _tamper("UPDATE audit_auditentry SET action = %s WHERE seq = %s", ["role.revoked", 3])
    verdict = verify_chain()
    assert (verdict.ok, verdict.first_bad_seq, verdict.reason) == (False, 3, "content altered")


def test_removed_entry_is_named_by_verify(chain):
    _tamper("DELETE FROM audit_auditentry WHERE seq = %s", [2])
    verdict = verify_chain()
    assert (verdict.ok, verdict.first_bad_seq, verdict.reason) == (False, 3, "missing entry")


def test_removed_tail_is_caught_by_the_head(chain):
    _tamper("DELETE FROM audit_auditentry WHERE seq = %s", [5])
    verdict = verify_chain()
    assert (verdict.ok, verdict.first_bad_seq, verdict.reason) == (False, 5, "tail removed")


def test_reordered_entries_break_the_links(chain):
    first, second = chain[1], chain[2]
    _tamper("UPDATE audit_auditentry SET seq = %s WHERE seq = %s", [1000, 2])
    _tamper("UPDATE audit_auditentry SET seq = %s WHERE seq = %s", [2, 3])
    _tamper("UPDATE audit_auditentry SET seq = %s WHERE seq = %s", [3, 1000])
    verdict = verify_chain()
    assert (verdict.ok, verdict.first_bad_seq) == (False, 2)
    assert (first.seq, second.seq) == (2, 3)


def test_rehashed_forgery_still_breaks_the_next_link(chain):
    forged = chain[2]
    forged.action = "role.revoked"
    forged.entry_hash = forged.compute_hash()
    _tamper(
        "UPDATE audit_auditentry SET action = %s, entry_hash = %s WHERE seq = %s",
        [forged.action, forged.entry_hash, 3],
    )
    verdict = verify_chain()
    assert (verdict.ok, verdict.first_bad_seq, verdict.reason) == (False, 4, "broken link")


def test_database_refuses_updates(chain):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(seq=1).update(action="auth.logout")
    assert AuditEntry.objects.get(seq=1).action == "role.granted"


def test_deleting_an_entry_is_refused_by_postgresql_and_caught_anywhere(chain):
    # SQLite keeps DELETE possible (test databases are emptied row by row there): the chain
    # is what catches it. PostgreSQL refuses outright.
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEntry.objects.filter(seq=1).delete()
        assert AuditEntry.objects.count() == 5
    else:
        _tamper("DELETE FROM audit_auditentry WHERE seq = %s", [1])
        assert verify_chain().first_bad_seq == 2


def test_command_passes_on_untouched_chain(chain, capsys):
    call_command("audit_verify")
    assert capsys.readouterr().out.startswith("audit chain OK: 5 entries, head #5 ")


def test_command_fails_naming_the_first_bad_entry(chain):
    _tamper("UPDATE audit_auditentry SET outcome = %s WHERE seq = %s", ["denied", 4])
    with pytest.raises(CommandError, match=r"BROKEN at entry #4 \(content altered\)"):
        call_command("audit_verify")


def test_unknown_event_name_is_refused(db):
    with pytest.raises(ValueError, match="Unknown audit event"):
        record(None, "made.up", None)
    assert AuditEntry.objects.count() == 0


def test_newlines_in_details_cannot_forge_lines(db):
    entry = record(None, "auth.login_failed", None, login="a@b.c\nauth.login ok")
    assert entry.data == {"login": "a@b.c auth.login ok"}


def test_entry_rolled_back_with_its_transaction(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        record(None, "auth.login_failed", None)
        raise RuntimeError
    assert AuditEntry.objects.count() == 0
    assert ChainHead.objects.get(pk=1).seq == 0
