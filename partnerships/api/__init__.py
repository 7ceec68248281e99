"""The JSON API for a pharma team's tools (and a startup's), versioned under /api/v1/ (see README, "JSON API")."""
