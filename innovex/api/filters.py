"""Query arguments to filters, shared by the map, the API and the exports: the directory's filters, plus the
visibility of the field groups a filter looks into."""

from dataclasses import fields

import sqlalchemy as sa
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from innovex import visibility
from innovex.actors.forms import DirectoryForm
from innovex.actors.services import DirectoryFilters, directory_query
from innovex.api.blueprint import ApiError
from innovex.api.params import MAP_FILTERS, directory_params

__all__ = ["MAP_FILTERS", "actor_filters", "actor_query", "strict_actor_filters"]


def _bound_form(args: MultiDict, names: tuple[str, ...]) -> DirectoryForm:
    return DirectoryForm(formdata=MultiDict([(k, v) for k, v in args.items(multi=True) if k in names]))


def _filters(form: DirectoryForm, names: tuple[str, ...]) -> tuple[DirectoryFilters, list]:
    values, dropped = form.valid_filters()
    filters = DirectoryFilters(
        **{f.name: values.get(f.name) if f.name in names else None for f in fields(DirectoryFilters)}
    )
    return filters, dropped


def actor_filters(
    args: MultiDict, names: tuple[str, ...] = MAP_FILTERS
) -> tuple[DirectoryForm, DirectoryFilters, list]:
    """The directory form bound to the query string, the filters that passed, and the labels dropped."""
    form = _bound_form(args, names)
    filters, dropped = _filters(form, names)
    return form, filters, dropped


def strict_actor_filters(args: MultiDict) -> DirectoryFilters:
    """Like actor_filters, but a value the OpenAPI description does not allow (unknown, empty, too long, with
    control characters) is the client's mistake: a JSON 400 naming the parameter."""
    if not any(name in args for name in MAP_FILTERS):
        return DirectoryFilters()  # the map's first load: no form to build
    form = _bound_form(args, MAP_FILTERS)
    for param in directory_params(form):
        param.value(args)
    filters, _dropped = _filters(form, MAP_FILTERS)
    if form.errors:  # the parameters' checks and the form disagree: still the client's 400, never a 500
        raise ApiError(_("Unknown filter value for: %(fields)s", fields=", ".join(sorted(form.errors))))
    return filters


def actor_query(filters: DirectoryFilters, viewer) -> sa.Select:
    """The organisations a viewer may see that match; the offer tag only counts where offers are visible."""
    query = directory_query(filters, viewer)
    if filters.tag:
        query = query.where(visibility.group_visible_clause("offerings", viewer))
    return query
