"""Declarative applicability rules over a startup's profile facts.

A rule is JSON-like data, so staff can edit it in the admin:

    None                                         always applies
    {"fact": "has_ai", "equals": True}
    {"fact": "business_models", "any_of": ["remote_monitoring", "pecan"]}
    {"all": [rule, ...]}, {"any": [rule, ...]}, {"not": rule}

`any_of` on a list fact means "the lists overlap"; on a scalar fact it means
"the value is one of". An unknown fact value never matches.
"""

from collections.abc import Mapping
from typing import Any

BOOLEAN = (True, False)

# The profile facts the guide makes scoring depend on (GUIDE_MAP, "Profile facts").
FACTS: dict[str, tuple[Any, ...]] = {
    "maturity": ("prototype", "development", "clinical_validation", "commercialised"),
    "is_medical_device": BOOLEAN,
    "device_class": ("none", "I", "IIa", "IIb", "III"),
    "has_ai": BOOLEAN,
    "processes_health_data": BOOLEAN,
    "processes_personal_data": BOOLEAN,  # true whenever health data is processed (health data is personal data)
    "business_models": (
        "remote_monitoring",
        "pecan",
        "hospital_purchase",
        "out_of_pocket",
        "complementary_insurance",
        "other",
    ),
    "is_etp_programme": BOOLEAN,
    "deploys_abroad": BOOLEAN,
    "target_level": ("affiliate", "head_office"),
    "target_function": ("medical", "marketing", "market_access", "rd", "innovation"),
    "partnership_sought": (
        "co_development",
        "clinical_development",
        "co_promotion",
        "market_access",
        "distribution",
        "purchase",
        "equity_investment",
        "expertise",
    ),
}
LIST_FACTS = frozenset({"business_models", "partnership_sought"})


class RuleError(ValueError):
    """A rule that is not well formed or names an unknown fact or value."""


def validate_rule(rule: Any) -> None:
    if rule is None or rule == {}:
        return
    if not isinstance(rule, Mapping):
        raise RuleError(f"A rule must be an object, not {type(rule).__name__}.")
    if "all" in rule or "any" in rule:
        key = "all" if "all" in rule else "any"
        if len(rule) != 1 or not isinstance(rule[key], list) or not rule[key]:
            raise RuleError(f'"{key}" takes a non-empty list of rules and nothing else.')
        for inner in rule[key]:
            if not inner:
                raise RuleError(f'"{key}" cannot contain an empty rule.')
            validate_rule(inner)
        return
    if "not" in rule:
        if len(rule) != 1 or not rule["not"]:
            raise RuleError('"not" takes one rule and nothing else.')
        validate_rule(rule["not"])
        return
    fact = rule.get("fact")
    if fact not in FACTS:
        raise RuleError(f"Unknown fact {fact!r}; known facts: {', '.join(FACTS)}.")
    operators = set(rule) - {"fact"}
    if operators == {"equals"}:
        values = [rule["equals"]]
    elif operators == {"any_of"} and isinstance(rule["any_of"], list) and rule["any_of"]:
        values = rule["any_of"]
    else:
        raise RuleError(f'A fact rule needs exactly one of "equals" or "any_of" (a non-empty list): {dict(rule)}.')
    unknown = [value for value in values if value not in FACTS[fact]]
    if unknown:
        raise RuleError(f"Unknown value(s) {unknown} for fact {fact!r}.")


def applies(rule: Any, facts: Mapping[str, Any]) -> bool:
    """True when an item with this rule applies to a startup with these facts."""
    if not rule:
        return True
    if "all" in rule:
        return all(applies(inner, facts) for inner in rule["all"])
    if "any" in rule:
        return any(applies(inner, facts) for inner in rule["any"])
    if "not" in rule:
        return not applies(rule["not"], facts)
    value = facts.get(rule["fact"])
    if "equals" in rule:
        if rule["fact"] in LIST_FACTS:
            return rule["equals"] in (value or ())
        return value == rule["equals"]
    wanted = set(rule["any_of"])
    if rule["fact"] in LIST_FACTS:
        return bool(wanted & set(value or ()))
    return value in wanted
