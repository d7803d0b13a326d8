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

# Free text also looks into offerings, which an organisation may hide; the search page owns free text.
MAP_FILTERS = ("kind", "legal_form", "sector", "collaboration", "country", "city", "tag")


def actor_filters(
    args: MultiDict, names: tuple[str, ...] = MAP_FILTERS
) -> tuple[DirectoryForm, DirectoryFilters, list]:
    """The directory form bound to the query string, the filters that passed, and the labels dropped."""
    form = DirectoryForm(formdata=MultiDict([(k, v) for k, v in args.items(multi=True) if k in names]))
    values, dropped = form.valid_filters()
    filters = DirectoryFilters(
        **{f.name: values.get(f.name) if f.name in names else None for f in fields(DirectoryFilters)}
    )
    return form, filters, dropped


def strict_actor_filters(args: MultiDict) -> DirectoryFilters:
    """Like actor_filters, but an unknown value is the client's mistake: a 400 naming the argument."""
    if not any(name in args for name in MAP_FILTERS):
        return DirectoryFilters()  # the map's first load: no form to build
    _form, filters, dropped = actor_filters(args)
    if dropped:
        raise ApiError(_("Unknown filter value for: %(fields)s", fields=", ".join(dropped)))
    return filters


def actor_query(filters: DirectoryFilters, viewer) -> sa.Select:
    """The organisations a viewer may see that match; the offer tag only counts where offers are visible."""
    query = directory_query(filters, viewer)
    if filters.tag:
        query = query.where(visibility.group_visible_clause("offerings", viewer))
    return query
