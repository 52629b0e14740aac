"""The directory as Open Referral HSDS 3.0: flat tables first, then either nested JSON (a
list of `organization` objects, the compiled organization_package schema) or the CSV
tabular package with its datapackage.json.

Bilingual and Filet-specific fields (acronym, type, privacy regime, the English texts,
culture, mandates...) travel as `attribute` rows linking the object to a term of the
"filet-fields" taxonomy, with the text as `value`; territories served are terms of the
"filet-territories" taxonomy. The matrix app adds stages and responsibilities the same way.
Confidential locations are never exported. Identifiers are uuid5 of the shared namespace
and "kind:key" (or the HSDS id an object was imported with), so re-exports are stable.
"""

import csv
import io
import json
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch

from filet.directory.models import Location, Profile, Territory
from filet.lib.spreadsheets import FORMULA_STARTS
from filet.matrix import hsds as matrix_hsds
from filet.organisations.models import Organisation

Row = dict[str, Any]
Tables = dict[str, list[Row]]

NAMESPACE = matrix_hsds.FILET_HSDS_NAMESPACE
PRIVACY_OFFICER_TITLE = "Responsable de la protection des renseignements personnels (RPRP)"
FIELDS_TAXONOMY = "filet-fields"
TERRITORIES_TAXONOMY = "filet-territories"

# The columns of each table Filet writes, as in the official datapackage.json.
COLUMNS: dict[str, list[str]] = {
    "organization": [
        "id",
        "name",
        "alternate_name",
        "description",
        "email",
        "website",
        "tax_status",
        "tax_id",
        "year_incorporated",
        "legal_status",
        "logo",
        "uri",
        "parent_organization_id",
    ],
    "service": [
        "id",
        "organization_id",
        "program_id",
        "name",
        "alternate_name",
        "description",
        "url",
        "email",
        "status",
        "interpretation_services",
        "application_process",
        "fees_description",
        "wait_time",
        "fees",
        "accreditations",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "assurer_email",
        "licenses",
        "alert",
        "last_modified",
    ],
    "location": [
        "id",
        "location_type",
        "url",
        "organization_id",
        "name",
        "alternate_name",
        "description",
        "transportation",
        "latitude",
        "longitude",
        "external_identifier",
        "external_identifier_type",
    ],
    "address": [
        "id",
        "location_id",
        "attention",
        "address_1",
        "address_2",
        "city",
        "region",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ],
    "phone": [
        "id",
        "location_id",
        "service_id",
        "organization_id",
        "contact_id",
        "service_at_location_id",
        "number",
        "extension",
        "type",
        "description",
    ],
    "contact": [
        "id",
        "organization_id",
        "service_id",
        "service_at_location_id",
        "location_id",
        "name",
        "title",
        "department",
        "email",
    ],
    "schedule": [
        "id",
        "service_id",
        "location_id",
        "service_at_location_id",
        "valid_from",
        "valid_to",
        "dtstart",
        "timezone",
        "until",
        "count",
        "wkst",
        "freq",
        "interval",
        "byday",
        "byweekno",
        "bymonthday",
        "byyearday",
        "description",
        "opens_at",
        "closes_at",
        "schedule_link",
        "attending_type",
        "notes",
    ],
    "language": ["id", "service_id", "location_id", "phone_id", "name", "code", "note"],
    "taxonomy": ["id", "name", "description", "uri", "version"],
    "taxonomy_term": [
        "id",
        "code",
        "name",
        "description",
        "parent_id",
        "taxonomy",
        "language",
        "taxonomy_id",
        "term_uri",
    ],
    "attribute": ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"],
}
PATHS = {
    "organization": "organizations.csv",
    "service": "services.csv",
    "location": "locations.csv",
    "address": "addresses.csv",
    "phone": "phones.csv",
    "contact": "contacts.csv",
    "schedule": "schedules.csv",
    "language": "languages.csv",
    "taxonomy": "taxonomies.csv",
    "taxonomy_term": "taxonomy_terms.csv",
    "attribute": "attributes.csv",
}
NUMBER_COLUMNS = {("phone", "extension")}

