"""Rebuild the word lists shipped in analysis/data from their public sources (run by hand).

Nothing here runs when the app or the analysis runs: the lists are files in the repository so
that redaction works offline. Sources:

- census_first_names.txt, census_surnames.txt: the US Census Bureau's 1990 name frequency
  files (public domain, a work of the US government), as shipped in the ``names`` package
  0.3.0 (``dist.male.first``, ``dist.female.first``, ``dist.all.last``); surnames held by at
  least 0.001% of people (about 18,800).
- english_words.txt: the lower-case words of SCOWL's British English list (Debian package
  ``wbritish``, /usr/share/dict/british-english; copyright Kevin Atkinson and others, free to
  use, copy and distribute with the notice kept, which the file's header carries).

Usage: python scripts/build_word_lists.py NAMES_PACKAGE_DIR [/usr/share/dict/british-english]
"""

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "analysis" / "data"

CENSUS_HEADER = (
    "# {what} from the US Census Bureau's 1990 name frequency files (public domain), as shipped\n"
    "# in the names package 0.3.0. Built by scripts/build_word_lists.py; one a line.\n"
)
SCOWL_HEADER = """\
# Lower-case English words from SCOWL's British English list (Debian wbritish), used by
# analysis/redaction/words.py as the list of ordinary words. Built by scripts/build_word_lists.py.
# Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify, distribute and sell
# these word lists, the associated scripts, the output created from the scripts, and its
# documentation for any purpose is hereby granted without fee, provided that the above
# copyright notice appears in all copies and that both that copyright notice and this
# permission notice appear in supporting documentation. Kevin Atkinson makes no
# representations about the suitability of this array for any purpose. It is provided "as is"
# without express or implied warranty.
"""


def _census(path: Path, min_share: float) -> list[str]:
    out = []
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2 and float(parts[1]) >= min_share:
            out.append(parts[0].capitalize())
    return out


def main(names_dir: str, dictionary: str = "/usr/share/dict/british-english") -> None:
    src = Path(names_dir)
    firsts = _census(src / "dist.male.first", 0) + _census(src / "dist.female.first", 0)
    surnames = _census(src / "dist.all.last", 0.001)
    (DATA / "census_first_names.txt").write_text(
        CENSUS_HEADER.format(what="First names") + "\n".join(sorted(set(firsts))) + "\n"
    )
    (DATA / "census_surnames.txt").write_text(
        CENSUS_HEADER.format(what="Surnames") + "\n".join(sorted(set(surnames))) + "\n"
    )
    words = {
        w
        for w in Path(dictionary).read_text(encoding="utf-8").split()
        if w[:1].islower() and "'" not in w
    }
    (DATA / "english_words.txt").write_text(SCOWL_HEADER + "\n".join(sorted(words)) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
