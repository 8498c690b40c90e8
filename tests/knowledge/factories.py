"""Factories and sample files for the library's tests."""

import datetime as dt
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from knowledge.models import Attachment, Comment, FundingCall, Reply, Resource, Thread
from tests.factories import UserFactory


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    kind = Resource.Kind.DOCUMENT
    title_th = factory.Sequence(lambda n: f"เอกสารทดสอบ {n}")
    title_en = factory.Sequence(lambda n: f"Test document {n}")
    slug = factory.Sequence(lambda n: f"test-resource-{n}")
    summary_th = "สรุปเนื้อหา"
    summary_en = "A summary."
    body_th = "เนื้อหา"
    status = Resource.Status.PUBLISHED
    visibility = "public"
    published_on = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    kind = Thread.Kind.QUESTION
    title = factory.Sequence(lambda n: f"Question {n}")
    body = "How do other cities do it?"
    author = factory.SubFactory(UserFactory)
    visibility = "public"


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reply

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    body = "Like this."


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    resource = factory.SubFactory(ResourceFactory)
    author = factory.SubFactory(UserFactory)
    body = "Useful, thank you."


def pdf_bytes(text: str = "Mangrove seawall restoration") -> bytes:
    """A small valid PDF whose page shows ``text`` (ASCII), with a correct xref table."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def png_bytes(size=(4, 4)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 110, 79)).save(buffer, "PNG")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def attach(resource, name="report.pdf", content=None) -> Attachment:
    content = content if content is not None else pdf_bytes()
    return Attachment.objects.create(
        resource=resource,
        file=upload(name, content),
        filename=name,
        file_kind="pdf",
        content_type="application/pdf",
        size=len(content),
    )


class FundingCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingCall
        skip_postgeneration_save = True

    title_th = factory.Sequence(lambda n: f"ทุนทดสอบ {n}")
    title_en = factory.Sequence(lambda n: f"Test grant {n}")
    slug = factory.Sequence(lambda n: f"test-grant-{n}")
    funder = "Example Foundation"
    deadline = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    status = FundingCall.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
