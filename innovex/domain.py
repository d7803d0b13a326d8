"""The one error type services raise; its message is user-facing and already translated.

HTTP errors (the 4xx and 5xx pages and the API's JSON errors) are innovex.error_pages."""


class DomainError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field  # the form field the message belongs next to, when there is one
