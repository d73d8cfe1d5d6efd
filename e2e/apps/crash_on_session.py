"""Kills its own server process while the first session is being built: the websocket is open, the document
never comes, and the connection drops without a close frame (1006), as when a server crashes mid-connect."""

import os

os._exit(1)
