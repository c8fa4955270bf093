"""Pure triage detectors: plain values in, frozen dataclasses with reasons out. No Django."""
