#!/usr/bin/env python3
"""Checks the committed .ts files in translations/.

check_ts.py current LUPDATE SOURCES_LIST TS_FILE... [-- LUPDATE_OPTION...]
    Runs lupdate over the sources into a scratch copy of each .ts file and fails when the committed file lacks a
    string lupdate finds (a new qsTr()/tr() nobody added) or still holds one the sources no longer have.
check_ts.py complete TS_FILE...
    Fails on any message that is unfinished or empty, on a plural without all its forms, and on a translation
    whose %1…%9 / %n placeholders differ from its source's.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

UPDATE = "cmake --build build/dev --target update_translations"


def messages(path):
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            key = (name, message.findtext("source"), message.findtext("comment") or "")
            found[key] = message
    return found


def describe(key):
    context, source, comment = key
    return f"  [{context}] \"{source}\"" + (f" ({comment})" if comment else "")


def current(lupdate, sources_list, arguments):
    ts_files, options = arguments, []
    if "--" in arguments:
        split = arguments.index("--")
        ts_files, options = arguments[:split], arguments[split + 1:]
    failed = False
    with tempfile.TemporaryDirectory() as scratch:
        for ts in ts_files:
            copy = os.path.join(scratch, os.path.basename(ts))
            shutil.copyfile(ts, copy)
            run = subprocess.run([lupdate, *options, "@" + sources_list, "-ts", copy], capture_output=True, text=True)
            if run.returncode != 0:
                print(f"lupdate failed on {ts}:\n{run.stdout}{run.stderr}")
                return 1
            committed, scanned = messages(ts), messages(copy)
            missing = [key for key in scanned if key not in committed]
            stale = [key for key in committed if key not in scanned]
            if missing:
                print(f"{ts} lacks {len(missing)} string(s) found in the sources:")
                print("\n".join(describe(key) for key in missing))
            if stale:
                print(f"{ts} still holds {len(stale)} string(s) no longer in the sources:")
                print("\n".join(describe(key) for key in stale))
            failed = failed or bool(missing or stale)
    if failed:
        print(f"Run `{UPDATE}` and translate the new entries in translations/tunescout_de.ts.")
        return 1
    return 0


PLACEHOLDER = re.compile(r"%(?:L?n|\d)")


def complete(ts_files):
    problems = []
    for ts in ts_files:
        for key, message in messages(ts).items():
            translation = message.find("translation")
            where = f"{ts}: [{key[0]}] \"{key[1]}\""
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
                problems.append(f"{where} is not translated")
                continue
            forms = [form.text or "" for form in translation.iter("numerusform")] \
                if message.get("numerus") == "yes" else [translation.text or ""]
            if message.get("numerus") == "yes" and len(forms) < 2:
                problems.append(f"{where} needs a singular and a plural form")
            for form in forms:
                if not form.strip():
                    problems.append(f"{where} has an empty translation")
                elif sorted(set(PLACEHOLDER.findall(form))) != sorted(set(PLACEHOLDER.findall(key[1]))):
                    problems.append(f"{where}: \"{form}\" does not keep the placeholders of the source")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s); edit the translation (Qt Linguist: linguist {' '.join(ts_files)}).")
        return 1
    return 0


def main():
    if len(sys.argv) >= 5 and sys.argv[1] == "current":
        return current(sys.argv[2], sys.argv[3], sys.argv[4:])
    if len(sys.argv) >= 3 and sys.argv[1] == "complete":
        return complete(sys.argv[2:])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
