"""Small files built in memory for the upload tests: no fixture file on disk."""

import io
import struct
import zipfile
import zlib

from tests.resources.builders import PDF

__all__ = ["PDF", "jpeg_with_exif", "ooxml", "png_with_text"]

OOXML_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="{main}"/>{extra}</Types>'
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def ooxml(main: str = DOCX_MAIN, *, macro: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", OOXML_TYPES.format(main=main, extra=""))
        archive.writestr("word/document.xml", "<w:document/>")
        if macro:
            archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
    return buffer.getvalue()


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def jpeg_with_exif(*, metadata: bool = True) -> bytes:
    """SOI, JFIF, an EXIF segment naming a camera and a place, a comment, a tiny frame;
    without the EXIF segment and the comment when `metadata` is False."""
    exif = b"Exif\x00\x00MM\x00\x2aGPS 46.81N 71.21W Camera-XYZ"
    frame = b"\x08\x00\x01\x00\x01\x01\x01\x11\x00"
    scan = b"\x01\x01\x00\x00\x3f\x00"
    return (
        b"\xff\xd8"
        + _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + (_segment(0xE1, exif) + _segment(0xFE, b"taken at home") if metadata else b"")
        + _segment(0xC0, frame)
        + _segment(0xDA, scan)
        + b"\x00\x00\x00"
        + b"\xff\xd9"
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_with_text() -> bytes:
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"tEXt", b"Author\x00Someone")
        + _chunk(b"eXIf", b"MM\x00\x2aGPS")
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )
