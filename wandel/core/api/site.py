"""The one NinjaAPI: authentication, the error handlers, and every registered router.

Every operation documents the refusals any operation can give (400, 401, 403, 404, 409
with ``ErrorOut``), so a client, and the schema fuzzing in CI, find no undocumented answer.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.operation import Operation

from wandel import __version__
from wandel.core.api import errors
from wandel.core.api.auth import authentication
from wandel.core.api.parser import CheckedParser
from wandel.core.api.registry import API_ROUTERS
from wandel.core.api.schemas import ErrorOut

DOCUMENTED_REFUSALS = {
    "400": "Invalid input; `errors` names the fields.",
    "401": "Not signed in, or the token is unknown, revoked or expired.",
    "403": "The caller may not do this.",
    "404": "No such object.",
    "409": "The input conflicts with the state of things.",
}


class WandelApi(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """The endpoint function's name (``dpia_get``), unique across the API, so that a
        client generated from the document keeps working when a module moves."""
        return operation.view_func.__name__

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault("ErrorOut", ErrorOut.model_json_schema())
        reference = {"$ref": "#/components/schemas/ErrorOut"}
        for item in schema.get("paths", {}).values():
            for operation in item.values():
                responses = operation.setdefault("responses", {})
                for status, description in DOCUMENTED_REFUSALS.items():
                    # Ninja keys an operation's own responses by number; where it documents
                    # its own body for a status (an import's list of problems), that stays.
                    if status in responses or int(status) in responses:
                        continue
                    responses[status] = {
                        "description": description,
                        "content": {"application/json": {"schema": reference}},
                    }
        return schema


def build_api() -> WandelApi:
    api = WandelApi(
        title="Wandel API",
        version="1",
        description=(
            f"Wandel {__version__}. Authenticate with `Authorization: Bearer <token>` "
            "(create one with `wandel create-token EMAIL`); pages and API share permissions "
            "and rules. Every refusal is an `ErrorOut`: a `detail` message and, where it "
            "concerns fields, `errors` by field."
        ),
        auth=authentication(),
        urls_namespace="api",
        parser=CheckedParser(),
    )
    errors.install(api)
    for mounted in API_ROUTERS:
        api.add_router(mounted.prefix, mounted.router)
    return api
