"""Mark reports stuck in "queued" or "rendering" as failed (their worker died). Celery beat runs the same
service every five minutes; this command is for cron or an operator."""

from django.core.management.base import BaseCommand

from partnerships.services.reports import reports_fail_stale


class Command(BaseCommand):
    help = "Mark reports queued or rendering for too long as failed, with a message for the user."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=None,
            metavar="SECONDS",
            help="Age after which a report counts as stale (default: settings.REPORTS_STALE_AFTER).",
        )

    def handle(self, *args, older_than=None, **options):
        count = reports_fail_stale(older_than_seconds=older_than)
        self.stdout.write(f"{count} stale report(s) marked failed.")
