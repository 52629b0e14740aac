"""The local semgrep rules catch what they are for, offline; dependencies are locked with hashes."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEMGREP = Path(sys.executable).with_name("semgrep")

BAD_VIEW = """
from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django import forms


@csrf_exempt
def view(request, pk):
    thing = Thing.objects.get(pk=pk)
    Thing.objects.raw("SELECT 1")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    Thing.objects.annotate(x=RawSQL("1", []))
    Thing.objects.extra(where=["1=1"])
    return mark_safe(thing.name)


class ThingForm(forms.ModelForm):
    class Meta:
        model = Thing
        fields = "__all__"
"""

GOOD_VIEW = """
def view(request, pk):
    thing = visible_things(request.user).filter(pk=pk).first()
    return format_html("<b>{}</b>", thing.name)


class ThingForm(forms.ModelForm):
    class Meta:
        model = Thing
        fields = ["name"]
"""


def _scan(directory: Path) -> list[dict]:
    result = subprocess.run(  # noqa: S603 — our own tool, fixed arguments
        [
            str(SEMGREP),
            "scan",
            "--config",
            str(ROOT / ".semgrep" / "filet.yml"),
            "--metrics=off",
            "--disable-version-check",
            "--no-git-ignore",
            "--json",
            str(directory),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)["results"]


@pytest.mark.skipif(not SEMGREP.exists(), reason="semgrep is a development requirement")
def test_each_local_rule_fires_on_its_pattern_and_not_on_the_safe_form(tmp_path):
    bad = tmp_path / "bad"
    (bad / "templates").mkdir(parents=True)
    (bad / "views.py").write_text(BAD_VIEW, encoding="utf-8")
    (bad / "templates" / "page.html").write_text("<p>{{ text|safe }}</p>", encoding="utf-8")
    good = tmp_path / "good"
    (good / "templates").mkdir(parents=True)
    (good / "views.py").write_text(GOOD_VIEW, encoding="utf-8")
    (good / "templates" / "page.html").write_text("<p>{{ text }}</p>", encoding="utf-8")

    findings = _scan(tmp_path)  # one run of semgrep for both folders
    in_good = [f for f in findings if "/good/" in f["path"]]
    findings = [f for f in findings if "/bad/" in f["path"]]
    fired = {finding["check_id"].rsplit(".", 1)[-1] for finding in findings}
    assert fired == {
        "unscoped-objects-get-in-view",
        "raw-sql",
        "mark-safe",
        "model-form-all-fields",
        "csrf-exempt",
        "template-safe-filter",
    }
    raw = [f for f in findings if f["check_id"].endswith("raw-sql")]
    assert len(raw) == 4  # .raw, cursor.execute, RawSQL, .extra
    assert in_good == []


def _requirements() -> list[Path]:
    return sorted((ROOT / "requirements").glob("*.txt"))


def _entries(path: Path) -> list[str]:
    """Each requirement with its continuation lines, comments dropped."""
    text = re.sub(r"\s*#[^\n]*", "", path.read_text(encoding="utf-8"))
    return [entry.strip() for entry in text.replace("\\\n", " ").splitlines() if entry.strip()]


def _loose(entries: list[str]) -> list[str]:
    """The requirements not pinned with `==` and at least one sha256 hash."""
    return [
        entry.split()[0]
        for entry in entries
        if not entry.startswith("-")
        and not (
            re.match(r"^[A-Za-z0-9_.\-\[\],]+==[^\s=]+(\s|$)", entry)
            and re.search(r"--hash=sha256:[0-9a-f]{64}", entry)
        )
    ]


@pytest.mark.parametrize("path", _requirements(), ids=lambda p: p.name)
def test_every_requirement_is_pinned_with_hashes(path):
    assert _entries(path), f"{path.name} is empty"
    assert _loose(_entries(path)) == []


def test_the_requirement_check_sees_a_loose_pin_and_a_missing_hash(tmp_path):
    sample = tmp_path / "x.txt"
    sample.write_text(
        "django==5.2 \\\n    --hash=sha256:" + "a" * 64 + "  # via x\nrequests>=2 \\\n"
        "    --hash=sha256:" + "b" * 64 + "\nnh3==0.2\n",
        encoding="utf-8",
    )
    assert _loose(_entries(sample)) == ["requests>=2", "nh3==0.2"]
