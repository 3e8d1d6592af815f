"""Peer copiers written as small scripts, run as separate processes like any other command."""
