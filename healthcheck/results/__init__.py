"""The data and results layer between the database and the pages (not a blueprint).

- rows: a cycle's stored answers as export-format rows, free text and focus-group inputs;
- analysis: running the analysis off the request path, cached (``get_analysis``);
- compute: what the analysis reads and computes (the result, typed in ``analysis.result``);
- state: ``AnalysisState``, the one wrapper pages get, and the stored result as pages read it;
- theme_results: the cycle's themes (quote and role rules); theme_edit_log: the PSW's theme
  renames and merges and part renames, applied by analysis.theme_edits so they survive re-runs;
- response_rate: responses per day and by role, with small groups suppressed;
- export: the anonymised response export with the same suppression as the pages.
"""

from .analysis import AnalysisState, get_analysis, run_analysis
from .response_rate import response_rate
from .rows import cycle_rows, focus_group_inputs, survey_text_rows
from .theme_edit_log import (
    ThemeEditError,
    merge_themes,
    names_not_shown,
    rename_part,
    rename_theme,
)

__all__ = [
    "AnalysisState",
    "ThemeEditError",
    "cycle_rows",
    "focus_group_inputs",
    "get_analysis",
    "merge_themes",
    "names_not_shown",
    "rename_part",
    "rename_theme",
    "response_rate",
    "run_analysis",
    "survey_text_rows",
]
