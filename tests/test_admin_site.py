"""The administrator deactivates accounts through an audited action; it ends their sessions."""

from django.test import Client
from django.urls import reverse

from filet.audit.models import AuditEntry
from tests.conftest import login


def test_administrator_deactivates_and_the_person_is_out_on_next_request(personas):
    worker_client = login(Client(), personas.worker)
    assert worker_client.get("/").status_code == 200
    admin_client = login(Client(), personas.administrator)
    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [personas.worker.pk]},
    )
    assert response.status_code == 302
    personas.worker.refresh_from_db()
    assert personas.worker.is_active is False
    entry = AuditEntry.objects.get(action="user.deactivated")
    assert (entry.actor, entry.target_id) == (personas.administrator, str(personas.worker.pk))
    after = worker_client.get("/")
    assert after.status_code == 302
    assert after["Location"].startswith(reverse("account_login"))


def test_administrator_cannot_delete_accounts(personas):
    admin_client = login(Client(), personas.administrator)
    url = reverse("admin:accounts_user_delete", args=[personas.worker.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert personas.worker.__class__.objects.filter(pk=personas.worker.pk).exists()
