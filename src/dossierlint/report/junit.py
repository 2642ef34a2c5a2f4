"""JUnit XML, for CI systems that show test reports: one test suite, one failing test
case per finding (as ruff writes it), or one passing test case when there is none.

    <testsuites name="dossierlint" tests="1" failures="1" errors="0">
      <testsuite name="dossierlint" tests="1" failures="1" errors="0" skipped="0">
        <testcase name="DL103 dossiers/chile.md:23:1" classname="dossiers/chile.md" ...>
          <failure message="required section ..." type="error">line 23, column 1, ...</failure>

A finding's severity is the failure's `type`. Files that could not be checked
are test cases with an `<error>`. XML 1.0 cannot hold control characters at
all, so file names and messages are escaped with the project's printable form.
"""

from __future__ import annotations

from typing import TextIO
from xml.etree import ElementTree

from dossierlint.errors import printable
from dossierlint.findings import Finding, Report
from dossierlint.report import Output

NAME = "dossierlint"


def write(report: Report, stream: TextIO, output: Output) -> None:
    cases = [_case(finding) for finding in report.findings]
    cases += [_error_case(message) for message in report.errors]
    if not cases:
        cases.append(ElementTree.Element("testcase", name="no findings", classname=NAME))
    counts = {
        "tests": str(len(cases)),
        "failures": str(len(report.findings)),
        "errors": str(len(report.errors)),
    }
    suites = ElementTree.Element("testsuites", name=NAME, **counts)
    suite = ElementTree.SubElement(suites, "testsuite", name=NAME, skipped="0", **counts)
    suite.extend(cases)
    ElementTree.indent(suites)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ElementTree.tostring(suites, encoding="unicode") + "\n")


def _case(finding: Finding) -> ElementTree.Element:
    path, message = printable(finding.path), printable(finding.message)
    where = f"{path}:{finding.line}:{finding.column}"
    case = ElementTree.Element(
        "testcase",
        name=f"{finding.code} {where}",
        classname=path,
        file=path,
        line=str(finding.line),
    )
    failure = ElementTree.SubElement(case, "failure", message=message, type=finding.severity)
    failure.text = f"line {finding.line}, column {finding.column}, {finding.code}: {message}"
    return case


def _error_case(message: str) -> ElementTree.Element:
    case = ElementTree.Element("testcase", name=printable(message), classname=NAME)
    ElementTree.SubElement(case, "error", message=printable(message))
    return case
