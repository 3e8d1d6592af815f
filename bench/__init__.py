"""Conveyor's benchmark: datasets, peers, measurement and the report (`make bench`)."""
