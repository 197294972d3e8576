"""Theme edits: one implementation for the app's edit log and the command line's --previous.

Synthetic themes (plain dicts, as Theme.to_dict gives them) so that each rule is tested on
its own, without a clustering in between.
"""

import pytest

from analysis.quotes import quote_key
from analysis.theme_edits import (
    ThemeEditError,
    apply_edits,
    apply_hidden,
    carry_edits,
    find_part,
    find_theme,
    merge_themes,
    part_ref,
    rename_part,
    rename_theme,
    term_key,
    theme_ref,
)


def theme(theme_id, keys, label=None, **fields):
    out = {
        "id": theme_id,
        "label": label or theme_id,
        "kind": "theme",
        "size": len(keys),
        "rows": len(keys),
        "sentiment": 0.0,
        "keywords": [f"{theme_id} word"],
        "member_keys": sorted(keys),
        "quotes": [{"text": f"What {theme_id} wrote", "by": theme_id}],
        "areas": {"workload": len(keys)},
        "sentiment_counts": {"neutral": len(keys)},
    }
    out.update(fields)
    return out


def keys(prefix, n):
    return [f"{prefix}{i:03d}" for i in range(n)]


def test_a_merged_theme_needs_a_name_in_the_app_and_the_library():
    themes = [theme("t1", keys("a", 10)), theme("t2", keys("b", 10))]
    for label in (None, "", "   "):
        with pytest.raises(ThemeEditError, match="Enter a name"):
            merge_themes(themes, ["t1", "t2"], label)
    with pytest.raises(ThemeEditError, match="120 characters"):
        merge_themes(themes, ["t1", "t2"], "x" * 121)
    with pytest.raises(ThemeEditError, match="at least two"):
        merge_themes(themes, ["t1", "t1"], "Both")
    assert merge_themes(themes, ["t1", "t2"], "  Both   of them ")[0]["label"] == "Both of them"


def test_the_edit_log_and_the_library_merge_alike():
    themes = [
        theme("t1", keys("a", 12), respondents=9, role_counts={"sw": 9}, last_year=None),
        theme("t2", keys("b", 8), respondents=6, role_counts={"sw": 6}, last_year=None),
        theme("t3", keys("c", 5), respondents=5, role_counts={}, last_year=None),
    ]
    edit = {
        "id": 7,
        "kind": "merge",
        "payload": {"themes": [theme_ref(themes[2]), theme_ref(themes[0])], "label": "Both"},
    }
    logged = apply_edits({"themes": themes}, [edit])
    library = merge_themes(themes, ["t3", "t1"], "Both")
    assert logged["themes"] == library
    assert logged["edits_applied"] == 1 and logged["edits_not_applied"] == []
    assert [t["id"] for t in library] == ["t2", "t3"]
    merged = library[1]
    assert merged["size"] == 17 and merged["merged_from"] == ["t3", "t1"]
    assert merged["label_edited"] is True
    assert merged["areas"] == {"workload": 17}
    # one person may be in both parts: no figure of distinct people for a merged theme
    assert merged["respondents"] is None and merged["role_counts"] == {}
    assert [q["by"] for q in merged["quotes"]] == ["t3", "t1"]


def test_a_rename_follows_the_theme_not_a_fragment_or_a_giant():
    edited = theme("t1", keys("a", 40))
    ref = theme_ref(edited)
    fragment = theme("t7", keys("a", 4))  # wholly inside the edited theme, but a tenth of it
    continued = theme("t2", keys("a", 40)[4:] + keys("n", 10))  # lost 4, gained 10
    assert find_theme([fragment, continued], ref)["id"] == "t2"
    giant = theme("t3", keys("a", 40) + keys("z", 200))  # swallowed it and much more
    assert find_theme([giant], ref) is None
    log = [{"id": 1, "kind": "rename", "payload": {"theme": ref, "label": "Hot desks"}}]
    result = apply_edits({"themes": [fragment, continued, giant]}, log)
    assert [t["label"] for t in result["themes"]] == ["t7", "Hot desks", "t3"]
    gone = apply_edits({"themes": [giant]}, log)
    assert gone["edits_not_applied"] == [1] and gone["themes"][0]["label"] == "t3"


