from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from checklists.services import DEFAULT_FRAMEWORK_FILE, FrameworkFileError, framework_load


class Command(BaseCommand):
    help = "Load a version of the guide from its YAML file. Loading a version already present changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_FRAMEWORK_FILE))
        parser.add_argument("--unpublished", action="store_true", help="Load without publishing it.")

    def handle(self, *args, path: str, unpublished: bool, **options):
        try:
            framework, created = framework_load(path=Path(path), publish=not unpublished)
        except (FrameworkFileError, OSError, KeyError) as error:
            raise CommandError(f"Cannot load {path}: {error}") from error
        counts = f"{framework.steps.count()} steps, {framework.items.count()} items"
        if created:
            self.stdout.write(self.style.SUCCESS(f"Loaded {framework} ({counts})."))
        else:
            self.stdout.write(f"{framework} is already loaded ({counts}); nothing changed.")
