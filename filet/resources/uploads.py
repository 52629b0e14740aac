"""Checking an uploaded file before it is kept (ASVS 5.2, 5.3): allowed types only, a size
limit, the extension and the sniffed content agreeing, no active content, and image
metadata (EXIF, text chunks) removed. Pure functions over bytes; nothing is written here."""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

OOXML_MAIN = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "txt": "text/plain; charset=utf-8",
}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Names a PDF uses to run code, open something or carry another file.
_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia)(?![A-Za-z0-9])")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_ZIP_MAX_ENTRIES = 5000
_ZIP_MAX_UNCOMPRESSED = 200 * 1024 * 1024
_PNG_DROPPED = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
# JPEG segments kept: JFIF (APP0), ICC colour profile (APP2), Adobe colour transform (APP14).
_JPEG_KEPT_APP = {0xE0, 0xE2, 0xEE}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    extension: str
    content_type: str
    data: bytes


def max_size() -> int:
    return int(getattr(settings, "FILET_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def safe_name(name: str) -> str:
    """The file's own name, for the download: no folder part, no control characters."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = unicodedata.normalize("NFC", base)
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C" and c not in '<>:"|?*')
    base = base.strip().strip(".")
    if len(base) > 100:
        stem, _dot, ext = base.rpartition(".")
        base = f"{stem[: 95 - len(ext)]}.{ext}" if stem else base[:100]
    return base


def check_upload(name: str, data: bytes) -> CheckedFile:
    """The file ready to store, or a ValidationError saying what is wrong with it."""
    clean = safe_name(name)
    extension = clean.rpartition(".")[2].lower() if "." in clean else ""
    if extension not in CONTENT_TYPES:
        raise ValidationError(
            _(
                "This type of file is not accepted. "
                "Accepted: PDF, PNG, JPEG, DOCX, XLSX, PPTX, TXT."
            ),
            code="type",
        )
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    if len(data) > max_size():
        raise ValidationError(
            _("The file is larger than %(limit)s."),
            code="size",
            params={"limit": filesizeformat(max_size())},
        )
    kind = "jpg" if extension == "jpeg" else extension
    if sniff(data) != kind:
        raise ValidationError(
            _("The file's content does not match its extension “.%(extension)s”."),
            code="mismatch",
            params={"extension": extension},
        )
    data = _checked_content(kind, data)
    return CheckedFile(clean, extension, CONTENT_TYPES[extension], data)


def sniff(data: bytes) -> str | None:
    """What the bytes are, from their signature: an extension of CONTENT_TYPES or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(PNG_SIGNATURE):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"PK\x03\x04"):
        return _ooxml_kind(data)
    if _is_plain_text(data):
        return "txt"
    return None


def _is_plain_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(c in "\t\n\r\f" or unicodedata.category(c) != "Cc" for c in text)


def _ooxml_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return None
    for extension, main in OOXML_MAIN.items():
        if main in types:
            return extension
    return None


def _checked_content(kind: str, data: bytes) -> bytes:
    if kind == "pdf":
        _refuse_active_pdf(data)
    elif kind in OOXML_MAIN:
        _refuse_active_ooxml(data)
    elif kind == "jpg":
        return strip_jpeg(data)
    elif kind == "png":
        return strip_png(data)
    return data


def _refuse_active_pdf(data: bytes) -> None:
    # Names may spell letters as #xx ("/J#61vaScript"): decode them before looking.
    plain = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), data)
    if _PDF_ACTIVE.search(plain):
        raise ValidationError(
            _("This PDF holds scripts, actions or embedded files; they are not accepted."),
            code="active",
        )


def _refuse_active_ooxml(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        types = archive.read("[Content_Types].xml").decode("utf-8", "replace").lower()
    total = sum(entry.file_size for entry in entries)
    if len(entries) > _ZIP_MAX_ENTRIES or total > _ZIP_MAX_UNCOMPRESSED:
        raise ValidationError(_("This document is too large once unpacked."), code="size")
    names = [entry.filename.lower() for entry in entries]
    # Macros (vbaProject.bin), ActiveX controls and embedded OLE objects can all run code.
    active = any(
        name.endswith("vbaproject.bin")
        or "/activex/" in f"/{name}"
        or "/embeddings/oleobject" in f"/{name}"
        for name in names
    )
    if active or "macroenabled" in types or "vbaproject" in types:
        raise ValidationError(
            _("This document holds macros or active content; they are not accepted."),
            code="active",
        )


def _corrupt() -> ValidationError:
    return ValidationError(_("The image is damaged and cannot be read."), code="corrupt")


def strip_jpeg(data: bytes) -> bytes:
    """The JPEG without its metadata segments (EXIF, XMP, IPTC, comments)."""
    out = bytearray(data[:2])
    position = 2
    while position < len(data):
        if data[position] != 0xFF or position + 1 >= len(data):
            raise _corrupt()
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9 or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out += data[position : position + 2]
            position += 2
            continue
        if position + 4 > len(data):
            raise _corrupt()
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        end = position + 2 + length
        if length < 2 or end > len(data):
            raise _corrupt()
        if marker == 0xDA:  # start of scan: the compressed image runs to the end
            out += data[position:]
            return bytes(out)
        metadata = (0xE0 <= marker <= 0xEF and marker not in _JPEG_KEPT_APP) or marker == 0xFE
        if not metadata:
            out += data[position:end]
        position = end
    return bytes(out)


def strip_png(data: bytes) -> bytes:
    """The PNG without its text, EXIF and time chunks."""
    out = bytearray(PNG_SIGNATURE)
    position = len(PNG_SIGNATURE)
    while position + 12 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if end > len(data):
            raise _corrupt()
        if kind not in _PNG_DROPPED:
            out += data[position:end]
        position = end
        if kind == b"IEND":
            return bytes(out)
    raise _corrupt()
