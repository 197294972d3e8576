"""The administrator's pages: accounts and the audit log (routes.py), and running a health
check: cycles, headcounts and invitations (cycle_views.py), the organisation's lists of teams
and job roles (list_views.py) and instrument versions (instrument_views.py)."""
