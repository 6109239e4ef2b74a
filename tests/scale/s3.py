"""A local S3-compatible server (moto's, on 127.0.0.1) with one bucket, for the media storage tests."""

from __future__ import annotations

import contextlib
import socket
import uuid

# Fake keys that only moto's local server ever sees.
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test-only-access-key", "AWS_SECRET_ACCESS_KEY": "test-only-secret-key"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalS3:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.bucket = f"pa-media-{uuid.uuid4().hex[:8]}"
        self.server = None

    def __enter__(self) -> LocalS3:
        from moto.server import ThreadedMotoServer

        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        self.client().create_bucket(Bucket=self.bucket)
        return self

    def __exit__(self, *exc) -> None:
        with contextlib.suppress(Exception):
            self.server.stop()

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )

    def object_names(self) -> list[str]:
        return [item["Key"] for item in self.client().list_objects_v2(Bucket=self.bucket).get("Contents", [])]

    def environment(self) -> dict[str, str]:
        """What a process needs in its environment to keep its media in this bucket."""
        return {
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            **CREDENTIALS,
        }
