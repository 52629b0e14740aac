import pytest


@pytest.fixture
def worker_sends(settings):
    """The production arrangement: the backend only stores; the worker delivers (locmem)."""
    settings.OUTBOX_SEND_WHEN_STORED = False
    settings.OUTBOX_SEND_IMMEDIATELY = False
    settings.OUTBOX_RETRY_BASE_SECONDS = 30
    settings.OUTBOX_MAX_ATTEMPTS = 3
    return settings
