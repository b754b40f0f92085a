#!/usr/bin/env python3
"""The README's tour, walked as its users walk it.

1. The section of README.md from the heading `## A tour` to the next `## ` heading is read, and
   every fenced ```sh block in it, in order.
2. In a fresh temporary folder (with `calendars` linked to the repository's `calendars/`, and
   `PODIUM_DATABASE` and `HOME` pointing into that folder) each non-empty, non-comment line is
   run with `bash -c`, a leading `podium` replaced by the binary under test. `export NAME=value`
   lines set the environment of the commands that follow. A trailing `# prints: TEXT` means the
   command's output (stdout and stderr) must contain TEXT. Every command must exit 0, except
   `podium check` and `podium auto-assign`, which may exit 1 ("problems found").
3. Every `calendars/...` path the tour mentions must exist in the repository.

Usage, from the repository root: tour_e2e.py PODIUM_BINARY [README]. Exit 0 when every line
passes, 1 when one fails, 2 when the README has no tour (or no ```sh block in it) or the
arguments are wrong -- so an edit of the README cannot silently switch this test off.
"""
import os
import pathlib
import re
import shlex
import signal
import subprocess
import sys
import tempfile

TIMEOUT = 120  # seconds, per command
TAIL = 20  # lines of output shown for a failing command
MAY_FIND_PROBLEMS = {"check", "auto-assign"}  # exit 1 means "problems found", not failure


def tour_section(readme):
    """The lines from `## A tour` up to the next level-2 heading (headings in fences ignored)."""
    lines = readme.splitlines()
    start = next((i for i, l in enumerate(lines) if re.match(r"^## A tour\b", l)), None)
    if start is None:
        return None
    section, in_fence = [], False
    for line in lines[start + 1:]:
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        elif not in_fence and line.startswith("## "):
            break
        section.append(line)
    return section


def sh_blocks(section):
    """The ```sh blocks of the section, each a list of (line number in section, text)."""
    blocks, current = [], None
    for number, line in enumerate(section):
        fence = line.strip()
        if current is None:
            if re.fullmatch(r"```\s*sh\s*", fence):
                current = []
        elif fence.startswith("```"):
            blocks.append(current)
            current = None
        else:
            current.append(line)
    if current is not None:  # an unclosed fence runs to the end of the section
        blocks.append(current)
    return blocks


def split_comment(line):
    """(command, comment): the comment is a `#` at the start of a word outside quotes."""
    quote, escaped = None, False
    for i, c in enumerate(line):
        if escaped:
            escaped = False
        elif c == "\\" and quote != "'":
            escaped = True
        elif quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].rstrip(), line[i + 1:].strip()
    return line.rstrip(), None


def commands(blocks):
    """(command, expected text or None) for every line to run; `\\` continuations joined."""
    result = []
    for block in blocks:
        pending = ""
        for raw in block:
            line = pending + raw
            if line.rstrip().endswith("\\"):
                pending = line.rstrip()[:-1] + " "
                continue
            pending = ""
            command, comment = split_comment(line.strip())
            if not command:
                continue
            expected = None
            if comment is not None:
                m = re.match(r"prints:(.*)$", comment)
                if m:
                    expected = m.group(1).strip()
            result.append((command, expected))
        if pending.strip():
            result.append((pending.strip(), None))
    return result


def subcommand(words):
    """The podium subcommand of a command's words (the first word after `podium`)."""
    return words[1] if len(words) > 1 and words[0] == "podium" else None


def run(command, binary, cwd, env):
    """(exit status or None on timeout, combined output)."""
    if re.match(r"^podium(\s|$)", command):
        command = shlex.quote(binary) + command[len("podium"):]
    process = subprocess.Popen(["bash", "-c", command], cwd=cwd, env=env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=TIMEOUT)
        return process.returncode, output.decode("utf-8", errors="replace")
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        return None, output.decode("utf-8", errors="replace")


def main():
    if len(sys.argv) not in (2, 3):
        print("usage: tour_e2e.py PODIUM_BINARY [README]  (from the repository root)",
              file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[1])
    readme_path = pathlib.Path(sys.argv[2] if len(sys.argv) == 3 else "README.md")
    repo = pathlib.Path.cwd()
    if not os.access(binary, os.X_OK):
        print(f"FAIL {binary} is not an executable", file=sys.stderr)
        return 2
    if not (repo / "calendars").is_dir():
        print("FAIL no calendars/ here: run from the repository root", file=sys.stderr)
        return 2
    try:
        readme = readme_path.read_text(encoding="utf-8")
    except OSError as error:
        print(f"FAIL cannot read {readme_path}: {error}", file=sys.stderr)
        return 2

    section = tour_section(readme)
    if section is None:
        print(f"FAIL {readme_path} has no `## A tour` section")
        return 2
    blocks = sh_blocks(section)
    steps = commands(blocks)
    if not steps:
        print(f"FAIL the tour in {readme_path} has no ```sh block with a command in it")
        return 2

    failures, passed = [], 0

    # Every example file the tour names must be in the repository.
    text = "\n".join(section)
    paths = sorted(set(p.rstrip(".,;:") for p in
                       re.findall(r"(?<![\w/.-])calendars/[\w./-]*[\w/]", text)))
    for path in paths:
        if (repo / path).exists():
            print(f"ok   {path} exists")
            passed += 1
        else:
            print(f"FAIL {path}: named in the tour, missing from the repository")
            failures.append(path)

    with tempfile.TemporaryDirectory(prefix="podium-tour-") as tmp:
        os.symlink(repo / "calendars", os.path.join(tmp, "calendars"))
        # The inherited environment, without any PODIUM_ setting of whoever runs the suite.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PODIUM_")}
        env["PODIUM_DATABASE"] = os.path.join(tmp, "podium.sqlite")
        env["HOME"] = tmp

        for command, expected in steps:
            try:
                words = shlex.split(command)
            except ValueError:  # unbalanced quotes: bash will say so when it runs the line
                words = command.split()
            if words and words[0] == "export":
                for assignment in words[1:]:
                    name, sep, value = assignment.partition("=")
                    if sep:
                        env[name] = value
                print(f"set  {' '.join(words[1:])}")
                continue
            status, output = run(command, binary, tmp, env)
            allowed = {0, 1} if subcommand(words) in MAY_FIND_PROBLEMS else {0}
            problems = []
            if status is None:
                problems.append(f"timed out after {TIMEOUT} s")
            elif status not in allowed:
                problems.append(f"exit {status}")
            if expected is not None and expected not in output:
                problems.append(f'missing "{expected}"')
            if problems:
                print(f"FAIL {command}: {' / '.join(problems)}")
                for line in output.rstrip("\n").splitlines()[-TAIL:]:
                    print(f"     | {line}")
                failures.append(command)
            else:
                print(f"ok   {command}")
                passed += 1

    total = passed + len(failures)
    if failures:
        print(f"tour: {len(failures)} of {total} checks failed "
              f"({len(steps)} lines in {len(blocks)} sh blocks, {len(paths)} paths)")
        return 1
    print(f"tour: all {total} checks passed "
          f"({len(steps)} lines in {len(blocks)} sh blocks, {len(paths)} paths)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
