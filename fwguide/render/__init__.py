"""Pure renderers: ``Guide -> str`` (HTML), one module per part of the site.

Each renderer that a page calls is declared as a macro where it is defined
(``@macro`` from ``fwguide.registry``).  Importing this package imports every
module in it, so a new module's macros are declared without a second list.
All HTML is put together with the helpers in ``render.html``, where every value
from the data is escaped.
"""
import importlib
import pkgutil

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")
