"""TCP_NODELAY on a real Bokeh server's websocket (LiveArguments._disable_nagle).

The code reaches into Bokeh's server objects (the session's connections and their websocket handlers), so only a
real server shows that it still finds them: a Bokeh ``Server`` in this process, a live app, and Bokeh's own Python
client sending a page's request. The socket is then found without those objects, among the process's sockets.
"""

from __future__ import annotations

import asyncio
import gc
import socket

from bokeh.application import Application
from bokeh.application.handlers.function import FunctionHandler
from bokeh.client import pull_session
from bokeh.server.server import Server
from tornado.ioloop import IOLoop

from bokeh_session import REQUEST_SOURCE_NAME, live_arguments


def accepted_sockets(port: int) -> list[socket.socket]:
    """The open TCP sockets of this process that a server listening on ``port`` accepted."""
    found = []
    for candidate in gc.get_objects():
        # type(), not isinstance(): isinstance reads __class__, which a lazy object (Django's staticfiles storage,
        # imported by another test) answers by setting itself up, and that fails outside a Django project.
        if not issubclass(type(candidate), socket.socket) or candidate.fileno() == -1:
            continue
        if candidate.family not in (socket.AF_INET, socket.AF_INET6) or candidate.getsockname()[1] != port:
            continue
        try:
            candidate.getpeername()
        except OSError:  # the listening socket
            continue
        found.append(candidate)
    return found


def nodelay(sock: socket.socket) -> bool:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


def test_a_page_request_sets_tcp_nodelay_on_the_sessions_real_websocket():
    handles = []

    def make_document(doc):
        handle = live_arguments(doc, lambda arguments: None)
        # The app's own change while its script runs, before Bokeh made the session: no socket yet, nothing fails,
        # and the socket that comes later still gets the option.
        handle.update({"N": "0"})
        handles.append(handle)

    loop = IOLoop()
    server = Server({"/": Application(FunctionHandler(make_document))}, io_loop=loop, address="127.0.0.1", port=0)
    server.start()
    port = server.port
    client = None
    try:
        client = pull_session(url=f"http://127.0.0.1:{port}/", io_loop=loop, arguments={"N": "1"})
        (handle,) = handles
        (accepted,) = accepted_sockets(port)
        # Tornado and Bokeh leave Nagle's algorithm on: what follows is this package's doing.
        assert not nodelay(accepted)

        # The page's request, as the element sends it: the request source's tags, one PATCH-DOC.
        request = client.document.get_model_by_name(REQUEST_SOURCE_NAME)
        request.tags = [{"seq": 1, "arguments": {"N": ["2"]}}]

        async def applied():
            while handle.arguments != {"N": ["2"]}:
                await asyncio.sleep(0.01)

        loop.run_sync(applied, timeout=10)
        assert nodelay(accepted)
    finally:
        if client is not None:
            client.close()
        server.stop()
        loop.close(all_fds=True)