# Filet fields carried as attributes: (entity, field) → the term's code.
SERVICE_TEXTS = ["description_en", "eligibility_en", "referral_en", "hours_en"]
PROFILE_TEXTS = [
    "mission_en",
    "culture_fr",
    "culture_en",
    "mandates_fr",
    "mandates_en",
    "may_share_fr",
    "may_share_en",
    "may_not_share_fr",
    "may_not_share_en",
    "escalation_fr",
    "escalation_en",
]
FIELD_TERMS: list[tuple[str, str]] = (
    [("organization", name) for name in ["acronym", "type", "privacy_regime", *PROFILE_TEXTS]]
    + [("service", name) for name in SERVICE_TEXTS]
    + [
        ("phone", "label_en"),
        ("contact", "label_en"),
    ]
)
LANGUAGE_NAMES = {
    "fr": "français",
    "en": "English",
    "es": "español",
    "ar": "العربية",
    "iu": "ᐃᓄᒃᑎᑐᑦ",
    "fcs": "langue des signes québécoise",
}


def stable_id(kind: str, key: object) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def field_term_id(entity: str, field: str) -> str:
    return stable_id("filet-field", f"{entity}.{field}")


def territory_term_id(code: str) -> str:
    return stable_id("filet-territory", code)


def organisation_hsds_id(organisation: Organisation) -> str:
    profile = getattr(organisation, "profile", None)
    if profile is not None and profile.hsds_id:
        return str(profile.hsds_id)
    return matrix_hsds.organization_id(organisation.pk)


def exported_organisations() -> Any:
    """Active partners with everything the export reads, in a fixed number of queries."""
    return (
        Organisation.objects.active()
        .select_related("profile")
        .prefetch_related(
            "services",
            "phones",
            "emails",
            "profile__territories",
            Prefetch("locations", queryset=Location.objects.public().order_by("pk")),
        )
        .order_by("name_fr", "pk")
    )


def build_tables() -> Tables:
    """Every exported row, table by table, rows in a stable order."""
    tables: Tables = defaultdict(list)
    _taxonomies(tables)
    ids: dict[str, str] = {}
    for organisation in exported_organisations():
        org_id = organisation_hsds_id(organisation)
        ids[matrix_hsds.organization_id(organisation.pk)] = org_id
        _organisation_rows(tables, organisation, org_id)
    _matrix_rows(tables, ids)
    return {name: tables.get(name, []) for name in COLUMNS}


def _taxonomies(tables: Tables) -> None:
    tables["taxonomy"] += [
        {
            "id": stable_id("taxonomy", FIELDS_TAXONOMY),
            "name": "Filet — champs du répertoire / directory fields",
            "description": "Champs bilingues et propres à Filet, portés par des attributs "
            "(value = texte). / Bilingual and Filet-specific fields carried by attributes.",
        },
        {
            "id": stable_id("taxonomy", TERRITORIES_TAXONOMY),
            "name": "Filet — territoires desservis / territories served",
            "description": "Régions et secteurs ; name = nom français, description = nom "
            "anglais. / Regions and sectors; name in French, description in English.",
        },
    ]
    for entity, field in FIELD_TERMS:
        tables["taxonomy_term"].append(
            {
                "id": field_term_id(entity, field),
                "code": f"{entity}.{field}",
                "name": f"{entity}.{field}",
                "description": f"Filet field {field} of the {entity}.",
                "taxonomy_id": stable_id("taxonomy", FIELDS_TAXONOMY),
            }
        )
    for territory in Territory.objects.order_by("code"):
        tables["taxonomy_term"].append(
            {
                "id": territory_term_id(territory.code),
                "code": territory.code,
                "name": territory.name_fr,
                "description": territory.name_en or territory.name_fr,
                "taxonomy_id": stable_id("taxonomy", TERRITORIES_TAXONOMY),
            }
        )


def _attributes(tables: Tables, entity: str, link_id: str, values: dict[str, Any]) -> None:
    for field, value in values.items():
        if value in ("", None):
            continue
        term_id = field_term_id(entity, field)
        tables["attribute"].append(
            {
                "id": stable_id("attribute", f"{link_id}:{term_id}"),
                "link_id": link_id,
                "link_entity": entity,
                "link_type": "filet_field",
                "taxonomy_term_id": term_id,
                "value": str(value),
            }
        )


