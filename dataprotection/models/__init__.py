from .exports import SubjectAccessExport  # noqa: F401
