"""Realistic, clearly fictional demo and benchmark data (`manage.py seed_demo`).

`builder` holds the services; the other modules generate one kind of row each from tables of
names, articles, facilities and parliaments.
"""
