#!/usr/bin/env python3
"""Validate every body `tunescout-fake-spotify --dump DIR` wrote against Spotify's OpenAPI definition.

usage: check_spotify_fake.py SPEC.yml DUMP_DIR [--verbose]

Web API bodies are validated against the schema the operation declares for the answered status; an
error status the operation does not declare is validated against the ErrorObject envelope. The
schemas are made strict: objects may not carry properties the spec does not name, except for the
documented differences listed in EXTRA_PROPERTIES below. In the development-2026 profile every
property the spec marks `deprecated: true` must be absent (checked twice: by the schema, and by a
walk over the JSON keyed on each object's `type`), and no removed (deprecated) operation may answer
with success. Token-endpoint bodies are validated against TOKEN_SCHEMAS, written from SPOTIFY.md §1.4.
"""

import argparse
import copy
import datetime
import json
import pathlib
import re
import sys

import jsonschema
import yaml

# Properties real responses carry that the spec does not list. Each is added to the named component
# schema before validation, so that strictness catches everything else.
EXTRA_PROPERTIES = {
    "CurrentlyPlayingContextObject": {
        # Real responses carry smart_shuffle (LedFx SpState.tsx, Yorgl2 types.ts); the spec does not.
        "smart_shuffle": {"type": "boolean"},
    },
    "DisallowsObject": {
        # Real responses nest the flags as actions.disallows.{…}; the spec puts them in actions directly.
        # Filled in with DisallowsObject's own properties by add_exceptions().
        "disallows": None,
    },
    "ErrorObject": {
        # Player errors and quota 429s carry a reason (PREMIUM_REQUIRED, QUOTA_EXCEEDED, …).
        "reason": {"type": "string"},
    },
}

# Properties the real API answers null that the spec neither marks nullable nor describes as such.
EXTRA_NULLABLE = {
    # recently-played answers "cursors": null when the page is empty.
    ("CursorPagingObject", "cursors"): "empty recently-played page",
    # GET /me/following answers "after": null on the last page.
    ("CursorObject", "after"): "last page of followed artists",
    # Plays outside a context (liked songs, single tracks) have "context": null (SPOTIFY.md §2).
    ("PlayHistoryObject", "context"): "plays outside a context",
}

# Statuses the real API answers that the spec does not declare for the operation.
UNDECLARED_STATUSES = {
    # Like GET /me/player, currently-playing answers 204 with no body when nothing plays.
    ("GET", "/me/player/currently-playing", 204): "nothing playing",
}

# Batch gets answer null for IDs they do not know: {"tracks":[TrackObject|null…]} (SPOTIFY.md §2).
NULLABLE_ARRAY_ITEMS = {
    ("GET", "/tracks"): "tracks",
    ("GET", "/artists"): "artists",
    ("GET", "/albums"): "albums",
    ("GET", "/audio-features"): "audio_features",
}

# A property whose description says it may be null is treated as nullable: the spec often forgets
# `nullable: true` there ("Can be `null`", "`null` if none", "otherwise `null`", …).
NULL_IN_DESCRIPTION = re.compile(
    r"Can be `null`|`null` if |may return `null`|might be `null`|otherwise_? `null`|will be `null`|"
    r"`null` the playlist status"
)

# Object `type` values and the component schemas that describe them, for the deprecated-field walk.
TYPED_SCHEMAS = {
    "artist": ["ArtistObject", "SimplifiedArtistObject"],
    "track": ["TrackObject", "SimplifiedTrackObject"],
    "album": ["AlbumBase", "SimplifiedAlbumObject", "AlbumObject", "ArtistDiscographyAlbumObject"],
    "user": ["PrivateUserObject", "PublicUserObject"],
    "playlist": ["PlaylistObject", "SimplifiedPlaylistObject"],
}
# The deprecated fields SPOTIFY.md §1.3 lists: the spec's marks must cover at least these.
EXPECTED_DEPRECATED = {
    "genres", "popularity", "followers", "available_markets", "linked_from", "preview_url", "label",
    "country", "email", "product", "explicit_content", "tracks", "track",
}

# Development Mode's allow-list refusal is plain text, as Spotify words it (spotipy#688, jwilsson#260).
PLAIN_TEXT_BODIES = {"User not registered in the Developer Dashboard"}

