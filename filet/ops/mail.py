"""The outbox e-mail backend: every message is stored as an OutboxMessage row in the
current transaction. A rolled-back action therefore sends nothing and a committed one always
sends: the worker (`manage.py worker`) delivers the rows through
settings.OUTBOX_DELIVERY_BACKEND, retrying while the mail server is down."""

import base64
import uuid
from collections.abc import Sequence
from email.mime.base import MIMEBase
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from filet.ops.models import OutboxMessage


class OutboxBackend(BaseEmailBackend):
    """Stores messages; the worker sends them. OUTBOX_SEND_IMMEDIATELY (a development set-up
    without a worker) also delivers each row in-process once its transaction commits; the
    test suite's OUTBOX_SEND_WHEN_STORED delivers it at once, so `mail.outbox` shows it."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        rows = [store(message) for message in email_messages if message.recipients()]
        from filet.ops.outbox import deliver_now

        for row in rows:
            if getattr(settings, "OUTBOX_SEND_WHEN_STORED", False):
                deliver_now(row)
            elif getattr(settings, "OUTBOX_SEND_IMMEDIATELY", False):
                transaction.on_commit(partial(deliver_now, row))
        return len(rows)


def store(message: EmailMessage) -> OutboxMessage:
    headers = {str(k): str(v) for k, v in message.extra_headers.items()}
    message_id = headers.pop("Message-ID", "") or new_message_id()
    return OutboxMessage.objects.create(
        message_id=message_id,
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        reply_to=list(message.reply_to),
        subject=str(message.subject),
        body=str(message.body),
        alternatives=[[str(content), mimetype] for content, mimetype in _alternatives(message)],
        attachments=[_attachment(item) for item in message.attachments],
        headers=headers,
        due_at=timezone.now(),
    )


def new_message_id() -> str:
    """Unique whatever the clock and the random module say: make_msgid() draws from
    `random`, which tests (Hypothesis, seeded demo data) may have seeded, and from a clock
    with a 10 ms step, so two messages of one action could share an identifier."""
    domain = getattr(settings, "OUTBOX_MESSAGE_ID_DOMAIN", "filet.local")
    return f"<{uuid.uuid4().hex}@{domain}>"


def _alternatives(message: EmailMessage) -> list[tuple[Any, str]]:
    return list(getattr(message, "alternatives", []) or [])


def _attachment(item: Any) -> dict[str, str]:
    if isinstance(item, MIMEBase):
        filename = item.get_filename() or ""
        content: Any = item.get_payload(decode=True) or b""
        mimetype = item.get_content_type()
    else:
        filename, content, mimetype = item
    raw = content.encode() if isinstance(content, str) else bytes(content)
    return {
        "filename": filename or "",
        "content": base64.b64encode(raw).decode("ascii"),
        "mimetype": mimetype or "application/octet-stream",
    }


def rebuild(row: OutboxMessage) -> EmailMultiAlternatives:
    """The stored row as a message again, with its stable Message-ID."""
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body,
        from_email=row.from_email,
        to=row.to,
        cc=row.cc,
        bcc=row.bcc,
        reply_to=row.reply_to,
        headers={**row.headers, "Message-ID": row.message_id},
    )
    for content, mimetype in row.alternatives:
        message.attach_alternative(content, mimetype)
    for item in row.attachments:
        message.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
    return message