def _organisation_rows(tables: Tables, organisation: Organisation, org_id: str) -> None:
    profile: Profile = getattr(organisation, "profile", None) or Profile(organisation=organisation)
    tables["organization"].append(
        _clean(
            {
                "id": org_id,
                "name": organisation.name_fr,
                "alternate_name": organisation.name_en,
                "description": profile.mission_fr or organisation.name_fr,
                "email": profile.email,
                "website": profile.website,
            }
        )
    )
    texts = {field: getattr(profile, field) for field in PROFILE_TEXTS}
    _attributes(
        tables,
        "organization",
        org_id,
        {
            "acronym": organisation.acronym,
            "type": organisation.type,
            "privacy_regime": profile.privacy_regime,
            **texts,
        },
    )
    territories = profile.territories.all() if profile.pk else []
    for territory in sorted(territories, key=lambda t: t.code):
        term_id = territory_term_id(territory.code)
        tables["attribute"].append(
            {
                "id": stable_id("attribute", f"{org_id}:{term_id}"),
                "link_id": org_id,
                "link_entity": "organization",
                "link_type": "territory_served",
                "taxonomy_term_id": term_id,
            }
        )
    _contact_rows(tables, organisation, profile, org_id)
    _service_rows(tables, organisation, org_id)
    _location_rows(tables, organisation, org_id)


def _contact_rows(
    tables: Tables, organisation: Organisation, profile: Profile, org_id: str
) -> None:
    for phone in organisation.phones.all():
        phone_id = stable_id("phone", f"{org_id}:{phone.number}:{phone.extension or ''}")
        row: Row = {"id": phone_id, "organization_id": org_id, "number": phone.number}
        row |= {"extension": phone.extension, "type": phone.kind, "description": phone.label_fr}
        tables["phone"].append(_clean(row))
        _attributes(tables, "phone", phone_id, {"label_en": phone.label_en})
    for email in organisation.emails.all():
        contact_id = stable_id("contact", f"{org_id}:{email.address}")
        row = {"id": contact_id, "organization_id": org_id, "name": email.label_fr}
        tables["contact"].append(_clean(row | {"email": email.address}))
        _attributes(tables, "contact", contact_id, {"label_en": email.label_en})
    if profile.privacy_officer_name or profile.privacy_officer_email:
        contact_id = stable_id("privacy-officer", org_id)
        row = {"id": contact_id, "organization_id": org_id, "title": PRIVACY_OFFICER_TITLE}
        row |= {"name": profile.privacy_officer_name, "email": profile.privacy_officer_email}
        tables["contact"].append(_clean(row))
        if profile.privacy_officer_phone:
            number = profile.privacy_officer_phone
            phone_id = stable_id("phone", f"{contact_id}:{number}")
            row = {"id": phone_id, "contact_id": contact_id, "number": number, "type": "voice"}
            tables["phone"].append(row)


def _service_rows(tables: Tables, organisation: Organisation, org_id: str) -> None:
    for service in sorted(organisation.services.all(), key=lambda s: (s.name_fr, s.pk)):
        service_id = str(service.hsds_id or stable_id("service", service.pk))
        row = {"id": service_id, "organization_id": org_id, "name": service.name_fr}
        row |= {"alternate_name": service.name_en, "description": service.description_fr}
        row |= {"status": "active", "eligibility_description": service.eligibility_fr}
        tables["service"].append(_clean(row | {"application_process": service.referral_fr}))
        if service.hours_fr:
            schedule = {"id": stable_id("schedule", service_id), "service_id": service_id}
            tables["schedule"].append(schedule | {"description": service.hours_fr})
        for code in service.languages:
            language_id = stable_id("language", f"{service_id}:{code}")
            name = LANGUAGE_NAMES.get(code, code)
            tables["language"].append(
                {"id": language_id, "service_id": service_id, "code": code, "name": name}
            )
        english = {name: getattr(service, name) for name in SERVICE_TEXTS}
        _attributes(tables, "service", service_id, english)


def _location_rows(tables: Tables, organisation: Organisation, org_id: str) -> None:
    for location in organisation.locations.all():
        if location.is_confidential:  # prefetched as public only; kept as a second lock
            continue
        location_id = str(location.hsds_id or stable_id("location", location.pk))
        row = {"id": location_id, "location_type": "physical", "organization_id": org_id}
        tables["location"].append(
            _clean(row | {"name": location.name_fr, "alternate_name": location.name_en})
        )
        address = {
            "id": stable_id("address", location_id),
            "location_id": location_id,
            "address_1": location.address_1,
            "address_2": location.address_2,
            "city": location.city,
            "state_province": location.province,
            "postal_code": location.postal_code,
            "country": "CA",
            "address_type": "physical",
        }
        tables["address"].append(_clean(address))


