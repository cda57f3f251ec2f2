"""Sort keys for names: Thai dictionary order for Thai names, letter order without accents for Latin ones."""

from __future__ import annotations

import functools
import importlib.util
import unicodedata
from collections.abc import Callable
from pathlib import Path


# Names repeat (a province in every listing row), and the live preview sorts the same names after every edit.
@functools.lru_cache(maxsize=1 << 16)
def thai_sort_key(text: str) -> tuple[str, str]:
    """Sort key for Thai dictionary order: PyThaiNLP's collation key, then the text itself to break ties.

    PyThaiNLP's key (pythainlp.util.collate) reads a leading vowel after the consonant it precedes (เชียงใหม่ under
    ช) and a tone mark only after the letters (อ่างทอง before อุทัยธานี, ร้อยเอ็ด before ราชบุรี).
    """
    return (_pythainlp_key()(text), text)


def name_sort_key(text: str, lang: str) -> tuple[str, str]:
    """Sort key for names in a language's order: Thai dictionary order for Thai, and for names in Latin letters
    (English pages) the letters without their accents and case (Đà Nẵng among the Ds), then the text itself."""
    if lang == "th":
        return thai_sort_key(text)
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return (plain.replace("Đ", "D").replace("đ", "d").casefold(), text)


@functools.cache
def _pythainlp_key() -> Callable[[str], str]:
    """The key of pythainlp.util.collate, from its own file.

    Importing it through its package imports all of pythainlp.util (about 3 s and dozens of modules, see
    tests/test_search.py: the build process loads no PyThaiNLP module); the file itself needs only `re`.
    tests/test_render.py checks that it sorts as pythainlp.util.collate does.
    """
    package = importlib.util.find_spec("pythainlp")
    if package is None or package.origin is None:
        raise ImportError("pythainlp is needed to sort Thai names: pip install -r requirements.txt")
    spec = importlib.util.spec_from_file_location(
        "_pythainlp_collate", Path(package.origin).parent / "util" / "collate.py"
    )
    if spec is None or spec.loader is None:
        raise ImportError("pythainlp/util/collate.py is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    key: Callable[[str], str] = module._thkey
    return key
