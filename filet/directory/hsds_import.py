"""Importing an Open Referral HSDS 3.0 package into the directory.

Reading turns a JSON file (a list of organizations) or a CSV package (a zip, or a folder
with datapackage.json) into the same flat tables the export writes, each row remembering
its file and row. Planning matches every organization to a partner (by HSDS id, then by
French name), builds the model instances and validates them without writing anything; any
problem names the file, the row and the field. Applying writes the whole plan in one
transaction, one profile version per partner, and the audit row.
"""

import csv
import io
import json
import uuid
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from filet.accounts.models import User
from filet.audit.actions import record
from filet.directory import actions
from filet.directory.hsds import (
    COLUMNS,
    FIELD_TERMS,
    NUMBER_COLUMNS,
    PATHS,
    PRIVACY_OFFICER_TITLE,
    PROFILE_TEXTS,
    SERVICE_TEXTS,
    TERRITORIES_TAXONOMY,
    Row,
    Tables,
    field_term_id,
    organisation_hsds_id,
    stable_id,
)
from filet.directory.models import (
    ContactEmail,
    Location,
    Phone,
    PhoneKind,
    Profile,
    Service,
    Territory,
)
from filet.lib.spreadsheets import FORMULA_STARTS
from filet.organisations.models import Organisation, OrganisationType

SOURCE = "_source"


@dataclass(frozen=True)
class Problem:
    file: str
    row: str
    field: str
    message: str

    def __str__(self) -> str:
        return _("%(file)s, row %(row)s, field %(field)s: %(message)s") % {
            "file": self.file,
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }


@dataclass
class PartnerPlan:
    """What importing one organization would do."""

    hsds_id: str
    organisation: Organisation
    profile: Profile
    services: list[Service] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)
    emails: list[ContactEmail] = field(default_factory=list)
    territories: list[Territory] = field(default_factory=list)
    action: str = ""

    def __post_init__(self) -> None:
        # Decided before anything is written: "create" stays "create" once applied.
        self.action = "update" if self.organisation.pk else "create"


