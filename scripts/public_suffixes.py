#!/usr/bin/env python3
"""Writes Sources/CORS/PublicSuffixes+List.swift from the Public Suffix List.

    public_suffixes.py [LIST] [--version VERSION]

LIST defaults to /usr/share/publicsuffix/public_suffix_list.dat, where Debian's `publicsuffix`
package installs it. The version printed in the generated header is, in this order: the
--version given, the list's own `// VERSION:` line (lists fetched from publicsuffix.org have
one), or the installed Debian package's version when LIST is the Debian path.

The binary is one static file that reads nothing beside its inputs, so the list is built in
rather than read at run time. Both sections are kept: the ICANN one (co.uk, kawasaki.jp) and
the PRIVATE one (github.io, cloudfront.net, s3.amazonaws.com), because a host under either is
one anybody can get. Rules are written in the form browsers send a host in `Origin`: labels of
internationalised names in punycode (xn--…), the others as listed (already lower case).

The output is four static string literals, one name (or pair) a line, each sorted in byte
order: the plain rules, the parents of `*.` rules, the `!` exceptions, and each name that has
a plain rule one label below it with the shortest such rule (`amazonaws.com s3.amazonaws.com`).
The CORS module binary-searches their bytes where the compiler put them, so a run builds no
set or dictionary at all; and a literal of thousands of strings in a Swift array or set takes
the type checker minutes, one long string takes it nothing.
"""

import argparse
import hashlib
import os
import subprocess
import sys

DEBIAN_LIST = "/usr/share/publicsuffix/public_suffix_list.dat"
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "CORS", "PublicSuffixes+List.swift")


def ascii_name(rule):
    """The rule with every non-ASCII label in punycode, as a browser serialises the host."""
    labels = []
    for label in rule.split("."):
        if label.isascii():
            labels.append(label)
        else:
            labels.append("xn--" + label.encode("punycode").decode("ascii"))
    return ".".join(labels)


def read_rules(text):
    """(plain rules, parents of wildcard rules, exceptions), each a sorted list of names."""
    plain, wildcard, exceptions = set(), set(), set()
    for line in text.splitlines():
        # A rule is the first run of non-space characters of a line; comments start with //.
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        rule = line.split()[0]
        if rule.startswith("!"):
            exceptions.add(ascii_name(rule[1:]))
        elif rule.startswith("*."):
            wildcard.add(ascii_name(rule[2:]))
        elif "*" in rule:
            sys.exit(f"a wildcard that is not a whole leftmost label: {rule}; the lookup does not handle it")
        else:
            plain.add(ascii_name(rule))
    return sorted(plain), sorted(wildcard), sorted(exceptions)


def is_under_exception(name, exceptions):
    """Whether an exception rule covers `name` or a name above it (then it is registrable)."""
    labels = name.split(".")
    return any(".".join(labels[i:]) in exceptions for i in range(len(labels)))


def parents_with_rules_below(plain, exceptions):
    """(parent, its shortest plain rule one label below) for every such parent, sorted."""
    below = {}
    for rule in plain:
        if "." not in rule or is_under_exception(rule, set(exceptions)):
            continue
        parent = rule.split(".", 1)[1]
        known = below.get(parent)
        if known is None or (len(rule), rule) < (len(known), known):
            below[parent] = rule
    return sorted(below.items())


def list_version(path, text, given):
    """The version to name in the header (see the module's text for the order)."""
    if given:
        return given
    for line in text.splitlines()[:40]:
        if line.startswith("// VERSION:"):
            return line.split(":", 1)[1].strip()
    if os.path.realpath(path) == os.path.realpath(DEBIAN_LIST):
        try:
            version = subprocess.run(
                ["dpkg-query", "-W", "-f=${Version}", "publicsuffix"], capture_output=True, text=True, check=True
            ).stdout.strip()
            return f"Debian publicsuffix {version}"
        except (OSError, subprocess.CalledProcessError):
            pass
    sys.exit("cannot tell the list's version; pass --version")


def swift_literal(names):
    """A multi-line Swift string literal, one name a line."""
    return '"""\n' + "\n".join(f"        {name}" for name in names) + '\n        """'


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("list", nargs="?", default=DEBIAN_LIST)
    parser.add_argument("--version")
    parser.add_argument("--output", default=OUTPUT)
    arguments = parser.parse_args()

    with open(arguments.list, "rb") as handle:
        raw = handle.read()
    text = raw.decode("utf-8")
    plain, wildcard, exceptions = read_rules(text)
    parents = parents_with_rules_below(plain, exceptions)
    version = list_version(arguments.list, text, arguments.version)
    digest = hashlib.sha256(raw).hexdigest()

    source = f"""// Generated by scripts/public_suffixes.py from the Public Suffix List ({version},
// SHA-256 {digest}); do not edit, run the script again.
// The list is published by the Mozilla Foundation under the Mozilla Public License 2.0
// (https://mozilla.org/MPL/2.0/); see https://publicsuffix.org. Both its ICANN and its
// PRIVATE sections are here: {len(plain)} rules, {len(wildcard)} wildcard rules, {len(exceptions)} exceptions.

extension PublicSuffixes {{
    /// The list's plain rules (`co.uk`, `github.io`), one a line, in punycode, in byte order.
    static let listedRules: StaticString = {swift_literal(plain)}

    /// What follows `*.` in the list's wildcard rules (`ck` for `*.ck`), one a line, in byte order.
    static let listedWildcardParents: StaticString = {swift_literal(wildcard)}

    /// The list's exceptions without their `!` (`www.ck`), one a line, in byte order.
    static let listedExceptions: StaticString = {swift_literal(exceptions)}

    /// Each name with a plain rule one label below it, a space, and the shortest such rule
    /// (the first in byte order among equals), one a line, in byte order of the names.
    static let listedParents: StaticString = {swift_literal(f"{parent} {child}" for parent, child in parents)}
}}
"""
    with open(arguments.output, "w", encoding="utf-8") as handle:
        handle.write(source)
    print(
        f"wrote {os.path.normpath(arguments.output)}: {len(plain)} rules, {len(wildcard)} wildcards, "
        f"{len(exceptions)} exceptions, {len(parents)} parents"
    )


if __name__ == "__main__":
    main()