def test_the_command_line_carries_edits_by_the_same_rule():
    previous = rename_theme([theme("t1", keys("a", 40)), theme("t2", keys("b", 30))], "t1", "Desks")
    previous = merge_themes(previous + [theme("t3", keys("c", 30))], ["t2", "t3"], "Tools")
    current = [
        theme("t1", keys("a", 4)),  # a fragment of the renamed theme
        theme("t2", keys("a", 40)[4:] + keys("n", 10)),  # the renamed theme, continued
        theme("t3", keys("b", 30)),  # the merge's parts, found apart again
        theme("t4", keys("c", 30)),
    ]
    themes, id_map = carry_edits(previous, current)
    by_label = {t["label"]: t for t in themes}
    assert by_label["Desks"]["id"] == "t1" and by_label["Desks"]["size"] == 46
    assert by_label["Tools"]["id"] == "t2" and by_label["Tools"]["size"] == 60
    assert by_label["Tools"]["merged_from"] == ["t2", "t3"]
    assert id_map == {"t2": "t1", "t3": "t2", "t4": "t2", "t1": id_map["t1"]}
    assert id_map["t1"] not in {"t1", "t2"}  # the fragment gets an id of its own


def test_hidden_quotes_and_terms_are_taken_out():
    result = {
        "themes": [theme("t1", keys("a", 5), keywords=["Hot desking", "desks"])],
        "unclear": theme("unclear", []),
    }
    hidden = {"quote": {quote_key("what T1 wrote!")}, "term": {term_key("  HOT  desking")}}
    out = apply_hidden(result, hidden)
    assert out["themes"][0]["quotes"] == [] and out["themes"][0]["keywords"] == ["desks"]
    assert out["unclear"]["quotes"] == result["unclear"]["quotes"]
    assert result["themes"][0]["quotes"]  # the input is left alone
    assert apply_hidden(result, {"quote": set(), "term": set()}) is result


def test_a_merged_theme_covers_what_each_theme_covered():
    laptops = theme(
        "t1",
        keys("a", 20),
        "Tools",
        parts=[{"label": "Faster laptops", "size": 12}, {"label": "Translator booking", "size": 8}],
    )
    desks = theme("t2", keys("b", 9), "Hot desking")
    [merged] = merge_themes([laptops, desks], ["t1", "t2"], "Tools and the office")
    assert merged["parts"] == [
        {"label": "Faster laptops", "size": 12},
        {"label": "Hot desking", "size": 9, "member_keys": keys("b", 9)},
        {"label": "Translator booking", "size": 8},
    ]


def part(label, part_keys):
    return {"label": label, "size": len(part_keys), "member_keys": sorted(part_keys)}


def supervision(parts, theme_id="t1"):
    return theme(theme_id, [k for p in parts for k in p["member_keys"]], "Supervision", parts=parts)


def test_a_renamed_part_follows_its_statements_through_a_re_run():
    before = supervision([part("Tick box exercise", keys("a", 20)), part("Group", keys("b", 12))])
    ref = part_ref(before["parts"][0])
    log = [
        {
            "id": 3,
            "kind": "part",
            "payload": {
                "theme": theme_ref(before),
                "part": ref,
                "label": "Supervision is a tick box exercise",
            },
        }
    ]
    [logged] = apply_edits({"themes": [before]}, log)["themes"]
    assert logged["parts"][0].pop("edit_id") == 3  # the edit that named it
    assert [logged] == rename_part([before], "t1", 1, "  Supervision is a   tick box exercise ")
    # The re-run: new answers, the parts in another order, the analysis's label changed.
    after = supervision(
        [
            part("Group", keys("b", 15)),
            part("A tick box exercise", keys("a", 20)[2:] + keys("n", 4)),
        ]
    )
    result = apply_edits({"themes": [after]}, log)
    assert result["edits_not_applied"] == []
    renamed = result["themes"][0]["parts"]
    assert [p["label"] for p in renamed] == ["Group", "Supervision is a tick box exercise"]
    assert renamed[1]["original_label"] == "A tick box exercise" and renamed[1]["label_edited"]
    assert "original_label" not in renamed[0]
    assert after["parts"][1]["label"] == "A tick box exercise"  # the input is left alone
    # A part whose statements have gone is not guessed at, even with the same label.
    gone = supervision([part("Tick box exercise", keys("z", 20)), part("Group", keys("b", 12))])
    result = apply_edits({"themes": [gone]}, log)
    assert result["edits_not_applied"] == [3]
    assert [p["label"] for p in result["themes"][0]["parts"]] == ["Tick box exercise", "Group"]
    # Results stored before parts kept their keys: found by the analysis's label.
    old = {"label": "Tick box exercise", "size": 20}
    assert find_part([{"label": "Group", "size": 9}, old], ref) is old


