import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# The garbage collector, tuned for a web process (docs/performance.md, stop 22). What the app loaded (modules,
# settings, URLs) lives as long as the process: frozen, it is left out of every collection. A page allocates
# tens of thousands of short-lived objects that reference counting frees; with the default threshold (700) the
# collector ran several times a page, examining and promoting the page's own rows and nodes. Cycles are still
# collected, less often.
gc.collect()
gc.freeze()
gc.set_threshold(10_000, 20, 20)
