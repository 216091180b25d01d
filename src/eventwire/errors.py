"""The one exception hierarchy of eventwire.

::

    EventwireError
      ConfigError(EventwireError, ValueError)
      InputError(EventwireError, ValueError)
        UnreadableArticle
        UnsupportedFormat
      ModelError           invalid span or evidence
      PipelineError
        MissingRequirement
        StageFailed        .stage, .article_id, __cause__ set
      StorageError
        SchemaMismatch
      BatchError           a batch cannot start or its output cannot be used

Every message says what was wrong, the offending value, and how to fix it.
Expected non-results (an article with no events, an actor with no code) are data,
not exceptions. ``EventwireWarning`` covers recoverable oddities.
"""

from __future__ import annotations

__all__ = [
    "BatchError",
    "ConfigError",
    "EventwireError",
    "EventwireWarning",
    "InputError",
    "MissingRequirement",
    "ModelError",
    "PipelineError",
    "SchemaMismatch",
    "StageFailed",
    "StorageError",
    "UnreadableArticle",
    "UnsupportedFormat",
]


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class ConfigError(EventwireError, ValueError):
    """A setting has an unknown name or a value of the wrong kind."""


class InputError(EventwireError, ValueError):
    """An input cannot be turned into articles."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source


class UnreadableArticle(InputError):
    """The input exists but its content is not a usable article."""


class UnsupportedFormat(InputError):
    """The input's type is not one eventwire reads."""


class ModelError(EventwireError):
    """A value of the data model is invalid (for example a span out of range)."""


class PipelineError(EventwireError):
    """The pipeline is built wrongly or a stage failed."""


class MissingRequirement(PipelineError):
    """A stage needs something that no earlier stage provides."""


class StageFailed(PipelineError):
    """A stage raised on one article."""

    def __init__(self, message: str, *, stage: str, article_id: str) -> None:
        super().__init__(message)
        self.stage = stage
        self.article_id = article_id


class StorageError(EventwireError):
    """The event database cannot be opened or written."""


class SchemaMismatch(StorageError):
    """The database was written by an incompatible schema version."""


class BatchError(EventwireError):
    """A batch cannot start or its output directory cannot be used or loaded."""


class EventwireWarning(UserWarning):
    """A recoverable oddity: the run goes on, the user should know."""
