"""The operator's view of the outbox and the worker's jobs: states, counts and errors only —
never recipients, subjects or bodies (the administrator reads no content)."""

from typing import Any

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from filet.audit.actions import record
from filet.lib.admin import TechnicalAdmin
from filet.lib.http import AuthenticatedHttpRequest
from filet.ops import outbox
from filet.ops.models import JobRun, OutboxMessage

OUTBOX_FIELDS: tuple[str, ...] = (
    "message_id", "status", "attempts", "last_error", "created_at", "due_at", "claimed_at",
    "claimed_by", "sent_at",
)  # fmt: skip


class ReadOnlyAdmin(TechnicalAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["message_id", "status", "attempts", "created_at", "due_at", "sent_at"]
    list_filter = ["status"]
    fields = readonly_fields = OUTBOX_FIELDS
    actions = ["requeue"]

    @admin.action(description=_("Send the selected failed e-mails again"))
    def requeue(self, request: AuthenticatedHttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        with transaction.atomic():
            count = outbox.requeue(list(queryset.values_list("pk", flat=True)))
            record(request.user, "outbox.requeued", None, request=request, count=count)
        messages.success(request, _("The failed e-mails will be sent again."))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Actions need the change permission; the form itself stays read-only.
        return self._is_technical(request)


@admin.register(JobRun)
class JobRunAdmin(ReadOnlyAdmin):
    list_display = ["job", "slot", "worker", "started_at", "finished_at", "ok"]
    list_filter = ["job", "ok"]
    readonly_fields = ["job", "slot", "worker", "started_at", "finished_at", "ok", "output"]
