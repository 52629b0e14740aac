"""Cache generations: how Filet's caches of computed pages forget what changed.

A cache keeps its entries under its current generation; any change to what they were
computed from bumps the generation once the transaction commits, and what was stored before
then sits under a generation nobody reads (its timeout frees the memory). Used by the
training coverage report, the directory as HSDS and who to call's candidates.

A transaction that changed the watched data has a bump waiting for its commit (`pending`):
a cache can then refuse to serve or store what that transaction reads, so a rollback never
leaves uncommitted data in it.
"""

import uuid
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save


class Generation:
    """`once_per_transaction`: a transaction that changes many watched rows (a bulk delete)
    bumps the generation once on commit, not once per row."""

    def __init__(self, key: str, *, once_per_transaction: bool = True) -> None:
        self.key = key
        self.once_per_transaction = once_per_transaction
        # One bound method, kept: `pending` recognises it among the on-commit callbacks.
        self._bump = self.bump

    def current(self) -> str:
        generation = cache.get(self.key)
        if generation is None:
            cache.add(self.key, uuid.uuid4().hex, None)
            generation = cache.get(self.key) or "none"
        return str(generation)

    def bump(self) -> None:
        cache.set(self.key, uuid.uuid4().hex, None)

    def pending(self) -> bool:
        """A bump waits for this transaction's commit: what it reads is not committed."""
        return any(entry[1] is self._bump for entry in connection.run_on_commit)

    def invalidate(self) -> None:
        """Forget every entry once the current transaction (if any) commits."""
        if not (self.once_per_transaction and self.pending()):
            transaction.on_commit(self._bump)

    def watch(
        self,
        uid: str,
        models: Iterable[type[Model]] = (),
        *,
        through: Iterable[type[Model]] = (),
        user: type[Model] | None = None,
        user_fields: frozenset[str] = frozenset(),
    ) -> None:
        """Invalidate on every save and delete of `models`, every change of the many-to-many
        tables `through`, and every save of `user` touching `user_fields` (its `last_login`
        at each sign-in changes nothing a cache holds). Called once, from an app's ready()."""

        def changed(sender: type[Model], **kwargs: Any) -> None:
            self.invalidate()

        def relation_changed(sender: type[Model], action: str, **kwargs: Any) -> None:
            if action.startswith("post_"):
                self.invalidate()

        def user_changed(
            sender: type[Model], update_fields: frozenset[str] | None = None, **kwargs: Any
        ) -> None:
            if update_fields is None or user_fields & set(update_fields):
                self.invalidate()

        for model in models:
            name = model.__name__
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}.save.{name}")
            post_delete.connect(
                changed, sender=model, weak=False, dispatch_uid=f"{uid}.delete.{name}"
            )
        for table in through:
            m2m_changed.connect(
                relation_changed,
                sender=table,
                weak=False,
                dispatch_uid=f"{uid}.m2m.{table.__name__}",
            )
        if user is not None:
            post_save.connect(
                user_changed, sender=user, weak=False, dispatch_uid=f"{uid}.save.User"
            )
            post_delete.connect(changed, sender=user, weak=False, dispatch_uid=f"{uid}.delete.User")
