"""A small instrument for the scoring tests: every question type, unscored options, an area
that nobody answers, and the about-you columns used for breakdowns.

INSTRUMENT_DATA is the file's content (as yaml.safe_load gives it); INSTRUMENT the checked
surveys.Instrument that analysis/ takes."""

from surveys import build_instrument

FIVE = [{"code": c, "label": c.replace("_", " ").title()} for c in ("vp", "p", "f", "g", "vg")]
YES_PARTLY_NO = [
    {"code": "no", "label": "No"},
    {"code": "partly", "label": "Partly"},
    {"code": "yes", "label": "Yes"},
    {"code": "not_used", "label": "Not used", "scored": False},
]


def about(qid, codes):
    options = [{"code": c, "label": c.upper()} for c in codes]
    options.append({"code": "prefer_not_to_say", "label": "Prefer not to say", "scored": False})
    return {
        "id": qid,
        "text": qid.replace("_", " "),
        "type": "single",
        "area": None,
        "scored": False,
        "options": options,
    }


INSTRUMENT_DATA = {
    "id": "mini",
    "version": 1,
    "title": "Mini health check",
    "areas": [
        {"id": "work", "name": "Workload"},
        {"id": "tools", "name": "Tools"},
        {"id": "delivery", "name": "Delivery"},
        {"id": "quiet", "name": "Quiet"},
    ],
    "sections": [
        {
            "id": "work",
            "title": "Workload",
            "area": "work",
            "questions": [
                {
                    "id": "Q1",
                    "text": "How fair?",
                    "type": "single",
                    "area": "work",
                    "scored": True,
                    "options": FIVE,
                    "comment": {"label": "More"},
                },
                {
                    "id": "Q2",
                    "text": "Enough?",
                    "type": "single",
                    "area": "work",
                    "scored": True,
                    "options": YES_PARTLY_NO,
                },
                {"id": "Q3", "text": "Tell us", "type": "text", "area": "work", "scored": False},
            ],
        },
        {
            "id": "tools",
            "title": "Tools",
            "area": "tools",
            "questions": [
                {
                    "id": "G",
                    "text": "Tools",
                    "type": "grid",
                    "area": "tools",
                    "scored": True,
                    "options": YES_PARTLY_NO,
                    "rows": [{"code": "it", "label": "IT"}, {"code": "cars", "label": "Cars"}],
                },
            ],
        },
        {
            "id": "delivery",
            "title": "Delivery",
            "area": "delivery",
            "questions": [
                {
                    "id": "S",
                    "text": "Rate",
                    "type": "scale",
                    "area": "delivery",
                    "scored": True,
                    "min": 1,
                    "max": 5,
                    "focus_group": "scores",
                },
                {
                    "id": "M",
                    "text": "Changes",
                    "type": "multiple",
                    "area": "delivery",
                    "scored": False,
                    "focus_group": "counts",
                    "options": [
                        {"code": "a", "label": "A"},
                        {"code": "b", "label": "B"},
                        {"code": "none", "label": "None", "exclusive": True},
                    ],
                },
                {
                    "id": "Y",
                    "text": "Did it?",
                    "type": "single",
                    "area": "delivery",
                    "scored": False,
                    "focus_group": "counts",
                    "options": YES_PARTLY_NO[:3],
                },
            ],
        },
        {
            "id": "quiet",
            "title": "Quiet",
            "area": "quiet",
            "questions": [
                {
                    "id": "E",
                    "text": "Ever?",
                    "type": "single",
                    "area": "quiet",
                    "scored": True,
                    "options": [{"code": "no", "label": "No"}, {"code": "yes", "label": "Yes"}],
                },
            ],
        },
        {
            "id": "about",
            "title": "About you",
            "area": None,
            "questions": [
                about("about_role", ["sw", "ot", "mgr"]),
                about("about_team", ["t1", "t2", "t3", "t4"]),
                about("about_service", ["s1", "s2", "s3"]),
            ],
        },
    ],
}

for _section in INSTRUMENT_DATA["sections"]:
    for _question in _section["questions"]:
        _question["addition"] = True  # not Appendix 5 questions: lets surveys.loader accept it

INSTRUMENT = build_instrument(INSTRUMENT_DATA, "mini-v1.yaml")
