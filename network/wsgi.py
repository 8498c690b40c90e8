import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")
application = get_wsgi_application()

# Built as the worker starts rather than during a visitor's first search (network.lib.thai).
from network.lib.thai import warm_up  # noqa: E402 - needs the settings configured above

warm_up()
