"""`object_permission_required`, the one fetch-and-check of a screen about an object (views/access.py): not found
or not to be seen is 404, seen but not to be acted on is 403, and the view receives the object (no second fetch).
The access matrix checks every real URL; this checks the decorator's own rules on a stub."""

import pytest
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from partnerships.views.access import object_permission_required


class StubUser:
    def __init__(self, *granted):
        self.granted = set(granted)
        self.asked = []

    def has_perms(self, perms, obj):
        self.asked.append((tuple(perms), obj))
        return set(perms) <= self.granted


class Thing:
    def __init__(self, parent=None):
        self.parent = parent


def _request(user):
    request = RequestFactory().get("/things/1/")
    request.user = user
    return request


def _view(request, thing):
    return HttpResponse(f"{id(thing)}")


def test_the_view_receives_the_fetched_object_in_place_of_the_url_arguments():
    thing = Thing()
    fetched = []

    def fetch(request, pk):
        fetched.append(pk)
        return thing

    view = object_permission_required("app.see", fetch)(_view)
    response = view(_request(StubUser("app.see")), pk=1)
    assert response.content.decode() == str(id(thing))
    assert fetched == [1]


@pytest.mark.parametrize("error", [ObjectDoesNotExist, ValidationError("bad"), OverflowError, Http404])
def test_an_object_not_found_is_a_404(error):
    def fetch(request, pk):
        raise error

    with pytest.raises(Http404):
        object_permission_required("app.see", fetch)(_view)(_request(StubUser("app.see")), pk=1)


def test_an_object_the_user_may_not_see_is_a_404_whatever_else_they_may_do():
    view = object_permission_required("app.see", lambda request, pk: Thing(), act="app.act")(_view)
    with pytest.raises(Http404):
        view(_request(StubUser("app.act")), pk=1)


def test_every_permission_to_see_is_needed():
    view = object_permission_required(("app.see", "app.edit"), lambda request, pk: Thing())(_view)
    with pytest.raises(Http404):
        view(_request(StubUser("app.see")), pk=1)
    assert view(_request(StubUser("app.see", "app.edit")), pk=1).status_code == 200


def test_an_object_seen_but_not_to_be_acted_on_is_a_403():
    view = object_permission_required("app.see", lambda request, pk: Thing(), act="app.act")(_view)
    with pytest.raises(PermissionDenied):
        view(_request(StubUser("app.see")), pk=1)
    assert view(_request(StubUser("app.see", "app.act")), pk=1).status_code == 200


def test_without_a_permission_to_see_the_fetch_scope_is_the_rule():
    user = StubUser()
    view = object_permission_required(None, lambda request, pk: Thing())(_view)
    assert view(_request(user), pk=1).status_code == 200
    assert user.asked == []


def test_the_permissions_are_checked_on_the_object_of_names():
    parent = Thing()
    user = StubUser("app.see", "app.act")
    view = object_permission_required(
        "app.see", lambda request, pk: Thing(parent), act="app.act", of=lambda thing: thing.parent
    )(_view)
    view(_request(user), pk=1)
    assert user.asked == [(("app.see",), parent), (("app.act",), parent)]
