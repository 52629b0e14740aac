"""Open Referral HSDS 3.0: the export validates against the official schemas (read from
../shared/hsds-3.0 at test time), leaves confidential addresses out, and re-imports into an
empty database to the same directory; a bad file changes nothing and says where it is bad."""

import csv
import io
import json
import zipfile
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse

from filet.dashboard.management.commands.seed_demo import ORGANISATIONS
from filet.directory import demo, hsds, hsds_import
from filet.directory.models import Location, Profile, ProfileVersion, Service
from filet.organisations.models import Organisation
from tests.conftest import login

HSDS = Path("/work/shared/hsds-3.0")


def _schema(name: str) -> dict:
    return json.loads((HSDS / "schema" / "compiled" / f"{name}.json").read_text("utf-8"))


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_schema(name), format_checker=jsonschema.FormatChecker())


def _load_demo_directory() -> None:
    organisations = {
        slug: Organisation.objects.create(name_fr=fr, name_en=en, acronym=acronym, type=kind)
        for slug, fr, en, acronym, kind in ORGANISATIONS
    }
    demo.load(organisations)


def _csv_tables(data: bytes) -> dict[str, list[dict]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
            for name in archive.namelist()
            if name.endswith(".csv")
        }


@pytest.fixture
def demo_directory(db):
    _load_demo_directory()


@pytest.mark.django_db
class TestExport:
    def test_json_validates_against_the_official_organization_package(self, demo_directory):
        document = json.loads(hsds.to_json_bytes(hsds.build_tables()))
        errors = list(_validator("organization_package").iter_errors(document))
        assert errors == []
        assert len(document) == 13

    def test_csv_package_has_the_official_columns_and_valid_rows(self, demo_directory):
        data = hsds.to_zip_bytes(hsds.build_tables())
        official = json.loads((HSDS / "datapackage.json").read_text("utf-8"))
        columns = {
            r["path"]: [f["name"] for f in r["schema"]["fields"]] for r in official["resources"]
        }
        tables = _csv_tables(data)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for path in tables:
                header = archive.read(path).decode("utf-8").splitlines()[0].split(",")
                assert header == columns[path]
        document = {
            name: [
                {
                    key: (int(value) if (name, key) in hsds.NUMBER_COLUMNS else value)
                    for key, value in row.items()
                    if value != ""
                }
                for row in tables[hsds.PATHS[name]]
            ]
            for name in hsds.COLUMNS
        }
        assert list(_validator("tabular").iter_errors(document)) == []
        assert len(document["organization"]) == 13

    def test_confidential_addresses_are_never_exported(self, demo_directory):
        shelter = Location.objects.get(is_confidential=True)
        tables = hsds.build_tables()
        json_text = hsds.to_json_bytes(tables).decode()
        zip_text = str(_csv_tables(hsds.to_zip_bytes(tables)))
        for text in (json_text, zip_text):
            assert shelter.address_1 not in text
            assert shelter.name_fr not in text
            assert hsds.stable_id("location", shelter.pk) not in text

    def test_ids_are_stable_from_one_export_to_the_next(self, demo_directory):
        assert hsds.to_json_bytes(hsds.build_tables()) == hsds.to_json_bytes(hsds.build_tables())

    def test_cells_that_a_spreadsheet_would_run_are_defused(self, demo_directory):
        Service.objects.filter(name_fr="Texto").update(name_fr="=HYPERLINK(1)")
        Service.objects.filter(name_fr="Clinique jeunesse").update(name_fr="=HYPERLINK(1)")
        services = _csv_tables(hsds.to_zip_bytes(hsds.build_tables()))["services.csv"]
        assert "'=HYPERLINK(1)" in [row["name"] for row in services]

    def test_the_command_writes_a_file_and_one_line(self, demo_directory, tmp_path, capsys):
        output = tmp_path / "directory.json"
        call_command("export_hsds", "--format", "json", "--output", str(output))
        assert len(json.loads(output.read_text("utf-8"))) == 13
        assert capsys.readouterr().out == (
            f"export_hsds: 13 organizations, 14 services, 4 locations written to {output}\n"
        )

    def test_the_command_fails_loudly(self, demo_directory, tmp_path):
        with pytest.raises(CommandError, match="cannot write"):
            call_command("export_hsds", "--output", str(tmp_path / "missing" / "x.json"))


def _round_trip(to_bytes, name: str) -> tuple[bytes, bytes]:
    """Export the demo directory, roll the database back to empty, import, export again."""
    savepoint = transaction.savepoint()
    _load_demo_directory()
    first = to_bytes(hsds.build_tables())
    transaction.savepoint_rollback(savepoint)
    assert Organisation.objects.count() == 0
    report = hsds_import.import_package(
        hsds_import.read_upload(name, first), by=None, dry_run=False, source=name
    )
    assert report.problems == []
    assert report.counts() == {"create": 13, "update": 0}
    return first, to_bytes(hsds.build_tables())


@pytest.mark.django_db
class TestRoundTrip:
    def test_json(self):
        first, second = _round_trip(hsds.to_json_bytes, "directory.json")
        assert json.loads(second) == json.loads(first)

    def test_csv_package(self):
        first, second = _round_trip(hsds.to_zip_bytes, "directory.zip")
        assert _csv_tables(second) == _csv_tables(first)

    def test_reimporting_updates_in_place(self, demo_directory):
        tables = hsds_import.read_upload("d.json", hsds.to_json_bytes(hsds.build_tables()))
        counts = (Organisation.objects.count(), Service.objects.count())
        report = hsds_import.import_package(tables, by=None, dry_run=False, source="d.json")
        assert report.counts() == {"create": 0, "update": 13}
        assert (Organisation.objects.count(), Service.objects.count()) == counts
        assert Location.objects.filter(is_confidential=True).count() == 1

    def test_matched_by_name_then_keeps_the_hsds_id(self, personas):
        document = [{"id": "0b7bfa4e-1a57-4f4d-8a39-5f0c0c1d2e3f", "name": "Organisme A"}]
        document[0]["description"] = "Nouvelle mission"
        tables = hsds_import.read_json("a.json", json.dumps(document).encode())
        report = hsds_import.import_package(tables, by=None, dry_run=False, source="a.json")
        assert report.counts() == {"create": 0, "update": 1}
        profile = Profile.objects.get(organisation=personas.org_a)
        assert str(profile.hsds_id) == "0b7bfa4e-1a57-4f4d-8a39-5f0c0c1d2e3f"
        assert profile.mission_fr == "Nouvelle mission"
        assert ProfileVersion.objects.filter(profile=profile).count() == 1


