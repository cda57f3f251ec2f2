"""The loader reads partner files one at a time, so the build never holds every YAML tree at once."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import BASELINE, write

from generator.errors import Problem
from generator.loader import load_partners, read_partners
from generator.strings import load_strings


def test_partner_files_are_parsed_one_at_a_time(tmp_path: Path) -> None:
    partners = write(
        tmp_path, {"chiang-mai/a.yml": BASELINE, "chiang-mai/b.yml": "thai_party: [\n", "nan/c.yml": "x: 1"}
    )
    problems: list[Problem] = []
    files = read_partners(partners, load_strings(), problems)
    first = next(files)
    assert (first.path, str(first.rel), problems) == (f"{partners}/chiang-mai/a.yml", "chiang-mai/a.yml", [])
    assert [(s.path, str(s.rel)) for s in files] == [(f"{partners}/nan/c.yml", "nan/c.yml")]
    assert [f"{p.path}:{p.line}: {p.field}" for p in problems] == [f"{partners}/chiang-mai/b.yml:2: (yaml)"]
    sources, listed = load_partners(partners, load_strings())
    assert [s.path for s in sources] == [first.path, f"{partners}/nan/c.yml"] and listed == problems


def test_every_scalar_is_text_whatever_it_looks_like(tmp_path: Path) -> None:
    partners = write(tmp_path, {"lamphun/a.yml": "no: NO\nyes: 2024-01-01\nn: 12\nnull: ~\nlist: [1.5, true]\n"})
    (source,), _ = load_partners(partners, load_strings())
    node = source.node
    assert isinstance(node, yaml.MappingNode) and node.tag == "tag:yaml.org,2002:map"
    pairs = [(k.value, v.tag) for k, v in node.value]
    assert pairs == [
        ("no", "tag:yaml.org,2002:str"),
        ("yes", "tag:yaml.org,2002:str"),
        ("n", "tag:yaml.org,2002:str"),
        ("null", "tag:yaml.org,2002:str"),
        ("list", "tag:yaml.org,2002:seq"),
    ]
    assert [(item.value, item.tag) for item in node.value[4][1].value] == [
        ("1.5", "tag:yaml.org,2002:str"),
        ("true", "tag:yaml.org,2002:str"),
    ]
