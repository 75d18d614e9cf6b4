"""Files of a course: a trainer uploads them, everyone who sees trainings downloads them as
attachments, types and sizes are checked by content, and every upload and removal is
audited; the file leaves the data directory with its removal."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.support.enablement import make_course
from tests.support.personas import make_user
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.enablement.trainings.models import CourseFile

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def signed_in(role: Role) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(make_user(role))
    return client


def upload(client: Client, course, name: str, content: bytes, title: str = "Slides"):
    return client.post(
        f"/enablement/courses/{course.pk}/files/",
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )


def test_a_trainer_uploads_a_pdf_that_everyone_downloads_as_an_attachment(media):
    course = make_course()
    trainer = signed_in(Role.TRAINER)

    response = upload(trainer, course, "Safe use slides.pdf", PDF)

    assert response.status_code == 302
    stored = CourseFile.objects.get()
    assert (stored.title, stored.original_name, stored.size) == (
        "Slides",
        "Safe use slides.pdf",
        len(PDF),
    )
    assert stored.file.name.startswith("enablement/materials/")
    assert "Safe use" not in stored.file.name  # kept under a random name
    page = signed_in(Role.EMPLOYEE).get(course.get_absolute_url()).content.decode()
    assert f'href="/enablement/course-files/{stored.pk}/" download>Slides</a>' in page
    download = signed_in(Role.EMPLOYEE).get(f"/enablement/course-files/{stored.pk}/")
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"] == 'attachment; filename="Safe use slides.pdf"'
    assert b"".join(download.streaming_content) == PDF
    event = AuditEvent.objects.get(action="enablement.course_file_uploaded")
    assert event.changes == {
        "file": stored.pk,
        "title": "Slides",
        "name": "Safe use slides.pdf",
        "bytes": len(PDF),
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.html", b"<html>hi</html>", "“page.html” is not a type Wandel keeps for courses"),
        ("slides.pdf", b"<!doctype html><script>x</script>", "“slides.pdf” does not contain"),
        ("notes.txt", b"<script>alert(1)</script>", "“notes.txt” does not contain"),
        ("deck.pptx", b"%PDF-1.7", "“deck.pptx” does not contain what its name says"),
    ],
)
def test_a_file_of_another_type_than_its_name_or_a_web_page_is_refused(name, content, message):
    course = make_course()

    response = upload(signed_in(Role.TRAINER), course, name, content)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CourseFile.objects.exists()
    assert not AuditEvent.objects.filter(action="enablement.course_file_uploaded").exists()


def test_a_file_over_ten_megabytes_is_refused(settings):
    course = make_course()

    response = upload(signed_in(Role.TRAINER), course, "big.pdf", PDF + b"0" * (10 * 2**20))

    assert response.status_code == 400
    assert "“big.pdf” is larger than 10 MB." in response.content.decode()


def test_an_employee_cannot_upload_or_remove(media):
    course = make_course()
    upload(signed_in(Role.TRAINER), course, "a.pdf", PDF)
    stored = CourseFile.objects.get()
    employee = signed_in(Role.EMPLOYEE)

    assert upload(employee, course, "b.pdf", PDF).status_code == 403
    assert employee.post(f"/enablement/course-files/{stored.pk}/remove/").status_code == 403
    assert CourseFile.objects.count() == 1


def test_removing_a_file_is_audited_and_takes_it_off_the_disk(
    media, django_capture_on_commit_callbacks
):
    course = make_course()
    trainer = signed_in(Role.TRAINER)
    upload(trainer, course, "a.pdf", PDF)
    stored = CourseFile.objects.get()
    on_disk = media / stored.file.name
    assert on_disk.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = trainer.post(f"/enablement/course-files/{stored.pk}/remove/")

    assert response.status_code == 302
    assert not CourseFile.objects.exists()
    assert not on_disk.exists()
    event = AuditEvent.objects.get(action="enablement.course_file_removed")
    assert event.changes == {"file": stored.pk, "title": "Slides"}
