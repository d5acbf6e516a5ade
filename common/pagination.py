from typing import Any, cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request


class CasePagination(PageNumberPagination):
    """DRF's page numbers, with a page size that is not a whole number of at least 1 refused
    (DRF quietly used the default instead); a larger one than 200 gives 200."""

    page_size = 50
    page_size_query_param = "page_size"
    # Lazy, so that the schema gives it in the language asked for.
    page_size_query_description = cast(
        str, gettext_lazy("Number of results to return per page (at most 200: more gives 200).")
    )
    max_page_size = 200

    def get_page_size(self, request: Request) -> int:
        given = request.query_params.get(self.page_size_query_param)
        if given is None:
            return self.page_size
        if not (given.isascii() and given.isdigit()) or not given.strip("0"):
            raise ValidationError(
                {self.page_size_query_param: [_("Enter a whole number of at least 1.")]}
            )
        # Compared as text first: Python refuses to read an integer of thousands of digits.
        digits = given.lstrip("0")
        if len(digits) > len(str(self.max_page_size)):
            return self.max_page_size
        return min(int(digits), self.max_page_size)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters
