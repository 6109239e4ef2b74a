class InternshipError(Exception):
    """A rule of the internship domain refused the action. The message is shown to the person, in French."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)
