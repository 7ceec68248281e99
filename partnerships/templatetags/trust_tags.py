"""Template helpers of trust: whether an invited address is outside the organisation's declared e-mail domains."""

from django import template

from ..selectors.trust import outside_domains as _outside_domains

register = template.Library()


@register.filter
def outside_domains(email: str, identity) -> bool:
    return identity is not None and _outside_domains(identity, email)
