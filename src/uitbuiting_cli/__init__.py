"""uitbuiting: offline triage-hulp bij vermoedens van criminele uitbuiting van kinderen."""

__version__ = "0.1.0"
