"""Network health: the handbook's measures of a real network, computed from what members do.

``activity`` reads the apps' records, ``graph`` builds the ties between organisations with
networkx, ``compute`` turns both into the figures the coordinators' dashboard shows, stored in
:class:`~network.health.models.HealthSnapshot` so the page never computes anything itself.
"""
