#!/usr/bin/env python3
"""Rewrites a scratch copy of heygen-sys/src/generated.rs into a variant, to measure what part
of its compile time a derive costs (benches/sys_variants.sh). Never run on the real tree.

usage: sys_variant.py FILE VARIANT   VARIANT: base | no-schemars | no-cmp | lean
  no-schemars  drop `schemars::JsonSchema` derives and the hand-written JsonSchema impls
  no-cmp       drop PartialEq / Eq / PartialOrd / Ord derives
  lean         both
"""
import re
import sys

COMPARISONS = {"PartialEq", "Eq", "PartialOrd", "Ord"}


def drop_impl_blocks(lines, prefix):
    out, skip_until = [], None
    for line in lines:
        if skip_until is not None:
            if line.rstrip("\n") == skip_until:
                skip_until = None
            continue
        stripped = line.lstrip()
        if stripped.startswith(prefix):
            indent = line[: len(line) - len(stripped)]
            if not line.rstrip().endswith("}"):
                skip_until = indent + "}"
            continue
        out.append(line)
    return out


def drop_derives(text, names):
    def single(match):
        items = [i.strip() for i in match.group(1).split(",") if i.strip()]
        kept = [i for i in items if i not in names]
        return "#[derive(" + ", ".join(kept) + ")]"

    text = re.sub(r"#\[derive\(([^\]\n]*)\)\]", single, text)
    lines = text.splitlines(keepends=True)
    out, in_derive = [], False
    for line in lines:
        stripped = line.strip()
        if stripped == "#[derive(":
            in_derive = True
        elif in_derive and stripped == ")]":
            in_derive = False
        elif in_derive and stripped.rstrip(",") in names:
            continue
        out.append(line)
    return "".join(out)


def main():
    path, variant = sys.argv[1], sys.argv[2]
    text = open(path).read()
    if variant in ("no-schemars", "lean"):
        text = drop_derives(text, {"schemars::JsonSchema"})
        text = "".join(drop_impl_blocks(text.splitlines(keepends=True), "impl schemars::JsonSchema for"))
    if variant in ("no-cmp", "lean"):
        text = drop_derives(text, COMPARISONS)
    open(path, "w").write(text)


main()
