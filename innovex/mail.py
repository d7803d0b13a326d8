"""Outgoing mail: SMTP when configured, otherwise the log and instance/outbox/ so mails can be read."""

import smtplib
import uuid
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from flask import current_app

from innovex.models.base import utcnow


def send_mail(to: str, subject: str, body: str) -> None:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(utcnow())
    message.set_content(body)
    if config.get("MAIL_SERVER"):
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
            smtp.send_message(message)
        return
    outbox = Path(current_app.instance_path) / "outbox"
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / f"{utcnow():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
    path.write_bytes(bytes(message))
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
