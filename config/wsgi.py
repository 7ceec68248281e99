import os

from django.core.wsgi import get_wsgi_application

from config.gc_tuning import tune_garbage_collector

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
# Once the app is loaded: what it loaded is frozen, and pages' own objects are collected less often.
tune_garbage_collector()
