"""What is cached from the guide and the engine is keyed on the release's code: after a deploy, the results page
never reads a pickle of the previous release's classes (one whose enum had changed answered 500)."""

import pytest

from checklists.selectors import code_digest, guide_key


@pytest.fixture
def fresh_digest():
    code_digest.cache_clear()
    yield
    code_digest.cache_clear()


def test_a_change_of_the_code_changes_every_guide_key(settings, tmp_path, framework, fresh_digest):
    settings.BASE_DIR = tmp_path
    (tmp_path / "scoring").mkdir()
    engine = tmp_path / "scoring" / "engine.py"
    engine.write_text("BANDS = ('ready', 80)\n")
    before = guide_key(framework, "result", 1)
    assert guide_key(framework, "result", 1) == before  # the same release: the same key

    engine.write_text("BANDS = ('ready', 80, 'Prêt')\n")
    code_digest.cache_clear()  # a new release starts new processes
    assert guide_key(framework, "result", 1) != before



def test_a_release_that_only_corrects_a_translation_changes_every_guide_key(
    settings, tmp_path, framework, fresh_digest
):
    # The fragments kept under guide keys are rendered text: a corrected French wording must show after the deploy.
    settings.BASE_DIR = tmp_path
    catalogue = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.mo"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_bytes(b"\xde\x12\x04\x95 Etape")
    before = guide_key(framework, "steps", "fr")

    catalogue.write_bytes(b"\xde\x12\x04\x95 \xc3\x89tape")
    code_digest.cache_clear()
    assert guide_key(framework, "steps", "fr") != before
