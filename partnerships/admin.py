"""Staff screens of the admin for the partnerships app (one module per area)."""

from . import admin_trust  # noqa: F401  (verification of pharma companies)
