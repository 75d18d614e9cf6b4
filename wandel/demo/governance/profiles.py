"""The answers the demo gives the EU AI Act questionnaire, by the kind of use case.

They are ids of the shipped questionnaire (``governance/data/ai_act/questionnaire.json``) and
compose from a few shared sets, so they stay code; the reasons the classifier writes for
them are content (``data/ai_act.toml``).
"""

from __future__ import annotations

_BASE = {
    "ai_system": "yes",
    "role": "deployer",
    "gpai_model": "no",
    "prohibited_practices": ["none"],
    "biometric_use": "no",
    "annex_iii_area": ["none"],
    "annex_i_product": "no",
    "employee_effect": ["none"],
    "per_user_evaluation": "no",
    "interaction": "no",
    "generated_content": ["none"],
}
_TEXT = {"generated_content": ["text"], "public_text": "no"}
_CHAT = {"interaction": "yes", **_TEXT}

# Answer sets of the shipped questionnaire, by the kind of use case.
PROFILES: dict[str, dict[str, object]] = {
    # Finds, sorts or extracts; nobody talks to it.
    "tool": dict(_BASE),
    # Writes drafts that a person checks.
    "text": {**_BASE, **_TEXT},
    # Changes how a team works, but evaluates nobody.
    "staff": {**_BASE, "employee_effect": ["work_changes"]},
    # Could be used to evaluate shifts or people.
    "staff_monitoring": {**_BASE, "employee_effect": ["monitoring", "work_changes"]},
    # Drafts text from what employees write or say.
    "text_staff": {**_BASE, **_TEXT, "employee_effect": ["monitoring", "work_changes"]},
    # A chat assistant: people talk to it (Art. 50 (1)).
    "chat": {**_BASE, **_CHAT},
    "chat_staff": {**_BASE, **_CHAT, "employee_effect": ["monitoring", "work_changes"]},
    # Texts the company publishes under its editorial responsibility.
    "marketing": {**_BASE, "generated_content": ["text"], "public_text": "editorial"},
    # Human resources, but none of the Annex III purposes.
    "hr_texts": {
        **_BASE,
        **_TEXT,
        "annex_iii_area": ["employment"],
        "employment_purpose": ["none"],
    },
    # Ranking applicants: high-risk (Annex III no. 4 (a)).
    "recruitment": {
        **_BASE,
        "annex_iii_area": ["employment"],
        "employment_purpose": ["recruitment"],
        "profiling": "yes",
        "decisions_on_people": "yes",
        "public_body": "no",
    },
    # Emotion recognition at the workplace: prohibited (Art. 5 (1) (f)).
    "emotion": {
        "ai_system": "yes",
        "role": "deployer",
        "gpai_model": "no",
        "prohibited_practices": ["emotion_workplace"],
        "emotion_basis": "biometric",
        "emotion_exception": "no",
    },
}


def is_profile(name: str) -> None:
    """A check for content files (``Annotated[str, is_profile]``): one of the profiles."""
    if name not in PROFILES:
        raise ValueError(f"{name!r} is not a profile ({', '.join(PROFILES)})")
