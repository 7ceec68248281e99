"""Run as a separate process (`python -m tests.partnerships.sqlite_race DB_PATH`): the embedded default on a
SQLite file, one startup's step saved by two threads at once — the htmx autosave and "Save and continue",
as the threaded development server runs them. Prints a JSON list of what each request got."""

import json
import os
import sys
import threading

os.environ["DATABASE_URL"] = f"sqlite:///{sys.argv[1]}"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

ROUNDS = int(os.environ.get("SQLITE_RACE_ROUNDS", "12"))


def main() -> None:
    from checklists.services import framework_load
    from partnerships.services.assessments import assessment_for_target
    from tests.factories import MembershipFactory, StartupFactory, TargetCompanyFactory
    from tests.partnerships.startup_helpers import applicable_criteria, step_post_data

    call_command("migrate", verbosity=0)
    framework_load()
    alice = MembershipFactory(organisation=StartupFactory(name="CardioSuivi"), user__email="alice@cardio.test").user
    target = TargetCompanyFactory(organisation=alice.membership.organisation, name="Sanofi France")
    assessment = assessment_for_target(target=target, user=alice)
    url = reverse("assessment_step", args=[assessment.pk, 1])
    criteria = applicable_criteria(assessment, 1)
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(alice)
    connection.close()
    outcomes = []
    start = threading.Barrier(2)

    def save(client, go: str, headers: dict) -> None:
        start.wait()
        for round_number in range(ROUNDS):
            level = str(round_number % 4)
            data = step_post_data(assessment, 1, {item.code: level for item in criteria}, go=go)
            try:
                response = client.post(url, data, headers=headers)
                outcomes.append(response.status_code)
            except Exception as error:  # noqa: BLE001 - what the user would have got as a 500
                outcomes.append(f"{type(error).__name__}: {error}")
        connection.close()

    threads = [
        threading.Thread(target=save, args=(clients[0], "autosave", {"HX-Request": "true"})),
        threading.Thread(target=save, args=(clients[1], "next", {})),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps(outcomes))


if __name__ == "__main__":
    main()
