"""One term per concept and French typography in the French catalogue; no English left in the templates.

The glossary is docs/glossary.md: the terms checked here are its French column."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
TEMPLATES = ROOT / "templates"

# English words (or the other spelling of a term) that must not appear in a French text.
ENGLISH = re.compile(
    r"\b(the|and|with|your|you|please|startups?|Open innovation|Courriel|courriel|pharmaceutiques?|rendez-vous|siège)\b"
)
# French typography: a space (regular, no-break or narrow no-break) before : ; ? !
TIGHT_PUNCTUATION = re.compile(r"(?<![\s\u00a0\u202f])[;:!?](?=\s|$)")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")


def catalogue_entries() -> list[dict]:
    entries, current, state = [], {}, None
    for line in [*CATALOGUE.read_text(encoding="utf-8").splitlines(), ""]:
        match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$', line)
        if match:
            state = match.group(1)
            current[state] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and state:
            current[state] += ast.literal_eval(line)
        else:
            if current.get("msgid"):
                entries.append(current)
            current, state = {}, None
    return entries


def french_texts():
    for entry in catalogue_entries():
        for key, value in entry.items():
            if key.startswith("msgstr") and value:
                yield entry["msgid"], value


def test_the_french_catalogue_has_no_english_leftover_and_one_term_per_concept():
    found = [(msgid, text) for msgid, text in french_texts() if ENGLISH.search(PLACEHOLDER.sub("", text))]
    assert not found, found[:10]


def test_french_texts_put_a_space_before_double_punctuation():
    found = []
    for _msgid, text in french_texts():
        prose = re.sub(r"https?://\S+|\{.*?\}|\d+:\d+", "", PLACEHOLDER.sub("X", text))
        if TIGHT_PUNCTUATION.search(prose):
            found.append(text)
    assert not found, found[:10]


def test_every_text_in_the_catalogue_is_translated():
    untranslated = [msgid for msgid, text in french_texts() if not text.strip()]
    missing = [
        entry["msgid"] for entry in catalogue_entries() if not entry.get("msgstr", "x") and "msgid_plural" not in entry
    ]
    assert not untranslated and not missing, (untranslated + missing)[:10]


def _visible_template_text(source: str) -> str:
    source = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", " ", source, flags=re.S)
    source = re.sub(r"{%\s*(blocktranslate|blocktrans)\b.*?{%\s*end\1\s*%}", " ", source, flags=re.S)
    source = re.sub(r"{#.*?#}", " ", source, flags=re.S)
    source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S)
    source = re.sub(r"{%.*?%}|{{.*?}}", " ", source, flags=re.S)
    return re.sub(r"<[^>]*>", " ", source, flags=re.S)


def test_templates_have_no_text_outside_the_translation_tags():
    # 500.html and 500_plain.html are bilingual on purpose: served when the database (and the language) may be
    # unknown.
    leftovers = {}
    for path in [*TEMPLATES.rglob("*.html"), *TEMPLATES.rglob("*.txt")]:
        if path.name.startswith("500"):
            continue
        words = re.findall(r"[A-Za-zÀ-ÿ]{3,}", _visible_template_text(path.read_text(encoding="utf-8")))
        if words:
            leftovers[str(path.relative_to(TEMPLATES))] = words[:5]
    assert not leftovers, leftovers
