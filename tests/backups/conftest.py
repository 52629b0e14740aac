import base64
import secrets

import pytest

from tests.backups import scratch


def new_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


@pytest.fixture
def key(monkeypatch) -> str:
    value = new_key()
    monkeypatch.setenv("FILET_BACKUP_KEY", value)
    return value


@pytest.fixture
def storage(settings, tmp_path):
    # The source's files live in a folder of the test's own, never in the project's var/.
    settings.FILET_PRIVATE_STORAGE = tmp_path / "source-files"
    return settings.FILET_PRIVATE_STORAGE


@pytest.fixture
def target(tmp_path):
    with scratch.empty_database(tmp_path) as database:
        yield database
