def test_health_answers_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_signing_in_from_the_login_page_leads_to_the_overview(client, employee):
    from tests.support.personas import PASSWORD

    response = client.post(
        "/accounts/login/", {"username": employee.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    assert "Welcome" in response.content.decode()


def test_a_wrong_password_is_refused_with_a_message(client, employee):
    response = client.post("/accounts/login/", {"username": employee.email, "password": "nope"})
    assert response.status_code == 200
    assert "correct" in response.content.decode()


def test_a_password_can_be_changed(client, employee):
    from tests.support.personas import PASSWORD

    client.force_login(employee)
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another long passphrase 7",
            "new_password2": "another long passphrase 7",
        },
        follow=True,
    )
    assert "Your new password is in effect." in response.content.decode()
    employee.refresh_from_db()
    assert employee.check_password("another long passphrase 7")
