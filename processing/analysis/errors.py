"""One exception family for the pure core, translated at the QGIS boundary.

The core has no Qt, so it cannot translate. It raises :class:`OneGridError` with an English
*template* marked by :func:`N_` (so the catalogue extractor finds it) and the values to put in
it. The Processing algorithms and the GUI translate the template with ``tr`` and then format it.

>>> err = OneGridError(N_("Field {field} is missing in {layer}"), field="x", layer="people")
>>> str(err)
'Field x is missing in people'

A parameter marked by :func:`T_` is translated with the template:

>>> err = OneGridError(N_("{file} has no {what} column"), file="a.csv", what=T_("time"))
>>> err.translated({"time": "时间", "{file} has no {what} column": "{file} 没有{what}列"}.get)
'a.csv 没有时间列'
"""


def N_(text):  # noqa: N802 (gettext's conventional name)
    """Mark ``text`` as a translatable template without translating it here."""
    return text


class Marked(str):
    """A word marked translatable by :func:`T_`; as a parameter of a message it is translated
    together with the message's template."""


def T_(text):  # noqa: N802 (like N_)
    """Mark a word that fills a message's placeholder: translated with that message."""
    return Marked(text)


class OneGridError(ValueError):
    """A user-facing error from the core: an English template and its parameters."""

    def __init__(self, template, **params):
        self.template = template
        self.params = params
        super().__init__(template.format(**params))

    def translated(self, translate):
        """The message in the language ``translate`` (a ``tr`` function) gives."""
        params = {key: translate(str(value)) if isinstance(value, Marked) else value
                  for key, value in self.params.items()}
        return translate(self.template).format(**params)


class Canceled(Exception):
    """The caller's ``is_canceled()`` said stop."""


def check_canceled(is_canceled):
    """Raise :class:`Canceled` when ``is_canceled`` (may be None) says so."""
    if is_canceled is not None and is_canceled():
        raise Canceled()
