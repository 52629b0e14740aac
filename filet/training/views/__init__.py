"""Training pages, by topic: the catalogue (modules, versions, requirements, declarations),
sessions (registration, attendance, calendar file) and the coverage report."""
