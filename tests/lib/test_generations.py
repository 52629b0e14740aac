"""A cache generation changes once the transaction that changed the data commits, and says
meanwhile that what the transaction reads is not committed."""

import pytest
from django.db import transaction

from filet.lib.generations import Generation

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_change_bumps_the_generation_at_commit_only():
    generation = Generation("test:generation")
    before = generation.current()
    with transaction.atomic():
        generation.invalidate()
        assert generation.pending()
        assert generation.current() == before
    assert not generation.pending()
    assert generation.current() != before


def test_a_rolled_back_change_bumps_nothing():
    generation = Generation("test:generation")
    before = generation.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        generation.invalidate()
        raise RuntimeError
    assert generation.current() == before


@pytest.mark.django_db(transaction=False)  # the test's own transaction holds the callbacks
@pytest.mark.parametrize(("once", "callbacks"), [(True, 1), (False, 3)])
def test_many_changes_in_one_transaction(once, callbacks, django_capture_on_commit_callbacks):
    generation = Generation("test:generation", once_per_transaction=once)
    with django_capture_on_commit_callbacks() as captured:
        for _ in range(3):
            generation.invalidate()
    assert len(captured) == callbacks
