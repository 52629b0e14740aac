"""A wrong second-step code is an authentication event: it is audited."""

from django.urls import reverse

from filet.audit.models import AuditEntry
from tests.conftest import PASSWORD


def test_wrong_totp_code_is_audited_as_a_failure(client, personas):
    client.post(reverse("account_login"), {"login": personas.pivot.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="mfa.failed")
    assert (entry.actor, entry.outcome) == (personas.pivot, "failure")
    assert not AuditEntry.objects.filter(action="auth.login").exists()
