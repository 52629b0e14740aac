from typing import Any

from django import template

from filet.taxonomy.models import in_language

register = template.Library()


@register.simple_tag
def highlight_label(row: dict[str, Any]) -> str:
    """A frozen highlight's label in the reader's language."""
    return in_language(row.get("label_fr", ""), row.get("label_en", ""))
