"""Files of a course, uploaded by a trainer: checked, kept in the data directory under a
random name, audited when they come and go.

Only document and image types people hand out in a training are taken (``ALLOWED``), up to
``MAX_BYTES``; a file whose content does not look like its type (an HTML page named .pdf)
is refused, since it is downloaded by everyone who sees trainings. Downloads are always
attachments, never shown inline (``views.course_file_download``).
"""

from __future__ import annotations

from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record
from wandel.core.models import User
from wandel.enablement.trainings.models import Course, CourseFile, TrainingAction
from wandel.enablement.trainings.services import TrainingError

__all__ = [
    "ALLOWED",
    "MAX_BYTES",
    "course_file_remove",
    "course_file_upload",
]

MAX_BYTES = 10 * 1024 * 1024
# Type by file name ending, and how its content begins where the type has a signature
# (None: plain text formats, checked to hold no markup instead).
ALLOWED: dict[str, bytes | None] = {
    ".pdf": b"%PDF-",
    ".pptx": b"PK\x03\x04",
    ".docx": b"PK\x03\x04",
    ".xlsx": b"PK\x03\x04",
    ".odp": b"PK\x03\x04",
    ".odt": b"PK\x03\x04",
    ".ods": b"PK\x03\x04",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".txt": None,
    ".md": None,
    ".csv": None,
}
MARKUP = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml")

TITLE_REQUIRED = _("Give the file a title.")
FILE_REQUIRED = _("Choose a file.")
TYPE_REFUSED = _(
    "“%(name)s” is not a type Wandel keeps for courses; upload PDF, PowerPoint, Word, Excel, "
    "OpenDocument, PNG, JPEG or plain text."
)
CONTENT_MISMATCH = _("“%(name)s” does not contain what its name says; it was not uploaded.")
TOO_LARGE = _("“%(name)s” is larger than %(limit)s MB.")


def _check(upload: UploadedFile) -> str:
    name = PurePath(upload.name or "").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED:
        raise TrainingError(TYPE_REFUSED % {"name": name}, field="file")
    if (upload.size or 0) > MAX_BYTES:
        raise TrainingError(
            TOO_LARGE % {"name": name, "limit": MAX_BYTES // 1024 // 1024}, field="file"
        )
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    signature = ALLOWED[suffix]
    if signature is not None and not head.startswith(signature):
        raise TrainingError(CONTENT_MISMATCH % {"name": name}, field="file")
    if signature is None and any(mark in head.lower() for mark in MARKUP):
        raise TrainingError(CONTENT_MISMATCH % {"name": name}, field="file")
    return name


@user_action
def course_file_upload(
    *, course: Course, title: str, upload: UploadedFile | None, actor: User | None
) -> CourseFile:
    title = title.strip()
    if not title:
        raise TrainingError(TITLE_REQUIRED, field="title")
    if upload is None:
        raise TrainingError(FILE_REQUIRED, field="file")
    name = _check(upload)
    stored = CourseFile(
        course=course, title=title, original_name=name, size=upload.size or 0, uploaded_by=actor
    )
    stored.file.save(name, upload, save=False)
    stored.save()
    audit_record(
        actor=actor,
        action=TrainingAction.FILE_UPLOADED,
        target=course,
        changes={"file": stored.pk, "title": title, "name": name, "bytes": stored.size},
    )
    return stored


@user_action
def course_file_remove(*, course_file: CourseFile, actor: User | None) -> None:
    """Remove the file from the course, and from the data directory once the removal is
    recorded (a failed transaction keeps both)."""
    path, storage = course_file.file.name or "", course_file.file.storage
    audit_record(
        actor=actor,
        action=TrainingAction.FILE_REMOVED,
        target=course_file.course,
        changes={"file": course_file.pk, "title": course_file.title},
    )
    course_file.delete()
    if path:
        transaction.on_commit(lambda: storage.delete(path))
