#!/usr/bin/env python3
"""Fails on a user-visible string literal in QML that does not go through qsTr().

Usage: check_qml_strings.py FILE.qml... (or @LIST naming one file a line; only the .qml files are read).
Looks at the properties that put words on screen or in front of a screen reader (text, title, placeholderText,
label, subtitle, Accessible.name/description, ToolTip.text, model lists of strings …) and reports every literal
with a letter in it that is not an argument of qsTr()/qsTranslate(). Number formats ("f" in toLocaleString) and
comparisons (=== "home") and the keys of object literals are not words the user reads and are ignored.
"""
import re
import sys

# A binding starts a line or follows "{" or ";" (Label { text: "…"; color: … }) and runs to the next ";".
VISIBLE = re.compile(
    r"(?:^|[{;])\s*(?:readonly\s+)?(?:property\s+string\s+)?"
    r"(text|title|placeholderText|label|subtitle|heading|message|detail|description|hint|emptyText|"
    r"Accessible\.name|Accessible\.description|ToolTip\.text|model)\s*:\s*([^;]*)")
LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')
TRANSLATED = re.compile(r'\bqsTr(?:anslate|Id)?\s*\(\s*(?:"(?:[^"\\]|\\.)*"\s*,\s*)?"(?:[^"\\]|\\.)*"')
NOT_WORDS = [
    re.compile(r'toLocale(?:String|DateString|TimeString)\s*\((?:[^()]|\([^()]*\))*\)'),
    re.compile(r'"(?:[^"\\]|\\.)*"\s*:'),
    re.compile(r'[=!]==?\s*"(?:[^"\\]|\\.)*"'),
    re.compile(r'"(?:[^"\\]|\\.)*"\s*[=!]==?'),
]


def files_from(arguments):
    for argument in arguments:
        if argument.startswith("@"):
            with open(argument[1:], encoding="utf-8") as listing:
                yield from (line.strip() for line in listing if line.strip())
        else:
            yield argument


def problems(path):
    with open(path, encoding="utf-8") as source:
        for number, line in enumerate(source, 1):
            # Translated strings and non-words go first, so that a ";" inside them cannot end a binding early.
            code = TRANSLATED.sub("qsTr()", line)
            for pattern in NOT_WORDS:
                code = pattern.sub("", code)
            for match in VISIBLE.finditer(code):
                for literal in LITERAL.findall(match.group(2)):
                    if re.search(r"[A-Za-z]", literal):
                        yield f"{path}:{number}: {match.group(1)}: {literal} is shown to the user but not " \
                              f"translated; write qsTr({literal})"


def main():
    found = [problem for path in files_from(sys.argv[1:]) if path.endswith(".qml") for problem in problems(path)]
    for problem in found:
        print(problem)
    if found:
        print(f"{len(found)} untranslated string(s) in QML.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
