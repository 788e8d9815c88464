"""Stage 5: replace machine-translation variants with the glossary's canonical terms.

"PKKCV" becomes "CPPCC", "constant committee of the Provincial Congress" becomes "Standing
Committee of the Provincial People's Congress" (data/glossary.yaml). English text only; each
replacement is reported.
"""
from __future__ import annotations

from digest.ingest.clean import Change
from digest.ingest.extract import Block
from digest.vocab import GlossaryEntry


def apply_glossary(
    blocks: tuple[Block, ...], glossary: tuple[GlossaryEntry, ...]
) -> tuple[tuple[Block, ...], tuple[Change, ...]]:
    changes: list[Change] = []
    result = []
    for block in blocks:
        lines = block.text.split("\n")
        for offset, line in enumerate(lines):
            lowered = " ".join(line.lower().split())
            for entry in glossary:
                if entry.pattern is None or not any(needle in lowered for needle in entry.needles):
                    continue
                canonical = entry.canonical["en"]
                for match in entry.pattern.finditer(line):
                    number = block.line + offset if block.line else None
                    changes.append(Change(number, "replaced", "glossary term",
                                          f"{match.group(0)} → {canonical}"))
                line = entry.pattern.sub(lambda _match: canonical, line)
            lines[offset] = line
        result.append(block.with_text("\n".join(lines)))
    return tuple(result), tuple(changes)
