"""The API answers what its OpenAPI schema says, whatever it is sent: schemathesis generates requests for every
operation (valid and invalid data), as a learner and as a coordinator, and checks each answer against the
schema (documented status, content type, body) and that nothing is a server error."""

import time

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import JournalEntryFactory

pytestmark = pytest.mark.django_db(transaction=False)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
EXAMPLES_PER_OPERATION = 25


def test_malformed_or_unknown_ids_answer_json_404(learner):
    api = APIClient()
    api.force_authenticate(learner)
    for path in (
        "/api/v1/journal/abc/",
        "/api/v1/journal/-1/",
        "/api/v1/journal/99999999999999999999999/",
        "/api/v1/lessons/1e3/done/",
        "/api/v1/nothing-here/",
    ):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/json", path
        assert response.json()["detail"] == "Il n'y a rien à cette adresse de l'API.", path
    assert APIClient().get("/api/v1/journal/abc/")["Content-Type"] == "application/json"


def test_schema_documents_the_error_answers_of_every_operation(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    operations = [(path, method, op) for path, item in schema["paths"].items() for method, op in item.items()]
    assert len(operations) == 15
    for path, method, operation in operations:
        codes = set(operation["responses"])
        assert {"400", "401", "403", "404", "405", "406"} <= codes, (path, method)
        assert ("415" in codes) == (method in {"post", "put", "patch"}), (path, method)


@pytest.fixture
def _connection_kept_between_requests():
    """Django's WSGI handler closes the database connection after each request; inside a test's transaction
    (on PostgreSQL) that would end the test's connection. Django's test client does the same as this."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("_connection_kept_between_requests")
def test_every_operation_holds_its_contract_as_learner_and_coordinator(learner, coordinator, course):
    JournalEntryFactory(learner=learner, title="Mon entrée")
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", WSGIHandler())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 15
    total = 0
    started = time.process_time()
    for person in (learner, coordinator):
        headers = {"Authorization": f"Token {Token.objects.get_or_create(user=person)[0].key}"}
        for operation in operations:
            total += _run_operation(operation, headers)
    elapsed = time.process_time() - started
    assert total >= 15 * 2 * EXAMPLES_PER_OPERATION * 2 // 3, total  # some generated cases are filtered out
    assert elapsed < 60, elapsed


def _run_operation(operation, headers: dict) -> int:
    """Run the generated cases of one operation; returns how many were sent."""
    calls = []

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)
        calls.append(case)

    run()
    return len(calls)
