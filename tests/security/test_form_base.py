"""Every form refuses control characters in its text fields before anything looks the text up."""

import importlib
import pkgutil

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import PasswordField, StringField
from wtforms.validators import ValidationError

import innovex
from innovex.formfields import Form, no_control_characters
from innovex.models import User


def all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from all_subclasses(sub)


def test_every_form_of_innovex_is_built_on_the_one_base():
    for module in pkgutil.walk_packages(innovex.__path__, "innovex."):
        importlib.import_module(module.name)
    ours = [form for form in all_subclasses(FlaskForm) if form.__module__.startswith("innovex.")]
    assert len(ours) > 40
    assert [form.__qualname__ for form in ours if not issubclass(form, Form)] == []


def test_text_fields_refuse_control_characters_before_their_own_validators(app):
    looked_up = []

    def lookup(form, field):
        looked_up.append(field.data)
        raise ValidationError("not found")

    class Probe(Form):
        name = StringField("Name", validators=[lookup])
        secret = PasswordField("Password")

    with app.test_request_context():
        form = Probe(formdata=MultiDict({"name": "a\x00b", "secret": "x\x01y"}), meta={"csrf": False})
        assert not form.validate()
    assert form.name.errors == ["Please remove invisible control characters."]
    assert looked_up == []  # the lookup never saw the text
    assert form.secret.errors == []  # passwords are only hashed
    assert form.name.validators.count(no_control_characters) == 1


def test_a_nul_in_the_login_address_is_an_error_next_to_the_field(client, db):
    response = client.post("/auth/login", data={"email": "a\x00b@example.org", "password": "whatever"})
    assert response.status_code == 422  # a form with errors, as everywhere
    assert "Please remove invisible control characters." in response.get_data(as_text=True)
    assert db.session.query(User).count() == 0
