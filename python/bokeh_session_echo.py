"""The former name of ``bokeh_session.echo``, kept so that apps written against it keep working."""

from bokeh_session.echo import ECHO_SOURCE_NAME, decode_arguments, echo_arguments

__all__ = ["ECHO_SOURCE_NAME", "decode_arguments", "echo_arguments"]
