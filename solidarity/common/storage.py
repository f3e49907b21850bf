"""Storage for restricted files: kept outside MEDIA_ROOT and never given a public URL."""

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Files readable only through views that ask the permission policy first."""

    def url(self, name):
        raise NotImplementedError("Private files have no public URL; serve them through a view.")
