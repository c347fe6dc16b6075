#!/usr/bin/env python3
"""Adds up every Surefire/Failsafe report of the run into one closing line: 'N passed, N failed'."""
import glob
import sys
import xml.etree.ElementTree as ET

tests = failed = skipped = 0
for report in glob.glob("**/target/*-reports/TEST-*.xml", recursive=True):
    root = ET.parse(report).getroot()
    tests += int(root.get("tests", 0))
    failed += int(root.get("failures", 0)) + int(root.get("errors", 0))
    skipped += int(root.get("skipped", 0))
passed = tests - failed - skipped
# a newline first: Maven may leave colour resets at the start of the line
print()
print(f"java: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or tests == 0 else 0)
