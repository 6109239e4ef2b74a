"""URL converters shared by the apps' URL modules (registered once, here, when first imported)."""

from django.urls import register_converter


class RecordId:
    """A database id in a URL: at most 18 digits, so that no id overflows a 64-bit column (a longer or signed
    value is simply not an address of the API, and answers the API's JSON 404)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(RecordId, "id")
