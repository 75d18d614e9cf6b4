"""The OpenAPI document names each operation after its endpoint function.

A client generated from the document (``operationId`` becomes a method name) keeps working
when an endpoint's module moves within the code.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def operation_ids(client) -> dict[tuple[str, str], str]:
    spec = client.get("/api/v1/openapi.json").json()
    return {
        (method, path): operation["operationId"]
        for path, item in spec["paths"].items()
        for method, operation in item.items()
    }


def test_operation_ids_are_the_endpoint_names(client):
    ids = operation_ids(client)

    assert ids[("get", "/api/v1/use-cases")] == "use_case_list"
    assert ids[("get", "/api/v1/governance/use-cases/{use_case_id}/dpia")] == "dpia_get"
    assert ids[("post", "/api/v1/governance/ethics-reviews/{review_id}/complete")] == (
        "ethics_review_complete"
    )
    assert ids[("get", "/api/v1/governance/codetermination")] == "codetermination_list"
    assert ids[("post", "/api/v1/governance/mitigations/{mitigation_id}/close")] == (
        "mitigation_close"
    )


def test_no_two_operations_share_an_id(client):
    ids = list(operation_ids(client).values())

    assert len(ids) > 90
    assert sorted(ids) == sorted(set(ids))


def wandel_schemas() -> dict[str, set[str]]:
    """Every schema class of Wandel's API by name, with the modules defining one of that
    name. The document keeps one component per name, so a second schema of the same name
    silently takes the first one's place (the gate checklist's items once replaced the
    ethics checklist's in the document)."""
    from ninja import Schema

    import wandel.urls  # noqa: F401 - builds the API, importing every router's module

    named: dict[str, set[str]] = {}
    waiting = list(Schema.__subclasses__())
    while waiting:
        schema = waiting.pop()
        waiting += schema.__subclasses__()
        if schema.__module__.startswith("wandel."):
            named.setdefault(schema.__name__, set()).add(schema.__module__)
    return named


def test_no_two_schemas_share_a_name():
    named = wandel_schemas()

    assert {"GateItemOut", "ChecklistItemOut", "UseCaseOut"} <= set(named)
    assert {name: modules for name, modules in named.items() if len(modules) > 1} == {}
