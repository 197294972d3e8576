"""The administrator's logo upload: checked before saving, re-encoded, shown on the cover."""

import io

from PIL import Image
from sqlalchemy import select

from healthcheck.models import ReportLogo


def png(size=(40, 20), fmt="PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (29, 112, 184)).save(out, format=fmt)
    return out.getvalue()


def upload(client, data: bytes, name="logo.png"):
    return client.post(
        "/admin/logo/",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_a_png_or_jpeg_is_stored_as_png_and_audited(admin_client, db):
    assert upload(admin_client, png() + b"<script>hidden</script>").status_code == 302
    stored = db.session.scalar(select(ReportLogo))
    assert stored.data.startswith(b"\x89PNG") and b"hidden" not in stored.data
    assert upload(admin_client, png(fmt="JPEG"), "logo.jpg").status_code == 302
    assert db.session.query(ReportLogo).count() == 1  # one logo: the new one replaces it
    assert admin_client.get("/admin/logo/image.png").mimetype == "image/png"


def test_anything_else_is_refused_and_nothing_saved(admin_client, db):
    for data, message in (
        (b"GIF89a not really", "must be a PNG or JPEG"),
        (b"", "Select a PNG or JPEG file"),
        (b"\x89PNG" + b"0" * 505_000, "smaller than 500KB"),
        (png(size=(5000, 10)), "at most 4000 pixels"),
    ):
        response = upload(admin_client, data)
        assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert db.session.query(ReportLogo).count() == 0


def test_the_logo_reaches_the_report_cover_snapshot(admin_client, app):
    from healthcheck.reports.snapshot import _logo_data_uri

    upload(admin_client, png())
    assert _logo_data_uri().startswith("data:image/png;base64,")
