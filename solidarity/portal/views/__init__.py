"""The godparents' pages on the public site ("My prisoners"): thin views over services.

Every view asks `solidarity.godparents.permissions`; an object the user may not act on answers
404, so that ids reveal nothing about other godparents' prisoners. One module per part of the
portal; `solidarity.portal.urls` maps them under `/<lang>/me/`.
"""
