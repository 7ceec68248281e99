"""A short-lived cache of whole pages, dropped by every write that could change them.

The heaviest pages (assessment results, assessment step, pharma inbox) are read far more often than the
data under them changes. Each is kept for `PAGE_CACHE_SECONDS` (60 by default) under a key made of the
address, the language, the session's user and CSRF secret (the page carries a token for it), with the
two version tokens current when it was rendered: one for everything, one for the user's organisation.
Any save or delete of a model replaces the tokens of the organisations it belongs to (a dossier belongs
to both sides), or the global one when it is shared (the guide, organisations, profiles, users,
therapeutic areas): a page kept under an older token is never served again. Time alone (a deadline
passing, "3 minutes ago") is bounded by the short lifetime.

Tokens are replaced at once, so the writer's own next page is fresh even inside a transaction, and
again after the commit, so that a page rendered by another request from the data before the commit is
dropped too. Writes that bypass model signals (`QuerySet.update`, `bulk_create`) call `pages_changed`.

Web processes and Celery workers must share the cache (Redis in production): a worker marking a report
ready drops the results page that web processes keep.
"""

import hashlib
import uuid
from functools import partial, wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

EVERYONE = "page-cache:version:all"
HIT_HEADER = "X-Page-Cache"
VERSION_LIFETIME = 24 * 3600  # a lost token only costs each page one render
# Models that never show on a cached page, or are written on every request.
IGNORED_APPS = {"sessions", "axes", "admin", "contenttypes", "auth"}


def _organisation_version(pk) -> str:
    return f"page-cache:version:organisation:{pk}"


def _replace_tokens(keys: list[str]) -> None:
    token = uuid.uuid4().hex
    cache.set_many(dict.fromkeys(keys, token), VERSION_LIFETIME)


def pages_changed(organisation_ids=None) -> None:
    """Drop the cached pages of these organisations; of everyone when `organisation_ids` is None or names an
    organisation not known (an owner already deleted by a cascade: everyone's rather than a guess)."""
    if organisation_ids is None or None in organisation_ids:
        keys = [EVERYONE]
    else:
        keys = [_organisation_version(pk) for pk in organisation_ids]
    _replace_tokens(keys)
    transaction.on_commit(partial(_replace_tokens, keys))


# --- Which organisations a write belongs to ---------------------------------------------------------------


def _assessment_organisation(instance):
    """The organisation of an answer's or snapshot's assessment, without a query when it is loaded."""
    from .models import Assessment

    assessment = instance._state.fields_cache.get("assessment")
    if assessment is not None:
        return assessment.organisation_id
    assessments = Assessment.objects.filter(pk=instance.assessment_id)
    return assessments.values_list("organisation_id", flat=True).first()


def _organisations_of(instance):
    """The organisations whose pages show `instance`, or None when it may show on anyone's pages."""
    from .models import (
        Answer,
        Assessment,
        AssessmentSnapshot,
        AuditEvent,
        Dossier,
        DossierEvent,
        DossierMessage,
        Invitation,
        Membership,
        Report,
        TargetCompany,
    )

    if isinstance(instance, Membership | Invitation | TargetCompany | Assessment | AuditEvent):
        return [instance.organisation_id]
    if isinstance(instance, Answer | AssessmentSnapshot):
        return [_assessment_organisation(instance)]
    if isinstance(instance, Report):
        snapshots = AssessmentSnapshot.objects.filter(pk=instance.snapshot_id)
        return [snapshots.values_list("assessment__organisation_id", flat=True).first()]
    if isinstance(instance, Dossier):
        return [instance.startup_id, instance.pharma_id]
    if isinstance(instance, DossierEvent | DossierMessage):
        sides = Dossier.objects.filter(pk=instance.dossier_id).values_list("startup_id", "pharma_id").first()
        return list(sides) if sides else None
    return None  # organisations, profiles, therapeutic areas, the guide: shown across organisations


