"""Watch records for the permission matrix and the watch tests."""

from datetime import date
from typing import Any

from filet.watch import actions
from filet.watch.models import Bulletin, WatchItem, WatchKind

Target = tuple[dict[str, Any], dict[str, Any]]


def item_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "kind": WatchKind.NEW_PLATFORM,
        "title_fr": "Nouvelle application de messagerie chiffrée",
        "title_en": "",
        "summary_fr": "Des intervenants rapportent des contacts par une nouvelle application.",
        "summary_en": "",
        "keywords": "messagerie, recrutement",
        "source_name": "Observations des pivots",
        "source_url": "https://example.org/rapport",
        "published_on": date(2026, 10, 14),
    }
    data.update(overrides)
    return data


def post(author: Any, **overrides: Any) -> WatchItem:
    return actions.post_item(by=author, data=item_data(**overrides), terms=[])


def bulletin(month: date = date(2026, 10, 1)) -> Bulletin:
    return Bulletin.objects.get_or_create(month=month, defaults={"highlights": []})[0]


def _item_target(p: Any) -> Target:
    return {"pk": post(p.pivot).pk}, {}


def _bulletin_target(p: Any) -> Target:
    published = bulletin()
    return {"year": published.month.year, "month": published.month.month}, {}


TARGETS = {
    "watch:item": _item_target,
    "watch:edit": _item_target,
    "watch:bulletin": _bulletin_target,
}