@dataclass
class Report:
    plans: list[PartnerPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        actions_ = [plan.action for plan in self.plans]
        return {"create": actions_.count("create"), "update": actions_.count("update")}


class UnreadableFile(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


# --- Reading ---------------------------------------------------------------------------


def read_path(path: Path) -> Tables:
    if path.is_dir():
        files = {p.name: p.read_bytes() for p in path.iterdir() if p.suffix == ".csv"}
        return read_csv_files(files)
    return read_upload(path.name, path.read_bytes())


def read_upload(name: str, data: bytes) -> Tables:
    if name.lower().endswith(".zip"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                files = {
                    Path(info.filename).name: archive.read(info)
                    for info in archive.infolist()
                    if info.filename.endswith(".csv") and info.file_size < 20_000_000
                }
        except zipfile.BadZipFile as error:
            raise UnreadableFile(Problem(name, "-", "-", _("not a zip file"))) from error
        return read_csv_files(files)
    return read_json(name, data)


def read_json(name: str, data: bytes) -> Tables:
    try:
        organizations = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise UnreadableFile(Problem(name, "-", "-", _("not valid JSON"))) from error
    if not isinstance(organizations, list) or not all(isinstance(o, dict) for o in organizations):
        raise UnreadableFile(Problem(name, "-", "-", _("expected a list of organizations")))
    tables: Tables = defaultdict(list)
    for index, organization in enumerate(organizations):
        _flatten(tables, name, "organization", organization, f"{index}", {})
    return tables


# Nested lists of each object, and the key that links a child to its parent.
_CHILDREN = {
    "organization": {
        "phones": ("phone", "organization_id"),
        "contacts": ("contact", "organization_id"),
        "services": ("service", "organization_id"),
        "locations": ("location", "organization_id"),
    },
    "contact": {"phones": ("phone", "contact_id")},
    "service": {"schedules": ("schedule", "service_id"), "languages": ("language", "service_id")},
    "location": {"addresses": ("address", "location_id")},
}


def _flatten(
    tables: Tables, name: str, kind: str, obj: dict[str, Any], where: str, parent: Row
) -> None:
    row = {key: obj[key] for key in COLUMNS[kind] if obj.get(key) not in (None, "")}
    tables[kind].append(parent | row | {SOURCE: (name, where)})
    for attribute in obj.get("attributes") or []:
        if isinstance(attribute, dict):
            _flatten_attribute(tables, name, attribute, f"{where}/attributes", row.get("id"))
    for key, (child_kind, link) in _CHILDREN.get(kind, {}).items():
        for index, child in enumerate(obj.get(key) or []):
            if isinstance(child, dict):
                link_row = {link: row.get("id")}
                _flatten(tables, name, child_kind, child, f"{where}/{key}/{index}", link_row)


def _flatten_attribute(
    tables: Tables, name: str, attribute: dict[str, Any], where: str, link_id: Any
) -> None:
    row = {key: attribute[key] for key in COLUMNS["attribute"] if attribute.get(key)}
    tables["attribute"].append({"link_id": link_id} | row | {SOURCE: (name, where)})
    term = attribute.get("taxonomy_term")
    if isinstance(term, dict):
        term_row = {key: term[key] for key in COLUMNS["taxonomy_term"] if term.get(key)}
        tables["taxonomy_term"].append(term_row | {SOURCE: (name, where)})


def read_csv_files(files: dict[str, bytes]) -> Tables:
    if PATHS["organization"] not in files:
        raise UnreadableFile(Problem(PATHS["organization"], "-", "-", _("file missing")))
    tables: Tables = defaultdict(list)
    for kind, path in PATHS.items():
        if path in files:
            tables[kind] = _read_csv(kind, path, files[path])
    return tables


def _read_csv(kind: str, path: str, data: bytes) -> list[Row]:
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
        rows = list(reader)
    except (UnicodeDecodeError, csv.Error) as error:
        raise UnreadableFile(Problem(path, "-", "-", _("not a UTF-8 CSV file"))) from error
    result = []
    for line, raw in enumerate(rows, start=2):
        row: Row = {SOURCE: (path, str(line))}
        for key in COLUMNS[kind]:
            value = _undefuse(raw.get(key) or "")
            if value and (kind, key) in NUMBER_COLUMNS:
                row[key] = _number(value)
            elif value:
                row[key] = value
        result.append(row)
    return result


def _undefuse(value: str) -> str:
    if value[:1] == "'" and value[1:2] in FORMULA_STARTS:
        return value[1:]
    return value


def _number(value: str) -> Any:
    try:
        return int(value)
    except ValueError:
        return value  # reported by validation


# --- Planning -----------------------------------------------------------------------------


class _Planner:
    """Builds and validates the plan; reads the database, never writes it."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.problems: list[Problem] = []
        self.known = {
            organisation_hsds_id(o): o for o in Organisation.objects.select_related("profile")
        }
        self.by_name = {o.name_fr.casefold(): o for o in self.known.values()}
        self.terms = {row["id"]: row for row in tables.get("taxonomy_term", []) if "id" in row}
        self.attributes = defaultdict(list)
        for row in tables.get("attribute", []):
            self.attributes[row.get("link_id")].append(row)
        self.fields_by_term = {field_term_id(e, f): f for e, f in FIELD_TERMS}
        territory_taxonomy = stable_id("taxonomy", TERRITORIES_TAXONOMY)
        self.territory_terms = {
            term_id: term
            for term_id, term in self.terms.items()
            if term.get("taxonomy_id") == territory_taxonomy
        }
        self.territories = {t.code: t for t in Territory.objects.all()}
        self.children = {
            kind: _group(tables.get(kind, []), link)
            for kind, link in [
                ("service", "organization_id"),
                ("location", "organization_id"),
                ("phone", "organization_id"),
                ("contact", "organization_id"),
                ("schedule", "service_id"),
                ("language", "service_id"),
                ("address", "location_id"),
            ]
        }
        self.contact_phones = _group(tables.get("phone", []), "contact_id")

    def problem(self, row: Row, column: str, message: str) -> None:
        file, where = row.get(SOURCE, ("?", "?"))
        self.problems.append(Problem(file, where, column, message))

    def plan(self) -> Report:
        plans = []
        seen: set[str] = set()
        for row in self.tables.get("organization", []):
            org_id = self.uuid(row, "id")
            if org_id is None:
                continue
            if org_id in seen:
                self.problem(row, "id", _("this identifier appears twice"))
                continue
            seen.add(org_id)
            plans.append(self.partner(row, org_id))
        self.check_orphans(seen)
        return Report(plans=plans, problems=self.problems)

    def uuid(self, row: Row, column: str) -> str | None:
        value = row.get(column, "")
        try:
            return str(uuid.UUID(str(value)))
        except ValueError:
            self.problem(row, column, _("a UUID is required"))
            return None

    def values(self, link_id: str) -> dict[str, str]:
        """The Filet fields an object carries as attributes."""
        found = {}
        for attribute in self.attributes.get(link_id, []):
            name = self.fields_by_term.get(attribute.get("taxonomy_term_id", ""))
            if name:
                found[name] = str(attribute.get("value", ""))
        return found

    def partner(self, row: Row, org_id: str) -> PartnerPlan:
        name = str(row.get("name", "")).strip()
        organisation = self.known.get(org_id) or self.by_name.get(name.casefold())
        if organisation is None:
            organisation = Organisation()
        extra = self.values(org_id)
        organisation.name_fr = name
        organisation.name_en = str(row.get("alternate_name", ""))
        organisation.acronym = extra.get("acronym", organisation.acronym or "")
        organisation.type = extra.get("type", organisation.type or OrganisationType.COMMUNITY)
        profile = actions.profile_for(organisation) if organisation.pk else Profile()
        description = str(row.get("description", ""))
        profile.mission_fr = "" if description == name else description
        profile.email = str(row.get("email", ""))
        profile.website = str(row.get("website", ""))
        profile.privacy_regime = extra.get("privacy_regime", "")
        for name_ in PROFILE_TEXTS:
            setattr(profile, name_, extra.get(name_, ""))
        profile.hsds_id = uuid.UUID(org_id)
        namesake = self.by_name.get(name.casefold())
        if namesake is not None and namesake is not organisation:
            self.problem(row, "name", _("another partner already has this name"))
        self.by_name[name.casefold()] = organisation
        self.check(row, organisation, {"name_fr": "name", "name_en": "alternate_name"})
        plan = PartnerPlan(org_id, organisation, profile)
        self.plan_children(plan, organisation)
        columns = {
            "mission_fr": "description",
            "privacy_officer_name": "contact name",
            "privacy_officer_email": "contact email",
        }
        self.check(row, profile, columns, exclude=["organisation"])
        return plan

    def check(
        self,
        row: Row,
        instance: models.Model,
        columns: dict[str, str],
        exclude: list[str] | None = None,
    ) -> None:
        """Validate like a form would; name each problem by its HSDS column."""
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.problem(row, columns.get(name, name), message)

    def plan_children(self, plan: PartnerPlan, organisation: Organisation) -> None:
        existing = organisation.pk is not None
        services = (
            {_own_id(s, "service"): s for s in organisation.services.all()} if existing else {}
        )
        for row in self.children["service"].get(plan.hsds_id, []):
            service_id = self.uuid(row, "id")
            if service_id:
                plan.services.append(self.service(row, service_id, services.get(service_id)))
        places = (
            {_own_id(x, "location"): x for x in organisation.locations.all()} if existing else {}
        )
        for row in self.children["location"].get(plan.hsds_id, []):
            location_id = self.uuid(row, "id")
            if location_id:
                plan.locations.append(self.location(row, location_id, places.get(location_id)))
        self.plan_contacts(plan, organisation)
        for attribute in self.attributes.get(plan.hsds_id, []):
            term = self.territory_terms.get(attribute.get("taxonomy_term_id", ""))
            if term:
                plan.territories.append(self.territory(term))

    def service(self, row: Row, service_id: str, service: Service | None) -> Service:
        service = service or Service()
        service.hsds_id = uuid.UUID(service_id)
        service.name_fr = str(row.get("name", ""))
        service.name_en = str(row.get("alternate_name", ""))
        service.description_fr = str(row.get("description", ""))
        service.eligibility_fr = str(row.get("eligibility_description", ""))
        service.referral_fr = str(row.get("application_process", ""))
        schedules = self.children["schedule"].get(service_id, [])
        service.hours_fr = str(schedules[0].get("description", "")) if schedules else ""
        languages = self.children["language"].get(service_id, [])
        service.languages = [str(lang["code"]) for lang in languages if lang.get("code")]
        extra = self.values(service_id)
        for name in SERVICE_TEXTS:
            setattr(service, name, extra.get(name, ""))
        columns = {
            "name_fr": "name",
            "name_en": "alternate_name",
            "eligibility_fr": "eligibility_description",
            "referral_fr": "application_process",
        }
        self.check(row, service, columns, exclude=["organisation"])
        return service

    def location(self, row: Row, location_id: str, location: Location | None) -> Location:
        location = location or Location()
        location.hsds_id = uuid.UUID(location_id)
        location.name_fr = str(row.get("name", "") or row.get("alternate_name", ""))
        location.name_en = str(row.get("alternate_name", ""))
        addresses = self.children["address"].get(location_id, [{}])
        address = addresses[0]
        location.address_1 = str(address.get("address_1", ""))
        location.address_2 = str(address.get("address_2", ""))
        location.city = str(address.get("city", ""))
        location.province = str(address.get("state_province", "QC"))
        location.postal_code = str(address.get("postal_code", ""))
        location.is_confidential = False
        columns = {"name_fr": "name", "province": "state_province"}
        self.check(
            address | {SOURCE: address.get(SOURCE, row[SOURCE])},
            location,
            columns,
            ["organisation"],
        )
        return location

    def plan_contacts(self, plan: PartnerPlan, organisation: Organisation) -> None:
        for row in self.children["phone"].get(plan.hsds_id, []):
            phone = Phone(
                number=str(row.get("number", "")),
                extension=row.get("extension"),
                kind=str(row["type"]) if row.get("type") in PhoneKind.values else PhoneKind.VOICE,
                label_fr=str(row.get("description", "")),
                label_en=self.values(str(row.get("id", ""))).get("label_en", ""),
            )
            self.check(row, phone, {"label_fr": "description"}, exclude=["organisation"])
            plan.phones.append(phone)
        for row in self.children["contact"].get(plan.hsds_id, []):
            if row.get("title") == PRIVACY_OFFICER_TITLE:
                self.privacy_officer(plan.profile, row)
            elif row.get("email"):
                email = ContactEmail(
                    address=str(row["email"]),
                    label_fr=str(row.get("name", "")),
                    label_en=self.values(str(row.get("id", ""))).get("label_en", ""),
                )
                self.check(row, email, {"address": "email", "label_fr": "name"}, ["organisation"])
                plan.emails.append(email)

    def privacy_officer(self, profile: Profile, row: Row) -> None:
        profile.privacy_officer_name = str(row.get("name", ""))
        profile.privacy_officer_email = str(row.get("email", ""))
        phones = self.contact_phones.get(row.get("id", ""), [])
        profile.privacy_officer_phone = str(phones[0].get("number", "")) if phones else ""

    def territory(self, term: Row) -> Territory:
        code = str(term.get("code", ""))
        if code not in self.territories:
            name_fr = str(term.get("name", code))
            name_en = str(term.get("description", ""))
            self.territories[code] = Territory(code=code, name_fr=name_fr, name_en=name_en)
            self.check(term, self.territories[code], {"name_fr": "name"})
        return self.territories[code]

    def check_orphans(self, organisations: set[str]) -> None:
        for kind in ("service", "location", "contact"):
            for row in self.tables.get(kind, []):
                if row.get("organization_id") not in organisations:
                    self.problem(row, "organization_id", _("no organization has this id"))


def _group(rows: list[Row], key: str) -> defaultdict[Any, list[Row]]:
    grouped: defaultdict[Any, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row.get(key)].append(row)
    return grouped


def _own_id(instance: Service | Location, kind: str) -> str:
    return str(instance.hsds_id or stable_id(kind, instance.pk))


# --- Applying ------------------------------------------------------------------------------


def plan(tables: Tables) -> Report:
    return _Planner(tables).plan()


@transaction.atomic
def import_package(tables: Tables, *, by: User | None, dry_run: bool, source: str) -> Report:
    """Create or update the partners of an HSDS package: all of them, or none if any row
    has a problem (or on a dry run)."""
    report = plan(tables)
    if dry_run or not report.ok:
        return report
    for partner in report.plans:
        _apply(partner, by=by)
    report.applied = True
    record(by, "hsds.imported", None, source=source[:100], counts=report.counts())
    return report


def _apply(partner: PartnerPlan, *, by: User | None) -> None:
    organisation = partner.organisation
    organisation.save()
    partner.profile.organisation = organisation
    for territory in partner.territories:
        if territory.pk is None:
            territory.save()
    for service in partner.services:
        service.organisation = organisation
        service.save()
    for location in partner.locations:
        location.organisation = organisation
        location.save()
    # Phones and e-mails have no identity of their own: the file's list replaces ours.
    organisation.phones.all().delete()
    organisation.emails.all().delete()
    for phone in partner.phones:
        phone.organisation = organisation
        phone.save()
    for email in partner.emails:
        email.organisation = organisation
        email.save()
    actions.save_profile(
        partner.profile, by=by, organisation_fields={}, territories=partner.territories
    )
