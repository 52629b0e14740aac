"""The bulletin e-mail, written in its recipient's language. It says the bulletin is out and
links to its page; the items themselves stay on Filet."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import formats, translation

from filet.accounts.models import User
from filet.watch.models import Bulletin, WatchItem


def bulletin(bulletin: Bulletin, person: User, base_url: str) -> None:
    with translation.override(person.language):
        context = {
            "name": person.get_short_name(),
            "month": formats.date_format(bulletin.month, "YEAR_MONTH_FORMAT"),
            "items": bulletin_item_count(bulletin),
            "highlights": len(bulletin.highlights),
            "link": base_url.rstrip("/") + bulletin.get_absolute_url(),
        }
        subject = render_to_string("watch/email/bulletin_subject.txt", context).strip()
        body = render_to_string("watch/email/bulletin.txt", context)
    EmailMessage(" ".join(subject.split()), body, None, [person.email]).send()


def bulletin_item_count(bulletin: Bulletin) -> int:
    return WatchItem.objects.in_month(bulletin.month).count()
