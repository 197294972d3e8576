"""Organisational intelligence: importing figures the organisation already holds."""
