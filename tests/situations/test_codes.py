"""Codes are unique and race-safe: two situations opened at the same instant get two
numbers."""

import threading

from django.db import connections

from filet.situations.models import Situation
from tests.situations.builders import open_situation


def test_two_concurrent_openings_get_two_codes(transactional_db, personas):
    barrier = threading.Barrier(3)
    errors: list[BaseException] = []

    def opening(user) -> None:
        try:
            barrier.wait()
            open_situation(personas, by=user)
        except BaseException as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connections.close_all()

    people = [personas.pivot, personas.worker, personas.pivot]
    threads = [threading.Thread(target=opening, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Situation.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3]
    assert Situation.objects.values("code").distinct().count() == 3
