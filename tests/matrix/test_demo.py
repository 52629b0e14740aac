"""The demo matrix loads through the real actions and shows a gap."""

import pytest
from django.core.management import call_command
from django.utils import translation

from filet.matrix.grid import build_grid
from filet.matrix.models import Agreement, MatrixVersion
from filet.matrix.snapshots import draft_snapshot


@pytest.mark.django_db
def test_seed_demo_fills_the_matrix(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo")
    version = MatrixVersion.objects.get()
    assert (version.number, version.adopted_on.isoformat()) == (1, "2025-06-12")
    assert Agreement.objects.count() == 2
    with translation.override("en"):
        grid = build_grid(draft_snapshot())
    assert [column.code for column in grid.gaps] == ["support"]
    assert len(grid.rows) == 12