BAD_JSON = [
    {
        "id": "11111111-1111-4111-8111-111111111111",
        "name": "Nouveau partenaire",
        "description": "Mission",
        "email": "not-an-email",
        "services": [
            {"id": "22222222-2222-4222-8222-222222222222", "name": "", "status": "active"}
        ],
    },
    {"id": "not-a-uuid", "name": "Autre", "description": "Mission"},
]


@pytest.mark.django_db
class TestBadImport:
    def test_json_problems_name_file_row_and_field_and_nothing_changes(self, personas):
        before = (Organisation.objects.count(), Profile.objects.count(), Service.objects.count())
        tables = hsds_import.read_json("bad.json", json.dumps(BAD_JSON).encode())
        report = hsds_import.import_package(tables, by=None, dry_run=False, source="bad.json")
        problems = {(p.file, p.row, p.field) for p in report.problems}
        assert problems == {
            ("bad.json", "0", "email"),
            ("bad.json", "0/services/0", "name"),
            ("bad.json", "1", "id"),
        }
        assert not report.applied
        assert (
            Organisation.objects.count(),
            Profile.objects.count(),
            Service.objects.count(),
        ) == before

    def test_csv_orphan_row_is_named(self, personas):
        files = {
            "organizations.csv": b"id,name,description\n"
            b"11111111-1111-4111-8111-111111111111,Nouveau,Mission\n",
            "services.csv": b"id,organization_id,name,status\n"
            b"22222222-2222-4222-8222-222222222222,33333333-3333-4333-8333-333333333333,S,active\n",
        }
        report = hsds_import.import_package(
            hsds_import.read_csv_files(files), by=None, dry_run=False, source="x.zip"
        )
        assert [(p.file, p.row, p.field) for p in report.problems] == [
            ("services.csv", "2", "organization_id")
        ]
        assert not Organisation.objects.filter(name_fr="Nouveau").exists()

    def test_unreadable_files_are_refused(self):
        with pytest.raises(hsds_import.UnreadableFile):
            hsds_import.read_upload("x.json", b"{not json")
        with pytest.raises(hsds_import.UnreadableFile):
            hsds_import.read_upload("x.zip", b"not a zip")

    def test_dry_run_writes_nothing(self, demo_directory, tmp_path, capsys):
        path = tmp_path / "d.json"
        path.write_bytes(hsds.to_json_bytes(hsds.build_tables()))
        Organisation.objects.filter(acronym="SPC").update(name_fr="Renommé")
        call_command("import_hsds", str(path), "--dry-run")
        out = capsys.readouterr().out
        assert "import_hsds: would create 0, would update 13 partners" in out
        assert Organisation.objects.filter(name_fr="Renommé").exists()

    def test_the_command_fails_on_a_bad_file(self, personas, tmp_path):
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(BAD_JSON))
        with pytest.raises(CommandError, match="3 problems, nothing imported"):
            call_command("import_hsds", str(path))


@pytest.mark.django_db
class TestPages:
    def test_export_is_the_coordinators(self, client, demo_directory, personas):
        login(client, personas.representative, reauthenticated=True)
        assert client.get(reverse("directory:hsds_export")).status_code == 403
        login(client, personas.coordinator, reauthenticated=True)
        response = client.get(reverse("directory:hsds_export"), {"format": "csv"})
        assert response["Content-Type"] == "application/zip"
        assert "organizations.csv" in _csv_tables(response.content)

    def test_upload_preview_then_apply(self, client, personas):
        login(client, personas.coordinator, reauthenticated=True)
        document = [{"id": "11111111-1111-4111-8111-111111111111", "name": "Nouveau partenaire"}]
        document[0]["description"] = "Mission"
        upload = io.BytesIO(json.dumps(document).encode())
        upload.name = "p.json"
        response = client.post(reverse("directory:hsds_import"), {"package": upload})
        assert response.status_code == 200
        assert [p.action for p in response.context["report"].plans] == ["create"]
        assert not Organisation.objects.filter(name_fr="Nouveau partenaire").exists()
        token = response.context["token"]
        response = client.post(reverse("directory:hsds_import"), {"package_token": token})
        assert response.status_code == 302
        assert Organisation.objects.filter(name_fr="Nouveau partenaire").exists()

    def test_a_bad_upload_shows_the_problems(self, client, personas):
        login(client, personas.coordinator, reauthenticated=True)
        upload = io.BytesIO(json.dumps(BAD_JSON).encode())
        upload.name = "bad.json"
        response = client.post(reverse("directory:hsds_import"), {"package": upload})
        assert response.status_code == 400
        assert "0/services/0" in response.content.decode()
        assert response.context["token"] == ""

    def test_a_forged_token_changes_nothing(self, client, personas):
        login(client, personas.coordinator, reauthenticated=True)
        response = client.post(reverse("directory:hsds_import"), {"package_token": "forged"})
        assert response.status_code == 302
        assert Organisation.objects.count() == 4
