"""Reads the forms of a page as a browser would, and fills them in: the attack suite submits
Filet's own forms, whatever fields they have today."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""
    maxlength: int | None = None
    options: list[str] = field(default_factory=list)
    multiple: bool = False
    checked: bool = False


@dataclass
class Form:
    action: str | None
    method: str
    fields: list[Field] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(a.get("action"), a.get("method", "get").lower())
            self.forms.append(self._form)
        if self._form is None or ("name" not in a and tag != "option"):
            return
        maxlength = int(a["maxlength"]) if a.get("maxlength", "").isdigit() else None
        if tag == "input":
            kind = a.get("type", "text").lower()
            item = Field(a["name"], kind, a.get("value", ""), maxlength, checked="checked" in a)
            self._form.fields.append(item)
        elif tag == "textarea":
            self._textarea = Field(a["name"], "textarea", "", maxlength)
            self._form.fields.append(self._textarea)
        elif tag == "select":
            self._select = Field(a["name"], "select", multiple="multiple" in a)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data


def forms(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    return parser.forms


def post_forms(html: str) -> list[Form]:
    return [form for form in forms(html) if form.method == "post"]


TEXT_KINDS = {"text", "textarea", "search", ""}


def fill(form: Form, text: str, url: str) -> dict[str, object]:
    """Data a person could submit: `text` in every text field (cut to its maximum length),
    `url` in every address field, plausible values elsewhere, hidden fields as served."""
    data: dict[str, object] = {}
    today = date.today()
    for item in form.fields:
        if item.name == "csrfmiddlewaretoken" or item.kind in {"submit", "button", "file"}:
            continue
        if item.kind in TEXT_KINDS:
            data[item.name] = text[: item.maxlength] if item.maxlength else text
        elif item.kind == "url":
            data[item.name] = url
        elif item.kind == "email":
            data[item.name] = "person@test.example"
        elif item.kind == "number":
            data[item.name] = item.value or "1"
        elif item.kind == "date":
            data[item.name] = item.value or (today + timedelta(days=7)).isoformat()
        elif item.kind == "datetime-local":
            data[item.name] = item.value or f"{today + timedelta(days=7)}T10:00"
        elif item.kind == "time":
            data[item.name] = item.value or "10:00"
        elif item.kind == "month":
            data[item.name] = item.value or today.strftime("%Y-%m")
        elif item.kind in {"checkbox", "radio"}:
            if item.name not in data:
                data[item.name] = item.value or "on"
        elif item.kind == "select":
            choices = [option for option in item.options if option]
            if choices:
                data[item.name] = choices[:2] if item.multiple else choices[0]
        else:  # hidden, password, tel, color…
            data[item.name] = item.value
    return data
