"""Test helpers for sessions: make a signed-in client's session cookie look idle for a while."""

import time

from itsdangerous import TimestampSigner, URLSafeTimedSerializer


def expire_session(app, client, idle_seconds: int | None = None) -> None:
    """Re-sign the client's session cookie as if it was last used `idle_seconds` ago (by
    default one minute past the idle limit): the server no longer signs anyone in with it."""
    if idle_seconds is None:
        idle_seconds = int(app.permanent_session_lifetime.total_seconds()) + 60
    name = app.config["SESSION_COOKIE_NAME"]
    serializer = app.session_interface.get_signing_serializer(app)
    data = serializer.loads(client.get_cookie(name).value)

    class Earlier(TimestampSigner):
        def get_timestamp(self):
            return int(time.time()) - idle_seconds

    earlier = URLSafeTimedSerializer(
        app.secret_key,
        salt=serializer.salt,
        serializer=serializer.serializer,
        signer=Earlier,
        signer_kwargs=serializer.signer_kwargs,
    )
    client.set_cookie(name, earlier.dumps(data))
