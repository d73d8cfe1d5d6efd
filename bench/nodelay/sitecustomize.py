"""Loaded by Python at startup when this folder is on PYTHONPATH: makes Bokeh's websocket set TCP_NODELAY.

Bokeh writes each protocol message as several small websocket frames; with Nagle's algorithm on, every frame
after the first waits for the browser's delayed ACK (~40 ms). The bench runs a second `bokeh serve` with this
patch to measure what that costs a session open. It is a measurement aid, not part of the SDK.
"""

from bokeh.server.views import ws

_open = ws.WSHandler.open


def _open_without_nagle(self, *args, **kwargs):
    self.set_nodelay(True)
    return _open(self, *args, **kwargs)


ws.WSHandler.open = _open_without_nagle
