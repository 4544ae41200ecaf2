"""Post an admin change form as a browser would: the data of the page's form and
inline formsets, as rendered, with some values changed."""

from __future__ import annotations

from typing import Any


def _bound_data(form: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for bound in form:
        if bound.field.disabled:
            continue
        value = bound.value()
        widget = bound.field.widget
        if getattr(widget, "input_type", None) == "checkbox" or bound.widget_type == "checkbox":
            if value:
                data[bound.html_name] = "on"
            continue
        if isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(v) for v in value]
        else:
            data[bound.html_name] = "" if value is None else widget.format_value(value) or ""
    return data


def admin_form_data(response: Any, **changes: Any) -> dict[str, Any]:
    data = _bound_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data |= _bound_data(formset.management_form)
        for form in formset.forms:
            data |= _bound_data(form)
    data |= changes
    return data
