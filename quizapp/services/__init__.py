"""Operations that touch the database. They flush; the view that calls them commits once."""


class ServiceError(Exception):
    """A domain rule was broken; ``field`` names the form field to show it next to, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
