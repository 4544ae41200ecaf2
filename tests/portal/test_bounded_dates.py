def test_every_date_field_of_every_form_is_bounded() -> None:
    """Forms with a date or datetime field use BoundedDatesMixin (portal.forms)."""
    import importlib

    from django import forms

    from portal.forms import BoundedDatesMixin

    unbounded = []
    for module_name in ("portal.forms", "groups.forms", "facilities.forms"):
        for name, value in vars(importlib.import_module(module_name)).items():
            if not (isinstance(value, type) and issubclass(value, forms.BaseForm)):
                continue
            has_dates = any(isinstance(f, forms.DateField | forms.DateTimeField) for f in value.base_fields.values())
            if has_dates and not issubclass(value, BoundedDatesMixin):
                unbounded.append(f"{module_name}.{name}")
    assert not unbounded
