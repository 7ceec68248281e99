"""The garbage collector, tuned for long-lived web and worker processes (docs/performance.md, stops 22 and 23).

What a process loaded before its first request or task (modules, settings, URLs, WeasyPrint and its fonts) lives
as long as the process: frozen, it is left out of every collection. A page or a report allocates tens or
hundreds of thousands of short-lived objects; with the default threshold (700) the collector ran several times
a page and a dozen times a report, examining and promoting the work's own objects. Cycles (WeasyPrint's box
tree has parent links) are still collected, less often.
"""

import gc

YOUNG_THRESHOLD = 10_000


def tune_garbage_collector() -> None:
    """Call once, when the process has loaded what it keeps."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, 20, 20)
