"""The answering page: personal invitations answer once, the anonymous link lets people
choose their group, drafts come back on the same browser, and what is stored says nothing
about who answered."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.feedback.conftest import new_survey, open_wave
from wandel.core.models import AuditEvent
from wandel.feedback.surveys.answering import DRAFT_COOKIE, digest
from wandel.feedback.surveys.models import Answer, Draft, Participant, Response
from wandel.feedback.surveys.services import wave_close

ADKAR_ANSWERS = {
    "q-awareness": "4",
    "q-desire": "2",
    "q-knowledge": "3",
    "q-ability": "5",
    "q-reinforcement": "1",
}


def invite(wave, person) -> str:
    """A personal token for ``person``, as an invitation would hold it."""
    token = f"token-of-{person.pk}"
    Participant.objects.filter(wave=wave, person=person).update(
        token_digest=digest(token), invited=True
    )
    return token


def url(token: str) -> str:
    return reverse("feedback:answer", args=[token])


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def test_an_invitation_answers_once_and_the_response_names_nobody(org, client):
    wave = open_wave(new_survey())
    eva = org.people["eva"]
    token = invite(wave, eva)
    events = AuditEvent.objects.count()

    page = client.get(url(token))
    assert page.status_code == 200
    assert "I understand why our organisation is introducing GenAI." in page.text

    sent = client.post(url(token), {**ADKAR_ANSWERS, "submit": "1"})
    assert sent.status_code == 302
    assert sent["Location"] == reverse("feedback:answer_done")

    response = Response.objects.get()
    # Everything the row holds: a random id, the wave, the reporting group and whether the
    # figures count it yet. No person, participant, token, address or time.
    assert {f.name for f in Response._meta.concrete_fields} == {
        "id",
        "wave",
        "unit_key",
        "role_key",
        "released",
    }
    assert (response.wave_id, response.unit_key, response.role_key) == (wave.pk, "ENG", "")
    assert sorted(
        Answer.objects.filter(response=response).values_list("question__key", "number")
    ) == [("ability", 5), ("awareness", 4), ("desire", 2), ("knowledge", 3), ("reinforcement", 1)]
    assert Participant.objects.get(wave=wave, person=eva).answered is True
    assert AuditEvent.objects.count() == events

    again = client.post(url(token), {**ADKAR_ANSWERS, "submit": "1"})
    assert again.status_code == 409
    assert "already been answered" in again.text
    assert Response.objects.count() == 1


def test_an_unknown_token_is_not_found(org, client):
    open_wave(new_survey())
    assert client.get(url("nothing-like-it")).status_code == 404


def test_a_closed_wave_says_so_and_stores_nothing(org, client):
    wave = open_wave(new_survey())
    token = invite(wave, org.people["eva"])
    wave_close(wave=wave, actor=None)
    assert client.get(url(token)).status_code == 410
    refused = client.post(url(token), {**ADKAR_ANSWERS, "submit": "1"})
    assert refused.status_code == 410
    assert "not open for answers" in refused.text
    assert Response.objects.count() == 0


def test_required_questions_are_named_and_nothing_is_stored(org, client):
    wave = open_wave(new_survey(template="pulse_genai"))
    token = invite(wave, org.people["eva"])
    page = client.post(
        url(token),
        {"q-trust": "4", "q-usefulness": "9", "q-workload": "3", "q-worries": "2", "submit": "1"},
    )
    assert page.status_code == 400
    assert 'id="error-usefulness"' in page.text
    assert "Choose a value from 1 to 5." in page.text
    assert 'id="error-recommend"' in page.text
    assert 'id="error-comment"' not in page.text  # optional
    assert 'value="4" checked' in page.text  # what was given is kept
    assert Response.objects.count() == 0
    assert Participant.objects.get(wave=wave, person=org.people["eva"]).answered is False


def test_free_text_questions_warn_not_to_write_names(org, client):
    wave = open_wave(new_survey(template="pulse_genai"))
    page = client.get(url(invite(wave, org.people["eva"])))
    assert 'id="warning-comment"' in page.text
    assert "Please do not write names" in page.text


def test_the_anonymous_link_lets_people_choose_their_group_or_none(org, client):
    wave = open_wave(new_survey(distribution="link"))
    page = client.get(url(wave.link_token))
    assert page.status_code == 200
    assert '<option value="SAL|">Sales</option>' in page.text
    assert "Prefer not to say" in page.text

    client.post(url(wave.link_token), {**ADKAR_ANSWERS, "group": "SAL|", "submit": "1"})
    client.post(url(wave.link_token), {**ADKAR_ANSWERS, "group": "", "submit": "1"})
    refused = client.post(url(wave.link_token), {**ADKAR_ANSWERS, "group": "XX|", "submit": "1"})
    assert refused.status_code == 400
    assert sorted(Response.objects.values_list("unit_key", flat=True)) == ["", "SAL"]
    assert not Participant.objects.filter(answered=True).exists()


def test_a_signed_in_person_on_the_link_is_matched_and_answers_once(org, client):
    wave = open_wave(new_survey(distribution="link"))
    nora = org.people["nora"]
    client.force_login(nora.user)
    page = client.get(url(wave.link_token))
    assert "Which group do you belong to?" not in page.text

    client.post(url(wave.link_token), {**ADKAR_ANSWERS, "group": "ENG|", "submit": "1"})
    # Her group is her snapshot's, whatever she sends.
    assert list(Response.objects.values_list("unit_key", flat=True)) == ["SAL"]
    assert Participant.objects.get(wave=wave, person=nora).answered is True
    assert client.get(url(wave.link_token)).status_code == 409


def test_the_link_of_an_invitation_survey_is_not_a_way_in(org, client):
    wave = open_wave(new_survey(distribution="invitations"))
    assert client.get(url(wave.link_token)).status_code == 404


def test_a_draft_comes_back_on_the_same_browser_and_goes_when_sent(org, client):
    wave = open_wave(new_survey(template="training_evaluation"))
    token = invite(wave, org.people["eva"])
    saved = client.post(
        url(token),
        {"q-useful": "6", "q-topics": ["retrieval"], "q-best": "The examples", "save": "1"},
    )
    assert saved.status_code == 200
    assert 'id="draft-saved"' in saved.text
    key = saved.cookies[f"{DRAFT_COOKIE}{wave.pk}"].value
    draft = Draft.objects.get()
    assert draft.key_digest == digest(key)
    assert {f.name for f in Draft._meta.concrete_fields} == {
        "id",
        "key_digest",
        "wave",
        "answers",
        "saved_on",
    }
    assert Response.objects.count() == 0

    back = client.get(url(token))
    assert 'id="draft-resumed"' in back.text
    assert 'value="6" checked' in back.text
    assert 'value="retrieval" checked' in back.text
    assert 'value="The examples"' in back.text

    elsewhere = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert 'id="draft-resumed"' not in elsewhere.get(url(token)).text

    done = client.post(
        url(token),
        {
            "q-useful": "6",
            "q-pace": "right",
            "q-topics": ["retrieval", "guardrails"],
            "submit": "1",
        },
    )
    assert done.status_code == 302
    assert Draft.objects.count() == 0
    assert sorted(Answer.objects.values_list("question__key", "number", "choice", "text")) == [
        ("pace", None, "right", ""),
        ("topics", None, "guardrails", ""),
        ("topics", None, "retrieval", ""),
        ("useful", 6, "", ""),
    ]


def test_the_thank_you_page_needs_no_account(db, client):
    page = client.get(reverse("feedback:answer_done"))
    assert page.status_code == 200
    assert 'id="thanks"' in page.text


def test_a_draft_on_the_link_keeps_the_chosen_group(org, client):
    wave = open_wave(new_survey(distribution="link"))
    saved = client.post(url(wave.link_token), {"q-desire": "2", "group": "ENG|", "save": "1"})
    assert saved.status_code == 200
    back = client.get(url(wave.link_token))
    assert '<option value="ENG|" selected>Engineering</option>' in back.text
    assert 'value="2" checked' in back.text
