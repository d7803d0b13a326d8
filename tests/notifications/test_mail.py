"""Outgoing mail against a local SMTP server: headers, STARTTLS and SMTPS with verified certificates, one
session per digest or reminder run, and the unsubscribe links those mails carry."""

import shutil
import socket
import socketserver
import ssl
import subprocess
import threading
from datetime import timedelta
from email import message_from_bytes, policy
from urllib.parse import urlsplit

import pytest

from innovex.datacoop.freshness import remind_stale_owners
from innovex.mail import mail_connection, outbox_messages, send_mail
from innovex.models.base import utcnow
from innovex.notifications import services
from innovex.notifications.unsubscribe import unsubscribe_url
from tests.factories import login_as, make_actor, make_user
from tests.project_factories import make_project


class FakeSMTP(socketserver.ThreadingTCPServer):
    """Speaks enough SMTP for smtplib: EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, QUIT; counts sessions."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, tls: ssl.SSLContext | None = None, implicit_tls: bool = False):
        super().__init__(("127.0.0.1", 0), _Session)
        self.tls, self.implicit_tls = tls, implicit_tls
        self.sessions, self.logins, self.messages = 0, [], []

    @property
    def port(self) -> int:
        return self.server_address[1]


class _Session(socketserver.BaseRequestHandler):
    def handle(self):
        server: FakeSMTP = self.server
        server.sessions += 1
        sock, secure = self.request, False
        if server.implicit_tls:
            try:
                sock, secure = server.tls.wrap_socket(sock, server_side=True), True
            except (ssl.SSLError, OSError):
                return
        reader = sock.makefile("rb")

        def say(text: str) -> None:
            sock.sendall(text.encode() + b"\r\n")

        say("220 fake ESMTP")
        while line := reader.readline():
            command = line.decode().strip()
            verb = command.split(" ")[0].upper()
            if verb == "EHLO":
                extensions = ["fake", "AUTH PLAIN"] + (["STARTTLS"] if server.tls and not secure else [])
                say("\r\n".join(f"250-{e}" for e in extensions[:-1]) + f"\r\n250 {extensions[-1]}")
            elif verb == "STARTTLS":
                say("220 go ahead")
                try:
                    sock, secure = server.tls.wrap_socket(sock, server_side=True), True
                except (ssl.SSLError, OSError):
                    return
                reader = sock.makefile("rb")
            elif verb == "AUTH":
                server.logins.append((command, secure))
                say("235 accepted")
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP", "HELO"):
                say("250 ok")
            elif verb == "DATA":
                say("354 end with .")
                data = b""
                while (chunk := reader.readline()) not in (b".\r\n", b""):
                    data += chunk
                server.messages.append((message_from_bytes(data, policy=policy.default), secure))
                say("250 queued")
            elif verb == "QUIT":
                say("221 bye")
                return
            else:
                say("502 not here")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
         "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return cert, context


def _serve(server: FakeSMTP):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def smtp(app):
    server = _serve(FakeSMTP())
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_USE_TLS=False, MAIL_USE_SSL=False)
    yield server
    server.shutdown()
    server.server_close()


def test_messages_carry_date_and_a_message_id_at_the_senders_domain(app, smtp):
    app.config["MAIL_SENDER"] = "Netzwerk <post@genossenschaften.example>"
    send_mail("a@example.org", "Hallo", "Text")
    send_mail("b@example.org", "Hallo", "Text")
    (first, _), (second, _) = smtp.messages
    assert first["Date"] and first["Subject"] == "Hallo" and first["To"] == "a@example.org"
    assert first["Message-ID"].endswith("@genossenschaften.example>")
    assert first["Message-ID"] != second["Message-ID"]
    assert first["List-Unsubscribe"] is None  # only mails one can stop say how


def test_starttls_verifies_the_certificate_and_logs_in_encrypted(app, certificate):
    cert, context = certificate
    server = _serve(FakeSMTP(tls=context))
    app.config.update(
        MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_USE_TLS=True, MAIL_USE_SSL=False,
        MAIL_USERNAME="innovex", MAIL_PASSWORD="geheim", MAIL_TLS_CA_FILE=str(cert),
    )  # fmt: skip
    send_mail("a@example.org", "Hallo", "Text")
    assert [secure for _, secure in server.messages] == [True]
    assert [secure for _, secure in server.logins] == [True]
    app.config["MAIL_TLS_CA_FILE"] = ""  # the system's CAs do not know our test certificate
    with pytest.raises(ssl.SSLCertVerificationError):
        send_mail("a@example.org", "Hallo", "Text")
    assert len(server.messages) == 1
    server.shutdown()
    server.server_close()


def test_smtps_speaks_tls_from_the_first_byte(app, certificate):
    cert, context = certificate
    server = _serve(FakeSMTP(tls=context, implicit_tls=True))
    app.config.update(
        MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_USE_SSL=True, MAIL_USE_TLS=True,
        MAIL_TLS_CA_FILE=str(cert),
    )  # fmt: skip
    send_mail("a@example.org", "Hallo", "Text")
    assert [secure for _, secure in server.messages] == [True]
    server.shutdown()
    server.server_close()


def test_one_connection_sends_many(app, smtp):
    with mail_connection() as connection:
        for number in range(3):
            send_mail(f"{number}@example.org", "Hallo", "Text", connection=connection)
    assert smtp.sessions == 1 and len(smtp.messages) == 3 and connection.sent == 3


@pytest.fixture
def project_scene(db):
    writer = make_user(display_name="Wera Schreiber")
    project = make_project(make_actor("Kooperative Nord", owner=writer), writer, title="Lastenrad-Netz")
    return writer, project


def test_a_digest_run_is_one_session_and_each_digest_can_be_stopped(app, db, smtp, runner, project_scene):
    writer, project = project_scene
    readers = [make_user(email_preference="daily") for _ in range(3)]
    db.session.commit()
    for reader in readers:
        services.notify(reader, "interest", by_user=writer, project=project)
    db.session.commit()
    result = runner.invoke(args=["notify", "digest"])
    assert "Sent 3 digests" in result.output, result.output
    assert smtp.sessions == 1 and len(smtp.messages) == 3
    for message, _secure in smtp.messages:
        link = message["List-Unsubscribe"].strip("<>")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert link in message.get_content()  # also written out for readers without the header


def test_a_digest_run_reports_an_unreachable_server(app, db, runner, project_scene):
    writer, project = project_scene
    reader = make_user(email_preference="daily")
    db.session.commit()
    services.notify(reader, "interest", by_user=writer, project=project)
    db.session.commit()
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False)
    result = runner.invoke(args=["notify", "digest"])
    assert result.exit_code == 0 and "mail server not reachable" in result.output
    assert reader.last_digest_at is None  # the notices wait for the next run


@pytest.fixture
def stale_owners(db):
    owners = [make_user() for _ in range(2)]
    for number, owner in enumerate(owners):
        actor = make_actor(f"Alte Genossenschaft {number}", owner=owner)
        actor.created_at = utcnow() - timedelta(days=400)
    db.session.commit()
    return owners


def test_reminders_go_out_in_one_session_and_respect_the_opt_out(app, db, smtp, stale_owners):
    keen, tired = stale_owners
    tired.profile_reminders = False
    db.session.commit()
    assert remind_stale_owners() == 2
    assert smtp.sessions == 1
    ((message, _),) = smtp.messages
    assert message["To"] == keen.email
    assert "/notifications/unsubscribe/" in message["List-Unsubscribe"]


def _link(app, user, topic: str) -> str:
    with app.test_request_context():
        return urlsplit(unsubscribe_url(user, topic)).path


def test_unsubscribe_link_asks_first_then_stops_the_mails(app, db, client):
    user = make_user(email_preference="daily")
    db.session.commit()
    path = _link(app, user, "notifications")
    page = client.get(path)
    assert page.status_code == 200 and "Unsubscribe" in page.get_data(as_text=True)
    assert user.email_preference == "daily"  # opening the link (a mail scanner does) changes nothing
    done = client.post(path)
    assert done.status_code == 200
    db.session.refresh(user)
    assert user.email_preference == "off"


def test_one_click_unsubscribe_needs_no_csrf_token_and_no_login(app, db, csrf_app, client):
    user = make_user()
    db.session.commit()
    response = client.post(
        _link(app, user, "reminders"),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    db.session.refresh(user)
    assert user.profile_reminders is False


@pytest.mark.parametrize("token", ["nonsense", "WzEsICJub3RpZmljYXRpb25zIl0", "x" * 600])
def test_forged_or_damaged_links_are_not_found(app, db, client, token):
    user = make_user(email_preference="daily")
    db.session.commit()
    assert client.get(f"/notifications/unsubscribe/{token}").status_code == 404
    assert client.post(f"/notifications/unsubscribe/{token}").status_code == 404
    db.session.refresh(user)
    assert user.email_preference == "daily"


def test_a_link_for_one_account_stops_only_that_account(app, db, client):
    one, other = make_user(email_preference="daily"), make_user(email_preference="daily")
    db.session.commit()
    client.post(_link(app, one, "notifications"))
    db.session.refresh(other)
    assert other.email_preference == "daily"


def test_settings_switch_reminders_off_and_on(app, db, client):
    user = make_user()
    db.session.commit()
    login_as(client, user)
    client.post("/notifications/settings", data={"email_preference": "off"})  # box unticked
    db.session.refresh(user)
    assert user.profile_reminders is False
    client.post("/notifications/settings", data={"email_preference": "off", "profile_reminders": "y"})
    db.session.refresh(user)
    assert user.profile_reminders is True


def test_without_a_server_mails_go_to_the_outbox_in_order(app):
    for number in range(5):
        send_mail(f"{number}@example.org", "Hallo", "Text")
    assert [m["To"] for m in outbox_messages()] == [f"{n}@example.org" for n in range(5)]
