"""The hooks named in mkdocs.yml: a thin entry point into `under_constraint.mkdocs_adapter`.

MkDocs loads this file once per process and `mkdocs serve` keeps every module it has
imported, so an edit to the project's Python would be announced ("Documentation built")
yet not used. Each build therefore starts by importing the project's modules afresh and
hands every event to that build's copy of the adapter.
"""

import importlib
import sys

from mkdocs.plugins import event_priority

_adapter = None
# This module lives for the whole process (MkDocs loads hooks once), so it is where what
# outlasts one build is kept: the command given at startup (`on_startup` runs only before
# the first build) and, under `serve --dirty`, the previous build's page signatures.
_session = {"serving": False, "dirty": False, "signatures": {}}


def on_startup(*, command, dirty):
    _session.update(serving=command == "serve", dirty=dirty)


def _fresh_adapter():
    for name in [name for name in sys.modules if name == "under_constraint" or name.startswith("under_constraint.")]:
        del sys.modules[name]
    return importlib.import_module("under_constraint.mkdocs_adapter.hooks")


def on_config(config, **kwargs):
    global _adapter
    _adapter = _fresh_adapter()
    return _adapter.on_config(config, session=_session, **kwargs)


def on_files(files, *, config):
    return _adapter.on_files(files, config=config)


def on_env(env, *, config, files):
    return _adapter.on_env(env, config=config, files=files)


def on_page_markdown(markdown, *, page, config, files):
    return _adapter.on_page_markdown(markdown, page=page, config=config, files=files)


def on_page_content(html, *, page, config, files):
    return _adapter.on_page_content(html, page=page, config=config, files=files)


def on_page_context(context, *, page, config, nav):
    return _adapter.on_page_context(context, page=page, config=config, nav=nav)


def on_serve(server, *, config, builder):
    return _adapter.on_serve(server, config=config, builder=builder)


def on_post_page(output, *, page, config):
    return _adapter.on_post_page(output, page=page, config=config)


def on_post_template(output, *, template_name, config):
    return _adapter.on_post_template(output, template_name=template_name, config=config)


# After Material's search has written its index, which the adapter adds to.
@event_priority(-100)
def on_post_build(*, config):
    return _adapter.on_post_build(config=config)
