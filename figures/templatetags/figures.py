from django import template

register = template.Library()


@register.filter
def get_cell(cells: dict, key: str):
    """The cell of a figures row by its column key."""
    return cells.get(key)
