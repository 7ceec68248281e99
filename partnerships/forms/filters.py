"""Filter forms (GET) whose rendering a page keeps in a {% cache %} fragment: crispy's field templates cost
a quarter of the inbox and the directory. The fragment's key is the language, the query and `choices_key`,
so the cached markup is always what the form would render now: staff may add a therapeutic area at any time."""

import hashlib


class CachedRenderingMixin:
    @property
    def choices_key(self) -> str:
        """A digest of every choice offered, values and labels in the active language."""
        digest = hashlib.sha256()
        for name, field in self.fields.items():
            for value, label in getattr(field, "choices", ()):
                digest.update(f"{name}\0{value}\0{label}\0".encode())
        return digest.hexdigest()[:16]