INVALID_GRANT_DESCRIPTIONS = [
    "Invalid refresh token",
    "Refresh token revoked",
    "Invalid authorization code",
    "code_verifier was incorrect",
    "Invalid redirect URI",
]

TOKEN_SCHEMAS = {
    200: {
        "type": "object",
        "required": ["access_token", "token_type", "scope", "expires_in"],
        "properties": {
            "access_token": {"type": "string", "minLength": 1},
            "token_type": {"const": "Bearer"},
            "scope": {"type": "string"},
            "expires_in": {"const": 3600},
            "refresh_token": {"type": "string", "minLength": 1},
        },
        "additionalProperties": False,
    },
    400: {
        "type": "object",
        "required": ["error", "error_description"],
        "properties": {
            "error": {"enum": ["invalid_grant", "invalid_request", "invalid_client", "unsupported_grant_type"]},
            "error_description": {"type": "string", "minLength": 1},
        },
        "additionalProperties": False,
        "if": {"properties": {"error": {"const": "invalid_grant"}}},
        "then": {"properties": {"error_description": {"enum": INVALID_GRANT_DESCRIPTIONS}}},
    },
}


def load_spec(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def add_exceptions(schemas):
    for name, extra in EXTRA_PROPERTIES.items():
        properties = schemas[name].setdefault("properties", {})
        for prop, schema in extra.items():
            if schema is None:
                schema = {"type": "object", "properties": copy.deepcopy(properties)}
            properties[prop] = schema
    for (name, prop), _why in EXTRA_NULLABLE.items():
        schemas[name]["properties"][prop]["nullable"] = True


def deref(node, spec, stack=()):
    """Inline every $ref (components/schemas and components/responses), recursively."""
    if isinstance(node, list):
        return [deref(item, spec, stack) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = node["$ref"]
        if ref in stack:
            raise ValueError("recursive $ref " + " -> ".join(stack + (ref,)))
        target = spec
        for part in ref.lstrip("#/").split("/"):
            target = target[part]
        resolved = deref(target, spec, stack + (ref,))
        rest = {k: deref(v, spec, stack) for k, v in node.items() if k != "$ref"}
        if rest:
            return {"allOf": [resolved], **rest}
        return resolved
    return {k: deref(v, spec, stack) for k, v in node.items()}


def is_object_schema(schema):
    return isinstance(schema, dict) and (schema.get("type") == "object" or "properties" in schema)


def merge_all_of(schema):
    """Fold allOf parts that are object schemas into one, so that strictness sees every property."""
    if isinstance(schema, list):
        return [merge_all_of(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    schema = dict(schema)
    for key in ("allOf", "oneOf", "anyOf"):
        if key in schema:
            schema[key] = [merge_all_of(part) for part in schema[key]]
    if "items" in schema:
        schema["items"] = merge_all_of(schema["items"])
    if "properties" in schema:
        schema["properties"] = {name: merge_all_of(prop) for name, prop in schema["properties"].items()}
    parts = schema.get("allOf")
    if not parts or not all(is_object_schema(part) for part in parts):
        return schema
    merged = {k: v for k, v in schema.items() if k != "allOf"}
    merged["type"] = "object"
    properties = dict(merged.get("properties", {}))
    required = list(merged.get("required", []))
    for part in parts:
        for name, prop in part.get("properties", {}).items():
            if name in properties and properties[name] != prop:
                properties[name] = merge_all_of({"allOf": [properties[name], prop]})
            else:
                properties[name] = prop
        required += [r for r in part.get("required", []) if r not in required]
        for key in ("nullable", "deprecated"):
            if key in part and key not in merged:
                merged[key] = part[key]
    merged["properties"] = properties
    if required:
        merged["required"] = required
    return merged


def walk_schemas(schema, visit):
    if isinstance(schema, list):
        for item in schema:
            walk_schemas(item, visit)
        return
    if not isinstance(schema, dict):
        return
    visit(schema)
    for key in ("allOf", "oneOf", "anyOf"):
        for part in schema.get(key, []):
            walk_schemas(part, visit)
    if "items" in schema:
        walk_schemas(schema["items"], visit)
    for prop in schema.get("properties", {}).values():
        walk_schemas(prop, visit)


def forbid_deprecated(schema):
    """Development Mode: deprecated properties must be absent, even where the spec requires them."""
    def visit(node):
        properties = node.get("properties")
        if not properties:
            return
        deprecated = [name for name, prop in properties.items() if isinstance(prop, dict) and prop.get("deprecated")]
        for name in deprecated:
            properties[name] = False
        if "required" in node:
            node["required"] = [name for name in node["required"] if name not in deprecated]
    walk_schemas(schema, visit)


def to_json_schema(schema):
    """OpenAPI 3.0 → JSON Schema: nullable, and strict objects."""
    if isinstance(schema, list):
        return [to_json_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {}
    for key, value in schema.items():
        if key in ("discriminator", "example", "examples", "x-spotify-docs-type", "x-spotify-policy-list"):
            continue
        if key == "properties":
            out[key] = {}
            for name, prop in value.items():
                if isinstance(prop, dict) and NULL_IN_DESCRIPTION.search(prop.get("description", "")):
                    prop = dict(prop, nullable=True)
                out[key][name] = to_json_schema(prop)
        elif key in ("allOf", "oneOf", "anyOf", "items"):
            out[key] = to_json_schema(value)
        else:
            out[key] = value
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    if out.pop("nullable", False):
        if "type" in out and not any(k in out for k in ("allOf", "oneOf", "anyOf")):
            out["type"] = [out["type"], "null"] if isinstance(out["type"], str) else out["type"] + ["null"]
            if "enum" in out:
                out["enum"] = out["enum"] + [None]
        else:
            description = out.pop("description", None)
            out = {"anyOf": [out, {"type": "null"}]}
            if description:
                out["description"] = description
    out.pop("deprecated", None)
    out.pop("description", None)
    return out


format_checker = jsonschema.FormatChecker()


@format_checker.checks("date-time", raises=ValueError)
def is_date_time(value):
    if not isinstance(value, str):
        return True
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})", value):
        raise ValueError("not an RFC 3339 date-time")
    datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


def error_envelope(spec):
    return {"type": "object", "required": ["error"], "properties": {"error": {"$ref": "#/components/schemas/ErrorObject"}}}


def response_schema(spec, operation, status):
    """The schema for this operation and status: (schema or None, declared?)."""
    responses = operation.get("responses", {})
    response = responses.get(str(status))
    if response is None:
        if status >= 400:
            return error_envelope(spec), False
        return None, False
    if "$ref" in response:
        response = deref(response, spec)
    schema = (response.get("content", {}).get("application/json") or {}).get("schema")
    if status >= 400 and schema == {"$ref": "#/components/schemas/ErrorObject"}:
        # The /me/library operations of 2026 declare a bare ErrorObject; every Spotify error body,
        # theirs included, is wrapped as {"error": …} (SPOTIFY.md §2).
        return error_envelope(spec), True
    return schema, True


def deprecated_names(schemas):
    by_type = {}
    for type_name, names in TYPED_SCHEMAS.items():
        found = set()
        for name in names:
            def visit(node):
                for prop_name, prop in node.get("properties", {}).items():
                    if isinstance(prop, dict) and prop.get("deprecated"):
                        found.add(prop_name)
            walk_schemas(schemas[name], visit)
        by_type[type_name] = found
    item = set()
    walk_schemas(schemas["PlaylistTrackObject"],
                 lambda node: item.update(n for n, p in node.get("properties", {}).items() if isinstance(p, dict) and p.get("deprecated")))
    return by_type, item


def walk_for_deprecated(body, by_type, playlist_item, path="$"):
    problems = []
    if isinstance(body, dict):
        forbidden = by_type.get(body.get("type"), set()) if isinstance(body.get("type"), str) else set()
        if "added_by" in body and "is_local" in body:
            forbidden = forbidden | playlist_item
        for key in sorted(forbidden & body.keys()):
            problems.append(f"{path}.{key}: deprecated field present on a {body.get('type', 'playlist item')} object")
        for key, value in body.items():
            problems += walk_for_deprecated(value, by_type, playlist_item, f"{path}.{key}")
    elif isinstance(body, list):
        for i, value in enumerate(body):
            problems += walk_for_deprecated(value, by_type, playlist_item, f"{path}[{i}]")
    return problems


def where(error):
    """JSON path of a validation error (ValidationError.json_path is missing from older jsonschema)."""
    return "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("spec")
    parser.add_argument("dump")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    spec = load_spec(args.spec)
    add_exceptions(spec["components"]["schemas"])
    by_type, playlist_item = deprecated_names(spec["components"]["schemas"])
    all_deprecated = set().union(*by_type.values()) | playlist_item
    missing = EXPECTED_DEPRECATED - all_deprecated
    if missing:
        print(f"the spec's deprecated marks lack {sorted(missing)}: wrong spec?", file=sys.stderr)
        return 1

    dump = pathlib.Path(args.dump)
    index = json.loads((dump / "index.json").read_text(encoding="utf-8"))
    failures = []
    validated = 0
    empty_checked = 0
    operations = set()
    exceptions_used = 0
    cache = {}

    def fail(entry, message):
        failures.append(f"{entry.get('file') or '(no body)'} [{entry['profile']} {entry['method']} {entry['path']} -> {entry['status']}]: {message}")

    for entry in index["bodies"]:
        profile, method, path, status, service = entry["profile"], entry["method"], entry["path"], entry["status"], entry["service"]
        body_bytes = (dump / entry["file"]).read_bytes() if entry.get("file") else b""
        content_type = entry.get("content_type", "")

        if service == "accounts-page":
            if "text/html" not in content_type or b"INVALID_CLIENT" not in body_bytes:
                fail(entry, "the /authorize error page should be HTML naming INVALID_CLIENT")
            continue

        if service == "accounts":
            try:
                body = json.loads(body_bytes)
            except ValueError as error:
                fail(entry, f"not JSON: {error}")
                continue
            schema = TOKEN_SCHEMAS.get(status)
            if schema is None:
                schema = to_json_schema(merge_all_of(deref(error_envelope(spec), spec)))
            for error in jsonschema.Draft7Validator(schema, format_checker=format_checker).iter_errors(body):
                fail(entry, f"{where(error)}: {error.message}")
            validated += 1
            operations.add(("POST", "/api/token"))
            continue

        operation = spec["paths"].get(path, {}).get(method.lower())
        if operation is None:
            fail(entry, "the spec has no such operation")
            continue
        operations.add((method, path))
        if profile == "development-2026" and operation.get("deprecated") and status < 400:
            fail(entry, "a removed (deprecated) operation answered with success in the development-2026 profile")

        key = (method, path, status, profile)
        if key not in cache:
            schema, declared = response_schema(spec, operation, status)
            if (method, path, status) in UNDECLARED_STATUSES:
                declared = True
            if schema is not None:
                schema = merge_all_of(deref(schema, spec))
                array = NULLABLE_ARRAY_ITEMS.get((method, path))
                if array and status == 200:
                    schema["properties"][array]["items"]["nullable"] = True
                if profile == "development-2026":
                    forbid_deprecated(schema)
                schema = to_json_schema(schema)
            cache[key] = (schema, declared)
        schema, declared = cache[key]

        if not body_bytes:
            if status < 400 and not declared:
                fail(entry, "empty success answer with a status the operation does not declare")
            elif schema is not None and status != 204:
                fail(entry, "empty body where the operation declares JSON content")
            empty_checked += 1
            continue
        if status < 400 and not declared:
            fail(entry, "success status the operation does not declare")
            continue
        if not content_type.startswith("application/json"):
            if body_bytes.decode("utf-8", "replace") in PLAIN_TEXT_BODIES and status == 403:
                exceptions_used += 1
                continue
            fail(entry, f"unexpected non-JSON body ({content_type})")
            continue
        try:
            body = json.loads(body_bytes)
        except ValueError as error:
            fail(entry, f"not JSON: {error}")
            continue
        if schema is None:
            fail(entry, "a body where the operation declares none")
            continue
        for error in sorted(jsonschema.Draft7Validator(schema, format_checker=format_checker).iter_errors(body), key=lambda e: list(e.path)):
            fail(entry, f"{where(error)}: {error.message[:300]}")
        if profile == "development-2026":
            for problem in walk_for_deprecated(body, by_type, playlist_item):
                fail(entry, problem)
        validated += 1
        if args.verbose:
            print(f"ok {entry['file']}")

    for failure in failures:
        print("FAIL " + failure)
    print(f"validated {validated} bodies against {len(operations)} operations "
          f"({empty_checked} empty answers checked, {exceptions_used} plain-text exceptions, "
          f"{len(index['bodies'])} index entries, {len(failures)} failures)")
    if validated == 0:
        print("nothing validated: empty dump?")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