def _matrix_rows(tables: Tables, ids: dict[str, str]) -> None:
    """Stages and responsibilities from the matrix app, linked to the exported ids."""
    tables["taxonomy"] += matrix_hsds.taxonomies()
    tables["taxonomy_term"] += matrix_hsds.taxonomy_terms()
    for attribute in matrix_hsds.organisation_attributes():
        if attribute["link_id"] in ids:
            tables["attribute"].append(attribute | {"link_id": ids[attribute["link_id"]]})


def _clean(row: Row) -> Row:
    return {key: value for key, value in row.items() if value not in ("", None)}


# --- Output ---------------------------------------------------------------------------


def to_json(tables: Tables) -> list[Row]:
    """Nest the tables into organization objects (schema: organization_package)."""
    terms = {row["id"]: row for row in tables["taxonomy_term"]}
    taxonomies = {row["id"]: row for row in tables["taxonomy"]}
    attributes = _group(tables["attribute"], "link_id")

    def with_attributes(row: Row) -> Row:
        found = [_embed_term(attribute, terms, taxonomies) for attribute in attributes[row["id"]]]
        return row | {"attributes": found} if found else dict(row)

    phones = _group(tables["phone"], "organization_id")
    contact_phones = _group(tables["phone"], "contact_id")
    contacts = _group(tables["contact"], "organization_id")
    services = _group(tables["service"], "organization_id")
    schedules, languages = (
        _group(tables["schedule"], "service_id"),
        _group(tables["language"], "service_id"),
    )
    locations, addresses = (
        _group(tables["location"], "organization_id"),
        _group(tables["address"], "location_id"),
    )
    organizations = []
    for org in tables["organization"]:
        org_id = org["id"]
        organizations.append(
            with_attributes(org)
            | {
                "phones": [with_attributes(p) for p in phones[org_id]],
                "contacts": [
                    with_attributes(c) | {"phones": contact_phones[c["id"]]}
                    for c in contacts[org_id]
                ],
                "services": [
                    with_attributes(s)
                    | {"schedules": schedules[s["id"]], "languages": languages[s["id"]]}
                    for s in services[org_id]
                ],
                "locations": [
                    loc | {"addresses": addresses[loc["id"]]} for loc in locations[org_id]
                ],
            }
        )
    return organizations


def _group(rows: Iterable[Row], key: str) -> defaultdict[str, list[Row]]:
    grouped: defaultdict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.get(key):
            grouped[row[key]].append(row)
    return grouped


def _embed_term(attribute: Row, terms: dict[str, Row], taxonomies: dict[str, Row]) -> Row:
    term = terms.get(attribute.get("taxonomy_term_id", ""))
    if term is None:
        return dict(attribute)
    detail = taxonomies.get(term.get("taxonomy_id", ""))
    embedded = term | {"taxonomy_detail": detail} if detail else dict(term)
    return attribute | {"taxonomy_term": embedded}


def to_json_bytes(tables: Tables) -> bytes:
    return json.dumps(to_json(tables), ensure_ascii=False, indent=2, sort_keys=True).encode()


def datapackage(tables: Tables) -> Row:
    """The package descriptor: one resource per table written, fields as in HSDS 3.0."""
    resources = []
    for name, columns in COLUMNS.items():
        fields = [
            {"name": c, "type": "number" if (name, c) in NUMBER_COLUMNS else "string"}
            for c in columns
        ]
        resources.append(
            {
                "name": name,
                "path": PATHS[name],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": "id"},
            }
        )
    return {
        "name": "filet_directory",
        "title": "Filet — répertoire des partenaires / partner directory",
        "profile": "tabular-data-package",
        "version": "3.0.0",
        "resources": resources,
    }


def csv_text(name: str, rows: list[Row]) -> str:
    """One table as CSV; cells that a spreadsheet would run as a formula are defused."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS[name], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _defuse(value) for key, value in row.items()})
    return buffer.getvalue()


def _defuse(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_zip_bytes(tables: Tables) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(datapackage(tables), indent=2))
        for name in COLUMNS:
            archive.writestr(PATHS[name], csv_text(name, tables[name]))
    return buffer.getvalue()


def summary(tables: Tables) -> dict[str, int]:
    return {
        "organizations": len(tables["organization"]),
        "services": len(tables["service"]),
        "locations": len(tables["location"]),
    }
