"""Refinery: turn raw, risky text into data that is safe to train language models on.

    import refinery
    refinery.detect("Mail jane.doe@acme-mail.com")          # [Span(start=5, end=27, ...)]
    refinery.anonymize("Call +1 206 867 5309").text         # 'Call +1 952 555 0187'
    # (example.com addresses and 555-01xx numbers are fictional: no PII, left as written)
    refinery.score_toxicity(["you are an idiot", "hello"])  # [P(toxic), ...]
    refinery.Pipeline.from_yaml("pipeline.yaml").run(output="out/run1")
    dataset.map(refinery.anonymize_batch, batched=True)     # Hugging Face datasets

Offsets are code points, as Python strings index them. See docs/python.md.
"""

from ._refinery import (  # noqa: F401
    AnonymizeResult,
    Pipeline,
    Replacement,
    Span,
    anonymize,
    anonymize_batch,
    detect,
    detect_batch,
    score_toxicity,
    score_toxicity_batch,
)

__all__ = [
    "AnonymizeResult",
    "Pipeline",
    "Replacement",
    "Span",
    "anonymize",
    "anonymize_batch",
    "detect",
    "detect_batch",
    "score_toxicity",
    "score_toxicity_batch",
]
