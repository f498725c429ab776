"""Same work as DebianCoreBench.java with Debian's python3-debian, for comparison.

deb822 paragraphs are read with Deb822.iter_paragraphs(use_apt_pkg=False): the pure-Python parser, which is what
our pure-Java parser competes with (apt_pkg's C++ TagFile would be a C++ vs Java comparison).
Versions are parsed and sorted with debian.debian_support.Version (pure Python as well).
Usage: python3 python_bench.py <rounds> <file>...
"""
import io
import sys
import time

from debian import deb822
from debian.debian_support import Version


def main():
    rounds = int(sys.argv[1])
    texts = []
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            texts.append(f.read())
    paragraphs = versions = 0
    parse_s = sort_s = 0.0
    for _ in range(rounds):
        t0 = time.perf_counter()
        strings = []
        for text in texts:
            for p in deb822.Deb822.iter_paragraphs(io.StringIO(text), use_apt_pkg=False):
                strings.append(p.get("Version", "0"))
                paragraphs += 1
        t1 = time.perf_counter()
        parsed = sorted(Version(s) for s in strings)
        t2 = time.perf_counter()
        versions += len(parsed)
        parse_s += t1 - t0
        sort_s += t2 - t1
    print(f"python paragraphs_per_s {paragraphs / parse_s:.0f}")
    print(f"python versions_sorted_per_s {versions / sort_s:.0f}")


main()
