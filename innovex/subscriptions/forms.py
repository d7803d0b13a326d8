"""The subscription form, the same for creating and editing."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FloatField, RadioField, StringField
from wtforms.validators import Length, NumberRange, Optional

from innovex.actors.forms import finite
from innovex.formfields import CountryField, Form, MultiCheckboxField, as_choices, taxonomy_choices
from innovex.models import Sector, Subscription
from innovex.projects.services import TAGS_TEXT_MAX
from innovex.subscriptions.services import NAME_MAX, PLACE_MAX, RADIUS_MAX_KM, STATE_MAX, SubscriptionInput
from innovex.taxonomy import parse_tags
from innovex.vocab import SUBSCRIPTION_FREQUENCIES, SUBSCRIPTION_KINDS


class SubscriptionForm(Form):
    name = StringField(
        _l("Name"),
        validators=[Optional(), Length(max=NAME_MAX)],
        description=_l("Optional, for you: e.g. “Energy in Saxony”."),
    )
    kinds = MultiCheckboxField(_l("Tell me about new"), choices=as_choices(SUBSCRIPTION_KINDS))
    sectors = MultiCheckboxField(_l("Sectors"), description=_l("None chosen: every sector."))
    tags = StringField(
        _l("Tags"),
        validators=[Length(max=TAGS_TEXT_MAX)],
        description=_l("Separate with commas; any of them fits. Empty: every tag."),
    )
    country = CountryField(
        _l("Country"), validators=[Optional()], description=_l("Only organisations in this country.")
    )
    state = StringField(
        _l("State / region"),
        validators=[Optional(), Length(max=STATE_MAX)],
        description=_l("A Bundesland, Land or Kanton, e.g. Sachsen: only organisations that name it."),
        render_kw={"list": "known-states", "autocomplete": "off"},
    )
    place = StringField(
        _l("Around the town"),
        validators=[Optional(), Length(max=PLACE_MAX)],
        description=_l(
            "A town or city, e.g. Leipzig: in the country chosen above, else in Germany, Austria or "
            "Switzerland."
        ),
    )
    lat = FloatField(
        _l("Latitude of the centre"), validators=[Optional(), finite, NumberRange(min=-90, max=90)]
    )
    lon = FloatField(
        _l("Longitude of the centre"), validators=[Optional(), finite, NumberRange(min=-180, max=180)]
    )
    radius_km = FloatField(
        _l("Radius in km"),
        validators=[Optional(), finite, NumberRange(min=1, max=RADIUS_MAX_KM)],
        description=_l("Only organisations within this distance of the town or of the centre."),
    )
    frequency = RadioField(
        _l("Digest by email"), choices=as_choices(SUBSCRIPTION_FREQUENCIES), default="weekly"
    )
    paused = BooleanField(_l("Paused (no notices and no mail for now)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sectors.choices = as_choices(taxonomy_choices(Sector, "slug"))

    @classmethod
    def for_subscription(cls, subscription: Subscription) -> "SubscriptionForm":
        return cls(
            data={
                "name": subscription.name,
                "kinds": subscription.kinds,
                "sectors": [sector.slug for sector in subscription.sectors],
                "tags": ", ".join(subscription.tags),
                "country": subscription.country,
                "state": subscription.state,
                "lat": subscription.lat,
                "lon": subscription.lon,
                "radius_km": subscription.radius_km,
                "place": subscription.place,
                "frequency": subscription.frequency,
                "paused": subscription.paused_at is not None,
            }
        )

    def to_input(self) -> SubscriptionInput:
        return SubscriptionInput(
            name=self.name.data or "",
            kinds=list(self.kinds.data or []),
            frequency=self.frequency.data or "",
            sectors=list(self.sectors.data or []),
            tags=parse_tags(self.tags.data),
            country=self.country.data,
            state=self.state.data or "",
            lat=self.lat.data,
            lon=self.lon.data,
            radius_km=self.radius_km.data,
            place=self.place.data or "",
        )
