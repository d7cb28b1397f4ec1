"""Type stubs for the Rust extension (python/src/lib.rs)."""

import os
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union, final

__all__ = ["Extractor", "LexiconError", "SCHEMA", "__version__"]

SCHEMA: str
"""Schema name and version of every record: ``ree-claims/1``."""

__version__: str

_Record = Dict[str, Any]
"""One article's record: the ``extract`` example's JSON as Python objects
(``schema``, ``id``, ``lang``, ``bytes``, ``sentences``, ``claims``,
``figures``, ``times``, ``entities``, ``currency``,
``explicit_nondisclosure``, ``nondisclosure_sentences``). Offsets are byte
offsets into the UTF-8 text. Its lists and dicts are not tracked by the cycle
collector (a record holds no cycle); a dict is tracked again when a container
is put into it, a list is not."""

_Texts = Iterable[Union[str, Tuple[str, str], Mapping[str, Any]]]
"""Articles: each a ``str`` (its id is its position, ``"0"``, ``"1"``, ...),
an ``(id, text)`` pair, or a dict with the fields of a JSON Lines object:
``text``, and optionally ``id`` (``str`` or ``int``; the position when
absent), ``title``, ``date`` and ``source`` (or ``publisher``), read as the
``extract`` example reads them."""

class LexiconError(ValueError):
    """A lexicon file is faulty; the message names every fault with its file
    and line (``my.tsv:3: unknown type ...``)."""

@final
class Extractor:
    """Builds claim records from English and Chinese articles.

    Build one and reuse it (the lexicons are parsed once, here); it is safe
    to share between threads and pickles as its arguments."""

    def __new__(
        cls,
        lexicons: Optional[Sequence[Union[str, os.PathLike[str]]]] = None,
        defaults: bool = True,
    ) -> "Extractor":
        """The embedded lexicons, plus your own ``lexicons`` files (same TSV
        format); ``defaults=False`` leaves the embedded ones out.

        Raises :class:`LexiconError` naming every faulty file and line."""
    def extract(
        self,
        text: str,
        id: Optional[str] = None,
        *,
        title: Optional[str] = None,
        date: Optional[str] = None,
        source: Optional[str] = None,
    ) -> _Record:
        """The record of one article (``id`` defaults to ``""``), carrying the
        ``title``, ``date`` and ``source`` given. Releases the GIL while
        extracting. A panic in the extractor raises ``RuntimeError`` naming
        the article."""
    def extract_json(
        self,
        text: str,
        id: Optional[str] = None,
        *,
        title: Optional[str] = None,
        date: Optional[str] = None,
        source: Optional[str] = None,
    ) -> str:
        """The record of one article as one line of JSON, byte for byte the
        ``extract`` example's line."""
    def extract_many(self, texts: _Texts, threads: Optional[int] = None) -> List[_Record]:
        """The records of many articles, in input order, extracted on
        ``threads`` Rust threads (all cores when ``None``) with the GIL
        released. Equal to a loop of :meth:`extract` with the same ids."""
    def extract_many_json(self, texts: _Texts, threads: Optional[int] = None) -> List[str]:
        """Like :meth:`extract_many`, each record as one line of JSON."""
    @property
    def lexicons(self) -> List[Path]:
        """The extra lexicon files, as given."""
    @property
    def defaults(self) -> bool:
        """Whether the embedded lexicons are loaded."""
    @property
    def n_entries(self) -> int:
        """Number of lexicon entries loaded."""
    def __reduce__(self) -> Tuple[type, Tuple[List[Path], bool]]: ...
