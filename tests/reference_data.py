"""Reference data that data migrations seed (stages of the continuum, the observation
taxonomy…). A transactional test ends by emptying every table, which would leave the tests
after it on the same worker without that data; this puts it back."""

import importlib
import pkgutil

from django.apps import apps
from django.db.migrations import RunPython


def seed_functions() -> list:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("filet."):
            continue
        try:
            package = importlib.import_module(f"{config.name}.migrations")
        except ModuleNotFoundError:
            continue
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            migration = getattr(module, "Migration", None)
            for operation in getattr(migration, "operations", []):
                if isinstance(operation, RunPython) and operation.code.__name__.startswith("seed"):
                    found.append(operation.code)
    return found


def reseed() -> None:
    for seed in seed_functions():
        seed(apps, None)
    # The audit chain's head, which the append-only migration creates beside its triggers.
    apps.get_model("audit", "ChainHead").objects.get_or_create(pk=1)