def _on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or sender._meta.app_label in IGNORED_APPS:
        return
    if update_fields is not None and set(update_fields) == {"last_login"}:
        return  # every login saves the user; no page shows it
    pages_changed(_organisations_of(instance))


def _on_delete(sender, instance, **kwargs):
    if sender._meta.app_label not in IGNORED_APPS:
        pages_changed(_organisations_of(instance))


def _on_m2m(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        pages_changed(_organisations_of(instance))


def _on_migrate(sender, **kwargs):
    pages_changed()  # a deployment migrates: pages rendered by the previous code are dropped


def connect_signals() -> None:
    post_save.connect(_on_save, dispatch_uid="page_cache_save")
    post_delete.connect(_on_delete, dispatch_uid="page_cache_delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="page_cache_m2m")
    post_migrate.connect(_on_migrate, dispatch_uid="page_cache_migrate")


# --- The cached view ------------------------------------------------------------------------------------


def _has_pending_messages(request) -> bool:
    return bool(request.COOKIES.get("messages")) or "_messages" in request.session


def _page_key(request, user_pk) -> str | None:
    """The cache key of this request's page, or None when it must be rendered (and not kept)."""
    csrf_secret = request.META.get("CSRF_COOKIE")
    if (
        settings.PAGE_CACHE_SECONDS <= 0
        or request.method != "GET"
        or getattr(request, "htmx", False)
        or user_pk is None
        or not csrf_secret
        or _has_pending_messages(request)
    ):
        return None
    material = "\n".join([request.get_full_path(), request.LANGUAGE_CODE, str(user_pk), csrf_secret])
    return "page-cache:page:" + hashlib.sha256(material.encode()).hexdigest()


def _current_versions(organisation_pk) -> tuple[str, str]:
    """The tokens a page rendered now is kept under; a token lost from the cache is made anew."""
    keys = (EVERYONE, _organisation_version(organisation_pk))
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, uuid.uuid4().hex, VERSION_LIFETIME)
        found.update(cache.get_many(missing))  # another process may have added its token first
    return tuple(found.get(key) for key in keys)


def cached_page(view):
    """Serve `view`'s GET page from the cache to the session's user, while nothing it shows has changed.

    Put it above the access decorator (`startup_member_required`, `pharma_member_required`): a page is kept
    only after the user it was rendered for passed those checks, and served again only to a session of that
    same user (and CSRF secret) while the version tokens are those of the render. Whatever could change the
    checks' answer replaces a token: a user saved (deactivated, new password), a membership added, changed or
    removed, an organisation saved. A hit therefore needs neither the user nor the organisation from the
    database: only the session.
    """
    from django.contrib.auth import SESSION_KEY
    from django.http import HttpResponse

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user_pk = request.session.get(SESSION_KEY)
        key = _page_key(request, user_pk)
        if key is None:
            return view(request, *args, **kwargs)
        found = cache.get_many([EVERYONE, key])
        stored = found.get(key)
        if stored is not None:
            organisation_pk, versions, content, content_type = stored
            if versions == (found.get(EVERYONE), cache.get(_organisation_version(organisation_pk))):
                response = HttpResponse(content, content_type=content_type)
                response[HIT_HEADER] = "hit"
                return response
        # Render. The tokens are read before, so that a write committed meanwhile leaves this page unread.
        membership = getattr(request.user, "membership", None) if request.user.is_authenticated else None
        if membership is None or str(request.user.pk) != str(user_pk):
            return view(request, *args, **kwargs)
        versions = _current_versions(membership.organisation_id)
        response = view(request, *args, **kwargs)
        if _keepable(request, response) and getattr(request, "organisation", None) == membership.organisation:
            entry = (membership.organisation_id, versions, response.content, response["Content-Type"])
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
        return response

    return wrapper


def _keepable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    messages = getattr(request, "_messages", None)
    return not (messages is not None and messages.added_new)
