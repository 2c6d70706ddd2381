"""Scored reports: alignments against gold beads, findings against labelled expectations."""
