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
