"""Load the self-assessment (the five factors and their statements) from ``data/``.

The statements are the seed's, word for word, and assessments made months apart are
compared statement by statement, so the file is not meant to be changed by a centre:
there is no override in the data folder.
"""

from __future__ import annotations

from functools import cache

from cstui.content.toml_files import load_model
from cstui.models.skills import SelfAssessment
from cstui.resources import data_file

SELF_ASSESSMENT_FILE = "self_assessment.toml"


@cache
def load_self_assessment() -> SelfAssessment:
    """The shipped self-assessment; ConfigError (naming file and key) if it is damaged."""
    return load_model(data_file(SELF_ASSESSMENT_FILE), SelfAssessment)
