"""Kept for migration 0001, which names ``knowledge.storage.PrivateStorage``; the storage is shared
plumbing in ``network/lib/storage.py`` (project progress-report attachments use it too)."""

from network.lib.storage import PrivateStorage, private_root, private_storage

__all__ = ["PrivateStorage", "private_root", "private_storage"]
