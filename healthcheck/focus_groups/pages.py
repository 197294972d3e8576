"""The focus-group form, page by page, built from the instrument file.

Pages: "details" (date, team, facilitators, participants and their role mix, consent), one page
per Appendix 5 heading (notes against every question the instrument marks for focus groups,
plus Q16/Q17 participant scores and Q18/Q20-22 counts), "topics" (the six discussion topics)
and "summary" (key quotes, the facilitator's summary, general notes).

Every field has a flat name and a string value, so that a page can be saved, stashed, compared
with someone else's save and restored the same way:

    details:   held_on-day/-month/-year, team, facilitators (list), participants,
               role.<about_role code>, consent
    notes:     note.<question id>, note.topic.<topic id>, note.general
    figures:   score.<question id>.p<n> (1..participants), count.<question id>.<option code>
    summary:   key_quotes, summary
"""

from __future__ import annotations

from dataclasses import dataclass, field

from surveys import Instrument

MAX_SCORE_INPUTS = 20
DEFAULT_SCORE_INPUTS = 8


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str  # textarea | text | select | number | date | checkboxes | checkbox | score | count
    hint: str | None = None
    options: tuple[tuple[str, str], ...] = ()
    group: str | None = None  # the question a score/count belongs to
    minimum: int = 0
    maximum: int | None = None

    @property
    def is_text(self) -> bool:
        return self.kind in ("textarea", "text")


@dataclass(frozen=True)
class Block:
    """One question (or topic) on a page: its notes and any figures."""

    id: str
    heading: str
    number: int | None
    text: str | None
    fields: tuple[Field, ...]
    figures_kind: str | None = None  # scores | counts


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(f for b in self.blocks for f in b.fields)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def value_names(self) -> list[str]:
        """The flat names of the page's values (a date is three: -day, -month, -year)."""
        names = []
        for f in self.fields:
            if f.kind == "date":
                names += [f"{f.name}-day", f"{f.name}-month", f"{f.name}-year"]
            else:
                names.append(f.name)
        return names


def role_options(instrument: Instrument) -> tuple[tuple[str, str], ...]:
    """The about_role options (bar "Prefer not to say"): the role mix is counted in these."""
    try:
        question = instrument.question("about_role")
    except (KeyError, LookupError):
        return (("other", "Other"),)
    return tuple((o.code, o.label) for o in question.options if o.code != "prefer_not_to_say")


def score_inputs(participants: int | None) -> int:
    if not participants:
        return DEFAULT_SCORE_INPUTS
    return max(1, min(participants, MAX_SCORE_INPUTS))


def team_field(teams: tuple[str, ...] = ()) -> Field:
    """Chosen from the organisation's list of teams and services when it has one (so focus
    groups and the survey name teams alike); typed in otherwise."""
    if teams:
        return Field("team", "Team or service", "select", options=tuple((t, t) for t in teams))
    return Field("team", "Team or service", "text", hint="For example, Locality North")


def details_page(
    instrument: Instrument, facilitators: list[tuple[str, str]], teams: tuple[str, ...] = ()
) -> Page:
    fields = (
        Field("held_on", "Date of the focus group", "date", hint="For example, 27 3 2026"),
        team_field(teams),
        Field(
            "facilitators",
            "Facilitators",
            "checkboxes",
            hint="Select everyone who ran this focus group. They can all edit these notes.",
            options=tuple(facilitators),
        ),
        Field("participants", "Number of participants", "number", maximum=200),
    )
    roles = tuple(
        Field(f"role.{code}", label, "number", maximum=200)
        for code, label in role_options(instrument)
    )
    consent = (
        Field(
            "consent",
            "Everyone taking part agreed to their views being noted, without their names",
            "checkbox",
        ),
    )
    return Page(
        "details",
        "Details",
        (
            Block("details", "About the focus group", None, None, fields),
            Block(
                "roles",
                "Role mix",
                None,
                "How many participants in each role (no names). Focus groups are not anonymous: "
                "the role mix stays on this record and no report shows it.",
                roles,
            ),
            Block("consent", "Consent", None, None, consent),
        ),
    )


def question_page(instrument: Instrument, section, participants: int | None) -> Page:
    blocks = []
    for q in section.questions:
        if q.focus_group is None:
            continue
        heading = f"Question {q.number}" if q.number else "Overall rating (addition)"
        fields = [Field(f"note.{q.id}", f"Notes: {heading.lower()}", "textarea")]
        if q.focus_group == "scores":
            fields += [
                Field(
                    f"score.{q.id}.p{n}",
                    f"Participant {n}",
                    "score",
                    group=q.id,
                    minimum=q.min or 1,
                    maximum=q.max or 10,
                )
                for n in range(1, score_inputs(participants) + 1)
            ]
        elif q.focus_group == "counts":
            fields += [
                Field(f"count.{q.id}.{o.code}", o.label, "count", group=q.id, maximum=200)
                for o in q.options
            ]
        blocks.append(
            Block(
                q.id,
                heading,
                q.number,
                q.text,
                tuple(fields),
                q.focus_group if q.focus_group in ("scores", "counts") else None,
            )
        )
    # One name for the area, as the survey gives it ("Effective service delivery", not the
    # Appendix 5 heading "Approach to Practice").
    return Page(section.id, instrument.survey_title(section), tuple(blocks))


def topics_page(instrument: Instrument) -> Page:
    blocks = tuple(
        Block(
            f"topic.{t.id}",
            t.title,
            None,
            None,
            (Field(f"note.topic.{t.id}", f"Notes: {t.title}", "textarea"),),
        )
        for t in instrument.discussion_topics
    )
    return Page("topics", "Discussion topics", blocks)


def summary_page() -> Page:
    return Page(
        "summary",
        "Key quotes and summary",
        (
            Block(
                "key_quotes",
                "Key quotes",
                None,
                None,
                (
                    Field(
                        "key_quotes",
                        "Key quotes",
                        "textarea",
                        hint=(
                            "Quotes for the report: one a line, in participants' own words, "
                            "without names. Start a line with the question number "
                            "(for example “Q3: ...”) to show it under that question. A quote "
                            "is used only when the group had 5 or more participants and the "
                            "redaction check finds no personal detail in it."
                        ),
                    ),
                ),
            ),
            Block(
                "summary",
                "Facilitator's summary",
                None,
                None,
                (Field("summary", "Facilitator's summary", "textarea"),),
            ),
            Block(
                "general",
                "General notes",
                None,
                None,
                (
                    Field(
                        "note.general",
                        "General notes",
                        "textarea",
                        hint="Anything that does not belong to one question or topic.",
                    ),
                ),
            ),
        ),
    )


def build_pages(
    instrument: Instrument,
    facilitators: list[tuple[str, str]],
    participants: int | None,
    teams: tuple[str, ...] = (),
) -> list[Page]:
    pages = [details_page(instrument, facilitators, teams)]
    pages += [
        question_page(instrument, s, participants)
        for s in instrument.sections
        if s.area is not None and any(q.focus_group for q in s.questions)
    ]
    pages += [topics_page(instrument), summary_page()]
    return pages


def note_keys(instrument: Instrument) -> list[tuple[str, str]]:
    """Every note key with a readable heading, in form order (for the record's overview)."""
    keys = []
    for s in instrument.sections:
        for q in s.questions:
            if q.focus_group is not None:
                keys.append((q.id, f"Q{q.number}" if q.number else q.text))
    keys += [(f"topic.{t.id}", t.title) for t in instrument.discussion_topics]
    keys.append(("general", "General notes"))
    return keys
