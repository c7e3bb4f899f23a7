#!/usr/bin/env bash
# Every relative link of README.md and docs/*.md leads somewhere: the file exists and, for a link
# with `#anchor`, the file has a heading whose GitHub anchor is that (lower case, punctuation
# dropped, spaces as hyphens). A page that promises "see scenarios.md#intensity-and-money" has it.
# Usage: doc_links.sh POLICYSIM_EXE SOURCE_DIR
set -u
src=$2
/usr/bin/python3 - "$src" <<'PY'
import pathlib, re, sys
root = pathlib.Path(sys.argv[1])
pages = [root / "README.md", *sorted((root / "docs").glob("*.md")), root / "docs/spec/MODEL.md"]

def anchors(page):
    text = re.sub(r"^```.*?^```", "", page.read_text(), flags=re.S | re.M)
    seen, found = {}, set()
    for heading in re.findall(r"^#{1,6} +(.+?) *$", text, flags=re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found

broken, checked = [], 0
for page in pages:
    text = re.sub(r"^```.*?^```", "", page.read_text(), flags=re.S | re.M)
    text = re.sub(r"`[^`\n]*`", "", text)  # formulas such as `b[j](t)` are no links
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # an address outside the repository
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        checked += 1
        if not linked.exists():
            broken.append(f"{page.relative_to(root)}: {target}: no file {path}")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            broken.append(f"{page.relative_to(root)}: {target}: no heading #{anchor} in {path or page.name}")
for line in broken:
    print("FAIL", line)
if checked < 20:
    print(f"FAIL only {checked} links found; the pattern no longer matches the pages")
    sys.exit(1)
if broken:
    sys.exit(1)
print(f"ok   {checked} relative links of README.md and docs/ lead to a file and heading")
PY
