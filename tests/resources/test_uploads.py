"""The upload checks, on files built in memory."""

import pytest
from django.core.exceptions import ValidationError

from filet.resources.uploads import check_upload, safe_name, sniff, strip_jpeg
from tests.resources.files import DOCM_MAIN, PDF, jpeg_with_exif, ooxml, png_with_text


def _code(name: str, data: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        check_upload(name, data)
    return caught.value.code or ""


def test_a_plain_pdf_is_accepted_as_is():
    checked = check_upload("guide.pdf", PDF)
    assert (checked.name, checked.content_type, checked.data) == (
        "guide.pdf",
        "application/pdf",
        PDF,
    )


def test_a_lying_extension_is_refused():
    assert _code("photo.jpg", PDF) == "mismatch"
    assert _code("guide.pdf", png_with_text()) == "mismatch"
    assert _code("notes.txt", PDF) == "mismatch"


def test_an_executable_renamed_to_text_is_refused():
    assert _code("readme.txt", b"MZ\x90\x00\x03\x00\x00\x00") == "mismatch"


def test_a_type_not_on_the_list_is_refused():
    assert _code("tool.exe", b"MZ\x90\x00") == "type"
    assert _code("page.html", b"<script>alert(1)</script>") == "type"
    assert _code("no-extension", PDF) == "type"


def test_an_oversized_file_is_refused(settings):
    settings.FILET_UPLOAD_MAX_BYTES = 100
    assert _code("guide.pdf", PDF + b"%" * 100) == "size"


def test_an_empty_file_is_refused():
    assert _code("guide.pdf", b"") == "empty"


@pytest.mark.parametrize(
    "active",
    [b"/JavaScript", b"/JS (app.alert(1))", b"/Launch", b"/EmbeddedFile", b"/J#61vaScript"],
)
def test_a_pdf_with_active_content_is_refused(active):
    data = PDF.replace(b"/Type/Catalog", b"/Type/Catalog/OpenAction<<" + active + b">>")
    assert _code("guide.pdf", data) == "active"


def test_a_pdf_naming_jsonish_words_is_not_mistaken_for_script():
    data = PDF.replace(b"/Type/Catalog", b"/Type/Catalog/JSONData 1")
    assert check_upload("guide.pdf", data).data == data


def test_a_word_document_is_accepted():
    data = ooxml()
    checked = check_upload("plan.docx", data)
    assert checked.content_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def test_a_document_with_macros_is_refused():
    assert _code("plan.docx", ooxml(macro=True)) == "active"


def test_a_macro_enabled_document_renamed_docx_is_refused():
    assert _code("plan.docx", ooxml(DOCM_MAIN)) == "mismatch"


def test_a_spreadsheet_renamed_as_a_document_is_refused():
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    assert sniff(ooxml(main)) == "xlsx"
    assert _code("plan.docx", ooxml(main)) == "mismatch"


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\guide.pdf", "guide.pdf"),
        ("/var/private/x.pdf", "x.pdf"),
        ("gu\x00ide\n.pdf", "guide.pdf"),
        ("..pdf", "pdf"),
    ],
)
def test_path_traversal_in_the_name_is_reduced_to_a_bare_name(given, kept):
    assert safe_name(given) == kept


def test_a_traversal_name_keeps_only_its_base_name_once_checked():
    assert check_upload("../../../../tmp/evil.pdf", PDF).name == "evil.pdf"


def test_exif_and_comments_are_stripped_from_a_jpeg():
    original = jpeg_with_exif()
    checked = check_upload("photo.jpeg", original)
    assert b"Exif" not in checked.data
    assert b"GPS" not in checked.data
    assert b"taken at home" not in checked.data
    assert checked.data.startswith(b"\xff\xd8\xff\xe0")  # JFIF kept
    assert checked.data.endswith(b"\xff\xd9")
    assert checked.data == jpeg_with_exif(metadata=False)


def test_a_damaged_jpeg_is_refused():
    assert _code("photo.jpg", b"\xff\xd8\xff\xe1\xff\xff") == "corrupt"
    with pytest.raises(ValidationError):
        strip_jpeg(b"\xff\xd8\x00")


def test_text_chunks_are_stripped_from_a_png():
    checked = check_upload("chart.png", png_with_text())
    assert b"tEXt" not in checked.data and b"Someone" not in checked.data
    assert b"eXIf" not in checked.data
    assert b"IDAT" in checked.data and checked.data.endswith(b"IEND\xaeB`\x82")


def test_plain_text_in_utf8_is_accepted():
    data = "Ressources — prévention\n".encode()
    assert check_upload("notes.txt", data).content_type == "text/plain; charset=utf-8"
