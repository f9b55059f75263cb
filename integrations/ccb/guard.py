"""The read-only guard: a query file may hold exactly one SELECT or WITH statement and nothing else."""
from __future__ import annotations

import re

FORBIDDEN = re.compile(
    r"\b(?:INSERT|UPDATE|DELETE|MERGE|UPSERT|DROP|CREATE|ALTER|TRUNCATE|RENAME|GRANT|REVOKE|COMMENT|"
    r"BEGIN|DECLARE|EXEC|EXECUTE|CALL|COMMIT|ROLLBACK|SAVEPOINT|LOCK|INTO|PRAGMA|ATTACH|DETACH|VACUUM|COPY|"
    r"DBMS_\w+|UTL_\w+|SYS\.\w+)\b|\bFOR\s+UPDATE\b", re.IGNORECASE)


class NotReadOnly(ValueError):
    """The SQL is not one plain read-only query."""


def code_only(sql: str, *, keep_strings: bool = False) -> str:
    """The SQL with comments (and, unless `keep_strings`, string literals and quoted identifiers) blanked out."""
    out: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        two = sql[i:i + 2]
        if two == "--":
            end = sql.find("\n", i)
            end = n if end == -1 else end
            out.append(" " * (end - i))
            i = end
        elif two == "/*":
            end = sql.find("*/", i + 2)
            if end == -1:
                raise NotReadOnly("unterminated /* comment")
            out.append(" " * (end + 2 - i))
            i = end + 2
        elif sql[i] in ("'", '"'):
            quote, j = sql[i], i + 1
            while True:
                j = sql.find(quote, j)
                if j == -1:
                    raise NotReadOnly("unterminated quoted text")
                if sql[j + 1:j + 2] == quote:  # doubled quote inside the literal
                    j += 2
                    continue
                break
            out.append(sql[i:j + 1] if keep_strings else " " * (j + 1 - i))
            i = j + 1
        elif two.lower() == "q'":
            raise NotReadOnly("Oracle q'...' quoting is not allowed in query files")
        else:
            out.append(sql[i])
            i += 1
    return "".join(out)


def check_read_only(sql: str) -> str:
    """The statement without a trailing semicolon, or `NotReadOnly` saying what is wrong."""
    code = code_only(sql).strip()
    if code.endswith(";"):
        code = code[:-1].rstrip()
    if ";" in code:
        raise NotReadOnly("more than one statement")
    first = re.match(r"\s*\(*\s*(\w+)", code)
    if first is None or first.group(1).upper() not in ("SELECT", "WITH"):
        raise NotReadOnly("a query must start with SELECT or WITH")
    forbidden = FORBIDDEN.search(code)
    if forbidden:
        raise NotReadOnly(f"{forbidden.group().upper()} is not allowed in a read-only query")
    # what runs is the statement without comments: drivers and SQLAlchemy would read ":name" in a comment as a bind
    runnable = code_only(sql, keep_strings=True).strip()
    return runnable[:-1].rstrip() if runnable.endswith(";") else runnable
