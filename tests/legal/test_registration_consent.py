"""Registration asks for the privacy notice to be read: unticked, the error stands next to the box."""

import re

from tests.auth.helpers import user_rows

GOOD = "a long and unusual passphrase"
DATA = {"email": "anna@example.org", "display_name": "Anna", "password": GOOD, "confirm": GOOD}


def test_the_form_links_the_privacy_notice_and_the_impressum(client):
    html = client.get("/auth/register").get_data(as_text=True)
    assert re.search(r'<input[^>]*id="consent"[^>]*required', html)
    assert "I have read the privacy notice" in html
    hint = html[html.index('id="consent-hint"') :]
    assert 'href="/datenschutz"' in hint.split("</p>")[0]
    assert 'href="/impressum"' in hint.split("</p>")[0]


def test_unticked_consent_is_refused_next_to_the_field_and_nothing_is_written(client):
    response = client.post("/auth/register", data=DATA)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="consent-error"' in html
    error = html[html.index('id="consent-error"') :].split("</p>")[0]
    assert "Please confirm that you have read the privacy notice." in error
    assert 'aria-describedby="consent-error"' in html
    assert user_rows() == []


def test_ticked_consent_creates_the_account(client):
    response = client.post("/auth/register", data={**DATA, "consent": "y"})
    assert response.status_code == 302
    assert len(user_rows()) == 1


def test_the_consent_reads_german_in_german(client):
    html = client.get("/auth/register", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "Ich habe die Datenschutzerklärung gelesen" in html
