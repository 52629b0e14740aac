import pytest


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    # Each test keeps its files in a folder of its own, never in the project's var/.
    settings.FILET_PRIVATE_STORAGE = tmp_path / "private"
    return settings.FILET_PRIVATE_STORAGE
