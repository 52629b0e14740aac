"""The Playwright fixtures live in tests/browser/fixtures.py, registered once for the whole
suite by tests/conftest.py: a second copy of the session-wide browser would start a second
Playwright in the same process, which Playwright refuses."""
