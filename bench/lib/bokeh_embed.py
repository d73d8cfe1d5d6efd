"""Prints, as JSON, Bokeh's own embed code for each bench app and the URLs of BokehJS's bundles on the server.

Usage: python bokeh_embed.py <server origin> <apps as JSON: {name: {path, arguments}}>
"""

import json
import sys

from bokeh.embed import server_document
from bokeh.resources import Resources

origin, apps = sys.argv[1], json.loads(sys.argv[2])
print(json.dumps({
    "embeds": {
        name: server_document(origin + app["path"], arguments=app["arguments"]) for name, app in apps.items()
    },
    "js_files": Resources(mode="server", root_url=origin + "/").js_files,
}))
