"""Demo sign-ins, one for each role. The passwords are printed by `make run`: demo only."""

from sqlalchemy import select

from ..models import User
from ..passwords import hash_password

DEMO_USERS = (
    ("psw@demo.example", "Priya Shah (demo)", "psw"),
    ("facilitator@demo.example", "Femi Adeyemi (demo)", "facilitator"),
    ("facilitator2@demo.example", "Grace Lowe (demo)", "facilitator"),
    ("admin@demo.example", "Alex Morgan (demo)", "admin"),
    ("endorser@demo.example", "Jordan Blake (demo)", "endorser"),
)
DEMO_PASSWORD = "demo-health-check-2026"


def seed(session, rng) -> list[str]:
    for email, name, role in DEMO_USERS:
        if session.scalar(select(User).where(User.email == email)) is None:
            session.add(
                User(
                    email=email,
                    name=name,
                    role=role,
                    password_hash=hash_password(DEMO_PASSWORD),
                    is_demo=True,
                )
            )
    session.commit()
    lines = ["Demo sign-ins (password for all: " + DEMO_PASSWORD + "):"]
    lines += [f"  {role:<12} {email}" for email, _, role in DEMO_USERS]
    return lines
