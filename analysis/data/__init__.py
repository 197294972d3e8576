"""Word lists shipped with the analysis (a package so that setup.cfg's *.txt package data
includes them in wheels)."""
