"""Screen goods descriptions against the dual-use export control lists.

dualuse reads free-text goods descriptions (customs declarations,
invoices, air waybills, in many languages) and says which controlled
entry of the dual-use and military lists may be involved, why (the exact
words, CAS number or HS code) and how sure it is. Every decision is made
by the Rust library; this package is its Python interface.

>>> import dualuse
>>> s = dualuse.Screener()
>>> r = s.screen("Thiodiglycol 99%, 4 drums", hs_code="2930.90")
>>> h = r.hits[0]
>>> h.entry_id, h.regimes, h.rule
('1C350.1', ['AG', 'CWC'], 'term')
>>> r.lane
'red'
"""

from dualuse._dualuse import (
    SCHEMA_VERSION,
    Cleared,
    Evidence,
    Hit,
    HsIndicator,
    ListError,
    RowError,
    Screener,
    Screening,
    __version__,
)

__all__ = [
    "SCHEMA_VERSION",
    "Cleared",
    "Evidence",
    "Hit",
    "HsIndicator",
    "ListError",
    "RowError",
    "Screener",
    "Screening",
    "__version__",
]
