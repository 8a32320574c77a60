"""The API's one list form, `{count, limit, offset, items}`, and its query parameters.

(The incident list alone pages by cursor: vigil/alerts/listing.py.)
"""

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from ninja import Field, Schema

T = TypeVar("T")


class PageQuery(Schema):
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0)


class Page(Schema, Generic[T]):
    count: int
    limit: int
    offset: int
    items: list[T]


def page_of(rows, page: PageQuery, out: Callable[[Any], Any] | None = None) -> dict:
    """One page of a queryset or list, each item passed through `out` when given."""
    items = rows[page.offset : page.offset + page.limit]
    return {
        "count": len(rows) if isinstance(rows, list) else rows.count(),
        "limit": page.limit,
        "offset": page.offset,
        "items": [out(item) for item in items] if out else list(items),
    }


def whole(items: list) -> dict:
    """A list short enough to answer at once, in the same form."""
    return {"count": len(items), "limit": len(items), "offset": 0, "items": items}
