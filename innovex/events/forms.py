"""The event form: publish and edit an event."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from wtforms import DateTimeLocalField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from innovex.actors.forms import web_address
from innovex.calls import access as calls_access
from innovex.events import services, times
from innovex.extensions import db
from innovex.formfields import Form, MultiCheckboxField, as_choices
from innovex.models import Call, Event, Sector
from innovex.models.events import DEFAULT_TIMEZONE

MODERATORS = ""  # the organiser choice meaning "the moderators, for the network"
NO_CALL = ""
CALL_CHOICES_MAX = 200
# The browser's datetime-local value first (it is also what the field renders), then hand-typed forms.
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class EventForm(Form):
    actor = SelectField(_l("Organised by"))
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=services.TITLE_MAX)])
    description = TextAreaField(
        _l("Description"),
        validators=[Optional(), Length(max=services.DESCRIPTION_MAX)],
        description=_l("Markdown: **bold**, *italic*, lists, links."),
    )
    starts = DateTimeLocalField(_l("Starts"), format=DATETIME_FORMATS, validators=[InputRequired()])
    ends = DateTimeLocalField(_l("Ends"), format=DATETIME_FORMATS, validators=[InputRequired()])
    timezone = StringField(
        _l("Time zone"),
        default=DEFAULT_TIMEZONE,
        validators=[DataRequired(), Length(max=64)],
        description=_l("The times above are in this zone, e.g. Europe/Berlin or Europe/Vienna."),
    )
    address = StringField(_l("Address"), validators=[Optional(), Length(max=services.ADDRESS_MAX)])
    city = StringField(_l("City"), validators=[Optional(), Length(max=services.CITY_MAX)])
    online_url = StringField(
        _l("Online link"),
        validators=[Optional(), Length(max=services.URL_MAX), web_address],
        description=_l("For an online event or a hybrid one: the link to join (http:// or https://)."),
    )
    call = SelectField(_l("Linked call"), validators=[Optional()])
    sectors = MultiCheckboxField(_l("Sectors"))

    def __init__(self, *args, viewer=None, actors=(), moderator=False, linked: Call | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(MODERATORS, _l("The moderators (the network)"))] if moderator else []
        self.actor.choices = as_choices([*choices, *((str(a.id), a.name) for a in actors)])
        calls = list(
            db.session.scalars(
                sa.select(Call)
                .where(Call.state.in_(calls_access.PUBLIC_STATES), calls_access.visible_calls_filter(viewer))
                .order_by(Call.created_at.desc())
                .limit(CALL_CHOICES_MAX)
            )
        )
        if linked is not None and linked not in calls:
            calls.append(linked)
        self._calls = {call.slug: call for call in calls}
        self.call.choices = as_choices([(NO_CALL, _l("No call")), *((c.slug, c.question) for c in calls)])
        self.timezone.render_kw = {"list": "timezones", "autocomplete": "off"}
        self.sectors.choices = as_choices(
            (s.slug, s.label) for s in db.session.scalars(sa.select(Sector).order_by(Sector.slug))
        )

    @staticmethod
    def data_of(event: Event) -> dict:
        return {
            "title": event.title,
            "description": event.description,
            "starts": times.to_local(event.starts_at, event.timezone),
            "ends": times.to_local(event.ends_at, event.timezone),
            "timezone": event.timezone,
            "address": event.address,
            "city": event.city,
            "online_url": event.online_url,
            "call": event.call.slug if event.call else NO_CALL,
            "sectors": [s.slug for s in event.sectors],
        }

    def to_input(self) -> services.EventInput:
        return services.EventInput(
            title=self.title.data or "",
            starts=self.starts.data,
            ends=self.ends.data,
            timezone=(self.timezone.data or "").strip(),
            description=self.description.data or "",
            address=self.address.data or "",
            city=self.city.data or "",
            online_url=self.online_url.data or "",
            call=self._calls.get(self.call.data or NO_CALL),
            sectors=list(self.sectors.data or []),
        )
