"""The guide's content model: load, validate, resolve references and render.

Plain Python with no MkDocs import, so scripts, tests and any site generator can use it.
"""

from guide.model import Content, Entity, load_content
from guide.problems import Problem

__all__ = ["Content", "Entity", "Problem", "load_content"]
