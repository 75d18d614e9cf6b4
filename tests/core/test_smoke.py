def test_health_answers_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_signing_in_from_the_login_page_leads_to_the_overview(client, employee):
    from tests.personas import PASSWORD

    response = client.post(
        "/accounts/login/", {"username": employee.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    assert "Welcome" in response.content.decode()


def test_a_wrong_password_is_refused_with_a_message(client, employee):
    response = client.post("/accounts/login/", {"username": employee.email, "password": "nope"})
    assert response.status_code == 200
    assert "correct" in response.content.decode()
