"""The app's models, a module per concern; each is imported here so Django finds it."""

from .erasures import Erasure  # noqa: F401
from .exports import SubjectAccessExport  # noqa: F401
from .holds import LegalHold  # noqa: F401
from .retention import RetentionAction, RetentionRule  # noqa: F401
from .runs import RetentionRun  # noqa: F401
