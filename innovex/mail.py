"""Outgoing mail: SMTP (STARTTLS or SMTPS, certificates verified) when a server is configured, otherwise the
log and instance/outbox/ so that mails can be read in development and tests.

`send_mail` sends one message; a run of many (digests, reminders) opens `mail_connection()` once and passes it
on, so that the run is one SMTP session instead of one per recipient. Every message has a Date and a
Message-ID at the sender's domain; mails a recipient can stop carry List-Unsubscribe (RFC 2369) and the
one-click List-Unsubscribe-Post header (RFC 8058).

Flask-Mailman was tried for this and not taken: its SMTP backend (1.1.1) starts TLS with
`starttls(context=None)`, which in the standard library means an unverified certificate, and it writes the
development outbox as one file per connection. What we need from SMTP is the twenty lines below.
"""

import smtplib
import ssl
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path

from flask import current_app

from innovex.models.base import utcnow


class MailConnection:
    """Where messages go during one run: an open SMTP session, or the outbox folder."""

    def __init__(self, smtp: smtplib.SMTP | None):
        self.smtp = smtp
        self.sent = 0

    def send(self, message: EmailMessage) -> None:
        if self.smtp is not None:
            self.smtp.send_message(message)
        else:
            _write_to_outbox(message)
        self.sent += 1


@contextmanager
def mail_connection() -> Iterator[MailConnection]:
    """One SMTP session (or the outbox) for the mails sent inside the block; closed at its end."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        yield MailConnection(None)
        return
    smtp = _open_smtp(config)
    try:
        yield MailConnection(smtp)
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


def _open_smtp(config) -> smtplib.SMTP:
    context = ssl.create_default_context(cafile=config.get("MAIL_TLS_CA_FILE") or None)
    host, port, timeout = config["MAIL_SERVER"], config["MAIL_PORT"], config["MAIL_TIMEOUT"]
    if config["MAIL_USE_SSL"]:  # SMTPS, usually port 465: TLS from the first byte
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
        if config["MAIL_USE_TLS"]:
            smtp.starttls(context=context)
    try:
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def build_message(to: str, subject: str, body: str, unsubscribe_url: str | None = None) -> EmailMessage:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = make_msgid(domain=_sender_domain(config["MAIL_SENDER"]))
    if unsubscribe_url:
        message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(body)
    return message


def _sender_domain(sender: str) -> str:
    address = parseaddr(sender)[1]
    return address.rpartition("@")[2] or "innovex.invalid"


def send_mail(
    to: str,
    subject: str,
    body: str,
    *,
    unsubscribe_url: str | None = None,
    connection: MailConnection | None = None,
) -> None:
    """Send one mail, through the given connection of a run or a session of its own."""
    message = build_message(to, subject, body, unsubscribe_url)
    if connection is not None:
        connection.send(message)
        return
    with mail_connection() as own:
        own.send(message)


def _write_to_outbox(message: EmailMessage) -> None:
    outbox = Path(current_app.instance_path) / "outbox"
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / f"{utcnow():%Y%m%d-%H%M%S-%f}-{uuid.uuid4().hex[:8]}.eml"  # sorts oldest first
    path.write_bytes(bytes(message))
    to, subject, body = message["To"], message["Subject"], message.get_content()
    current_app.logger.info("Mail to %s: %s (no SMTP configured, written to %s)\n%s", to, subject, path, body)


def outbox_messages() -> list[EmailMessage]:
    """The mails written to instance/outbox/, oldest first (for tests and local development)."""
    import email
    from email import policy

    outbox = Path(current_app.instance_path) / "outbox"
    if not outbox.exists():
        return []
    return [
        email.message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(outbox.glob("*.eml"))
    ]