def test_the_analysis_label_again_undoes_a_part_rename_and_bad_names_are_refused():
    themes = [supervision([part("Tick box exercise", keys("a", 20)), part("Group", keys("b", 9))])]
    renamed = rename_part(themes, "t1", 2, "Group supervision helps us learn")
    assert renamed[0]["parts"][1]["original_label"] == "Group"
    undone = rename_part(renamed, "t1", 2, "Group")
    assert undone[0]["parts"] == themes[0]["parts"]
    for label, message in ((" ", "Enter a name for the part"), ("x" * 121, "part name must")):
        with pytest.raises(ThemeEditError, match=message):
            rename_part(themes, "t1", 1, label)
    with pytest.raises(ThemeEditError, match="no longer in the theme"):
        rename_part(themes, "t1", 3, "A third part")
    # Invisible format characters are taken out: a name reads as it is written.
    spoofed = rename_part(themes, "t1", 1, "Pool cars\u202e are fine\u200b")
    assert spoofed[0]["parts"][0]["label"] == "Pool cars are fine"


def test_a_renamed_part_stays_renamed_in_a_merge_and_on_the_command_line():
    tools = theme("t2", keys("c", 9), "Hot desking")
    themes = [supervision([part("Tick box exercise", keys("a", 20)), part("Group", keys("b", 9))])]
    themes = rename_part(themes + [tools], "t1", 1, "Supervision is a tick box exercise")
    [merged] = merge_themes(themes, ["t1", "t2"], "Supervision and desks")
    assert [p["label"] for p in merged["parts"]] == [
        "Supervision is a tick box exercise",
        "Group",
        "Hot desking",
    ]
    # The log: a part renamed after a merge is found in the merged theme.
    merge = {"id": 1, "kind": "merge", "payload": {"themes": [theme_ref(t) for t in themes]}}
    merge["payload"]["label"] = "Supervision and desks"
    fresh = [supervision([part("Tick box exercise", keys("a", 20)), part("Group", keys("b", 9))])]
    fresh.append(tools)
    rename = {
        "id": 2,
        "kind": "part",
        "payload": {
            "theme": theme_ref(merged),
            "part": part_ref(merged["parts"][1]),
            "label": "Group supervision helps us learn",
        },
    }
    [logged] = apply_edits({"themes": fresh}, [merge, rename])["themes"]
    assert [p["label"] for p in logged["parts"]] == [
        "Tick box exercise",
        "Group supervision helps us learn",
        "Hot desking",
    ]
    # The command line: the previous run's renamed part is carried to the re-run's.
    current = [supervision([part("Group", keys("b", 9)), part("Tick box", keys("a", 21))], "t9")]
    [carried], _ = carry_edits(themes[:1], current)
    assert [p["label"] for p in carried["parts"]] == [
        "Group",
        "Supervision is a tick box exercise",
    ]


def test_a_small_part_that_shares_a_statement_does_not_take_a_name():
    # Keys repeat: a statement written by many counts as often as it was written.
    renamed = part("Laptops", ["a1"] * 12 + ["a2"] * 4 + ["a3"] * 2)
    before = supervision([renamed, part("Desks", keys("d", 9))])
    log = [
        {
            "id": 5,
            "kind": "part",
            "payload": {"theme": theme_ref(before), "part": part_ref(renamed), "label": "Slow"},
        }
    ]
    # The re-run: most of it went on under another name; a new small part holds one of its
    # rarer statements, and a part in another theme another.
    successor = part("Laptops are slow", ["a1"] * 12 + ["a2"] * 3 + ["n1"] * 5)
    small = part("Phones", ["a3"] * 2 + ["p1"])
    elsewhere = theme("t2", keys("z", 30), "Other", parts=[part("Cars", ["a2"] + keys("c", 6))])
    after = supervision([small, successor, part("Desks", keys("d", 9))])
    result = apply_edits({"themes": [after, elsewhere]}, log)
    labels = [p["label"] for t in result["themes"] for p in t["parts"]]
    assert labels == ["Phones", "Slow", "Desks", "Cars"]
    # Gone: only a small part here and one elsewhere hold any of it. Not guessed at.
    result = apply_edits(
        {"themes": [supervision([small, part("Desks", keys("d", 9))]), elsewhere]}, log
    )
    assert result["edits_not_applied"] == [5]
    assert "Slow" not in [p["label"] for t in result["themes"] for p in t["parts"]]


def test_two_renamed_parts_that_became_one_say_which_name_is_not_shown():
    cars, vans = part("Pool cars", keys("c", 10)), part("Pool vans", keys("v", 10))
    before = supervision([cars, vans])
    log = [
        {
            "id": n,
            "kind": "part",
            "payload": {"theme": theme_ref(before), "part": part_ref(p), "label": name},
        }
        for n, p, name in (
            (1, cars, "Pool cars are hard to book"),
            (2, vans, "Vans are never free"),
        )
    ]
    after = supervision(
        [part("Pool vehicles", keys("c", 10) + keys("v", 9)), part("Desks", keys("d", 9))]
    )
    result = apply_edits({"themes": [after]}, log)
    assert [p["label"] for p in result["themes"][0]["parts"]] == ["Vans are never free", "Desks"]
    assert result["edits_not_applied"] == [1]
