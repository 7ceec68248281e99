.PHONY: run test setup lint bench messages

run:        ## set up (virtualenv, install, migrate, load the guide, demo accounts) and serve on :8000
	bin/run

test:       ## set up and run the whole test suite (embedded: SQLite, eager Celery)
	bin/test

setup:
	bin/setup

lint:
	.venv/bin/ruff check .

messages:   ## refresh and compile the French/English translations
	.venv/bin/python manage.py makemessages -l fr -l en --ignore=.venv --ignore=static/vendor --ignore=benchmarks
	.venv/bin/python manage.py compilemessages --ignore=.venv

bench:      ## performance measures (see docs/performance.md)
	bin/bench
